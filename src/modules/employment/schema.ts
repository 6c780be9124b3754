import { z } from 'zod';
import { editOf } from '../../core/http/edit';
import { isoDate, periodFilter } from '../../core/http/period';

/** The re-employment module's API shapes, shared by the server (validation, OpenAPI) and the web (types). */

const date = isoDate;
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();

/** open = 帮扶中, placed = 已安置 (closed with a placement), closed = 已结案 (closed without one) */
export const CASE_STATUSES = ['open', 'placed', 'closed'] as const;
/** 培训, 推荐, 面试, 安置, 回访 */
export const ACTION_KINDS = ['training', 'referral', 'interview', 'placement', 'followup'] as const;
/** 正规就业, 灵活就业, 公益性岗位 */
export const PLACEMENT_KINDS = ['formal', 'flexible', 'public_welfare'] as const;
export const INTERVIEW_RESULTS = ['pending', 'passed', 'failed'] as const;
export const FOLLOWUP_OUTCOMES = ['still_employed', 'left_job'] as const;
/** follow-ups fall due this many months after the placement */
export const FOLLOWUP_STAGES = [1, 3] as const;
export const CLOSE_REASONS = ['no_longer_seeking', 'moved_away', 'retired', 'other'] as const;

export const Created = z.object({ id: z.string() });

export const CaseInput = z.object({
  residentId: z.string(),
  /** 失业登记 — the day the resident registered as unemployed and wanting work */
  registeredOn: date,
  skills: optText(300),
  /** 就业意愿 — the work they want (post, hours, area, pay) */
  wishes: optText(300),
  /** 就业困难 — what stands in the way (age, health, caring for family, skills) */
  barriers: optText(300),
  notes: optText(1000),
});
export const CaseUpdateInput = editOf(CaseInput.omit({ residentId: true }));

export const ActionInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('training'), date, course: text(100), provider: optText(100), note: optText(500) }),
  z.object({ kind: z.literal('referral'), date, employer: text(100), post: text(60), note: optText(500) }),
  z.object({ kind: z.literal('interview'), date, employer: text(100), post: optText(60), result: z.enum(INTERVIEW_RESULTS), note: optText(500) }),
  z.object({ kind: z.literal('placement'), date, employer: text(100), post: optText(60), placementKind: z.enum(PLACEMENT_KINDS), note: optText(500) }),
  z.object({ kind: z.literal('followup'), date, stage: z.union([z.literal(1), z.literal(3)]), outcome: z.enum(FOLLOWUP_OUTCOMES), note: optText(500) }),
]);
export type ActionInputT = z.infer<typeof ActionInput>;

export const CloseInput = z.object({ date, reason: z.enum(CLOSE_REASONS), note: optText(500) });

export const ActionSchema = z.object({
  id: z.string(),
  kind: z.enum(ACTION_KINDS),
  date: z.string(),
  employer: z.string().nullable(),
  post: z.string().nullable(),
  course: z.string().nullable(),
  provider: z.string().nullable(),
  placementKind: z.enum(PLACEMENT_KINDS).nullable(),
  result: z.string().nullable(),
  stage: z.number().nullable(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Action = z.infer<typeof ActionSchema>;

export const FollowupDueSchema = z.object({ stage: z.number(), due: z.string(), done: z.boolean(), daysLeft: z.number() });

export const CaseSchema = z.object({
  id: z.string(),
  residentId: z.string(),
  name: z.string(),
  gender: z.string().nullable(),
  age: z.number().nullable(),
  address: z.string(),
  householdId: z.string(),
  /** the resident's employment status in the registry today */
  employmentStatus: z.string().nullable(),
  registeredOn: z.string(),
  skills: z.string().nullable(),
  wishes: z.string().nullable(),
  barriers: z.string().nullable(),
  notes: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  closedOn: z.string().nullable(),
  closeReason: z.string().nullable(),
  /** the household was a zero-employment household when the case was registered */
  zeroEmployment: z.boolean(),
  placement: z.object({ date: z.string(), employer: z.string().nullable(), post: z.string().nullable(), kind: z.enum(PLACEMENT_KINDS).nullable() }).nullable(),
  lastAction: z.object({ kind: z.enum(ACTION_KINDS), date: z.string() }).nullable(),
});
export type Case = z.infer<typeof CaseSchema>;

export const CaseDetailSchema = CaseSchema.extend({
  actions: z.array(ActionSchema),
  followups: z.array(FollowupDueSchema),
  /** the household's zero-employment record, when it has one */
  household: z.object({
    zeroEmployment: z.boolean(),
    tracking: z.object({ id: z.string(), identifiedOn: z.string(), deadline: z.string(), clearedOn: z.string().nullable() }).nullable(),
  }),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

export const CaseListQuery = z.object({
  q: z.string().trim().max(40).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  zero: z.enum(['1']).optional(),
  /** cases registered within the period (from/to, both days included) */
  ...periodFilter,
  /** placements dated within [placedFrom, placedTo] */
  placedFrom: date.optional(),
  placedTo: date.optional(),
  /** placements of one kind: formal, flexible, public-welfare post */
  placedKind: z.enum(PLACEMENT_KINDS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type CaseFilters = z.infer<typeof CaseListQuery>;
export const CasePage = z.object({ items: z.array(CaseSchema), total: z.number(), page: z.number(), pageSize: z.number() });

export const FollowupRowSchema = z.object({
  caseId: z.string(),
  name: z.string(),
  address: z.string(),
  employer: z.string().nullable(),
  placedOn: z.string(),
  stage: z.number(),
  due: z.string(),
  daysLeft: z.number(),
});
export type FollowupRow = z.infer<typeof FollowupRowSchema>;

export const MemberSchema = z.object({
  residentId: z.string(),
  name: z.string(),
  gender: z.string().nullable(),
  age: z.number().nullable(),
  relationToHead: z.string(),
  employmentStatus: z.string().nullable(),
  workingAge: z.boolean(),
  openCaseId: z.string().nullable(),
});
/** untracked = found in the registry, not yet certified; open = certified and counting down; overdue = past the deadline; changed = no longer zero-employment by a registry change; cleared = a member was placed */
export const ZERO_STATES = ['untracked', 'open', 'overdue', 'changed', 'cleared'] as const;
export const ZeroHouseholdSchema = z.object({
  householdId: z.string(),
  address: z.string(),
  members: z.array(MemberSchema),
  state: z.enum(ZERO_STATES),
  trackingId: z.string().nullable(),
  identifiedOn: z.string().nullable(),
  deadline: z.string().nullable(),
  daysLeft: z.number().nullable(),
  clearedOn: z.string().nullable(),
  clearedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type ZeroHousehold = z.infer<typeof ZeroHouseholdSchema>;
export const ZeroBoardSchema = z.object({ current: z.array(ZeroHouseholdSchema), cleared: z.array(ZeroHouseholdSchema), today: z.string() });
/**
 * The board over a period (from/to, both days included): the certified households identified in it
 * (by=identified, the default; still counting down, or since cleared), or cleared in it (by=cleared).
 */
export const ZeroBoardQuery = z.object({ ...periodFilter, by: z.enum(['identified', 'cleared']).optional() });
export type ZeroBoardFilter = z.infer<typeof ZeroBoardQuery>;
export type ZeroBoard = z.infer<typeof ZeroBoardSchema>;
export const CertifyInput = z.object({ identifiedOn: date, note: optText(300) });
export const ResolveInput = z.object({ date, note: text(300) });

export const PeriodQuery = z.object({ from: date, to: date });
export const SummarySchema = z.object({
  openCases: z.number(),
  placed: z.number(),
  placedZeroPeople: z.number(),
  placedZeroHouseholds: z.number(),
  zeroCurrent: z.number(),
  zeroOverdue: z.number(),
  followupsDue: z.number(),
});
export type Summary = z.infer<typeof SummarySchema>;
