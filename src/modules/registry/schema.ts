import { z } from 'zod';
import { editOf } from '../../core/http/edit';
import { isoDate, periodFilter } from '../../core/http/period';
import { CARE_TAGS, codes, DERIVED_TAGS, EDUCATION, EMPLOYMENT, GENDERS, LIFE_EVENTS, POLITICAL, REGISTRATION_TYPES, RELATIONS, RESIDENCE, RESIDENT_STATUS } from './vocab';

/** The registry's API shapes, shared by the server (validation, OpenAPI) and the web (types). */

const date = isoDate;
const optText = (max: number) => z.string().trim().max(max).nullable().optional();

export const TagSchema = z.object({
  id: z.string(),
  tag: z.string(),
  grade: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  /** held by the household rather than the person */
  household: z.boolean(),
});
export type Tag = z.infer<typeof TagSchema>;

/** 居民 as lists show them: personal data masked. */
export const ResidentRowSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  name: z.string(),
  gender: z.string().nullable(),
  birthDate: z.string().nullable(),
  age: z.number().nullable(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  householdId: z.string(),
  relationToHead: z.string(),
  address: z.string(),
  buildingId: z.string().nullable(),
  registrationType: z.string(),
  residence: z.string(),
  employmentStatus: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  status: z.string(),
  /** stored tags in force today, plus derived ones (age_80, party_member, …) */
  tags: z.array(z.string()),
});
export type ResidentRow = z.infer<typeof ResidentRowSchema>;

export const LifeEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  date: z.string(),
  residentId: z.string().nullable(),
  residentName: z.string().nullable(),
  householdId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});
export type LifeEvent = z.infer<typeof LifeEventSchema>;

export const ResidentDetailSchema = ResidentRowSchema.extend({
  ethnicity: z.string().nullable(),
  education: z.string().nullable(),
  workUnit: z.string().nullable(),
  movedInDate: z.string().nullable(),
  notes: z.string().nullable(),
  phone2Masked: z.string().nullable(),
  tagDetails: z.array(TagSchema),
  events: z.array(LifeEventSchema),
  /** whether the viewer may reveal the ID number and phones in full (audited) */
  canReveal: z.boolean(),
  updatedAt: z.string(),
});
export type ResidentDetail = z.infer<typeof ResidentDetailSchema>;

export const ResidentInputSchema = z.object({
  name: z.string().trim().min(1).max(40),
  gender: z.enum(codes(GENDERS)).nullable().optional(),
  birthDate: date.nullable().optional(),
  idNumber: z.string().trim().max(40).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  phone2: z.string().trim().max(40).nullable().optional(),
  ethnicity: optText(20),
  education: z.enum(codes(EDUCATION)).nullable().optional(),
  workUnit: optText(100),
  politicalStatus: z.enum(codes(POLITICAL)).nullable().optional(),
  registrationType: z.enum(codes(REGISTRATION_TYPES)).default('huji'),
  residence: z.enum(codes(RESIDENCE)).default('both'),
  employmentStatus: z.enum(codes(EMPLOYMENT)).nullable().optional(),
  relationToHead: z.enum(codes(RELATIONS)).default('head'),
  movedInDate: date.nullable().optional(),
  notes: optText(1000),
});
export type ResidentInput = z.infer<typeof ResidentInputSchema>;

/** A correction: only the fields sent change (a note added leaves the registration type and relation as they were). */
export const ResidentUpdateSchema = editOf(ResidentInputSchema);
export type ResidentUpdate = z.infer<typeof ResidentUpdateSchema>;

export const ResidentCreateSchema = ResidentInputSchema.extend({
  /** join an existing household … */
  householdId: z.string().optional(),
  /** … or start a new one in a dwelling */
  dwellingId: z.string().optional(),
});

export const ResidentListQuery = z.object({
  q: z.string().trim().max(60).optional(),
  compoundId: z.string().optional(),
  buildingId: z.string().optional(),
  entranceId: z.string().optional(),
  dwellingId: z.string().optional(),
  /** stored or derived tag code; several separated by commas (all must hold) */
  tag: z.string().max(200).optional(),
  ageBand: z.enum(['60+', '80+', '18-59', '0-17']).optional(),
  registrationType: z.enum(codes(REGISTRATION_TYPES)).optional(),
  gender: z.enum(codes(GENDERS)).optional(),
  employmentStatus: z.enum(codes(EMPLOYMENT)).optional(),
  /** `any`: whoever is on record, living here or not */
  status: z.enum([...codes(RESIDENT_STATUS), 'any']).default('active'),
  /** people who moved in (or out) in the period `from`–`to`: the report's 本期迁入 / 本期迁出 */
  moved: z.enum(['moved_in', 'moved_out']).optional(),
  ...periodFilter,
  savedListId: z.string().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ResidentFilters = z.infer<typeof ResidentListQuery>;

export const ResidentPage = z.object({ items: z.array(ResidentRowSchema), total: z.number(), page: z.number(), pageSize: z.number() });

export const RevealSchema = z.object({ field: z.enum(['idNumber', 'phone', 'phone2']) });

export const LifeEventInputSchema = z.object({
  kind: z.enum(['moved_out', 'moved_within', 'deceased']),
  date,
  /** for moved_within: the dwelling they move to (a new household is started there unless householdId is given) */
  dwellingId: z.string().optional(),
  householdId: z.string().optional(),
  note: optText(500),
});

export const BulkTagSchema = z.object({
  residentIds: z.array(z.string()).min(1).max(1000),
  tag: z.enum(codes(CARE_TAGS)),
  grade: z.string().trim().max(10).nullable().optional(),
  action: z.enum(['add', 'remove']),
  /** the tag holds from (add) or until (remove) this date; today by default */
  date: date.optional(),
});

/** The place tree: 小区 → 楼栋 → 单元 → 房屋, with occupancy. */
export const DwellingNodeSchema = z.object({
  id: z.string(),
  room: z.string(),
  address: z.string().nullable(),
  households: z.number(),
  residents: z.number(),
});
export const EntranceNodeSchema = z.object({ id: z.string(), number: z.string(), dwellings: z.array(DwellingNodeSchema) });
export const BuildingNodeSchema = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  gridId: z.string().nullable(),
  entrances: z.array(EntranceNodeSchema),
  /** dwellings not in an entrance (buildings without 单元) */
  dwellings: z.array(DwellingNodeSchema),
  households: z.number(),
  residents: z.number(),
});
export const CompoundNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  propertyCompany: z.string().nullable(),
  buildings: z.array(BuildingNodeSchema),
  /** single-storey houses with plain addresses */
  dwellings: z.array(DwellingNodeSchema),
  households: z.number(),
  residents: z.number(),
});
export const PlaceTreeSchema = z.object({ compounds: z.array(CompoundNodeSchema), households: z.number(), residents: z.number() });
export type PlaceTree = z.infer<typeof PlaceTreeSchema>;

export const CompoundInput = z.object({ name: z.string().trim().min(1).max(60), kind: z.enum(['compound', 'street']).default('compound'), propertyCompany: optText(100) });
export const BuildingInput = z.object({ compoundId: z.string(), number: z.string().trim().min(1).max(20), floors: z.number().int().min(1).max(200).nullable().optional(), gridId: z.string().nullable().optional() });
export const EntranceInput = z.object({ buildingId: z.string(), number: z.string().trim().min(1).max(20) });
export const DwellingInput = z.object({
  compoundId: z.string(),
  buildingId: z.string().nullable().optional(),
  entranceId: z.string().nullable().optional(),
  room: z.string().trim().min(1).max(40),
  address: optText(200),
});

export const HouseholdCardSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: z.string(),
  address: z.string(),
  dwellingId: z.string(),
  members: z.array(ResidentRowSchema),
  tags: z.array(TagSchema),
  events: z.array(LifeEventSchema),
  /** other households living in the same dwelling */
  neighbours: z.array(z.object({ id: z.string(), head: z.string().nullable(), members: z.number() })),
});
export type HouseholdCard = z.infer<typeof HouseholdCardSchema>;

export const SavedListSchema = z.object({
  id: z.string(),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  count: z.number(),
  createdAt: z.string(),
});
export type SavedList = z.infer<typeof SavedListSchema>;
export const SavedListInput = z.object({ name: z.string().trim().min(1).max(40), filters: ResidentListQuery.omit({ page: true, pageSize: true, savedListId: true }).partial() });

export const GridSchema = z.object({ id: z.string(), name: z.string(), buildingIds: z.array(z.string()) });
export const AssignmentSchema = z.object({ buildingId: z.string(), userIds: z.array(z.string()) });

export { CARE_TAGS, DERIVED_TAGS, LIFE_EVENTS };
