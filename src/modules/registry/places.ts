import crypto from 'node:crypto';
import { sql } from 'kysely';
import { AppError, notFound } from '../../core/errors';
import type { RegistryView } from './queries';
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
