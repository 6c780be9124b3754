import { scopedDb } from '../../core/access';
import { defineMessages } from '../../core/i18n';
import type { LinliModule } from '../../core/module';
import { migrations } from './migrations';
import { permissions } from './policy';
import { partyFigures } from './queries';
import { routes } from './routes';
import { selfRoutes } from './self';
import { seedDemo } from './seed';
import './tables';

export type { Branch, Member, Pledge, PublicBoard } from './schema';

defineMessages({
  PARTY_UNKNOWN_MEMBER: { zh: '本社区没有这名党员', en: 'No such party member in this community' },
  PARTY_AREA_UNKNOWN: { zh: '责任区必须是本社区的楼栋或单元', en: 'An area must be a building or entrance of this community' },
  PARTY_BRANCH_NO_AREA: { zh: '支部承诺不设责任区', en: 'A branch pledge has no area' },
  PARTY_ALREADY_MEMBER: { zh: '这位居民已在党员名册中', en: 'This resident is already on the member list' },
  PARTY_NAME_TAKEN: { zh: '名称已被使用', en: 'This name is taken' },
  PARTY_TOO_MANY_ELECTED: { zh: '当选人数超过应选名额（{seats}名）', en: 'More elected than seats ({seats})' },
  PARTY_ISSUE_NUMBER_TAKEN: { zh: '第{number}期已存在', en: 'Issue {number} exists' },
  PARTY_ALREADY_ON_BOARD: { zh: '该党员已在当年展板上', en: 'This member is already on that year’s board' },
});

/** 党建 — the branch, its members, two-level pledges under residents’ supervision, study, newsletter, honours. */
export const partyModule: LinliModule = {
  name: 'party',
  label: { zh: '党建工作', en: 'Party building' },
  migrations,
  permissions,
  routes: [...routes, ...selfRoutes],
  seedDemo,
  // a member living elsewhere keeps a phone of her own, sealed as the registry's
  sealed: [{ table: 'party_member', columns: ['phone_enc'] }],
  reportSection: ({ db, communityId, from, to }) => partyFigures(scopedDb(db.kysely, communityId), from, to),
};
