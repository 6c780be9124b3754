import { scopedDb } from '../../core/access';
import { defineMessages } from '../../core/i18n';
import type { LinliModule } from '../../core/module';
import { migrations } from './migrations';
import { permissions } from './policy';
import { visitsSection } from './queries';
import { routes } from './routes';
import { seedDemo } from './seed';
import './tables';

export type { Plan, PlanDetail, Ledger } from './schema';

defineMessages({
  VISITS_UNKNOWN_LIST: { zh: '本社区没有这份名单', en: 'No such saved list in this community' },
  VISITS_EMPTY_LIST: { zh: '名单“{name}”目前没有人', en: 'The list “{name}” holds nobody today' },
  VISITS_DATES_ORDER: { zh: '结束日期不能早于开始日期', en: 'The end cannot be before the start' },
  VISITS_UNKNOWN_ASSIGNEE: { zh: '只能分配给本社区的工作人员，或填写走访人姓名', en: 'Choose a staff member of this community, or type a name' },
  VISITS_UNKNOWN_TARGET: { zh: '有的走访对象不在这个计划中', en: 'Some of these people are not on this plan' },
  VISITS_DATE_FUTURE: { zh: '走访日期不能晚于今天', en: 'The visit date cannot be in the future' },
});

/** 走访慰问 — holiday visits to retired cadres, old workers and households in difficulty: plans, records, ledgers. */
export const visitsModule: LinliModule = {
  name: 'visits',
  label: { zh: '走访慰问', en: 'Holiday visits' },
  migrations,
  permissions,
  routes,
  seedDemo,
  // the work report counts every visit; its sentences name no list built on a sensitive tag
  reportSection: ({ db, communityId, from, to }) => visitsSection(scopedDb(db.kysely, communityId), from, to, true),
};
