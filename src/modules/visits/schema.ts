import { z } from 'zod';
import { editOf } from '../../core/http/edit';
import { isoDate, periodFilter } from '../../core/http/period';

/** The holiday-visits module's API shapes, shared by the server (validation, OpenAPI) and the web (types). */

const date = isoDate;
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const money = z.number().int().min(0).max(1_000_000);

/** 春节, 元旦, 七一, 八一, 中秋节, 重阳节, 其他 */
export const OCCASIONS = ['spring_festival', 'new_year', 'july_first', 'august_first', 'mid_autumn', 'double_ninth', 'other'] as const;
export type Occasion = (typeof OCCASIONS)[number];

export const Created = z.object({ id: z.string() });

export const PlanInput = z.object({
  occasion: z.enum(OCCASIONS),
  year: z.number().int().min(2000).max(2100),
  title: text(100),
  /** the registry's saved list whose residents are visited (离退休干部, 老职工, 困难户 …) */
  savedListId: z.string(),
  plannedFrom: date,
  plannedTo: date,
  /** 慰问金 per person visited, in yuan */
  money: money.default(0),
  /** 慰问品, e.g. 米、油各一份 */
  gifts: optText(100),
  notes: optText(1000),
  /** 按户走访: one visit per household (低保户, 困难户 are household tags: every member is on the list) */
  perHousehold: z.boolean().default(false),
});
export const PlanUpdateInput = editOf(PlanInput.omit({ savedListId: true, perHousehold: true }));

export const AssignInput = z.object({
  targetIds: z.array(z.string()).min(1).max(2000),
  /** a staff member with an account … */
  assigneeUserId: z.string().nullable().optional(),
  /** … or anyone else by name (a party member, a building leader without an account) */
  assigneeName: optText(40),
});

/** A visit recorded, or corrected: on a correction the money, gifts or notes left out stay as they were. */
export const VisitInput = z.object({
  date,
  /** who went (names as they signed the ledger) */
  visitors: text(100),
  /** 慰问金 given, in yuan; none when a new visit leaves it out */
  money: money.optional(),
  gifts: optText(100),
  notes: optText(1000),
});

export const VisitSchema = z.object({
  id: z.string(),
  date: z.string(),
  visitors: z.string(),
  money: z.number(),
  gifts: z.string().nullable(),
  notes: z.string().nullable(),
  hasPhoto: z.boolean(),
});
export type Visit = z.infer<typeof VisitSchema>;

export const TargetSchema = z.object({
  id: z.string(),
  residentId: z.string(),
  householdId: z.string(),
  name: z.string(),
  address: z.string(),
  phoneMasked: z.string().nullable(),
  assigneeUserId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  visit: VisitSchema.nullable(),
});
export type Target = z.infer<typeof TargetSchema>;

export const ProgressSchema = z.object({ targets: z.number(), visited: z.number(), households: z.number(), householdsVisited: z.number(), money: z.number(), giftVisits: z.number() });
export const PlanSchema = z.object({
  id: z.string(),
  occasion: z.enum(OCCASIONS),
  year: z.number(),
  title: z.string(),
  savedListId: z.string().nullable(),
  listName: z.string(),
  perHousehold: z.boolean(),
  plannedFrom: z.string(),
  plannedTo: z.string(),
  money: z.number(),
  gifts: z.string().nullable(),
  notes: z.string().nullable(),
  progress: ProgressSchema,
});
export type Plan = z.infer<typeof PlanSchema>;
export const PlanDetailSchema = PlanSchema.extend({ targets: z.array(TargetSchema) });
export type PlanDetail = z.infer<typeof PlanDetailSchema>;

export const PlanListQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), occasion: z.enum(OCCASIONS).optional() });

/**
 * The ledger's visits: those of an occasion's plans (every occasion when none is named) of a year, or
 * those made within a period (`from`/`to`, both days included, by the visit's date) — a year or a
 * period must be given.
 */
export const LedgerQuery = z.object({ occasion: z.enum(OCCASIONS).optional(), year: z.coerce.number().int().min(2000).max(2100).optional(), ...periodFilter });
export type LedgerFilter = z.infer<typeof LedgerQuery>;
export const LedgerRowSchema = z.object({
  recordId: z.string(),
  occasion: z.enum(OCCASIONS),
  planTitle: z.string(),
  listName: z.string(),
  name: z.string(),
  address: z.string(),
  date: z.string(),
  visitors: z.string(),
  money: z.number(),
  gifts: z.string().nullable(),
  notes: z.string().nullable(),
});
export type LedgerRow = z.infer<typeof LedgerRowSchema>;
export const LedgerSchema = z.object({
  /** null: every occasion */
  occasion: z.enum(OCCASIONS).nullable(),
  /** the plans' year, or null when the ledger covers a period */
  year: z.number().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  rows: z.array(LedgerRowSchema),
  totals: z.object({ visits: z.number(), households: z.number(), money: z.number(), giftVisits: z.number() }),
});
export type Ledger = z.infer<typeof LedgerSchema>;

export const AssigneeSchema = z.object({ id: z.string(), name: z.string(), role: z.string() });
