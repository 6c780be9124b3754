/** The party module's tables, added to the core's Database type. */

/** 党支部 — the community's party branch (one per community); it also holds the public pledge board's switch. */
export interface PartyBranchTable {
  community_id: string;
  id: string;
  name: string;
  /** the random token of the public pledge board's link; null until first published */
  board_token: string | null;
  board_enabled: number;
  created_at: string;
  updated_at: string;
}
/** 党小组 — a party group of the branch. */
export interface PartyGroupTable {
  community_id: string;
  id: string;
  name: string;
  leader_member_id: string | null;
  sort: number;
  created_at: string;
  /** the day the group was closed (撤销); closed groups stay in the history and take no members */
  closed_on: string | null;
  /** the group its members moved to when it closed */
  merged_into_id: string | null;
}
/** 党员义工服务队 — a party volunteer team: a special team (特色服务队) or a service group (综合服务小组). */
export interface VolunteerTeamTable {
  community_id: string;
  id: string;
  name: string;
  kind: string;
  created_at: string;
}
/** 党员 — a party member on the branch's books: registered (在册) or reporting (在职党员报到). */
export interface PartyMemberTable {
  community_id: string;
  id: string;
  /** the registry resident when the member lives here; null for members living elsewhere */
  resident_id: string | null;
  /** kept even for residents, so the member's history keeps the name after a move */
  name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_tail: string | null;
  kind: string;
  group_id: string | null;
  joined_date: string | null;
  status: string;
  volunteer_team_id: string | null;
  /** the day the member left the branch's books (转出); history stays */
  left_date: string | null;
  notes: string | null;
  /** the member's own account (role 居民/党员本人), when the office has made one */
  user_id: string | null;
  /** blind index of the ID number, for members living elsewhere (residents have theirs in the registry) */
  id_number_hash: string | null;
  created_at: string;
  updated_at: string;
}
/** 支部班子 — a seat on the branch committee held for a term. */
export interface PartyLeaderTable {
  community_id: string;
  id: string;
  member_id: string;
  role: string;
  term_start: string;
  term_end: string | null;
  election_id: string | null;
  created_at: string;
}
/** 党员大会民主选举 — an election of the branch committee. */
export interface PartyElectionTable {
  community_id: string;
  id: string;
  date: string;
  seats: number;
  voters: number | null;
  notes: string | null;
  created_at: string;
}
export interface PartyElectionCandidateTable {
  community_id: string;
  id: string;
  election_id: string;
  member_id: string;
  votes: number;
  elected: number;
  role: string | null;
}
/** 承诺 — a pledge made by the branch (每年为社区做几件实事) or by a member (一项工作或一个责任区). */
export interface PledgeTable {
  community_id: string;
  id: string;
  level: string;
  year: number;
  member_id: string | null;
  title: string;
  owner: string | null;
  target: string | null;
  status: string;
  review_note: string | null;
  reviewed_at: string | null;
  created_at: string;
  updated_at: string;
}
/** 责任区 — a building or an entrance a member's pledge covers. */
export interface PledgeAreaTable {
  community_id: string;
  id: string;
  pledge_id: string;
  building_id: string;
  entrance_id: string | null;
}
export interface PledgeProgressTable {
  community_id: string;
  id: string;
  pledge_id: string;
  date: string;
  note: string;
  created_by: string | null;
  created_at: string;
}
/** 居民监督 — a resident's comment and rating left on the public pledge board, and the secretary's answer. */
export interface PledgeFeedbackTable {
  community_id: string;
  id: string;
  pledge_id: string | null;
  comment: string;
  rating: number;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  /** hidden from the public board (spam, abuse); kept, with who hid it and why */
  hidden_at: string | null;
  hidden_by: string | null;
  hidden_reason: string | null;
  created_at: string;
}
/** 学习与活动 — 定期学习, 党课, 座谈, 外出参观, 双月活动日. */
export interface PartyActivityTable {
  community_id: string;
  id: string;
  date: string;
  kind: string;
  topic: string;
  place: string | null;
  created_at: string;
}
export interface PartyAttendanceTable {
  community_id: string;
  activity_id: string;
  member_id: string;
  present: number;
  reason: string | null;
}
/** 支部工作简报 — one issue of the branch newsletter. */
export interface NewsletterIssueTable {
  community_id: string;
  id: string;
  number: number;
  date: string;
  title: string;
  content: string;
  /** the issue as printed (PDF, Word), kept in `stored_file` */
  file_id: string | null;
  created_at: string;
}
/** members put on the newsletter's distribution list by hand (frail members are on it anyway) */
export interface NewsletterRecipientTable {
  community_id: string;
  member_id: string;
  created_at: string;
}
/** one copy of an issue handed to a member */
export interface NewsletterDeliveryTable {
  community_id: string;
  id: string;
  issue_id: string;
  member_id: string;
  delivered_by: string;
  delivered_at: string;
  confirmed: number;
  confirmed_at: string | null;
}
/** 先进党员 — a member on a year's model-member board (the July-1 board). */
export interface ModelMemberTable {
  community_id: string;
  id: string;
  year: number;
  member_id: string;
  deeds: string;
  created_at: string;
}
/** 荣誉 — an honour of the branch (member_id null) or of a member. */
export interface PartyHonourTable {
  community_id: string;
  id: string;
  member_id: string | null;
  title: string;
  awarded_by: string;
  date: string;
  created_at: string;
}

declare module '../../core/db/schema' {
  interface Database {
    party_branch: PartyBranchTable;
    party_group: PartyGroupTable;
    volunteer_team: VolunteerTeamTable;
    party_member: PartyMemberTable;
    party_leader: PartyLeaderTable;
    party_election: PartyElectionTable;
    party_election_candidate: PartyElectionCandidateTable;
    pledge: PledgeTable;
    pledge_area: PledgeAreaTable;
    pledge_progress: PledgeProgressTable;
    pledge_feedback: PledgeFeedbackTable;
    party_activity: PartyActivityTable;
    party_attendance: PartyAttendanceTable;
    newsletter_issue: NewsletterIssueTable;
    newsletter_recipient: NewsletterRecipientTable;
    newsletter_delivery: NewsletterDeliveryTable;
    model_member: ModelMemberTable;
    party_honour: PartyHonourTable;
  }
}
