import { scopedDb } from '../../core/access';
import { defineMessages } from '../../core/i18n';
import type { LinliModule } from '../../core/module';
import { migrations } from './migrations';
import { permissions } from './policy';
import { employmentSection } from './queries';
import { routes } from './routes';
import { seedDemo } from './seed';
import './tables';

export type { Case, CaseDetail, ZeroHousehold } from './schema';
/** for the services overview: open cases, placements, zero-employment households and follow-ups due */
export { zeroEmploymentHouseholds, summary as employmentSummary } from './queries';

defineMessages({
  EMPLOYMENT_UNKNOWN_RESIDENT: { zh: '本社区没有这位居民', en: 'No such resident in this community' },
  EMPLOYMENT_RESIDENT_GONE: { zh: '{name} 已迁出或已故，不能登记', en: '{name} has moved out or died' },
  EMPLOYMENT_CASE_OPEN: { zh: '{name} 已有一份正在帮扶的登记', en: '{name} already has an open case' },
  EMPLOYMENT_CASE_CLOSED: { zh: '这份帮扶已结案，只能补记回访', en: 'This case is closed; only follow-ups can be added' },
  EMPLOYMENT_NOT_PLACED: { zh: '安置就业后才能回访', en: 'Follow-ups come after a placement' },
  EMPLOYMENT_FOLLOWUP_DONE: { zh: '安置后第{stage}个月的回访已记录', en: 'The {stage}-month follow-up is already recorded' },
  EMPLOYMENT_BEFORE_REGISTRATION: { zh: '日期不能早于失业登记日期（{date}）', en: 'The date cannot be before the registration ({date})' },
  EMPLOYMENT_DATE_FUTURE: { zh: '日期不能晚于今天', en: 'The date cannot be in the future' },
  EMPLOYMENT_NOT_ZERO: { zh: '按人口登记，这户不是零就业家庭（有成员在业，或劳动年龄成员未全部登记失业）', en: 'By the registry this is not a zero-employment household' },
  EMPLOYMENT_STILL_ZERO: { zh: '按人口登记，这户仍是零就业家庭；请先安置或更正成员的就业状况', en: 'By the registry this household is still zero-employment' },
  EMPLOYMENT_ZERO_CLEARED: { zh: '这户已消除零就业', en: 'This household is already cleared' },
});

/** 再就业帮扶 — unemployed residents who want work, zero-employment households, placements and follow-ups. */
export const employmentModule: LinliModule = {
  name: 'employment',
  label: { zh: '再就业帮扶', en: 'Re-employment' },
  migrations,
  permissions,
  routes,
  seedDemo,
  reportSection: ({ db, communityId, from, to }) => employmentSection(scopedDb(db.kysely, communityId), from, to),
};
