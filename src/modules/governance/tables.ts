/** The governance module's tables, added to the core's Database type. */

/** The community's self-governance settings: quorum rule, resolution numbering, the public board's link. */
export interface GovSettingsTable {
  community_id: string;
  /** quorum: more than this percentage of the representatives in office must be present */
  quorum_percent: number;
  /** prefix of resolution numbers, e.g. 怡丽居代决 → 怡丽居代决〔2026〕3号 */
  resolution_prefix: string;
  /** the name on the seal line of printed notices, e.g. 怡丽北园社区居民委员会 */
  seal_name: string;
  notice_days: number;
  board_token: string | null;
  board_enabled: number;
  updated_at: string;
}
/** 居民代表 — a residents' representative, chosen from registry residents for a building, for a term. */
export interface RepresentativeTable {
  community_id: string;
  id: string;
  resident_id: string;
  /** the building (residents' group) the representative stands for */
  building_id: string;
  name: string;
  term_start: string;
  /** null: still in office */
  term_end: string | null;
  notes: string | null;
  created_at: string;
}
/** 居民代表大会会议 — a meeting of the residents' representative assembly. */
export interface AssemblyMeetingTable {
  community_id: string;
  id: string;
  title: string;
  date: string;
  place: string | null;
  /** planned → held */
  status: string;
  chair: string | null;
  recorder: string | null;
  minutes: string | null;
  created_at: string;
  updated_at: string;
}
/** Who of the representatives came to a meeting. */
export interface MeetingAttendanceTable {
  community_id: string;
  meeting_id: string;
  representative_id: string;
  present: number;
  reason: string | null;
}
/** 议题 / 提案 — a matter brought to the assembly. */
export interface ProposalTable {
  community_id: string;
  id: string;
  title: string;
  background: string;
  /** yuan */
  cost_estimate: number | null;
  /** resident / representative / branch / staff */
  source: string;
  submitter_name: string;
  submitter_resident_id: string | null;
  /** where the submitter lives, as they gave it (residents without a registry link) */
  submitter_address: string | null;
  /** the submitter's phone, sealed like the registry's */
  phone_enc: string | null;
  phone_hash: string | null;
  phone_tail: string | null;
  /** self (the resident, through the public page) / assisted (staff on a resident's behalf) / staff */
  channel: string;
  recorded_by: string | null;
  /** what the submitter uses to look up the state on the public page */
  tracking_code: string;
  /** 重大事项: needs two-thirds of those present */
  major: number;
  /** draft → submitted → on_agenda → deliberated → passed / rejected / deferred */
  state: string;
  meeting_id: string | null;
  agenda_order: number | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}
/** A remark on a proposal during deliberation. */
export interface ProposalCommentTable {
  community_id: string;
  id: string;
  proposal_id: string;
  author: string;
  body: string;
  created_by: string | null;
  created_at: string;
}
/** 表决 — one representative's vote on one proposal at one meeting. */
export interface VoteTable {
  community_id: string;
  meeting_id: string;
  proposal_id: string;
  representative_id: string;
  /** for / against / abstain */
  choice: string;
  recorded_by: string | null;
  recorded_at: string;
}
/** 决议 — what a passed proposal becomes, numbered per year. */
export interface ResolutionTable {
  community_id: string;
  id: string;
  proposal_id: string;
  meeting_id: string;
  year: number;
  seq: number;
  number: string;
  title: string;
  decided_on: string;
  created_at: string;
}
/** 公示 — a notice published on the bulletin board for a set period. */
export interface PublicNoticeTable {
  community_id: string;
  id: string;
  /** resolution / project / budget / honour / list / other */
  kind: string;
  title: string;
  body: string;
  resolution_id: string | null;
  /** days / working_days */
  period_rule: string;
  period_length: number;
  /** set when published: computed from the rule, never typed */
  start_date: string | null;
  end_date: string | null;
  /** draft → published → closed */
  status: string;
  /** set at closing: no_objection / objections_handled */
  outcome: string | null;
  seal_name: string;
  published_at: string | null;
  published_by: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}
/** 异议 — an objection received while a notice is up. */
export interface NoticeObjectionTable {
  community_id: string;
  id: string;
  notice_id: string;
  name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_tail: string | null;
  address: string | null;
  content: string;
  /** public_link / desk */
  channel: string;
  received_at: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
}
/** 居民自治小组 / 业主大会筹备组 / 三位一体 — a self-governance body. */
export interface GovGroupTable {
  community_id: string;
  id: string;
  /** self_governance / owners_prep / trinity */
  kind: string;
  name: string;
  compound_id: string | null;
  purpose: string | null;
  founded_on: string | null;
  created_at: string;
}
export interface GovGroupMemberTable {
  community_id: string;
  id: string;
  group_id: string;
  name: string;
  /** the side a member stands for (trinity: community / property / owners) or their post */
  role: string;
  organisation: string | null;
  resident_id: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_tail: string | null;
  sort: number;
}
export interface GovGroupMeetingTable {
  community_id: string;
  id: string;
  group_id: string;
  date: string;
  topic: string;
  decisions: string | null;
  created_at: string;
}
/** 共建单位 — a partner unit of the co-building joint meeting. */
export interface PartnerUnitTable {
  community_id: string;
  id: string;
  name: string;
  kind: string;
  liaison_name: string;
  liaison_title: string | null;
  liaison_phone_enc: string | null;
  liaison_phone_hash: string | null;
  liaison_phone_tail: string | null;
  joined_on: string;
  agreement_start: string | null;
  agreement_end: string | null;
  agreement_file_id: string | null;
  left_on: string | null;
  created_at: string;
  updated_at: string;
}
/** 年度工作计划 — a unit's plan for a year. */
export interface PartnerPlanTable {
  community_id: string;
  id: string;
  unit_id: string;
  year: number;
  content: string;
  created_at: string;
}
/** 共享资源 — what a unit shared: rooms, volunteers, money, materials. */
export interface PartnerResourceTable {
  community_id: string;
  id: string;
  unit_id: string;
  /** room / volunteers / money / materials / other */
  kind: string;
  description: string;
  /** yuan for money, people for volunteers, times for rooms; null where it has no count */
  amount: number | null;
  date: string;
  created_at: string;
}
/** 共建联席会议 — a joint meeting of the partner units. */
export interface JointMeetingTable {
  community_id: string;
  id: string;
  date: string;
  place: string | null;
  topic: string;
  decisions: string | null;
  created_at: string;
}
export interface JointMeetingUnitTable {
  community_id: string;
  meeting_id: string;
  unit_id: string;
}
/** An attachment of a proposal (the file itself is in the core's `stored_file`). */
export interface ProposalFileTable {
  community_id: string;
  proposal_id: string;
  file_id: string;
}

declare module '../../core/db/schema' {
  interface Database {
    gov_settings: GovSettingsTable;
    gov_representative: RepresentativeTable;
    gov_meeting: AssemblyMeetingTable;
    gov_attendance: MeetingAttendanceTable;
    gov_proposal: ProposalTable;
    gov_proposal_comment: ProposalCommentTable;
    gov_vote: VoteTable;
    gov_resolution: ResolutionTable;
    gov_public_notice: PublicNoticeTable;
    gov_notice_objection: NoticeObjectionTable;
    gov_group: GovGroupTable;
    gov_group_member: GovGroupMemberTable;
    gov_group_meeting: GovGroupMeetingTable;
    gov_partner_unit: PartnerUnitTable;
    gov_partner_plan: PartnerPlanTable;
    gov_partner_resource: PartnerResourceTable;
    gov_joint_meeting: JointMeetingTable;
    gov_joint_meeting_unit: JointMeetingUnitTable;
    gov_proposal_file: ProposalFileTable;
  }
}
