import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { AppError, notFound } from '../../core/errors';
import type { ScopedDb } from '../../core/access';
import type { Dialect } from '../../core/db';
import { residentsBase, type RegistryView } from './queries';
import type { PlaceTree } from './schema';
import './tables';

/** The place tree with occupancy (active households and residents per dwelling). */
export async function placeTree(v: RegistryView): Promise<PlaceTree> {
  const [compounds, buildings, entrances, dwellings, occupancy] = await Promise.all([
    v.db.selectFrom('compound').selectAll().orderBy('compound.sort').orderBy('compound.name').execute(),
    v.db.selectFrom('building').selectAll().orderBy(sql`length(building.number)`).orderBy('building.number').execute(),
    v.db.selectFrom('entrance').selectAll().orderBy(sql`length(entrance.number)`).orderBy('entrance.number').execute(),
    v.db.selectFrom('dwelling').selectAll().orderBy(sql`length(dwelling.room)`).orderBy('dwelling.room').execute(),
    v.db
      .selectFrom('household')
      .leftJoin('resident', (j) =>
        j.onRef('resident.community_id', '=', 'household.community_id').onRef('resident.household_id', '=', 'household.id').on('resident.status', '=', 'active'),
      )
      .select(['household.dwelling_id as dwellingId', sql<number>`count(distinct household.id)`.as('households'), sql<number>`count(resident.id)`.as('residents')])
      .where('household.status', '=', 'active')
      .groupBy('household.dwelling_id')
      .execute(),
  ]);
  const occ = new Map(occupancy.map((o) => [o.dwellingId, { households: Number(o.households), residents: Number(o.residents) }]));
  const visible = (buildingId: string | null) => !v.buildingIds || (buildingId !== null && v.buildingIds.includes(buildingId));
  const dwellingNode = (d: (typeof dwellings)[number]) => ({ id: d.id, room: d.room, address: d.address, ...(occ.get(d.id) ?? { households: 0, residents: 0 }) });
  const sum = (xs: { households: number; residents: number }[]) => ({
    households: xs.reduce((a, x) => a + x.households, 0),
    residents: xs.reduce((a, x) => a + x.residents, 0),
  });
  const tree = compounds.map((c) => {
    const bs = buildings
      .filter((b) => b.compound_id === c.id && visible(b.id))
      .map((b) => {
        const es = entrances
          .filter((e) => e.building_id === b.id)
          .map((e) => ({ id: e.id, number: e.number, dwellings: dwellings.filter((d) => d.entrance_id === e.id).map(dwellingNode) }));
        const loose = dwellings.filter((d) => d.building_id === b.id && !d.entrance_id).map(dwellingNode);
        return { id: b.id, number: b.number, name: b.name, gridId: b.grid_id, entrances: es, dwellings: loose, ...sum([...es.flatMap((e) => e.dwellings), ...loose]) };
      });
    const plain = v.buildingIds ? [] : dwellings.filter((d) => d.compound_id === c.id && !d.building_id).map(dwellingNode);
    return { id: c.id, name: c.name, kind: c.kind, propertyCompany: c.property_company, buildings: bs, dwellings: plain, ...sum([...bs, ...plain]) };
  });
  return { compounds: tree.filter((c) => !v.buildingIds || c.buildings.length > 0), ...sum(tree) };
}

const uuid = () => crypto.randomUUID();

export async function addCompound(v: RegistryView, input: { name: string; kind: string; propertyCompany?: string | null }, now: Date) {
  const dup = await v.db.selectFrom('compound').select('compound.id').where('compound.name', '=', input.name).executeTakeFirst();
  if (dup) throw new AppError(409, 'PLACE_EXISTS', { name: input.name });
  const id = uuid();
  await v.db.insertInto('compound', [{ id, name: input.name, kind: input.kind, property_company: input.propertyCompany ?? null, sort: 0, created_at: now.toISOString() }]).execute();
  return id;
}

/** "3", "3号楼", "３栋" → "3": the number people say. */
export function placeNumber(written: string): string {
  return written.normalize('NFKC').trim().replace(/(号楼|号|栋|幢|座|楼|单元|门|室)$/u, '').trim();
}

export async function addBuilding(v: RegistryView, input: { compoundId: string; number: string; floors?: number | null; gridId?: string | null }, now: Date) {
  const compound = await v.db.selectFrom('compound').select('compound.id').where('compound.id', '=', input.compoundId).executeTakeFirst();
  if (!compound) throw notFound();
  const number = placeNumber(input.number);
  const dup = await v.db.selectFrom('building').select('building.id').where('building.compound_id', '=', input.compoundId).where('building.number', '=', number).executeTakeFirst();
  if (dup) throw new AppError(409, 'PLACE_EXISTS', { name: `${number}号楼` });
  const id = uuid();
  await v.db
    .insertInto('building', [{ id, compound_id: input.compoundId, number, name: `${number}号楼`, grid_id: input.gridId ?? null, floors: input.floors ?? null, sort: 0, created_at: now.toISOString() }])
    .execute();
  return id;
}

export async function addEntrance(v: RegistryView, input: { buildingId: string; number: string }, now: Date) {
  const b = await v.db.selectFrom('building').select('building.id').where('building.id', '=', input.buildingId).executeTakeFirst();
  if (!b) throw notFound();
  const number = placeNumber(input.number);
  const dup = await v.db.selectFrom('entrance').select('entrance.id').where('entrance.building_id', '=', input.buildingId).where('entrance.number', '=', number).executeTakeFirst();
  if (dup) throw new AppError(409, 'PLACE_EXISTS', { name: `${number}单元` });
  const id = uuid();
  await v.db.insertInto('entrance', [{ id, building_id: input.buildingId, number, created_at: now.toISOString() }]).execute();
  return id;
}

export async function addDwelling(
  v: RegistryView,
  input: { compoundId: string; buildingId?: string | null; entranceId?: string | null; room: string; address?: string | null },
  now: Date,
) {
  let buildingId = input.buildingId ?? null;
  if (input.entranceId) {
    const e = await v.db.selectFrom('entrance').select(['entrance.id', 'entrance.building_id']).where('entrance.id', '=', input.entranceId).executeTakeFirst();
    if (!e) throw notFound();
    buildingId = e.building_id;
  }
  if (buildingId) {
    const b = await v.db.selectFrom('building').select(['building.id', 'building.compound_id']).where('building.id', '=', buildingId).executeTakeFirst();
    if (!b || b.compound_id !== input.compoundId) throw notFound();
  }
  const room = placeNumber(input.room);
  let dupQ = v.db.selectFrom('dwelling').select('dwelling.id').where('dwelling.compound_id', '=', input.compoundId).where('dwelling.room', '=', room);
  dupQ = buildingId ? dupQ.where('dwelling.building_id', '=', buildingId) : dupQ.where('dwelling.building_id', 'is', null);
  dupQ = input.entranceId ? dupQ.where('dwelling.entrance_id', '=', input.entranceId) : dupQ.where('dwelling.entrance_id', 'is', null);
  if (await dupQ.executeTakeFirst()) throw new AppError(409, 'PLACE_EXISTS', { name: room });
  const id = uuid();
  await v.db
    .insertInto('dwelling', [{ id, compound_id: input.compoundId, building_id: buildingId, entrance_id: input.entranceId ?? null, room, address: input.address ?? null, floor_area: null, created_at: now.toISOString() }])
    .execute();
  return id;
}

/**
 * Where a resident's dwelling stands in the roster, as one text that sorts (in binary order) as the
 * office reads the roster: by compound name, then building, entrance and room, each number shorter
 * first (2 before 10, 501 before 1201). Kept on the resident (`resident.place_order`), so that a
 * list or a search orders its matches without looking up each one's household, dwelling, building
 * and entrance; after that come the household, its head, and age (see queries.ts).
 *
 * Places are never renamed or renumbered, so it changes only when a resident's household does
 * (registered, moved within the community, merged into another household). Were a place ever
 * renamed, its residents would need `refreshPlaceOrder`.
 */
export function placeOrder(p: { compound: string; building: string | null; entrance: string | null; room: string | null }): string {
  const part = (x: string | null) => {
    const t = x ?? '';
    return String([...t].length).padStart(2, '0') + t;
  };
  return `${p.compound}${SEP}${part(p.building)}${SEP}${part(p.entrance)}${SEP}${part(p.room)}`;
}

/** sorts before every character a name or number holds, so a shorter name comes first */
const SEP = '\u0001';

/**
 * Sets `place_order` in SQL for every resident (of one community, or of all) from where they live:
 * the same text as placeOrder (checked against each other in registry.test.ts). For the migration
 * that added the column and for the demo's bulk seed.
 */
// (untyped: a migration sees the database as the migrations before it left it)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function fillPlaceOrders(db: Kysely<any>, dialect: Dialect, communityId?: string): Promise<void> {
  const part = (col: string) =>
    dialect === 'postgres'
      ? `lpad(length(coalesce(${col}, ''))::text, 2, '0') || coalesce(${col}, '')`
      : `printf('%02d', length(coalesce(${col}, ''))) || coalesce(${col}, '')`;
  const sep = dialect === 'postgres' ? 'chr(1)' : 'char(1)';
  const order = sql.raw(`compound.name || ${sep} || ${part('building.number')} || ${sep} || ${part('entrance.number')} || ${sep} || ${part('dwelling.room')}`);
  await sql`update resident set place_order = (
      select ${order}
      from household
      join dwelling on dwelling.community_id = household.community_id and dwelling.id = household.dwelling_id
      join compound on compound.community_id = dwelling.community_id and compound.id = dwelling.compound_id
      left join building on building.community_id = dwelling.community_id and building.id = dwelling.building_id
      left join entrance on entrance.community_id = dwelling.community_id and entrance.id = dwelling.entrance_id
      where household.community_id = resident.community_id and household.id = resident.household_id
    )
    ${communityId === undefined ? sql`` : sql`where resident.community_id = ${communityId}`}`.execute(db);
}

/** Sets `place_order` of these residents from where they live now. */
export async function refreshPlaceOrder(db: ScopedDb, residentIds: string[]): Promise<void> {
  if (residentIds.length === 0) return;
  const rows = await residentsBase({ db, buildingIds: null })
    .select(['resident.id', 'compound.name as compound', 'building.number as building', 'entrance.number as entrance', 'dwelling.room'])
    .where('resident.id', 'in', residentIds)
    .execute();
  // one update per place: residents moved together share it
  const byOrder = new Map<string, string[]>();
  for (const r of rows) {
    const order = placeOrder(r);
    byOrder.set(order, [...(byOrder.get(order) ?? []), r.id]);
  }
  for (const [order, ids] of byOrder) await db.updateTable('resident').set({ place_order: order }).where('resident.id', 'in', ids).execute();
}
