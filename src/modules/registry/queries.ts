import { sql, type Expression, type SqlBool } from 'kysely';
import type { ScopedDb } from '../../core/access';
import { PREPARED } from '../../core/db';
import type { Keyring } from './lib/pii';
import { maskedId, maskedPhone } from './pii';
import { parseQuery, prefixEnd } from './search';
import type { LifeEvent, ResidentFilters, ResidentRow, Tag } from './schema';
import { CARE_TAGS } from './vocab';
import './tables';

/** What the viewer may see of the registry, decided once per request from their permissions. */
export interface RegistryView {
  db: ScopedDb;
  keyring: Keyring;
  /** today, YYYY-MM-DD (tags in force, ages) */
  today: string;
  /** building leaders and grid workers see only the buildings they look after */
  buildingIds: string[] | null;
  /** sensitive tags (归正人员 …) are shown only with registry.sensitive */
  sensitive: boolean;
}

export const SENSITIVE_TAGS = CARE_TAGS.filter((t) => t.sensitive).map((t) => t.code);

/**
 * Whether filters name a sensitive tag. A saved list built on them, and whatever is drawn from it (a
 * visit plan), is seen only with registry.sensitive: its name and who is on it say who holds the tag.
 */
export function namesSensitiveTag(f: { tag?: string | null }): boolean {
  return (f.tag ?? '').split(',').some((t) => SENSITIVE_TAGS.includes(t.trim()));
}

/** The date `years` before `today`, for age bands (2026-11-25 − 80 = 1946-11-25). */
export function yearsBefore(today: string, years: number): string {
  return `${String(Number(today.slice(0, 4)) - years).padStart(4, '0')}${today.slice(4)}`;
}

export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  let age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (today.slice(5) < birthDate.slice(5)) age -= 1;
  return age;
}

/** A tag in force on `today`: started, and not yet ended. */
const inForce = (today: string) => sql<SqlBool>`care_tag.start_date <= ${today} and (care_tag.end_date is null or care_tag.end_date > ${today})`;

/** Residents joined to where they live; the base of lists, exports and counts. */
export function residentsBase(v: Pick<RegistryView, 'db' | 'buildingIds'>) {
  let q = v.db
    .selectFrom('resident')
    .innerJoin('household', (j) => j.onRef('household.community_id', '=', 'resident.community_id').onRef('household.id', '=', 'resident.household_id'))
    .innerJoin('dwelling', (j) => j.onRef('dwelling.community_id', '=', 'household.community_id').onRef('dwelling.id', '=', 'household.dwelling_id'))
    .innerJoin('compound', (j) => j.onRef('compound.community_id', '=', 'dwelling.community_id').onRef('compound.id', '=', 'dwelling.compound_id'))
    .leftJoin('building', (j) => j.onRef('building.community_id', '=', 'dwelling.community_id').onRef('building.id', '=', 'dwelling.building_id'))
    .leftJoin('entrance', (j) => j.onRef('entrance.community_id', '=', 'dwelling.community_id').onRef('entrance.id', '=', 'dwelling.entrance_id'));
  if (v.buildingIds) {
    q = v.buildingIds.length ? q.where('dwelling.building_id', 'in', v.buildingIds) : q.where(sql<SqlBool>`1 = 0`);
  }
  return q;
}
type Base = ReturnType<typeof residentsBase>;


function tagCondition(v: RegistryView, tag: string): Expression<SqlBool> {
  switch (tag) {
    case 'age_60':
      return sql<SqlBool>`resident.birth_date <= ${yearsBefore(v.today, 60)}`;
    case 'age_80':
      return sql<SqlBool>`resident.birth_date <= ${yearsBefore(v.today, 80)}`;
    case 'party_member':
      return sql<SqlBool>`resident.political_status in ('cpc_member', 'cpc_probationary')`;
    case 'unemployed':
      return sql<SqlBool>`resident.employment_status = 'unemployed'`;
    default:
      return sql<SqlBool>`exists (select 1 from care_tag where care_tag.community_id = resident.community_id
        and (care_tag.resident_id = resident.id or care_tag.household_id = resident.household_id)
        and care_tag.tag = ${tag} and ${inForce(v.today)})`;
  }
}

/** Applies the list filters and the search box. Unknown or unseen tags filter to nothing. */
export function applyFilters(v: RegistryView, q: Base, f: Partial<ResidentFilters>): Base {
  if (f.status !== 'any') q = q.where('resident.status', '=', f.status ?? 'active');
  if (f.moved) {
    // the life event of the move, on a day of the period
    const { moved, from, to } = f;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('life_event')
          .select(sql`1`.as('one'))
          .whereRef('life_event.community_id', '=', 'resident.community_id')
          .whereRef('life_event.resident_id', '=', 'resident.id')
          .where('life_event.kind', '=', moved)
          .$if(from !== undefined, (e) => e.where('life_event.date', '>=', from!))
          .$if(to !== undefined, (e) => e.where('life_event.date', '<=', to!)),
      ),
    );
  }
  if (f.compoundId) q = q.where('dwelling.compound_id', '=', f.compoundId);
  if (f.buildingId) q = q.where('dwelling.building_id', '=', f.buildingId);
  if (f.entranceId) q = q.where('dwelling.entrance_id', '=', f.entranceId);
  if (f.dwellingId) q = q.where('dwelling.id', '=', f.dwellingId);
  if (f.gender) q = q.where('resident.gender', '=', f.gender);
  if (f.registrationType) q = q.where('resident.registration_type', '=', f.registrationType);
  if (f.employmentStatus) q = q.where('resident.employment_status', '=', f.employmentStatus);
  if (f.ageBand) {
    const [lo, hi] = { '60+': [60, null], '80+': [80, null], '18-59': [18, 59], '0-17': [0, 17] }[f.ageBand] as [number, number | null];
    q = q.where('resident.birth_date', '<=', yearsBefore(v.today, lo));
    if (hi !== null) q = q.where('resident.birth_date', '>', yearsBefore(v.today, hi + 1));
  }
  for (const tag of (f.tag ?? '').split(',').map((t) => t.trim()).filter(Boolean)) {
    if (SENSITIVE_TAGS.includes(tag) && !v.sensitive) return q.where(sql<SqlBool>`1 = 0`);
    q = q.where(tagCondition(v, tag));
  }
  const parsed = f.q ? parseQuery(f.q) : null;
  if (parsed?.kind === 'name') {
    const ids = v.db
      .selectFrom('resident_search')
      .select(['resident_search.community_id', 'resident_search.resident_id'])
      .where('resident_search.key', '>=', parsed.key)
      .where('resident_search.key', '<', prefixEnd(parsed.key));
    // matched on the pair, so each hit is one primary-key lookup even across a sub-district
    q = q.where(sql<SqlBool>`(resident.community_id, resident.id) in (${ids})`);
  } else if (parsed?.kind === 'digits') {
    const tail = parsed.digits.slice(-4);
    q = q.where((eb) => eb.or([eb('resident.id_number_tail', '=', tail), eb('resident.phone_tail', '=', tail)]));
  } else if (parsed?.kind === 'address') {
    const a = parsed.address;
    if (a.building) q = q.where('building.number', '=', a.building);
    if (a.entrance) q = q.where('entrance.number', '=', a.entrance);
    if (a.room) q = q.where('dwelling.room', '=', a.room);
  }
  return q;
}

/** "3号楼2单元401", or the plain address of a single-storey house, with the compound first. */
export function formatAddress(p: { compound: string | null; building: string | null; entrance: string | null; room: string | null; address: string | null }): string {
  const parts = [p.compound ?? ''];
  if (p.building) parts.push(`${p.building}号楼`);
  if (p.entrance) parts.push(`${p.entrance}单元`);
  if (p.room && p.building) parts.push(p.room);
  else if (p.address) parts.push(p.address);
  else if (p.room) parts.push(p.room);
  return parts.join('');
}

/** The columns of a row of the list, but for the compound's name (selected beside them). */
const ROW_COLUMNS = [
  'resident.id as id',
  'resident.community_id as communityId',
  'resident.name as name',
  'resident.gender as gender',
  'resident.birth_date as birthDate',
  'resident.id_number_enc as idEnc',
  'resident.phone_enc as phoneEnc',
  'resident.household_id as householdId',
  'resident.relation_to_head as relationToHead',
  'resident.registration_type as registrationType',
  'resident.residence as residence',
  'resident.employment_status as employmentStatus',
  'resident.political_status as politicalStatus',
  'resident.status as status',
  'building.number as buildingNumber',
  'building.id as buildingId',
  'entrance.number as entranceNumber',
  'dwelling.room as room',
  'dwelling.address as plainAddress',
] as const;

/**
 * Roster order, as the office reads a roster: where the dwelling stands (compound, building,
 * entrance, room: `resident.place_order`, see places.ts placeOrder), then household, head first,
 * age. Kept on the resident, so ordering needs no join to the places.
 */
const ROSTER_ORDER = [
  sql.ref('resident.place_order'),
  sql.ref('resident.household_id'),
  sql`case when resident.relation_to_head = 'head' then 0 else 1 end`,
  sql.ref('resident.birth_date'),
  sql.ref('resident.id'),
];

export interface RawResidentRow {
  id: string;
  communityId: string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  idEnc: string | null;
  phoneEnc: string | null;
  householdId: string;
  relationToHead: string;
  registrationType: string;
  residence: string;
  employmentStatus: string | null;
  politicalStatus: string | null;
  status: string;
  compoundName: string;
  buildingNumber: string | null;
  buildingId: string | null;
  entranceNumber: string | null;
  room: string;
  plainAddress: string | null;
}

/** Sorted as the office reads a roster (ROSTER_ORDER). */
export function selectRows(q: Base) {
  let r = q.select([...ROW_COLUMNS, 'compound.name as compoundName']);
  for (const o of ROSTER_ORDER) r = r.orderBy(o);
  return r;
}

/**
 * The residents whose names match the search box's key, each once (a resident matching two keys,
 * wangwang and wang for "wang", is one group), with the list's own filters on the resident. Driven
 * by the key index: each match costs one lookup of the resident, whether the scope is one
 * community or thirty.
 */
function nameMatches(v: RegistryView, key: string, f: ResidentFilters) {
  const matched = v.db
    .selectFrom('resident_search')
    .innerJoin('resident', (j) => j.onRef('resident.community_id', '=', 'resident_search.community_id').onRef('resident.id', '=', 'resident_search.resident_id'))
    .where('resident_search.key', '>=', key)
    .where('resident_search.key', '<', prefixEnd(key));
  // the list's filters on the resident (the places' filters take the other path, see listStatements)
  const filtered = applyFilters(v, matched as unknown as Base, { ...f, q: undefined }) as unknown as typeof matched;
  return filtered.groupBy(['resident.community_id', 'resident.id']);
}

/** Filters on where residents live: a name search with one of these takes the joined path. */
const placeFiltered = (v: RegistryView, f: ResidentFilters) => Boolean(v.buildingIds || f.compoundId || f.buildingId || f.entranceId || f.dwellingId);

/**
 * A page of the search box's matches in roster order, each row carrying how many match in all. The
 * page is picked among the matches alone (roster order is on the resident); only its rows are then
 * joined to their places, so a letter matching a thousand people costs a thousand lookups of a
 * resident, not five thousand lookups along resident, household, dwelling, building and entrance.
 */
function namePage(v: RegistryView, key: string, f: ResidentFilters) {
  let page = nameMatches(v, key, f)
    .select(['resident.community_id as cid', 'resident.id as rid', 'resident.place_order as place', 'resident.household_id as hid'])
    .select(sql<number>`case when resident.relation_to_head = 'head' then 0 else 1 end`.as('head'))
    .select(['resident.birth_date as born', sql<number>`count(*) over ()`.as('total')]);
  for (const o of ROSTER_ORDER) page = page.orderBy(o);
  const picked = page.limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  return residentsBase(v)
    .modifyFront(PREPARED)
    .innerJoin(picked.as('m'), (j) => j.onRef('m.cid', '=', 'resident.community_id').onRef('m.rid', '=', 'resident.id'))
    .select([...ROW_COLUMNS, 'compound.name as compoundName', 'm.total'])
    .orderBy('m.place')
    .orderBy('m.hid')
    .orderBy('m.head')
    .orderBy('m.born')
    .orderBy('m.rid');
}

/** The lengths a page's list of ids is padded to. */
const PAGE_LENGTHS = [20, 50, 100, 200];

/**
 * Ids padded to the next of PAGE_LENGTHS by repeating the last (which matches nothing more), so
 * the statement reads the same for every page of a list; longer lists are left as they are.
 */
function padded(ids: string[]): string[] {
  const n = PAGE_LENGTHS.find((x) => x >= ids.length);
  return n === undefined ? ids : ids.concat(Array<string>(n - ids.length).fill(ids[ids.length - 1]));
}

/** Tags in force for these residents (their own and their household's), by resident id. */
export async function tagsFor(v: RegistryView, rows: { id: string; householdId: string }[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(rows.map((r) => [r.id, []]));
  if (rows.length === 0) return out;
  const resIds = rows.map((r) => r.id);
  const hhIds = [...new Set(rows.map((r) => r.householdId))];
  // a page's worth is asked the same way every time (see padded), so PostgreSQL keeps it prepared
  const page = rows.length <= PAGE_LENGTHS[PAGE_LENGTHS.length - 1];
  const tags = await (page ? v.db.selectFrom('care_tag').modifyFront(PREPARED) : v.db.selectFrom('care_tag'))
    .select(['care_tag.resident_id', 'care_tag.household_id', 'care_tag.tag'])
    .where((eb) => eb.or([eb('care_tag.resident_id', 'in', padded(resIds)), eb('care_tag.household_id', 'in', padded(hhIds))]))
    .where(inForce(v.today))
    .execute();
  for (const r of rows) {
    const mine = tags.filter((t) => t.resident_id === r.id || (t.household_id !== null && t.household_id === r.householdId)).map((t) => t.tag);
    out.set(r.id, [...new Set(mine)].filter((t) => v.sensitive || !SENSITIVE_TAGS.includes(t)));
  }
  return out;
}

export function derivedTags(r: RawResidentRow, today: string): string[] {
  const out: string[] = [];
  const age = ageOn(r.birthDate, today);
  if (age !== null && age >= 80) out.push('age_80');
  else if (age !== null && age >= 60) out.push('age_60');
  if (r.politicalStatus === 'cpc_member' || r.politicalStatus === 'cpc_probationary') out.push('party_member');
  if (r.employmentStatus === 'unemployed') out.push('unemployed');
  return out;
}

export function presentRow(v: RegistryView, r: RawResidentRow, tags: string[]): ResidentRow {
  return {
    id: r.id,
    communityId: r.communityId,
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    age: ageOn(r.birthDate, v.today),
    idNumberMasked: maskedId(r.idEnc, v.keyring),
    phoneMasked: maskedPhone(r.phoneEnc, v.keyring),
    householdId: r.householdId,
    relationToHead: r.relationToHead,
    address: formatAddress({ compound: r.compoundName, building: r.buildingNumber, entrance: r.entranceNumber, room: r.room, address: r.plainAddress }),
    buildingId: r.buildingId,
    registrationType: r.registrationType,
    residence: r.residence,
    employmentStatus: r.employmentStatus,
    politicalStatus: r.politicalStatus,
    status: r.status,
    tags: [...tags, ...derivedTags(r, v.today)],
  };
}

export async function presentRows(v: RegistryView, rows: RawResidentRow[]): Promise<ResidentRow[]> {
  const tags = await tagsFor(v, rows);
  return rows.map((r) => presentRow(v, r, tags.get(r.id) ?? []));
}

/**
 * The statements behind a page of the list. `page` returns the page's rows in roster order, each
 * carrying how many match in all (`total`, a window count over the same rows), so one pass over
 * the matches both counts them and picks the page. `count` (read with `counted`) is needed only
 * when the page asked for lies past the last match, where no row carries the total; with
 * `countCap` the list's count stops one past the cap. A name search is driven by the key index
 * (see namePage) and prepared once per PostgreSQL connection (see PREPARED).
 */
export function listStatements(v: RegistryView, f: ResidentFilters, countCap?: number) {
  const parsed = f.q ? parseQuery(f.q) : null;
  if (parsed?.kind === 'name' && !placeFiltered(v, f)) {
    const count = nameMatches(v, parsed.key, f).modifyFront(PREPARED).select(sql<number>`count(*) over ()`.as('n')).limit(1);
    return { page: namePage(v, parsed.key, f), count, counted: (rows: { n: number | string }[]) => (rows.length ? Number(rows[0].n) : 0) };
  }
  const filtered = applyFilters(v, residentsBase(v), f);
  const page = selectRows(filtered)
    .select(sql<number>`count(*) over ()`.as('total'))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  if (countCap !== undefined) {
    const count = filtered.select(sql<number>`1`.as('n')).limit(countCap + 1);
    return { page, count, counted: (rows: { n: number | string }[]) => rows.length };
  }
  const count = filtered.select(sql<number>`count(*)`.as('n'));
  return { page, count, counted: (rows: { n: number | string }[]) => Number(rows[0].n) };
}

/**
 * A page of residents and how many match. `countCap` bounds the count (a sub-district-wide search
 * for one letter matches tens of thousands; "more than 1,000" is all anyone needs to know).
 */
export async function listResidents(
  v: RegistryView,
  f: ResidentFilters,
  opts: { countCap?: number } = {},
): Promise<{ items: ResidentRow[]; total: number; capped: boolean }> {
  const s = listStatements(v, f, opts.countCap);
  const rows = (await s.page.execute()) as (RawResidentRow & { total: number | string })[];
  const n = rows.length > 0 ? Number(rows[0].total) : f.page > 1 ? s.counted(await s.count.execute()) : 0;
  const capped = opts.countCap !== undefined && n > opts.countCap;
  return { items: await presentRows(v, rows), total: capped ? opts.countCap! : n, capped };
}

export async function tagDetails(v: RegistryView, where: { residentId?: string; householdId?: string }): Promise<Tag[]> {
  let q = v.db.selectFrom('care_tag').selectAll().orderBy('care_tag.start_date');
  if (where.residentId && where.householdId) {
    q = q.where((eb) => eb.or([eb('care_tag.resident_id', '=', where.residentId!), eb('care_tag.household_id', '=', where.householdId!)]));
  } else if (where.householdId) q = q.where('care_tag.household_id', '=', where.householdId);
  else q = q.where('care_tag.resident_id', '=', where.residentId!);
  const rows = await q.execute();
  return rows
    .filter((t) => v.sensitive || !SENSITIVE_TAGS.includes(t.tag))
    .map((t) => ({ id: t.id, tag: t.tag, grade: t.grade, startDate: t.start_date, endDate: t.end_date, household: t.household_id !== null && t.resident_id === null }));
}

export async function eventsFor(v: RegistryView, where: { residentId?: string; householdId?: string }): Promise<LifeEvent[]> {
  let q = v.db
    .selectFrom('life_event')
    .leftJoin('resident', (j) => j.onRef('resident.community_id', '=', 'life_event.community_id').onRef('resident.id', '=', 'life_event.resident_id'))
    .select([
      'life_event.id as id',
      'life_event.kind as kind',
      'life_event.date as date',
      'life_event.resident_id as residentId',
      'resident.name as residentName',
      'life_event.household_id as householdId',
      'life_event.details_json as details',
      'life_event.created_at as createdAt',
    ])
    .orderBy('life_event.date', 'desc')
    .orderBy('life_event.created_at', 'desc');
  if (where.residentId) q = q.where('life_event.resident_id', '=', where.residentId);
  if (where.householdId) q = q.where('life_event.household_id', '=', where.householdId);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null }));
}
