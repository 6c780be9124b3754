import { sql, type SqlBool } from 'kysely';
import type { ScopedDb } from '../../core/access';
import { notFound } from '../../core/errors';
import type { ReportFigure, ReportHighlight, ReportSection } from '../../core/module';
import { formatAddress, maskedPhone, type keyringFor } from '../registry';
import { occursOn, parseWeekdays } from './schedule';
import {
  DOOR_CARE_TAGS,
  OPEN_STATUSES,
  type Candidate,
  type Client,
  type ClientFilters,
  type DayList,
  type DayStop,
  type Delivery,
  type DeliveryFilters,
  type DoorProvider,
  type Item,
  type Need,
  type Provider,
  type Ticket,
  type TicketFilters,
} from './schema';
import './tables';

export type Keyring = ReturnType<typeof keyringFor>;

/** The first instant of a day in China (UTC+8), as an ISO timestamp: what "tickets of a day" means at the desk. */
export const chinaDayStart = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();
export const chinaDayEnd = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`) + 86_400_000).toISOString();
const like = (s: string) => `%${s.replace(/[%_\\]/g, '')}%`;

export function ageOn(birth: string | null, today: string): number | null {
  if (!birth) return null;
  let a = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  if (today.slice(5) < birth.slice(5)) a -= 1;
  return a;
}

/** A resident with where they live; every door-to-door and ticket list leans on it. */
function residentPlace(db: ScopedDb) {
  return db
    .selectFrom('resident')
    .innerJoin('household', (j) => j.onRef('household.community_id', '=', 'resident.community_id').onRef('household.id', '=', 'resident.household_id'))
    .innerJoin('dwelling', (j) => j.onRef('dwelling.community_id', '=', 'household.community_id').onRef('dwelling.id', '=', 'household.dwelling_id'))
    .innerJoin('compound', (j) => j.onRef('compound.community_id', '=', 'dwelling.community_id').onRef('compound.id', '=', 'dwelling.compound_id'))
    .leftJoin('building', (j) => j.onRef('building.community_id', '=', 'dwelling.community_id').onRef('building.id', '=', 'dwelling.building_id'))
    .leftJoin('entrance', (j) => j.onRef('entrance.community_id', '=', 'dwelling.community_id').onRef('entrance.id', '=', 'dwelling.entrance_id'));
}
const PLACE_COLS = ['compound.name as compoundName', 'building.number as buildingNumber', 'entrance.number as entranceNumber', 'dwelling.room as room', 'dwelling.address as plainAddress'] as const;
const addressOf = (r: { compoundName: string; buildingNumber: string | null; entranceNumber: string | null; room: string; plainAddress: string | null }) =>
  formatAddress({ compound: r.compoundName, building: r.buildingNumber, entrance: r.entranceNumber, room: r.room, address: r.plainAddress });

/** Care tags in force on a day for these residents (their own and their household's), sensitive ones left out. */
async function careTags(db: ScopedDb, rows: { residentId: string; householdId: string }[], today: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(rows.map((r) => [r.residentId, []]));
  if (rows.length === 0) return out;
  const shown = ['living_alone', 'empty_nest', 'disabled', 'dibao', 'hardship', 'tekun', 'retired_cadre', 'old_worker', 'veteran', 'zero_employment'];
  const tags = await db
    .selectFrom('care_tag')
    .select(['care_tag.resident_id', 'care_tag.household_id', 'care_tag.tag'])
    .where((eb) => eb.or([eb('care_tag.resident_id', 'in', rows.map((r) => r.residentId)), eb('care_tag.household_id', 'in', [...new Set(rows.map((r) => r.householdId))])]))
    .where('care_tag.tag', 'in', shown)
    .where('care_tag.start_date', '<=', today)
    .where((eb) => eb.or([eb('care_tag.end_date', 'is', null), eb('care_tag.end_date', '>', today)]))
    .execute();
  for (const r of rows) {
    out.set(r.residentId, [...new Set(tags.filter((t) => t.resident_id === r.residentId || t.household_id === r.householdId).map((t) => t.tag))]);
  }
  return out;
}

// ---- catalogue ----

export async function listItems(db: ScopedDb, opts: { area?: string; activeOnly?: boolean } = {}): Promise<Item[]> {
  let q = db.selectFrom('service_item').selectAll();
  if (opts.area) q = q.where('service_item.area', '=', opts.area);
  if (opts.activeOnly) q = q.where('service_item.active', '=', 1);
  const rows = await q.orderBy('service_item.area').orderBy('service_item.sort').orderBy('service_item.name').execute();
  const links = await db
    .selectFrom('service_provider_item')
    .innerJoin('service_provider', (j) => j.onRef('service_provider.community_id', '=', 'service_provider_item.community_id').onRef('service_provider.id', '=', 'service_provider_item.provider_id'))
    .select(['service_provider_item.item_id', 'service_provider.id', 'service_provider.name'])
    .where('service_provider.left_date', 'is', null)
    .orderBy('service_provider.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    area: r.area as Item['area'],
    name: r.name,
    code: r.code,
    duties: r.duties,
    staffUserId: r.staff_user_id,
    staffName: r.staff_name,
    location: r.location,
    door: r.door === 1,
    timeLimitHours: r.time_limit_hours,
    active: r.active === 1,
    sort: r.sort,
    providers: links.filter((l) => l.item_id === r.id).map((l) => ({ id: l.id, name: l.name })),
  }));
}

export async function findItem(db: ScopedDb, id: string) {
  return db.selectFrom('service_item').selectAll().where('service_item.id', '=', id).executeTakeFirst();
}

export async function listProviders(db: ScopedDb, keyring: Keyring, opts: { includeLeft?: boolean; id?: string } = {}): Promise<Provider[]> {
  let q = db.selectFrom('service_provider').selectAll();
  if (!opts.includeLeft) q = q.where('service_provider.left_date', 'is', null);
  if (opts.id) q = q.where('service_provider.id', '=', opts.id);
  const rows = await q.orderBy('service_provider.joined_date').orderBy('service_provider.name').execute();
  const items = await db
    .selectFrom('service_provider_item')
    .innerJoin('service_item', (j) => j.onRef('service_item.community_id', '=', 'service_provider_item.community_id').onRef('service_item.id', '=', 'service_provider_item.item_id'))
    .select(['service_provider_item.provider_id', 'service_item.id', 'service_item.name'])
    .orderBy('service_item.sort')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    contactName: r.contact_name,
    phoneMasked: maskedPhone(r.phone_enc, keyring),
    address: r.address,
    agreementNo: r.agreement_no,
    agreementStart: r.agreement_start,
    agreementEnd: r.agreement_end,
    hours: r.hours,
    prices: r.prices,
    joinedDate: r.joined_date,
    leftDate: r.left_date,
    notes: r.notes,
    items: items.filter((i) => i.provider_id === r.id).map((i) => ({ id: i.id, name: i.name })),
  }));
}

export async function loadProvider(db: ScopedDb, keyring: Keyring, id: string): Promise<Provider> {
  const [p] = await listProviders(db, keyring, { includeLeft: true, id });
  if (!p) throw notFound();
  return p;
}

// ---- door-to-door: providers, register, schedules ----

export async function listDoorProviders(db: ScopedDb, keyring: Keyring, users: Map<string, string>): Promise<DoorProvider[]> {
  const rows = await db
    .selectFrom('door_provider')
    .selectAll()
    .select((eb) => [
      eb
        .selectFrom('door_need')
        .innerJoin('door_client', (j) => j.onRef('door_client.community_id', '=', 'door_need.community_id').onRef('door_client.id', '=', 'door_need.client_id'))
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('door_need.community_id', '=', 'door_provider.community_id')
        .whereRef('door_need.provider_id', '=', 'door_provider.id')
        .where('door_need.end_date', 'is', null)
        .where('door_client.ended_date', 'is', null)
        .as('needs'),
    ])
    .orderBy('door_provider.active', 'desc')
    .orderBy('door_provider.kind')
    .orderBy('door_provider.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as DoorProvider['kind'],
    name: r.name,
    userId: r.user_id,
    userName: r.user_id ? (users.get(r.user_id) ?? null) : null,
    serviceProviderId: r.service_provider_id,
    phoneMasked: maskedPhone(r.phone_enc, keyring),
    active: r.active === 1,
    needs: Number(r.needs ?? 0),
  }));
}

/** The door providers linked to a user's account: the lists a volunteer sees. */
export async function providersOfUser(db: ScopedDb, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('door_provider').select('door_provider.id').where('door_provider.user_id', '=', userId).execute();
  return rows.map((r) => r.id);
}

function needsBase(db: ScopedDb) {
  return db
    .selectFrom('door_need')
    .innerJoin('service_item', (j) => j.onRef('service_item.community_id', '=', 'door_need.community_id').onRef('service_item.id', '=', 'door_need.item_id'))
    .leftJoin('door_provider', (j) => j.onRef('door_provider.community_id', '=', 'door_need.community_id').onRef('door_provider.id', '=', 'door_need.provider_id'))
    .select([
      'door_need.id',
      'door_need.client_id',
      'door_need.item_id',
      'service_item.name as itemName',
      'door_need.provider_id',
      'door_provider.name as providerName',
      'door_need.freq',
      'door_need.weekdays',
      'door_need.month_day',
      'door_need.start_date',
      'door_need.end_date',
      'door_need.time_slot',
      'door_need.note',
    ]);
}
type RawNeed = Awaited<ReturnType<ReturnType<typeof needsBase>['executeTakeFirstOrThrow']>>;
const presentNeed = (n: RawNeed): Need => ({
  id: n.id,
  itemId: n.item_id,
  itemName: n.itemName,
  providerId: n.provider_id,
  providerName: n.providerName,
  freq: n.freq as Need['freq'],
  weekdays: parseWeekdays(n.weekdays),
  monthDay: n.month_day,
  startDate: n.start_date,
  endDate: n.end_date,
  timeSlot: n.time_slot,
  note: n.note,
});

function clientsBase(db: ScopedDb) {
  return residentPlace(db).innerJoin('door_client', (j) => j.onRef('door_client.community_id', '=', 'resident.community_id').onRef('door_client.resident_id', '=', 'resident.id'));
}

export async function listClients(db: ScopedDb, keyring: Keyring, f: ClientFilters, today: string, opts: { all?: boolean; id?: string } = {}) {
  let q = clientsBase(db);
  if (opts.id) q = q.where('door_client.id', '=', opts.id);
  else if (f.ended === '1') q = q.where('door_client.ended_date', 'is not', null);
  else q = q.where('door_client.ended_date', 'is', null);
  if (f.q) q = q.where('resident.name', 'like', like(f.q));
  if (f.itemId || f.providerId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('door_need')
          .select('door_need.id')
          .whereRef('door_need.community_id', '=', 'door_client.community_id')
          .whereRef('door_need.client_id', '=', 'door_client.id')
          .where('door_need.end_date', 'is', null)
          .$if(Boolean(f.itemId), (w) => w.where('door_need.item_id', '=', f.itemId!))
          .$if(Boolean(f.providerId), (w) => w.where('door_need.provider_id', '=', f.providerId!)),
      ),
    );
  }
  if (f.tag) {
    q = q.where(
      sql<SqlBool>`exists (select 1 from care_tag where care_tag.community_id = resident.community_id
        and (care_tag.resident_id = resident.id or care_tag.household_id = resident.household_id)
        and care_tag.tag = ${f.tag} and care_tag.start_date <= ${today} and (care_tag.end_date is null or care_tag.end_date > ${today}))`,
    );
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let page = q
    .select([
      'door_client.id',
      'door_client.resident_id as residentId',
      'resident.name',
      'resident.gender',
      'resident.birth_date as birthDate',
      'resident.phone_enc as phoneEnc',
      'resident.household_id as householdId',
      'resident.status as residentStatus',
      'door_client.registered_date as registeredDate',
      'door_client.ended_date as endedDate',
      'door_client.end_reason as endReason',
      'door_client.note',
      ...PLACE_COLS,
    ])
    .orderBy('compound.name')
    .orderBy(sql`length(building.number)`)
    .orderBy('building.number')
    .orderBy('entrance.number')
    .orderBy('dwelling.room')
    .orderBy('resident.name');
  if (!opts.all) page = page.limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  const rows = await page.execute();
  const ids = rows.map((r) => r.id);
  const needs = ids.length ? await needsBase(db).where('door_need.client_id', 'in', ids).orderBy('service_item.sort').orderBy('door_need.start_date').execute() : [];
  const tags = await careTags(db, rows.map((r) => ({ residentId: r.residentId, householdId: r.householdId })), today);
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const recent = ids.length
    ? await db
        .selectFrom('door_delivery')
        .select((eb) => ['door_delivery.client_id', eb.fn.countAll<number>().as('n')])
        .where('door_delivery.client_id', 'in', ids)
        .where('door_delivery.outcome', '=', 'done')
        .where('door_delivery.date', '>=', since)
        .where('door_delivery.date', '<=', today)
        .groupBy('door_delivery.client_id')
        .execute()
    : [];
  const items: Client[] = rows.map((r) => ({
    id: r.id,
    residentId: r.residentId,
    name: r.name,
    gender: r.gender,
    age: ageOn(r.birthDate, today),
    address: addressOf(r),
    phoneMasked: maskedPhone(r.phoneEnc, keyring),
    tags: tags.get(r.residentId) ?? [],
    registeredDate: r.registeredDate,
    endedDate: r.endedDate,
    endReason: r.endReason,
    note: r.note,
    residentStatus: r.residentStatus,
    // ended schedules stay in the history but are not what the client receives now
    needs: needs.filter((n) => n.client_id === r.id && (n.end_date === null || n.end_date >= today)).map(presentNeed),
    recentDone: Number(recent.find((x) => x.client_id === r.id)?.n ?? 0),
  }));
  return { items, total };
}

export async function loadClient(db: ScopedDb, keyring: Keyring, id: string, today: string): Promise<Client> {
  const { items } = await listClients(db, keyring, { page: 1, pageSize: 1 }, today, { id });
  if (!items[0]) throw notFound();
  return items[0];
}

/** Residents whose care tags (独居, 空巢, 残疾, 特困) suggest services at home, not yet on the register. */
export async function candidates(db: ScopedDb, today: string): Promise<Candidate[]> {
  const rows = await residentPlace(db)
    .where('resident.status', '=', 'active')
    .where(
      sql<SqlBool>`exists (select 1 from care_tag where care_tag.community_id = resident.community_id
        and (care_tag.resident_id = resident.id or care_tag.household_id = resident.household_id)
        and care_tag.tag in (${sql.join([...DOOR_CARE_TAGS])}) and care_tag.start_date <= ${today}
        and (care_tag.end_date is null or care_tag.end_date > ${today}))`,
    )
    .where(
      sql<SqlBool>`not exists (select 1 from door_client where door_client.community_id = resident.community_id
        and door_client.resident_id = resident.id and door_client.ended_date is null)`,
    )
    .select(['resident.id as residentId', 'resident.name', 'resident.birth_date as birthDate', 'resident.household_id as householdId', ...PLACE_COLS])
    .orderBy('resident.birth_date')
    .orderBy('resident.name')
    .limit(300)
    .execute();
  const tags = await careTags(db, rows, today);
  return rows.map((r) => ({ residentId: r.residentId, name: r.name, age: ageOn(r.birthDate, today), address: addressOf(r), tags: tags.get(r.residentId) ?? [] }));
}

// ---- the day's list and the log ----

/**
 * The visits of a day per provider: every schedule that falls on it for a client on the register
 * that day who still lives here, with whatever has been logged, plus visits logged on request.
 */
export async function dayList(db: ScopedDb, keyring: Keyring, date: string, opts: { providerIds?: string[] | null } = {}): Promise<Omit<DayList, 'mine'>> {
  const limit = opts.providerIds;
  let nq = needsBase(db)
    .innerJoin('door_client', (j) => j.onRef('door_client.community_id', '=', 'door_need.community_id').onRef('door_client.id', '=', 'door_need.client_id'))
    .innerJoin('resident', (j) => j.onRef('resident.community_id', '=', 'door_client.community_id').onRef('resident.id', '=', 'door_client.resident_id'))
    .select(['door_client.resident_id as residentId', 'door_provider.kind as providerKind'])
    .where('door_need.start_date', '<=', date)
    .where((eb) => eb.or([eb('door_need.end_date', 'is', null), eb('door_need.end_date', '>=', date)]))
    .where('door_need.freq', '!=', 'on_request')
    .where('door_client.registered_date', '<=', date)
    .where((eb) => eb.or([eb('door_client.ended_date', 'is', null), eb('door_client.ended_date', '>', date)]))
    .where('resident.status', '=', 'active');
  if (limit) nq = limit.length ? nq.where('door_need.provider_id', 'in', limit) : nq.where(sql<SqlBool>`1 = 0`);
  const needs = (await nq.execute()).filter((n) =>
    occursOn({ freq: n.freq, weekdays: parseWeekdays(n.weekdays), monthDay: n.month_day, startDate: n.start_date, endDate: n.end_date }, date),
  );
  let dq = db
    .selectFrom('door_delivery')
    .innerJoin('service_item', (j) => j.onRef('service_item.community_id', '=', 'door_delivery.community_id').onRef('service_item.id', '=', 'door_delivery.item_id'))
    .leftJoin('door_provider', (j) => j.onRef('door_provider.community_id', '=', 'door_delivery.community_id').onRef('door_provider.id', '=', 'door_delivery.provider_id'))
    .select([
      'door_delivery.id',
      'door_delivery.need_id',
      'door_delivery.client_id',
      'door_delivery.resident_id',
      'door_delivery.item_id',
      'service_item.name as itemName',
      'door_delivery.provider_id',
      'door_provider.name as providerName',
      'door_provider.kind as providerKind',
      'door_delivery.outcome',
      'door_delivery.logged_at',
      'door_delivery.logged_by_name',
      'door_delivery.note',
    ])
    .where('door_delivery.date', '=', date);
  if (limit) dq = limit.length ? dq.where('door_delivery.provider_id', 'in', limit) : dq.where(sql<SqlBool>`1 = 0`);
  const logged = await dq.execute();
  const residentIds = [...new Set([...needs.map((n) => n.residentId), ...logged.map((d) => d.resident_id)])];
  const people = residentIds.length
    ? await residentPlace(db)
        .innerJoin('door_client', (j) => j.onRef('door_client.community_id', '=', 'resident.community_id').onRef('door_client.resident_id', '=', 'resident.id'))
        .select(['resident.id', 'resident.name', 'resident.phone_enc as phoneEnc', 'door_client.note as clientNote', ...PLACE_COLS])
        .where('resident.id', 'in', residentIds)
        .execute()
    : [];
  const person = new Map(people.map((p) => [p.id, p]));
  const byNeed = new Map(logged.filter((d) => d.need_id).map((d) => [d.need_id!, d]));
  const stops: (DayStop & { providerId: string | null; providerName: string | null; providerKind: string | null; sortKey: string })[] = [];
  const addr = (id: string) => {
    const p = person.get(id);
    return p ? addressOf(p) : '';
  };
  for (const n of needs) {
    const d = byNeed.get(n.id);
    const p = person.get(n.residentId);
    stops.push({
      key: `need:${n.id}`,
      needId: n.id,
      clientId: n.client_id,
      residentId: n.residentId,
      name: p?.name ?? '',
      address: addr(n.residentId),
      phoneMasked: maskedPhone(p?.phoneEnc ?? null, keyring),
      clientNote: p?.clientNote ?? null,
      itemId: n.item_id,
      itemName: n.itemName,
      timeSlot: n.time_slot,
      needNote: n.note,
      deliveryId: d?.id ?? null,
      outcome: (d?.outcome as DayStop['outcome']) ?? null,
      loggedAt: d?.logged_at ?? null,
      loggedByName: d?.logged_by_name ?? null,
      note: d?.note ?? null,
      providerId: n.provider_id,
      providerName: n.providerName,
      providerKind: n.providerKind,
      sortKey: `${n.time_slot ?? '~'}|${addr(n.residentId)}`,
    });
  }
  const scheduled = new Set(needs.map((n) => n.id));
  for (const d of logged.filter((x) => !x.need_id || !scheduled.has(x.need_id))) {
    const p = person.get(d.resident_id);
    stops.push({
      key: `delivery:${d.id}`,
      needId: d.need_id,
      clientId: d.client_id,
      residentId: d.resident_id,
      name: p?.name ?? '',
      address: addr(d.resident_id),
      phoneMasked: maskedPhone(p?.phoneEnc ?? null, keyring),
      clientNote: p?.clientNote ?? null,
      itemId: d.item_id,
      itemName: d.itemName,
      timeSlot: null,
      needNote: null,
      deliveryId: d.id,
      outcome: d.outcome as DayStop['outcome'],
      loggedAt: d.logged_at,
      loggedByName: d.logged_by_name,
      note: d.note,
      providerId: d.provider_id,
      providerName: d.providerName,
      providerKind: d.providerKind,
      sortKey: `~|${addr(d.resident_id)}`,
    });
  }
  const groups = new Map<string, { providerId: string | null; providerName: string | null; kind: DayList['providers'][number]['kind']; stops: DayStop[] }>();
  stops.sort((a, b) => (a.providerName ?? '~').localeCompare(b.providerName ?? '~', 'zh-CN') || a.sortKey.localeCompare(b.sortKey, 'zh-CN') || a.itemName.localeCompare(b.itemName, 'zh-CN'));
  for (const s of stops) {
    const k = s.providerId ?? '';
    if (!groups.has(k)) groups.set(k, { providerId: s.providerId, providerName: s.providerName, kind: (s.providerKind as DayList['providers'][number]['kind']) ?? null, stops: [] });
    const { providerId: _p, providerName: _n, providerKind: _k, sortKey: _s, ...stop } = s;
    groups.get(k)!.stops.push(stop);
  }
  return { date, providers: [...groups.values()] };
}

function deliveriesBase(db: ScopedDb, f: Partial<DeliveryFilters>) {
  let q = residentPlace(db)
    .innerJoin('door_delivery', (j) => j.onRef('door_delivery.community_id', '=', 'resident.community_id').onRef('door_delivery.resident_id', '=', 'resident.id'))
    .innerJoin('service_item', (j) => j.onRef('service_item.community_id', '=', 'door_delivery.community_id').onRef('service_item.id', '=', 'door_delivery.item_id'))
    .leftJoin('door_provider', (j) => j.onRef('door_provider.community_id', '=', 'door_delivery.community_id').onRef('door_provider.id', '=', 'door_delivery.provider_id'));
  if (f.from) q = q.where('door_delivery.date', '>=', f.from);
  if (f.to) q = q.where('door_delivery.date', '<=', f.to);
  if (f.outcome) q = q.where('door_delivery.outcome', '=', f.outcome);
  if (f.itemId) q = q.where('door_delivery.item_id', '=', f.itemId);
  if (f.providerId) q = q.where('door_delivery.provider_id', '=', f.providerId);
  if (f.clientId) q = q.where('door_delivery.client_id', '=', f.clientId);
  return q;
}

/**
 * 户/次 — household-times: one household visited for one service on one day counts once, however
 * many of its members were served (a couple both getting meals is one household-time).
 */
const HOUSEHOLD_TIMES = sql<number>`count(distinct door_delivery.household_id || '|' || door_delivery.date || '|' || door_delivery.item_id)`;

export async function listDeliveries(db: ScopedDb, f: DeliveryFilters, opts: { all?: boolean } = {}) {
  const q = deliveriesBase(db, f);
  const counts = await q.select((eb) => [eb.fn.countAll<number>().as('n')]).executeTakeFirstOrThrow();
  const ht = await deliveriesBase(db, { ...f, outcome: 'done' })
    .select(HOUSEHOLD_TIMES.as('n'))
    .executeTakeFirstOrThrow();
  let page = q
    .select([
      'door_delivery.id',
      'door_delivery.date',
      'door_delivery.client_id',
      'door_delivery.resident_id',
      'door_delivery.need_id',
      'resident.name',
      'door_delivery.item_id',
      'service_item.name as itemName',
      'door_provider.name as providerName',
      'door_delivery.outcome',
      'door_delivery.logged_at',
      'door_delivery.logged_by_name',
      'door_delivery.note',
      ...PLACE_COLS,
    ])
    .orderBy('door_delivery.date', 'desc')
    .orderBy('door_delivery.logged_at', 'desc')
    .orderBy('door_delivery.id');
  if (!opts.all) page = page.limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  const rows = await page.execute();
  const items: Delivery[] = rows.map((r) => ({
    id: r.id,
    date: r.date,
    clientId: r.client_id,
    residentId: r.resident_id,
    name: r.name,
    address: addressOf(r),
    itemId: r.item_id,
    itemName: r.itemName,
    providerName: r.providerName,
    outcome: r.outcome as Delivery['outcome'],
    loggedAt: r.logged_at,
    loggedByName: r.logged_by_name,
    note: r.note,
    scheduled: r.need_id !== null,
  }));
  return { items, total: Number(counts.n), householdTimes: Number(ht.n) };
}

// ---- tickets ----

function ticketsBase(db: ScopedDb) {
  return db
    .selectFrom('service_ticket')
    .innerJoin('service_item', (j) => j.onRef('service_item.community_id', '=', 'service_ticket.community_id').onRef('service_item.id', '=', 'service_ticket.item_id'))
    .leftJoin('resident', (j) => j.onRef('resident.community_id', '=', 'service_ticket.community_id').onRef('resident.id', '=', 'service_ticket.resident_id'));
}

export function applyTicketFilters(q: ReturnType<typeof ticketsBase>, f: Partial<TicketFilters>, nowIso: string) {
  const statuses = (f.status ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (statuses.includes('open')) statuses.splice(statuses.indexOf('open'), 1, ...OPEN_STATUSES);
  if (statuses.length) q = q.where('service_ticket.status', 'in', statuses);
  if (f.channel) q = q.where('service_ticket.channel', '=', f.channel);
  if (f.itemId) q = q.where('service_ticket.item_id', '=', f.itemId);
  if (f.residentId) q = q.where('service_ticket.resident_id', '=', f.residentId);
  if (f.overdue === '1') q = q.where('service_ticket.status', 'in', [...OPEN_STATUSES]).where('service_ticket.due_at', '<', nowIso);
  if (f.from) q = q.where('service_ticket.accepted_at', '>=', chinaDayStart(f.from));
  if (f.to) q = q.where('service_ticket.accepted_at', '<', chinaDayEnd(f.to));
  if (f.q) {
    const s = like(f.q);
    q = q.where((eb) => eb.or([eb('service_ticket.caller_name', 'like', s), eb('service_ticket.number', 'like', s), eb('service_ticket.description', 'like', s)]));
  }
  return q;
}

const TICKET_COLS = [
  'service_ticket.id',
  'service_ticket.number',
  'service_ticket.channel',
  'service_ticket.resident_id',
  'service_ticket.caller_name',
  'service_ticket.phone_enc',
  'resident.phone_enc as residentPhoneEnc',
  'service_ticket.address',
  'service_ticket.item_id',
  'service_item.name as itemName',
  'service_ticket.description',
  'service_ticket.status',
  'service_ticket.assignee_user_id',
  'service_ticket.assignee_provider_id',
  'service_ticket.assignee_name',
  'service_ticket.accepted_at',
  'service_ticket.due_at',
  'service_ticket.done_at',
  'service_ticket.result',
  'service_ticket.satisfaction',
  'service_ticket.follow_up_comment',
  'service_ticket.close_reason',
  'service_ticket.created_by_name',
] as const;

type RawTicket = Awaited<ReturnType<ReturnType<ReturnType<typeof ticketsBase>['select']>['executeTakeFirstOrThrow']>> & Record<string, unknown>;

export function presentTicket(r: RawTicket, keyring: Keyring, nowIso: string): Ticket {
  const status = r.status as Ticket['status'];
  const open = (OPEN_STATUSES as readonly string[]).includes(status);
  return {
    id: r.id as string,
    number: r.number as string,
    channel: r.channel as Ticket['channel'],
    residentId: r.resident_id as string | null,
    callerName: r.caller_name as string,
    // the caller's own number when they gave one, else the resident's in the registry
    phoneMasked: maskedPhone((r.phone_enc as string | null) ?? (r.residentPhoneEnc as string | null), keyring),
    address: r.address as string | null,
    itemId: r.item_id as string,
    itemName: r.itemName as string,
    description: r.description as string,
    status,
    assigneeUserId: r.assignee_user_id as string | null,
    assigneeProviderId: r.assignee_provider_id as string | null,
    assigneeName: r.assignee_name as string | null,
    acceptedAt: r.accepted_at as string,
    dueAt: r.due_at as string,
    doneAt: r.done_at as string | null,
    result: r.result as string | null,
    satisfaction: r.satisfaction as number | null,
    followUpComment: r.follow_up_comment as string | null,
    closeReason: r.close_reason as string | null,
    createdByName: r.created_by_name as string,
    overdue: open && (r.due_at as string) < nowIso,
    late: r.done_at !== null && (r.done_at as string) > (r.due_at as string),
  };
}

export async function listTickets(db: ScopedDb, keyring: Keyring, f: TicketFilters, nowIso: string, opts: { all?: boolean } = {}) {
  const q = applyTicketFilters(ticketsBase(db), f, nowIso);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let page = q
    .select([...TICKET_COLS])
    // overdue first, then the newest
    .orderBy(sql`case when service_ticket.status in ('accepted', 'assigned', 'in_progress') and service_ticket.due_at < ${nowIso} then 0 else 1 end`)
    .orderBy('service_ticket.accepted_at', 'desc')
    .orderBy('service_ticket.id', 'desc');
  if (!opts.all) page = page.limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  const rows = await page.execute();
  return { items: rows.map((r) => presentTicket(r as RawTicket, keyring, nowIso)), total };
}

export async function loadTicket(db: ScopedDb, keyring: Keyring, id: string, nowIso: string) {
  const r = await ticketsBase(db).select([...TICKET_COLS]).where('service_ticket.id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  const events = await db
    .selectFrom('service_ticket_event')
    .selectAll()
    .where('service_ticket_event.ticket_id', '=', id)
    .orderBy('service_ticket_event.at')
    .orderBy('service_ticket_event.id')
    .execute();
  return {
    ...presentTicket(r as RawTicket, keyring, nowIso),
    events: events.map((e) => ({ id: e.id, at: e.at, kind: e.kind, fromStatus: e.from_status, toStatus: e.to_status, note: e.note, byName: e.by_name })),
  };
}

export async function recentTicketsOf(db: ScopedDb, residentIds: string[]) {
  if (residentIds.length === 0) return [];
  return db
    .selectFrom('service_ticket')
    .innerJoin('service_item', (j) => j.onRef('service_item.community_id', '=', 'service_ticket.community_id').onRef('service_item.id', '=', 'service_ticket.item_id'))
    .select(['service_ticket.id', 'service_ticket.number', 'service_ticket.resident_id', 'service_item.name as itemName', 'service_ticket.status', 'service_ticket.accepted_at'])
    .where('service_ticket.resident_id', 'in', residentIds)
    .orderBy('service_ticket.accepted_at', 'desc')
    .limit(50)
    .execute();
}

// ---- overview and the report ----

export async function overview(db: ScopedDb, keyring: Keyring, today: string, nowIso: string) {
  const open = await db
    .selectFrom('service_ticket')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(sql`case when service_ticket.due_at < ${nowIso} then 1 else 0 end`).as('overdue')])
    .where('service_ticket.status', 'in', [...OPEN_STATUSES])
    .executeTakeFirstOrThrow();
  const day = await dayList(db, keyring, today);
  const stops = day.providers.flatMap((p) => p.stops);
  const count = async (t: 'door_client' | 'service_provider') =>
    t === 'door_client'
      ? Number((await db.selectFrom('door_client').select((eb) => eb.fn.countAll<number>().as('n')).where('door_client.ended_date', 'is', null).executeTakeFirstOrThrow()).n)
      : Number((await db.selectFrom('service_provider').select((eb) => eb.fn.countAll<number>().as('n')).where('service_provider.left_date', 'is', null).executeTakeFirstOrThrow()).n);
  const items = await db
    .selectFrom('service_item')
    .select((eb) => ['service_item.area', eb.fn.countAll<number>().as('n')])
    .where('service_item.active', '=', 1)
    .groupBy('service_item.area')
    .execute();
  return {
    today,
    openTickets: Number(open.n),
    overdueTickets: Number(open.overdue ?? 0),
    todayStops: stops.length,
    todayLogged: stops.filter((s) => s.outcome).length,
    clients: await count('door_client'),
    providers: await count('service_provider'),
    stationServices: Number(items.find((i) => i.area === 'station')?.n ?? 0),
    hallServices: Number(items.find((i) => i.area === 'hall')?.n ?? 0),
  };
}

const CHANNEL_LABEL = { desk: { zh: '窗口', en: 'desk' }, hotline: { zh: '热线', en: 'hotline' }, online: { zh: '网上', en: 'online' } } as const;
const STATUS_LABEL: Record<string, { zh: string; en: string }> = {
  accepted: { zh: '已受理', en: 'accepted' },
  assigned: { zh: '已派单', en: 'assigned' },
  in_progress: { zh: '办理中', en: 'in progress' },
  done: { zh: '已办结', en: 'done' },
  followed_up: { zh: '已回访', en: 'followed up' },
  closed: { zh: '未解决关闭', en: 'closed unresolved' },
};

/**
 * The chapter of the work report: household-times of door-to-door services (in all and by kind),
 * residents served, tickets by channel and state, the on-time rate, the average satisfaction of the
 * follow-up calls, and the providers that joined — each linked to the list behind it.
 */
export async function servicesFigures(db: ScopedDb, from: string, to: string): Promise<ReportSection> {
  const period = `from=${from}&to=${to}`;
  const done = () => db.selectFrom('door_delivery').where('door_delivery.outcome', '=', 'done').where('door_delivery.date', '>=', from).where('door_delivery.date', '<=', to);
  const totals = await done()
    .select((eb) => [HOUSEHOLD_TIMES.as('ht'), eb.fn.count<number>('door_delivery.resident_id').distinct().as('residents'), eb.fn.countAll<number>().as('visits')])
    .executeTakeFirstOrThrow();
  const byItem = await done()
    .innerJoin('service_item', (j) => j.onRef('service_item.community_id', '=', 'door_delivery.community_id').onRef('service_item.id', '=', 'door_delivery.item_id'))
    .select(['service_item.id', 'service_item.code', 'service_item.name', 'service_item.sort', HOUSEHOLD_TIMES.as('ht')])
    .groupBy(['service_item.id', 'service_item.code', 'service_item.name', 'service_item.sort'])
    .orderBy('service_item.sort')
    .execute();
  const clients = await db
    .selectFrom('door_client')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('door_client.registered_date', '<=', to)
    .where((eb) => eb.or([eb('door_client.ended_date', 'is', null), eb('door_client.ended_date', '>', to)]))
    .executeTakeFirstOrThrow();

  const tickets = () => db.selectFrom('service_ticket').where('service_ticket.accepted_at', '>=', chinaDayStart(from)).where('service_ticket.accepted_at', '<', chinaDayEnd(to));
  const byChannel = await tickets().select((eb) => ['service_ticket.channel', eb.fn.countAll<number>().as('n')]).groupBy('service_ticket.channel').execute();
  const byState = await tickets().select((eb) => ['service_ticket.status', eb.fn.countAll<number>().as('n')]).groupBy('service_ticket.status').execute();
  const timing = await tickets()
    .where('service_ticket.done_at', 'is not', null)
    .select((eb) => [eb.fn.countAll<number>().as('finished'), eb.fn.sum<number>(sql`case when service_ticket.done_at <= service_ticket.due_at then 1 else 0 end`).as('onTime')])
    .executeTakeFirstOrThrow();
  const rating = await tickets()
    .where('service_ticket.satisfaction', 'is not', null)
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.avg<number>('service_ticket.satisfaction').as('avg')])
    .executeTakeFirstOrThrow();
  const byService = await tickets()
    .innerJoin('service_item', (j) => j.onRef('service_item.community_id', '=', 'service_ticket.community_id').onRef('service_item.id', '=', 'service_ticket.item_id'))
    .select((eb) => ['service_item.id', 'service_item.code', 'service_item.name', eb.fn.countAll<number>().as('n'), eb.fn.avg<number>('service_ticket.satisfaction').as('avg')])
    .groupBy(['service_item.id', 'service_item.code', 'service_item.name'])
    .orderBy(sql`count(*)`, 'desc')
    .execute();
  const providers = await db
    .selectFrom('service_provider')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('service_provider.joined_date', '<=', to)
    .where((eb) => eb.or([eb('service_provider.left_date', 'is', null), eb('service_provider.left_date', '>', to)]))
    .executeTakeFirstOrThrow();
  const items = await db.selectFrom('service_item').select(['service_item.area', 'service_item.name']).where('service_item.active', '=', 1).orderBy('service_item.sort').execute();
  const station = items.filter((i) => i.area === 'station');
  const hall = items.filter((i) => i.area === 'hall');

  const n = (v: unknown) => Number(v ?? 0);
  const total = byChannel.reduce((a, r) => a + n(r.n), 0);
  const finished = n(timing.finished);
  const onTimeRate = finished ? Math.round((n(timing.onTime) / finished) * 1000) / 10 : null;
  const avg = n(rating.n) ? Math.round(Number(rating.avg) * 100) / 100 : null;
  const ht = n(totals.ht);
  const HT = { zh: '户/次', en: 'household-times' };
  const PIECES = { zh: '件', en: 'tickets' };

  const figures: ReportFigure[] = [
    { key: 'door.householdTimes', label: { zh: '上门服务', en: 'Door-to-door services' }, value: ht, unit: HT, link: `services/door/log?${period}&outcome=done` },
    ...byItem.map((r) => ({
      key: `door.householdTimes.${r.code ?? r.id}`,
      label: { zh: `上门服务：${r.name}`, en: `Door-to-door: ${r.name}` },
      value: n(r.ht),
      unit: HT,
      link: `services/door/log?${period}&outcome=done&itemId=${r.id}`,
    })),
    { key: 'door.residentsServed', label: { zh: '上门服务受益居民', en: 'Residents served at home' }, value: n(totals.residents), unit: { zh: '人', en: 'people' }, link: `services/door/log?${period}&outcome=done` },
    { key: 'door.clients', label: { zh: '登记在册的上门服务对象', en: 'Residents on the door-to-door register' }, value: n(clients.n), unit: { zh: '人', en: 'people' }, link: 'services/door' },
    { key: 'tickets.total', label: { zh: '便民服务工单', en: 'Service tickets' }, value: total, unit: PIECES, link: `services/tickets?${period}` },
    ...(['desk', 'hotline', 'online'] as const).map((c) => ({
      key: `tickets.channel.${c}`,
      label: { zh: `工单（${CHANNEL_LABEL[c].zh}）`, en: `Tickets (${CHANNEL_LABEL[c].en})` },
      value: n(byChannel.find((r) => r.channel === c)?.n),
      unit: PIECES,
      link: `services/tickets?${period}&channel=${c}`,
    })),
    ...Object.keys(STATUS_LABEL).map((s) => ({
      key: `tickets.status.${s}`,
      label: { zh: `工单：${STATUS_LABEL[s].zh}`, en: `Tickets ${STATUS_LABEL[s].en}` },
      value: n(byState.find((r) => r.status === s)?.n),
      unit: PIECES,
      link: `services/tickets?${period}&status=${s}`,
    })),
    { key: 'tickets.onTimeRate', label: { zh: '工单按时办结率', en: 'Tickets finished on time' }, value: onTimeRate, unit: { zh: '%', en: '%' }, link: `services/tickets?${period}&status=done,followed_up` },
    { key: 'tickets.satisfaction', label: { zh: '回访平均满意度（5分制）', en: 'Average satisfaction (of 5)' }, value: avg, link: `services/tickets?${period}&status=followed_up` },
    { key: 'tickets.followedUp', label: { zh: '已回访工单', en: 'Tickets followed up' }, value: n(rating.n), unit: PIECES, link: `services/tickets?${period}&status=followed_up` },
    // built-in services are keyed by code, so a sub-district can add 家电维修 across its communities
    ...byService.map((r) => ({
      key: `tickets.service.${r.code ?? r.id}`,
      label: { zh: `工单：${r.name}`, en: `Tickets: ${r.name}` },
      value: n(r.n),
      unit: PIECES,
      link: `services/tickets?${period}&itemId=${r.id}`,
    })),
    ...byService
      .filter((r) => r.avg !== null)
      .map((r) => ({
        key: `tickets.satisfaction.${r.code ?? r.id}`,
        label: { zh: `回访满意度：${r.name}`, en: `Satisfaction: ${r.name}` },
        value: Math.round(Number(r.avg) * 100) / 100,
        link: `services/tickets?${period}&itemId=${r.id}&status=followed_up`,
      })),
    { key: 'providers', label: { zh: '加盟服务商', en: 'Providers joined' }, value: n(providers.n), unit: { zh: '家', en: 'providers' }, link: 'services/catalogue?tab=providers' },
    { key: 'catalogue.station', label: { zh: '服务站服务项目', en: 'Station services' }, value: station.length, unit: { zh: '项', en: 'services' }, link: 'services/catalogue?tab=station' },
    { key: 'catalogue.hall', label: { zh: '服务大厅服务项目', en: 'Hall services' }, value: hall.length, unit: { zh: '项', en: 'services' }, link: 'services/catalogue?tab=hall' },
  ];

  const highlights: ReportHighlight[] = [];
  if (ht > 0) {
    const kinds = byItem.filter((r) => n(r.ht) > 0);
    highlights.push({
      key: 'door',
      text: {
        zh: `把需要上门服务的对象登记在案，主动提供${kinds.map((k) => k.name).join('、')}等上门服务，受益${ht}户/次，服务居民${n(totals.residents)}人。`,
        en: `Residents needing services at home are on a register; staff and volunteers brought ${kinds.map((k) => k.name).join(', ')} to their doors: ${ht} household-times, ${n(totals.residents)} residents served.`,
      },
      link: `services/door/log?${period}&outcome=done`,
    });
  }
  if (station.length > 0 && n(providers.n) > 0) {
    highlights.push({
      key: 'station',
      text: {
        zh: `整合社区资源吸纳${n(providers.n)}家服务商加盟，社区服务站设立${station.map((s) => s.name).join('、')}等${station.length}项服务，居民不出社区就能满足基本生活需求。`,
        en: `${n(providers.n)} providers joined the service station, which offers ${station.length} services (${station.map((s) => s.name).join(', ')}).`,
      },
      link: 'services/catalogue?tab=station',
    });
  }
  if (hall.length > 0) {
    highlights.push({
      key: 'hall',
      text: {
        zh: `一站式服务大厅设置${hall.map((h) => h.name).join('、')}等服务项目，每个工作人员职责上墙。`,
        en: `The one-stop hall offers ${hall.map((h) => h.name).join(', ')}, with each staff member’s duties posted.`,
      },
      link: 'services/catalogue?tab=hall',
    });
  }
  if (total > 0) {
    const hotline = n(byChannel.find((r) => r.channel === 'hotline')?.n);
    highlights.push({
      key: 'tickets',
      text: {
        zh: `开通便民服务热线，受理居民服务需求${total}件（其中热线${hotline}件）${onTimeRate !== null ? `，按时办结率${onTimeRate}%` : ''}${avg !== null ? `，回访满意度平均${avg}分` : ''}。`,
        en: `The convenience hotline and the desk took ${total} requests (${hotline} by hotline)${onTimeRate !== null ? `; ${onTimeRate}% finished on time` : ''}${avg !== null ? `; average satisfaction ${avg} of 5` : ''}.`,
      },
      link: `services/tickets?${period}`,
    });
  }
  return { title: { zh: '民生服务', en: 'Livelihood and services' }, figures, highlights };
}
