import { z } from 'zod';
import { editOf } from '../../core/http/edit';
import { isoDate, periodFilter } from '../../core/http/period';

/** The governance module's API shapes, shared by the server (validation, OpenAPI) and the web (types). */

export const date = isoDate;
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();

/** who brought the matter: a resident, a representative, the party branch, the committee's staff */
export const PROPOSAL_SOURCES = ['resident', 'representative', 'branch', 'staff'] as const;
/** self = the resident online; assisted = staff entered it for a resident (no phone, at the desk); staff = staff's own */
export const PROPOSAL_CHANNELS = ['self', 'assisted', 'staff'] as const;
export const PROPOSAL_STATES = ['draft', 'submitted', 'on_agenda', 'deliberated', 'passed', 'rejected', 'deferred'] as const;
export const DECIDED_STATES = ['passed', 'rejected', 'deferred'] as const;
export const CHOICES = ['for', 'against', 'abstain'] as const;
export const NOTICE_KINDS = ['resolution', 'project', 'budget', 'honour', 'list', 'other'] as const;
export const PERIOD_RULES = ['days', 'working_days'] as const;
export const NOTICE_STATUSES = ['draft', 'published', 'closed'] as const;
/** what a reader sees: draft, up on the board, period over awaiting closing, closed */
export const NOTICE_PHASES = ['draft', 'scheduled', 'open', 'expired', 'closed'] as const;
export const NOTICE_OUTCOMES = ['no_objection', 'objections_handled'] as const;
export const GROUP_KINDS = ['self_governance', 'owners_prep', 'trinity'] as const;
export const RESOURCE_KINDS = ['room', 'volunteers', 'money', 'materials', 'other'] as const;

export type ProposalState = (typeof PROPOSAL_STATES)[number];
export type NoticePhase = (typeof NOTICE_PHASES)[number];

export const Created = z.object({ id: z.string() });
export const PeriodQuery = z.object({ from: date, to: date });
export const PageQuery = z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) });
/** meetings dated within a period (both ends included), held or only planned */
export const MeetingQuery = PageQuery.extend({ ...periodFilter, status: z.enum(['planned', 'held']).optional() });

// ---- settings and the public board ----

export const SettingsSchema = z.object({
  quorumPercent: z.number(),
  resolutionPrefix: z.string(),
  sealName: z.string(),
  noticeDays: z.number(),
  boardEnabled: z.boolean(),
  boardToken: z.string().nullable(),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const SettingsInput = z.object({
  quorumPercent: z.number().int().min(50).max(90),
  resolutionPrefix: text(20),
  sealName: text(60),
  noticeDays: z.number().int().min(1).max(60),
});
export const BoardInput = z.object({ enabled: z.boolean(), newToken: z.boolean().optional() });

// ---- representatives ----

export const RepresentativeSchema = z.object({
  id: z.string(),
  residentId: z.string(),
  name: z.string(),
  gender: z.string().nullable(),
  age: z.number().nullable(),
  phoneMasked: z.string().nullable(),
  address: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  compoundName: z.string(),
  termStart: z.string(),
  termEnd: z.string().nullable(),
  inOffice: z.boolean(),
  notes: z.string().nullable(),
});
export type Representative = z.infer<typeof RepresentativeSchema>;
export const RepresentativeInput = z.object({ residentId: z.string(), termStart: date, termEnd: date.nullable().optional(), notes: optText(200) });
export const EndTermInput = z.object({ termEnd: date });
export const RepresentativeQuery = z.object({ all: z.enum(['0', '1']).optional() });

// ---- meetings ----

export const QuorumSchema = z.object({ seats: z.number(), present: z.number(), needed: z.number(), met: z.boolean() });
export const MeetingSchema = z.object({
  id: z.string(),
  title: z.string(),
  date: z.string(),
  place: z.string().nullable(),
  status: z.enum(['planned', 'held']),
  chair: z.string().nullable(),
  recorder: z.string().nullable(),
  quorum: QuorumSchema,
  /** attendance taken */
  marked: z.number(),
  agenda: z.number(),
  decided: z.number(),
});
export type Meeting = z.infer<typeof MeetingSchema>;
export const MeetingInput = z.object({
  title: text(100),
  date,
  place: optText(100),
  chair: optText(40),
  recorder: optText(40),
});
export const MinutesInput = editOf(MeetingInput).extend({ minutes: z.string().max(20000).nullable().optional(), held: z.boolean().optional() });
export const AttendanceInput = z.object({
  marks: z.array(z.object({ representativeId: z.string(), present: z.boolean(), reason: optText(60) })).max(500),
});

export const TallySchema = z.object({
  present: z.number(),
  for: z.number(),
  against: z.number(),
  abstain: z.number(),
  notVoting: z.number(),
  threshold: z.enum(['majority', 'two_thirds']),
  needed: z.number(),
  passed: z.boolean(),
});
export type TallyView = z.infer<typeof TallySchema>;
export const AgendaItemSchema = z.object({
  proposalId: z.string(),
  order: z.number(),
  title: z.string(),
  background: z.string(),
  costEstimate: z.number().nullable(),
  source: z.enum(PROPOSAL_SOURCES),
  submitterName: z.string(),
  major: z.boolean(),
  state: z.enum(PROPOSAL_STATES),
  tally: TallySchema,
  votes: z.array(z.object({ representativeId: z.string(), choice: z.enum(CHOICES) })),
  resolutionNumber: z.string().nullable(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;
export const SeatSchema = z.object({
  representativeId: z.string(),
  name: z.string(),
  buildingName: z.string(),
  /** null: not yet marked */
  present: z.boolean().nullable(),
  reason: z.string().nullable(),
});
export const MeetingDetailSchema = MeetingSchema.extend({
  minutes: z.string().nullable(),
  community: z.string(),
  sealName: z.string(),
  quorumPercent: z.number(),
  seatsList: z.array(SeatSchema),
  items: z.array(AgendaItemSchema),
});
export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;
export const AgendaInput = z.object({ proposalId: z.string() });
export const VotesInput = z.object({
  votes: z.array(z.object({ representativeId: z.string(), choice: z.enum(CHOICES).nullable() })).max(500),
});
export const DecideInput = z.object({ defer: z.boolean().optional() });

// ---- proposals ----

export const ProposalSchema = z.object({
  id: z.string(),
  title: z.string(),
  background: z.string(),
  costEstimate: z.number().nullable(),
  source: z.enum(PROPOSAL_SOURCES),
  submitterName: z.string(),
  channel: z.enum(PROPOSAL_CHANNELS),
  trackingCode: z.string(),
  major: z.boolean(),
  state: z.enum(PROPOSAL_STATES),
  meetingId: z.string().nullable(),
  meetingTitle: z.string().nullable(),
  meetingDate: z.string().nullable(),
  resolutionNumber: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type Proposal = z.infer<typeof ProposalSchema>;
export const ProposalPage = z.object({
  items: z.array(ProposalSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** how many proposals are in each state (the board's column heads) */
  counts: z.record(z.string(), z.number()),
});
export const ProposalQuery = PageQuery.extend({
  state: z.enum(PROPOSAL_STATES).optional(),
  q: z.string().trim().max(50).optional(),
  ...periodFilter,
  /** the day the period applies to: submitted (the default; drafts are left out) or decided */
  by: z.enum(['submitted', 'decided']).optional(),
  source: z.enum(PROPOSAL_SOURCES).optional(),
  channel: z.enum(PROPOSAL_CHANNELS).optional(),
});
export const ProposalInput = z.object({
  title: text(100),
  background: text(5000),
  costEstimate: z.number().min(0).max(1e9).nullable().optional(),
  source: z.enum(PROPOSAL_SOURCES),
  submitterName: text(40),
  submitterResidentId: z.string().nullable().optional(),
  phone: optText(20),
  address: optText(60),
  /** staff entered it for a resident who came in or phoned */
  assisted: z.boolean().optional(),
  major: z.boolean().optional(),
  /** false keeps it a draft */
  submit: z.boolean().optional(),
});
export const ProposalUpdateInput = editOf(ProposalInput.omit({ submit: true, assisted: true, phone: true, address: true }));
export const CommentInput = z.object({ author: text(40), body: text(2000) });
export const FileSchema = z.object({ id: z.string(), filename: z.string(), size: z.number(), createdAt: z.string() });
export const ProposalDetailSchema = ProposalSchema.extend({
  submitterAddress: z.string().nullable(),
  submitterPhoneMasked: z.string().nullable(),
  recordedBy: z.string().nullable(),
  comments: z.array(z.object({ id: z.string(), author: z.string(), body: z.string(), createdAt: z.string() })),
  files: z.array(FileSchema),
  tally: TallySchema.nullable(),
  resolutionId: z.string().nullable(),
  notices: z.array(z.object({ id: z.string(), title: z.string(), phase: z.enum(NOTICE_PHASES) })),
  history: z.array(z.object({ at: z.string(), action: z.string() })),
});
export type ProposalDetail = z.infer<typeof ProposalDetailSchema>;
export const ResolutionSchema = z.object({ id: z.string(), number: z.string(), title: z.string(), decidedOn: z.string(), proposalId: z.string(), meetingTitle: z.string(), tally: TallySchema, noticed: z.boolean() });
export type Resolution = z.infer<typeof ResolutionSchema>;

// ---- public notices ----

export const ObjectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  address: z.string().nullable(),
  content: z.string(),
  channel: z.enum(['public_link', 'desk']),
  receivedAt: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type Objection = z.infer<typeof ObjectionSchema>;
export const NoticeSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTICE_KINDS),
  title: z.string(),
  body: z.string(),
  resolutionId: z.string().nullable(),
  resolutionNumber: z.string().nullable(),
  periodRule: z.enum(PERIOD_RULES),
  periodLength: z.number(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  status: z.enum(NOTICE_STATUSES),
  phase: z.enum(NOTICE_PHASES),
  outcome: z.enum(NOTICE_OUTCOMES).nullable(),
  sealName: z.string(),
  objections: z.number(),
  unanswered: z.number(),
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type Notice = z.infer<typeof NoticeSchema>;
export const NoticePage = z.object({ items: z.array(NoticeSchema), total: z.number(), page: z.number(), pageSize: z.number() });
export const NoticeQuery = PageQuery.extend({
  phase: z.enum(NOTICE_PHASES).optional(),
  /** notices put up (their first day) within the period */
  ...periodFilter,
  outcome: z.enum(NOTICE_OUTCOMES).optional(),
  /** 1: only notices of a resolution */
  resolution: z.enum(['1']).optional(),
  /** 1: only notices that received objections */
  objections: z.enum(['1']).optional(),
});
export const NoticeDetailSchema = NoticeSchema.extend({ community: z.string(), objectionList: z.array(ObjectionSchema) });
export type NoticeDetail = z.infer<typeof NoticeDetailSchema>;
export const NoticeInput = z.object({
  kind: z.enum(NOTICE_KINDS),
  title: text(100),
  body: text(20000),
  resolutionId: z.string().nullable().optional(),
  periodRule: z.enum(PERIOD_RULES),
  periodLength: z.number().int().min(1).max(60).optional(),
  sealName: optText(60),
});
export const PublishInput = z.object({ startDate: date.optional() });
export const ObjectionInput = z.object({ name: text(40), phone: optText(20), address: optText(60), content: text(2000) });
export const AnswerInput = z.object({ answer: text(2000) });

// ---- groups and partner units ----

export const GroupMemberInput = z.object({ name: text(40), role: text(30), organisation: optText(60), residentId: z.string().nullable().optional(), phone: optText(20) });
export const GroupSchema = z.object({
  id: z.string(),
  kind: z.enum(GROUP_KINDS),
  name: z.string(),
  compoundId: z.string().nullable(),
  compoundName: z.string().nullable(),
  purpose: z.string().nullable(),
  foundedOn: z.string().nullable(),
  members: z.array(z.object({ id: z.string(), name: z.string(), role: z.string(), organisation: z.string().nullable(), phoneMasked: z.string().nullable() })),
  meetings: z.array(z.object({ id: z.string(), date: z.string(), topic: z.string(), decisions: z.string().nullable() })),
});
export type Group = z.infer<typeof GroupSchema>;
export const GroupInput = z.object({ kind: z.enum(GROUP_KINDS), name: text(60), compoundId: z.string().nullable().optional(), purpose: optText(500), foundedOn: date.nullable().optional() });
export const GroupMeetingInput = z.object({ date, topic: text(200), decisions: optText(5000) });

export const PartnerSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  liaisonName: z.string(),
  liaisonTitle: z.string().nullable(),
  liaisonPhoneMasked: z.string().nullable(),
  joinedOn: z.string(),
  agreementStart: z.string().nullable(),
  agreementEnd: z.string().nullable(),
  agreementFile: FileSchema.nullable(),
  leftOn: z.string().nullable(),
  plan: z.string().nullable(),
  resources: z.array(z.object({ id: z.string(), kind: z.enum(RESOURCE_KINDS), description: z.string(), amount: z.number().nullable(), date: z.string() })),
  meetingsAttended: z.number(),
});
export type Partner = z.infer<typeof PartnerSchema>;
/** a year (this year by default), or a period: what the units shared and the joint meetings within it */
export const PartnerQuery = z.object({ year: z.coerce.number().int().min(1949).max(2100).optional(), ...periodFilter });
export const JointMeetingQuery = z.object(periodFilter);
export const PartnerInput = z.object({
  name: text(60),
  kind: text(20),
  liaisonName: text(40),
  liaisonTitle: optText(40),
  liaisonPhone: optText(20),
  joinedOn: date,
  agreementStart: date.nullable().optional(),
  agreementEnd: date.nullable().optional(),
  leftOn: date.nullable().optional(),
});
export const PlanInput = z.object({ year: z.number().int().min(1949).max(2100), content: text(5000) });
export const ResourceInput = z.object({ kind: z.enum(RESOURCE_KINDS), description: text(200), amount: z.number().min(0).max(1e9).nullable().optional(), date });
export const JointMeetingSchema = z.object({ id: z.string(), date: z.string(), place: z.string().nullable(), topic: z.string(), decisions: z.string().nullable(), units: z.array(z.object({ id: z.string(), name: z.string() })) });
export type JointMeeting = z.infer<typeof JointMeetingSchema>;
export const JointMeetingInput = z.object({ date, place: optText(100), topic: text(200), decisions: optText(5000), unitIds: z.array(z.string()).max(100) });

// ---- the report ----

export const ReportSchema = z.object({
  title: z.object({ zh: z.string(), en: z.string() }),
  figures: z.array(
    z.object({
      key: z.string(),
      label: z.object({ zh: z.string(), en: z.string() }),
      value: z.union([z.number(), z.string()]).nullable(),
      unit: z.object({ zh: z.string(), en: z.string() }).optional(),
      link: z.string().optional(),
    }),
  ),
  highlights: z.array(z.object({ key: z.string(), text: z.object({ zh: z.string(), en: z.string() }), date: z.string().optional(), link: z.string().optional() })).optional(),
});

// ---- the public page (no sign-in) ----

export const PublicNoticeSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTICE_KINDS),
  title: z.string(),
  body: z.string(),
  resolutionNumber: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  periodRule: z.enum(PERIOD_RULES),
  periodLength: z.number(),
  phase: z.enum(NOTICE_PHASES),
  outcome: z.enum(NOTICE_OUTCOMES).nullable(),
  sealName: z.string(),
  /** objections and answers, without who sent them */
  objections: z.array(z.object({ id: z.string(), content: z.string(), receivedAt: z.string(), answer: z.string().nullable() })),
});
export type PublicNotice = z.infer<typeof PublicNoticeSchema>;
export const PublicBoardSchema = z.object({ community: z.string(), sealName: z.string(), today: z.string(), notices: z.array(PublicNoticeSchema) });
export type PublicBoard = z.infer<typeof PublicBoardSchema>;
export const PublicObjectionInput = z.object({ name: text(40), phone: optText(20), address: optText(60), content: text(2000) });
export const PublicProposalInput = z.object({ name: text(40), phone: optText(20), address: optText(60), title: text(100), background: text(5000) });
export const TrackingSchema = z.object({
  trackingCode: z.string(),
  title: z.string(),
  state: z.enum(PROPOSAL_STATES),
  submittedAt: z.string(),
  meetingTitle: z.string().nullable(),
  meetingDate: z.string().nullable(),
  resolutionNumber: z.string().nullable(),
});
export type Tracking = z.infer<typeof TrackingSchema>;


/** The words for each code, as the pages show them and the Excel exports write them (one place for both). */
type Label = { zh: string; en: string };
export const STATE_LABELS: Record<Proposal['state'], Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  on_agenda: { zh: '已列入议程', en: 'On the agenda' },
  deliberated: { zh: '审议中', en: 'Under deliberation' },
  passed: { zh: '通过', en: 'Passed' },
  rejected: { zh: '未通过', en: 'Rejected' },
  deferred: { zh: '暂缓', en: 'Deferred' },
};
export const SOURCE_LABELS: Record<Proposal['source'], Label> = {
  resident: { zh: '居民', en: 'Resident' },
  representative: { zh: '居民代表', en: 'Representative' },
  branch: { zh: '党支部', en: 'Party branch' },
  staff: { zh: '居委会', en: 'Committee staff' },
};
export const CHANNEL_LABELS: Record<Proposal['channel'], Label> = {
  self: { zh: '居民网上提交', en: 'Sent online by the resident' },
  assisted: { zh: '工作人员代为提交', en: 'Entered by staff for the resident' },
  staff: { zh: '工作人员录入', en: 'Entered by staff' },
};
export const NOTICE_KIND_LABELS: Record<Notice['kind'], Label> = {
  resolution: { zh: '决议', en: 'Resolution' },
  project: { zh: '项目', en: 'Project' },
  budget: { zh: '预算', en: 'Budget' },
  honour: { zh: '评选表彰', en: 'Honour' },
  list: { zh: '名单', en: 'List' },
  other: { zh: '其他', en: 'Other' },
};
export const PHASE_LABELS: Record<Notice['phase'], Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  scheduled: { zh: '待公示', en: 'Scheduled' },
  open: { zh: '公示中', en: 'Up now' },
  expired: { zh: '公示期满待结束', en: 'Period over' },
  closed: { zh: '已结束', en: 'Closed' },
};
export const OUTCOME_LABELS: Record<NonNullable<Notice['outcome']>, Label> = {
  no_objection: { zh: '无异议', en: 'No objection' },
  objections_handled: { zh: '有异议已处理', en: 'Objections answered' },
};
export const RESOURCE_LABELS: Record<Partner['resources'][number]['kind'], Label> = {
  room: { zh: '场地', en: 'Room' },
  volunteers: { zh: '志愿者', en: 'Volunteers' },
  money: { zh: '资金', en: 'Money' },
  materials: { zh: '物资', en: 'Materials' },
  other: { zh: '其他', en: 'Other' },
};
