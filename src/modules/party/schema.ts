import { z } from 'zod';
import { editOf } from '../../core/http/edit';
import { isoDate } from '../../core/http/period';

/** The party module's API shapes, shared by the server (validation, OpenAPI) and the web (types). */

const date = isoDate;
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const year = z.coerce.number().int().min(1949).max(2100);

export const MEMBER_KINDS = ['registered', 'reporting'] as const;
export const MEMBER_STATUSES = ['normal', 'mobile', 'frail'] as const;
export const LEADER_ROLES = ['secretary', 'deputy', 'member'] as const;
export const TEAM_KINDS = ['special', 'service'] as const;
export const PLEDGE_LEVELS = ['branch', 'member'] as const;
export const PLEDGE_STATUSES = ['open', 'done', 'not_done'] as const;
/** 定期学习, 党课, 座谈, 外出参观, 双月活动日 */
export const ACTIVITY_KINDS = ['study', 'lecture', 'forum', 'visit', 'activity_day'] as const;

export const Created = z.object({ id: z.string() });

// ---- branch, groups, leadership, elections ----

export const GroupInput = z.object({ name: text(60), leaderMemberId: z.string().nullable().optional(), sort: z.number().int().optional() });
export const GroupUpdateInput = editOf(GroupInput);
export const GroupSchema = z.object({ id: z.string(), name: z.string(), leaderMemberId: z.string().nullable(), leaderName: z.string().nullable(), members: z.number() });
export const LeaderInput = z.object({ memberId: z.string(), role: z.enum(LEADER_ROLES), termStart: date, termEnd: date.nullable().optional() });
export const LeaderSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  name: z.string(),
  role: z.enum(LEADER_ROLES),
  termStart: z.string(),
  termEnd: z.string().nullable(),
  electionId: z.string().nullable(),
});
export const ElectionInput = z.object({
  date,
  seats: z.number().int().min(1).max(15),
  voters: z.number().int().min(0).max(10_000).nullable().optional(),
  notes: optText(2000),
  candidates: z
    .array(z.object({ memberId: z.string(), votes: z.number().int().min(0).max(10_000), elected: z.boolean(), role: z.enum(LEADER_ROLES).nullable().optional() }))
    .min(1)
    .max(40),
  /** the end of the elected committee's term (five years by default) */
  termEnd: date.nullable().optional(),
});
export const ElectionSchema = z.object({
  id: z.string(),
  date: z.string(),
  seats: z.number(),
  voters: z.number().nullable(),
  notes: z.string().nullable(),
  candidates: z.array(z.object({ memberId: z.string(), name: z.string(), votes: z.number(), elected: z.boolean(), role: z.string().nullable() })),
});
export const BranchInput = z.object({ name: text(100) });
export const BranchSchema = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  groups: z.array(GroupSchema),
  /** groups closed in the past, newest first: when, and which group their members joined */
  closedGroups: z.array(z.object({ id: z.string(), name: z.string(), closedOn: z.string(), mergedInto: z.string().nullable() })),
  /** leadership in office today */
  leaders: z.array(LeaderSchema),
  /** every term, current and past: the branch history */
  history: z.object({ leaders: z.array(LeaderSchema), elections: z.array(ElectionSchema) }),
  members: z.object({ registered: z.number(), reporting: z.number(), frail: z.number(), mobile: z.number(), volunteers: z.number() }),
});
export type Branch = z.infer<typeof BranchSchema>;

// ---- members and volunteer teams ----

export const TeamInput = z.object({ name: text(60), kind: z.enum(TEAM_KINDS) });
export const TeamSchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(TEAM_KINDS), members: z.number() });

const MemberFields = z.object({
  kind: z.enum(MEMBER_KINDS),
  groupId: z.string().nullable().optional(),
  joinedDate: date.nullable().optional(),
  status: z.enum(MEMBER_STATUSES).default('normal'),
  volunteerTeamId: z.string().nullable().optional(),
  notes: optText(500),
});
/** A member who lives here names the resident; one who lives elsewhere gives a name and phone. */
export const MemberCreateInput = MemberFields.extend({
  residentId: z.string().nullable().optional(),
  name: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(30).nullable().optional(),
});
export const MemberUpdateInput = editOf(MemberFields).extend({
  name: z.string().trim().min(1).max(40).optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  leftDate: date.nullable().optional(),
});
export const MemberSchema = z.object({
  id: z.string(),
  residentId: z.string().nullable(),
  /** the registry's status of the resident (active, moved_out, deceased); null for members living elsewhere */
  residentStatus: z.string().nullable(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  kind: z.enum(MEMBER_KINDS),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  joinedDate: z.string().nullable(),
  status: z.enum(MEMBER_STATUSES),
  volunteerTeamId: z.string().nullable(),
  volunteerTeamName: z.string().nullable(),
  leftDate: z.string().nullable(),
  notes: z.string().nullable(),
});
export type Member = z.infer<typeof MemberSchema>;
export const MemberListQuery = z.object({
  groupId: z.string().optional(),
  kind: z.enum(MEMBER_KINDS).optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  volunteerTeamId: z.string().optional(),
  q: z.string().trim().max(40).optional(),
  /** members who left the books are listed only when asked */
  includeLeft: z.enum(['0', '1']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type MemberFilters = z.infer<typeof MemberListQuery>;
export const MemberPage = z.object({ items: z.array(MemberSchema), total: z.number(), page: z.number(), pageSize: z.number() });

// ---- pledges and the public board ----

export const AreaInput = z.object({ buildingId: z.string(), entranceId: z.string().nullable().optional() });
export const PledgeInput = z.object({
  level: z.enum(PLEDGE_LEVELS),
  year: z.number().int().min(1949).max(2100),
  memberId: z.string().nullable().optional(),
  title: text(200),
  owner: optText(60),
  target: optText(500),
  /** a member's area of responsibility (责任区): buildings or entrances from the registry */
  areas: z.array(AreaInput).max(50).default([]),
});
export const PledgeUpdateInput = editOf(PledgeInput.omit({ level: true, memberId: true }));
export const ProgressInput = z.object({ date, note: text(1000) });
export const ReviewInput = z.object({ status: z.enum(['done', 'not_done']), note: optText(1000) });
export const AreaSchema = z.object({ buildingId: z.string(), entranceId: z.string().nullable(), label: z.string() });
export const PledgeSchema = z.object({
  id: z.string(),
  level: z.enum(PLEDGE_LEVELS),
  year: z.number(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  title: z.string(),
  owner: z.string().nullable(),
  target: z.string().nullable(),
  status: z.enum(PLEDGE_STATUSES),
  reviewNote: z.string().nullable(),
  areas: z.array(AreaSchema),
  progress: z.array(z.object({ id: z.string(), date: z.string(), note: z.string() })),
});
export type Pledge = z.infer<typeof PledgeSchema>;
export const PledgeListQuery = z.object({
  year: year.optional(),
  level: z.enum(PLEDGE_LEVELS).optional(),
  status: z.enum(PLEDGE_STATUSES).optional(),
  memberId: z.string().optional(),
});

export const BoardSettingsInput = z.object({ enabled: z.boolean(), newToken: z.boolean().optional() });
export const BoardSettingsSchema = z.object({
  enabled: z.boolean(),
  token: z.string().nullable(),
  path: z.string().nullable(),
  /** the page residents open, on the address the office publishes (LINLI_PUBLIC_URL) */
  url: z.string().nullable(),
});

export const FeedbackInput = z.object({ pledgeId: z.string().nullable().optional(), comment: text(500), rating: z.number().int().min(1).max(5) });
export const FeedbackSchema = z.object({
  id: z.string(),
  pledgeId: z.string().nullable(),
  pledgeTitle: z.string().nullable(),
  comment: z.string(),
  rating: z.number(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
  /** hidden from the public board (spam, abuse), with the reason */
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
});
export const HideFeedbackInput = z.object({ hidden: z.boolean(), reason: z.string().trim().max(200).optional() });
export const AnswerInput = z.object({ answer: text(1000) });

/** What the public board shows: names, pledges and progress — no other personal data. */
export const PublicBoardSchema = z.object({
  community: z.string(),
  branch: z.string(),
  year: z.number(),
  branchPledges: z.array(z.object({ id: z.string(), title: z.string(), owner: z.string().nullable(), target: z.string().nullable(), status: z.enum(PLEDGE_STATUSES), progress: z.array(z.object({ date: z.string(), note: z.string() })) })),
  memberPledges: z.array(
    z.object({
      id: z.string(),
      memberName: z.string(),
      title: z.string(),
      areas: z.array(z.string()),
      status: z.enum(PLEDGE_STATUSES),
      progress: z.array(z.object({ date: z.string(), note: z.string() })),
    }),
  ),
  feedback: z.array(z.object({ id: z.string(), pledgeId: z.string().nullable(), comment: z.string(), rating: z.number(), answer: z.string().nullable(), createdAt: z.string() })),
});
export type PublicBoard = z.infer<typeof PublicBoardSchema>;

// ---- study and activities ----

export const ActivityInput = z.object({ date, kind: z.enum(ACTIVITY_KINDS), topic: text(200), place: optText(100) });
export const AttendanceInput = z.object({
  entries: z.array(z.object({ memberId: z.string(), present: z.boolean(), reason: optText(200) })).max(1000),
});
export const ActivitySchema = z.object({
  id: z.string(),
  date: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  topic: z.string(),
  place: z.string().nullable(),
  present: z.number(),
  absent: z.number(),
});
export const ActivityDetailSchema = ActivitySchema.extend({
  attendance: z.array(z.object({ memberId: z.string(), name: z.string(), present: z.boolean(), reason: z.string().nullable() })),
});
export const AttendanceTotalsSchema = z.object({
  year: z.number(),
  activities: z.number(),
  members: z.array(z.object({ memberId: z.string(), name: z.string(), present: z.number(), absent: z.number() })),
});

// ---- newsletter ----

export const IssueInput = z.object({ number: z.number().int().min(1).max(100_000), date, title: text(200), content: z.string().max(50_000) });
export const IssueSchema = z.object({ id: z.string(), number: z.number(), date: z.string(), title: z.string(), copies: z.number(), confirmed: z.number() });
export const IssueDetailSchema = IssueSchema.extend({
  content: z.string(),
  /** the issue as printed, when one is attached */
  file: z.object({ filename: z.string(), size: z.number() }).nullable(),
  deliveries: z.array(z.object({ id: z.string(), memberId: z.string(), name: z.string(), deliveredBy: z.string(), deliveredAt: z.string(), confirmed: z.boolean() })),
});
export const DeliveryInput = z.object({
  /** default: everyone on the distribution list who has no copy of this issue yet */
  memberIds: z.array(z.string()).max(500).optional(),
  deliveredBy: text(40),
  deliveredAt: date,
});
export const RecipientsInput = z.object({ memberIds: z.array(z.string()).max(1000) });
export const RecipientSchema = z.object({ memberId: z.string(), name: z.string(), status: z.enum(MEMBER_STATUSES), byHand: z.boolean() });
export const PeriodQuery = z.object({ from: date, to: date });
export const NewsletterFiguresSchema = z.object({ issues: z.number(), copies: z.number(), confirmed: z.number() });

// ---- model members and honours ----

export const ModelMemberInput = z.object({ year: z.number().int().min(1949).max(2100), memberId: z.string(), deeds: text(2000) });
export const ModelMemberSchema = z.object({ id: z.string(), year: z.number(), memberId: z.string(), name: z.string(), deeds: z.string() });
export const HonourInput = z.object({ memberId: z.string().nullable().optional(), title: text(200), awardedBy: text(100), date });
export const HonourSchema = z.object({ id: z.string(), memberId: z.string().nullable(), memberName: z.string().nullable(), title: z.string(), awardedBy: z.string(), date: z.string() });

export const ReportFiguresSchema = z.object({
  title: z.object({ zh: z.string(), en: z.string() }),
  figures: z.array(
    z.object({ key: z.string(), label: z.object({ zh: z.string(), en: z.string() }), value: z.union([z.number(), z.string()]).nullable(), unit: z.object({ zh: z.string(), en: z.string() }).optional() }),
  ),
});

// ---- the branch's records as the secretary keeps them (leadership, groups, elections, boards) ----

/** Correct a committee seat that was typed wrong: who, which seat, the term. */
export const LeaderUpdateInput = z.object({ memberId: z.string(), role: z.enum(LEADER_ROLES), termStart: date, termEnd: date.nullable() });
/**
 * 换人 — someone else takes the seat from `date`: the old term ends the day before and stays in the
 * branch history; the new one runs to the old term's end unless another end is given.
 */
export const LeaderReplaceInput = z.object({ memberId: z.string(), date, termEnd: date.nullable().optional() });
/** Close a party group: its members (if any) move to another group first. */
export const GroupCloseInput = z.object({ moveToGroupId: z.string().nullable().optional() });

/**
 * An election as recorded: the candidates' votes, the voters present and the seats. Who was elected
 * is not typed: it follows from the votes (see `electionResult`); only the seat each elected member
 * takes on the committee (书记 / 副书记 / 委员) is chosen.
 */
export const ElectionRecordInput = z.object({
  date,
  seats: z.number().int().min(1).max(15),
  /** 实到会有选举权的党员 — members entitled to vote who were present */
  voters: z.number().int().min(1).max(10_000),
  notes: optText(2000),
  candidates: z
    .array(z.object({ memberId: z.string(), votes: z.number().int().min(0).max(10_000), role: z.enum(LEADER_ROLES).nullable().optional() }))
    .min(1)
    .max(40),
  /** the end of the elected committee's term (five years by default) */
  termEnd: date.nullable().optional(),
});
export type ElectionRecord = z.infer<typeof ElectionRecordInput>;
/** An election with its turnout: voters present against the registered members on the books that day. */
export const ElectionWithTurnoutSchema = ElectionSchema.extend({
  /** 应到会 — registered members on the branch's books on the day of the election */
  eligible: z.number(),
  /** voters ÷ eligible in per cent, one decimal; null when nobody was on the books */
  turnout: z.number().nullable(),
  /** the end of the terms it filled (the latest, when a seat changed since) */
  termEnd: z.string().nullable(),
});

/**
 * 选举结果 — who an election's votes elect. A candidate needs more than half the votes of the voters
 * present; of those, the most votes take the seats. When the last seat falls between candidates
 * with equal votes, nobody can take it until they are voted on again (`tie`); seats nobody qualified
 * for stay empty (`vacant`). Shared by the server (which records it) and the web (which shows it
 * while the votes are typed).
 */
export function electionResult(
  candidates: readonly { memberId: string; votes: number }[],
  seats: number,
  voters: number,
): { elected: string[]; tie: string[]; vacant: number; threshold: number } {
  // more than half: with 36 voters a candidate needs 19
  const threshold = Math.floor(voters / 2) + 1;
  const qualified = candidates.filter((c) => c.votes >= threshold).sort((a, b) => b.votes - a.votes);
  if (qualified.length <= seats) return { elected: qualified.map((c) => c.memberId), tie: [], vacant: seats - qualified.length, threshold };
  const cut = qualified[seats - 1].votes;
  if (qualified[seats].votes < cut) return { elected: qualified.slice(0, seats).map((c) => c.memberId), tie: [], vacant: 0, threshold };
  return {
    elected: qualified.filter((c) => c.votes > cut).map((c) => c.memberId),
    tie: qualified.filter((c) => c.votes === cut).map((c) => c.memberId),
    vacant: 0,
    threshold,
  };
}

export const ModelMemberUpdateInput = editOf(ModelMemberInput);
export const HonourUpdateInput = editOf(HonourInput);

/** GET …/party/me: what a member sees of themselves, signed in on their own phone. */
export const MemberSelfSchema = z.object({
  name: z.string(),
  groupName: z.string().nullable(),
  kind: z.enum(MEMBER_KINDS),
  status: z.enum(MEMBER_STATUSES),
  joinedDate: z.string().nullable(),
  today: z.string(),
  pledges: z.array(
    PledgeSchema.extend({
      feedback: z.array(z.object({ id: z.string(), comment: z.string(), rating: z.number(), answer: z.string().nullable(), createdAt: z.string() })),
    }),
  ),
  attendance: z.array(z.object({ activityId: z.string(), date: z.string(), topic: z.string(), kind: z.string(), present: z.boolean(), reason: z.string().nullable() })),
  attendanceByYear: z.array(z.object({ year: z.number(), sessions: z.number(), present: z.number() })),
  newsletters: z.array(z.object({ issueId: z.string(), number: z.number(), title: z.string(), date: z.string(), deliveredAt: z.string(), confirmed: z.boolean(), hasFile: z.boolean() })),
  honours: z.array(z.object({ title: z.string(), date: z.string() })),
});
export type MemberSelf = z.infer<typeof MemberSelfSchema>;
