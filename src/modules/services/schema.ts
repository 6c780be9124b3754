import { z } from 'zod';
import { isoDate } from '../../core/http/period';

/** The services module's API shapes, shared by the server (validation, OpenAPI) and the web (types). */

const date = isoDate;
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const phone = z.string().trim().regex(/^[\d\s+()-]{7,20}$/, 'phone');

export const AREAS = ['hall', 'station'] as const;
export const PROVIDER_KINDS = ['staff', 'volunteer', 'provider'] as const;
/** 每天, 工作日, 每周, 隔周, 每月, 按需 */
export const FREQS = ['daily', 'weekdays', 'weekly', 'biweekly', 'monthly', 'on_request'] as const;
export const OUTCOMES = ['done', 'not_home', 'refused'] as const;
export const CHANNELS = ['desk', 'hotline', 'online'] as const;
export const TICKET_STATUSES = ['accepted', 'assigned', 'in_progress', 'done', 'followed_up', 'closed'] as const;
/** states in which a ticket is still being worked on (and can run late) */
export const OPEN_STATUSES = ['accepted', 'assigned', 'in_progress'] as const;
/** the care tags that put a resident on the door-to-door candidates list */
export const DOOR_CARE_TAGS = ['living_alone', 'empty_nest', 'disabled', 'tekun'] as const;

export type Area = (typeof AREAS)[number];
export type Freq = (typeof FREQS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type Channel = (typeof CHANNELS)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const Created = z.object({ id: z.string() });
export const PeriodQuery = z.object({ from: date, to: date });

// ---- catalogue ----

export const ItemInput = z.object({
  area: z.enum(AREAS),
  name: text(40),
  duties: optText(1000),
  staffUserId: z.string().nullable().optional(),
  staffName: optText(40),
  location: optText(60),
  door: z.boolean().optional(),
  timeLimitHours: z.number().int().min(1).max(24 * 60),
  active: z.boolean().optional(),
  sort: z.number().int().min(0).max(9999).optional(),
});
export const ItemSchema = z.object({
  id: z.string(),
  area: z.enum(AREAS),
  name: z.string(),
  code: z.string().nullable(),
  duties: z.string().nullable(),
  staffUserId: z.string().nullable(),
  staffName: z.string().nullable(),
  location: z.string().nullable(),
  door: z.boolean(),
  timeLimitHours: z.number(),
  active: z.boolean(),
  sort: z.number(),
  providers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type Item = z.infer<typeof ItemSchema>;

export const ProviderInput = z.object({
  name: text(60),
  contactName: optText(40),
  phone: phone.nullable().optional(),
  address: optText(200),
  agreementNo: optText(60),
  agreementStart: date.nullable().optional(),
  agreementEnd: date.nullable().optional(),
  hours: optText(100),
  prices: optText(1000),
  joinedDate: date,
  leftDate: date.nullable().optional(),
  notes: optText(1000),
  itemIds: z.array(z.string()).max(50),
});
export const ProviderSchema = z.object({
  id: z.string(),
  name: z.string(),
  contactName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  address: z.string().nullable(),
  agreementNo: z.string().nullable(),
  agreementStart: z.string().nullable(),
  agreementEnd: z.string().nullable(),
  hours: z.string().nullable(),
  prices: z.string().nullable(),
  joinedDate: z.string(),
  leftDate: z.string().nullable(),
  notes: z.string().nullable(),
  items: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type Provider = z.infer<typeof ProviderSchema>;
export const ProviderListQuery = z.object({ includeLeft: z.enum(['0', '1']).optional() });

// ---- door-to-door ----

export const DoorProviderInput = z.object({
  kind: z.enum(PROVIDER_KINDS),
  name: text(40),
  userId: z.string().nullable().optional(),
  serviceProviderId: z.string().nullable().optional(),
  phone: phone.nullable().optional(),
  active: z.boolean().optional(),
});
export const DoorProviderSchema = z.object({
  id: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  name: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  serviceProviderId: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  active: z.boolean(),
  needs: z.number(),
});
export type DoorProvider = z.infer<typeof DoorProviderSchema>;

export const ScheduleInput = z.object({
  itemId: z.string(),
  providerId: z.string().nullable().optional(),
  freq: z.enum(FREQS),
  weekdays: z.array(z.number().int().min(1).max(7)).max(7).optional(),
  monthDay: z.number().int().min(1).max(31).nullable().optional(),
  startDate: date,
  endDate: date.nullable().optional(),
  timeSlot: optText(20),
  note: optText(200),
});
export type ScheduleInputT = z.infer<typeof ScheduleInput>;
export const NeedSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  providerId: z.string().nullable(),
  providerName: z.string().nullable(),
  freq: z.enum(FREQS),
  weekdays: z.array(z.number()),
  monthDay: z.number().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  timeSlot: z.string().nullable(),
  note: z.string().nullable(),
});
export type Need = z.infer<typeof NeedSchema>;

export const ClientInput = z.object({
  residentId: z.string(),
  registeredDate: date,
  note: optText(500),
  needs: z.array(ScheduleInput).max(20).optional(),
});
export const ClientUpdateInput = z.object({ note: optText(500), registeredDate: date.optional() });
export const ClientEndInput = z.object({ endedDate: date, reason: text(200) });
export const ClientSchema = z.object({
  id: z.string(),
  residentId: z.string(),
  name: z.string(),
  gender: z.string().nullable(),
  age: z.number().nullable(),
  address: z.string(),
  phoneMasked: z.string().nullable(),
  tags: z.array(z.string()),
  registeredDate: z.string(),
  endedDate: z.string().nullable(),
  endReason: z.string().nullable(),
  note: z.string().nullable(),
  residentStatus: z.string(),
  needs: z.array(NeedSchema),
  /** done visits in the last 30 days */
  recentDone: z.number(),
});
export type Client = z.infer<typeof ClientSchema>;
export const ClientListQuery = z.object({
  q: z.string().trim().max(40).optional(),
  itemId: z.string().optional(),
  providerId: z.string().optional(),
  tag: z.string().optional(),
  ended: z.enum(['0', '1']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ClientFilters = z.infer<typeof ClientListQuery>;
export const ClientPage = z.object({ items: z.array(ClientSchema), total: z.number(), page: z.number(), pageSize: z.number() });

export const CandidateSchema = z.object({
  residentId: z.string(),
  name: z.string(),
  age: z.number().nullable(),
  address: z.string(),
  tags: z.array(z.string()),
});
export type Candidate = z.infer<typeof CandidateSchema>;

/** One line of a day's list: a scheduled visit (or a visit made on request), with what was logged. */
export const DayStopSchema = z.object({
  key: z.string(),
  needId: z.string().nullable(),
  clientId: z.string(),
  residentId: z.string(),
  name: z.string(),
  address: z.string(),
  phoneMasked: z.string().nullable(),
  clientNote: z.string().nullable(),
  itemId: z.string(),
  itemName: z.string(),
  timeSlot: z.string().nullable(),
  needNote: z.string().nullable(),
  deliveryId: z.string().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  loggedAt: z.string().nullable(),
  loggedByName: z.string().nullable(),
  note: z.string().nullable(),
});
export type DayStop = z.infer<typeof DayStopSchema>;
export const DayListSchema = z.object({
  date: z.string(),
  providers: z.array(
    z.object({
      providerId: z.string().nullable(),
      providerName: z.string().nullable(),
      kind: z.enum(PROVIDER_KINDS).nullable(),
      stops: z.array(DayStopSchema),
    }),
  ),
  /** the viewer's own providers (a volunteer sees only these) */
  mine: z.array(z.string()),
});
export type DayList = z.infer<typeof DayListSchema>;
export const DayQuery = z.object({ date: date.optional(), providerId: z.string().optional() });

export const LogInput = z.object({
  /** a scheduled visit; or clientId + itemId for a visit made on request */
  needId: z.string().nullable().optional(),
  clientId: z.string().nullable().optional(),
  itemId: z.string().nullable().optional(),
  date,
  outcome: z.enum(OUTCOMES),
  note: optText(200),
});
export const DeliverySchema = z.object({
  id: z.string(),
  date: z.string(),
  clientId: z.string(),
  residentId: z.string(),
  name: z.string(),
  address: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  providerName: z.string().nullable(),
  outcome: z.enum(OUTCOMES),
  loggedAt: z.string(),
  loggedByName: z.string(),
  note: z.string().nullable(),
  scheduled: z.boolean(),
});
export type Delivery = z.infer<typeof DeliverySchema>;
export const DeliveryListQuery = z.object({
  from: date.optional(),
  to: date.optional(),
  outcome: z.enum(OUTCOMES).optional(),
  itemId: z.string().optional(),
  providerId: z.string().optional(),
  clientId: z.string().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type DeliveryFilters = z.infer<typeof DeliveryListQuery>;
export const DeliveryPage = z.object({
  items: z.array(DeliverySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** household-times (户/次) of the filtered done visits */
  householdTimes: z.number(),
});

// ---- tickets ----

export const TicketCreateInput = z.object({
  channel: z.enum(CHANNELS),
  residentId: z.string().nullable().optional(),
  callerName: text(40).optional(),
  phone: phone.nullable().optional(),
  address: optText(200),
  itemId: z.string(),
  description: text(2000),
  /** assign at once: a community user or a joined provider */
  assignUserId: z.string().nullable().optional(),
  assignProviderId: z.string().nullable().optional(),
});
export const AssignInput = z.object({ userId: z.string().nullable().optional(), providerId: z.string().nullable().optional(), note: optText(500) });
export const NoteInput = z.object({ note: text(1000) });
export const DoneInput = z.object({ result: text(1000) });
export const FollowUpInput = z.object({ satisfaction: z.number().int().min(1).max(5), comment: optText(1000) });
export const CloseInput = z.object({ reason: text(500) });

export const TicketEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  byName: z.string(),
});
export const TicketSchema = z.object({
  id: z.string(),
  number: z.string(),
  channel: z.enum(CHANNELS),
  residentId: z.string().nullable(),
  callerName: z.string(),
  phoneMasked: z.string().nullable(),
  address: z.string().nullable(),
  itemId: z.string(),
  itemName: z.string(),
  description: z.string(),
  status: z.enum(TICKET_STATUSES),
  assigneeUserId: z.string().nullable(),
  assigneeProviderId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  acceptedAt: z.string(),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  result: z.string().nullable(),
  satisfaction: z.number().nullable(),
  followUpComment: z.string().nullable(),
  closeReason: z.string().nullable(),
  createdByName: z.string(),
  /** still open past its time limit */
  overdue: z.boolean(),
  /** finished after its time limit */
  late: z.boolean(),
});
export type Ticket = z.infer<typeof TicketSchema>;
export const TicketDetailSchema = TicketSchema.extend({ events: z.array(TicketEventSchema) });
export type TicketDetail = z.infer<typeof TicketDetailSchema>;
export const TicketListQuery = z.object({
  status: z.string().optional(),
  channel: z.enum(CHANNELS).optional(),
  itemId: z.string().optional(),
  overdue: z.enum(['0', '1']).optional(),
  residentId: z.string().optional(),
  q: z.string().trim().max(40).optional(),
  from: date.optional(),
  to: date.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TicketFilters = z.infer<typeof TicketListQuery>;
export const TicketPage = z.object({ items: z.array(TicketSchema), total: z.number(), page: z.number(), pageSize: z.number() });

/** The hotline desk's caller look-up: registry residents by full phone (blind index) or by name. */
export const CallerQuery = z.object({ q: z.string().trim().min(1).max(40) });
export const CallerSchema = z.object({
  residentId: z.string(),
  name: z.string(),
  gender: z.string().nullable(),
  age: z.number().nullable(),
  address: z.string(),
  phoneMasked: z.string().nullable(),
  tags: z.array(z.string()),
  /** matched on the full phone number, not just the name */
  byPhone: z.boolean(),
  doorClient: z.boolean(),
  recentTickets: z.array(z.object({ id: z.string(), number: z.string(), itemName: z.string(), status: z.enum(TICKET_STATUSES), acceptedAt: z.string() })),
});
export type Caller = z.infer<typeof CallerSchema>;
export const AssigneesSchema = z.object({
  users: z.array(z.object({ id: z.string(), name: z.string() })),
  providers: z.array(z.object({ id: z.string(), name: z.string(), itemIds: z.array(z.string()) })),
});
export type Assignees = z.infer<typeof AssigneesSchema>;

// ---- overview and report ----

export const OverviewSchema = z.object({
  today: z.string(),
  openTickets: z.number(),
  overdueTickets: z.number(),
  todayStops: z.number(),
  todayLogged: z.number(),
  clients: z.number(),
  providers: z.number(),
  stationServices: z.number(),
  hallServices: z.number(),
  /** 再就业帮扶 — null when the viewer may not read re-employment cases */
  employment: z.object({ openCases: z.number(), zeroHouseholds: z.number(), followupsDue: z.number() }).nullable(),
});
export type Overview = z.infer<typeof OverviewSchema>;
export const ReportFiguresSchema = z.object({
  title: z.object({ zh: z.string(), en: z.string() }),
  figures: z.array(
    z.object({
      key: z.string(),
      label: z.object({ zh: z.string(), en: z.string() }),
      value: z.union([z.number(), z.string(), z.null()]),
      unit: z.object({ zh: z.string(), en: z.string() }).optional(),
      link: z.string().optional(),
    }),
  ),
  highlights: z
    .array(z.object({ key: z.string(), text: z.object({ zh: z.string(), en: z.string() }), date: z.string().optional(), link: z.string().optional() }))
    .optional(),
});
