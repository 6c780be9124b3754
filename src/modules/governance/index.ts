import { scopedDb } from '../../core/access';
import { defineMessages } from '../../core/i18n';
import type { LinliModule } from '../../core/module';
import { migrations } from './migrations';
import { permissions } from './policy';
import { governanceFigures } from './queries';
import { routes } from './routes';
import { seedDemo } from './seed';
import './tables';

export type { Notice, Proposal, Representative } from './schema';

defineMessages({
  GOV_RESIDENT_UNKNOWN: { zh: '本社区没有这位居民，或该居民已迁出', en: 'No such resident lives in this community' },
  GOV_RESIDENT_NO_BUILDING: { zh: '{name}的住址不在楼栋内，无法确定所代表的楼栋', en: '{name} does not live in a building, so there is no building to represent' },
  GOV_ALREADY_REPRESENTATIVE: { zh: '{name}在这段任期内已是居民代表', en: '{name} is already a representative for that term' },
  GOV_TERM_ORDER: { zh: '结束日期不能早于开始日期', en: 'The end cannot be before the start' },
  GOV_NOT_REPRESENTATIVE: { zh: '此人不是本次会议当天在任的居民代表，不能签到或表决', en: 'Not a representative in office on the meeting’s day: no attendance or vote' },
  GOV_NOT_PRESENT: { zh: '{name}没有签到出席本次会议，不能表决', en: '{name} is not marked present at this meeting and cannot vote' },
  GOV_MEETING_NOT_YET: { zh: '会议日期（{date}）还没到，不能登记签到', en: 'The meeting ({date}) has not taken place yet' },
  GOV_MEETING_DATE_LOCKED: { zh: '已经签到的会议不能改日期', en: 'Attendance is taken: the date cannot change' },
  GOV_NO_QUORUM: {
    zh: '出席代表{present}人，应到{seats}人，至少需{needed}人出席才能表决',
    en: '{present} of {seats} representatives present; {needed} are needed to vote',
  },
  GOV_NO_VOTES: { zh: '议题“{title}”还没有登记表决', en: 'No votes are recorded on “{title}”' },
  GOV_PROPOSAL_UNKNOWN: { zh: '本社区没有这个议题', en: 'No such proposal in this community' },
  GOV_PROPOSAL_NOT_READY: { zh: '议题“{title}”不是待审议的议题（须已提交或曾暂缓）', en: '“{title}” is not waiting for the assembly (it must be submitted or deferred)' },
  GOV_PROPOSAL_LOCKED: { zh: '议题“{title}”已列入议程或已有结果，不能再修改', en: '“{title}” is on an agenda or decided and cannot change' },
  GOV_NOT_ON_AGENDA: { zh: '议题“{title}”不在本次会议的议程上', en: '“{title}” is not on this meeting’s agenda' },
  GOV_ALREADY_DECIDED: { zh: '议题“{title}”已经有了结果', en: '“{title}” is already decided' },
  GOV_RESOLUTION_UNKNOWN: { zh: '本社区没有这项决议', en: 'No such resolution in this community' },
  GOV_NOTICE_NOT_DRAFT: { zh: '公示“{title}”已经发布，不能再修改', en: '“{title}” is published and cannot change' },
  GOV_NOTICE_START_PAST: { zh: '公示开始日期不能早于今天', en: 'A notice cannot start before today' },
  GOV_NOTICE_NOT_OPEN: { zh: '“{title}”的公示期是{start}至{end}，现在不在公示期内，不再受理异议', en: '“{title}” is up from {start} to {end}; objections are taken only then' },
  GOV_NOTICE_NOT_ENDED: { zh: '“{title}”公示到{end}，期满后才能结束公示', en: '“{title}” is up until {end}; it can be closed after that' },
  GOV_NOTICE_CLOSED: { zh: '公示“{title}”已经结束', en: '“{title}” is closed' },
  GOV_OBJECTIONS_UNANSWERED: { zh: '“{title}”还有{n}条异议没有答复，答复后才能结束公示', en: '“{title}” has {n} unanswered objections; answer them first' },
  GOV_NAME_TAKEN: { zh: '名称“{name}”已被使用', en: 'The name “{name}” is taken' },
  GOV_COMPOUND_UNKNOWN: { zh: '本社区没有这个小区', en: 'No such compound in this community' },
  GOV_UNIT_UNKNOWN: { zh: '这个共建单位不属于本社区', en: 'This partner unit is not this community’s' },
});

/** 居民自治 — the representatives' assembly, proposals, votes, resolutions, public notices, self-governance bodies and partner units. */
export const governanceModule: LinliModule = {
  name: 'governance',
  label: { zh: '居民自治', en: 'Self-governance' },
  migrations,
  permissions,
  routes,
  seedDemo,
  sealed: [
    { table: 'gov_proposal', columns: ['phone_enc'] },
    { table: 'gov_notice_objection', columns: ['phone_enc'] },
    { table: 'gov_group_member', columns: ['phone_enc'] },
    { table: 'gov_partner_unit', columns: ['liaison_phone_enc'] },
  ],
  reportSection: ({ db, communityId, from, to }) => governanceFigures(scopedDb(db.kysely, communityId), from, to),
};
