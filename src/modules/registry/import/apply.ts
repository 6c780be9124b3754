import { uuidv7 } from '../../../core/ids';
import type { Message } from '../../../core/i18n';
import { sealedColumns } from '../commands';
import { placeNumber } from '../places';
import { blindIndex } from '../pii';
import type { RegistryView } from '../queries';
import { searchKeys } from '../search';
import { CARE_TAGS } from '../vocab';
import { parseRoster, type RosterSummary } from './parse';
import type { RosterMapping, RosterRecord, RowIssue } from './types';
import type { BuildingTable, CareTagTable, CompoundTable, DwellingTable, EntranceTable, HouseholdTable, LifeEventTable, ResidentSearchTable, ResidentTable } from '../tables';
import type { Insertable } from 'kysely';
import type { Database } from '../../../core/db/schema';

export interface ImportOptions {
  mapping?: RosterMapping;
  headerRow?: number;
  /** create the compounds, buildings, entrances and dwellings the file names that do not exist yet */
  createPlaces: boolean;
  /** a person already in the registry (same ID number): update their details, or leave them */
  onDuplicate: 'update' | 'skip';
  /** check everything, write nothing */
  dryRun: boolean;
  today: Date;
  actorUserId: string | null;
  communityName: string;
}

export interface ImportOutcome {
  headers: string[];
  headerRow: number;
  mapping: RosterMapping;
  unmappedHeaders: string[];
  rows: number;
  valid: number;
  errors: number;
  warnings: number;
  duplicatesInRegistry: number;
  imported: number;
  updated: number;
  skipped: number;
  newPlaces: { compounds: string[]; buildings: string[]; entrances: string[]; dwellings: number };
  /** every issue, in row order */
  issues: RowIssue[];
  sample: RosterRecord[];
  /** the spreadsheet rows that were not imported, for the rejected-rows workbook */
  rejectedRows: number[];
}

const uuid = uuidv7;
const BATCH = 500;

const msg = (zh: string, en: string): Message => ({ zh, en });

/** The community's places by their names and numbers, grown as the import creates new ones. */
class PlaceIndex {
  compounds = new Map<string, string>();
  buildings = new Map<string, string>();
  entrances = new Map<string, string>();
  dwellings = new Map<string, string>();
  buildingOfEntrance = new Map<string, string>();
  /** active households per dwelling, for joining new members to a household already there */
  households = new Map<string, string[]>();
  householdByNumber = new Map<string, string>();
  created = { compounds: new Set<string>(), buildings: new Set<string>(), entrances: new Set<string>(), dwellings: 0 };

  static async load(v: RegistryView): Promise<PlaceIndex> {
    const p = new PlaceIndex();
    for (const c of await v.db.selectFrom('compound').select(['compound.id', 'compound.name']).execute()) p.compounds.set(c.name, c.id);
    for (const b of await v.db.selectFrom('building').select(['building.id', 'building.compound_id', 'building.number']).execute()) p.buildings.set(`${b.compound_id}|${b.number}`, b.id);
    for (const e of await v.db.selectFrom('entrance').select(['entrance.id', 'entrance.building_id', 'entrance.number']).execute()) {
      p.entrances.set(`${e.building_id}|${e.number}`, e.id);
      p.buildingOfEntrance.set(e.id, e.building_id);
    }
    for (const d of await v.db.selectFrom('dwelling').select(['dwelling.id', 'dwelling.compound_id', 'dwelling.building_id', 'dwelling.entrance_id', 'dwelling.room']).execute()) {
      p.dwellings.set(`${d.compound_id}|${d.building_id ?? ''}|${d.entrance_id ?? ''}|${d.room}`, d.id);
    }
    for (const h of await v.db.selectFrom('household').select(['household.id', 'household.dwelling_id', 'household.number']).where('household.status', '=', 'active').execute()) {
      p.households.set(h.dwelling_id, [...(p.households.get(h.dwelling_id) ?? []), h.id]);
      if (h.number) p.householdByNumber.set(h.number, h.id);
    }
    return p;
  }
}

interface Resolved {
  dwellingId: string;
  /** places this row needs that do not exist yet (names as shown to the user) */
  missing: string[];
}

/**
 * Imports a roster: parse (streamed), check every row, then — unless a dry run — write. Run it
 * inside one transaction: a failure anywhere leaves the registry as it was. Re-importing the same
 * file changes nothing: people are matched by ID number (or, without one, by name and dwelling).
 */
export async function importRoster(
  v: RegistryView,
  file: { path: string },
  filename: string,
  opts: ImportOptions,
  onProgress?: (done: number) => Promise<void> | void,
): Promise<ImportOutcome> {
  const parse = parseRoster(file, filename, { mapping: opts.mapping, headerRow: opts.headerRow, today: opts.today });
  const places = await PlaceIndex.load(v);
  const today = v.today;
  const at = opts.today.toISOString();
  const out: ImportOutcome = {
    headers: [],
    headerRow: 0,
    mapping: {},
    unmappedHeaders: [],
    rows: 0,
    valid: 0,
    errors: 0,
    warnings: 0,
    duplicatesInRegistry: 0,
    imported: 0,
    updated: 0,
    skipped: 0,
    newPlaces: { compounds: [], buildings: [], entrances: [], dwellings: 0 },
    issues: [],
    sample: [],
    rejectedRows: [],
  };
  /** the household each dwelling's rows go into, as the file walks down a household */
  const fileHousehold = new Map<string, string>();
  const soleCompound = places.compounds.size === 1 ? [...places.compounds.keys()][0] : places.compounds.size === 0 ? opts.communityName : null;

  /** places the file names that do not exist yet: placeholder id → what to create */
  type Pending =
    | { kind: 'compound'; name: string }
    | { kind: 'building'; compound: string; number: string }
    | { kind: 'entrance'; building: string; number: string }
    | { kind: 'dwelling'; compound: string; building: string | null; entrance: string | null; room: string };
  const pending = new Map<string, Pending>();
  const plan = (p: Pending): string => {
    const id = `new:${pending.size + 1}`;
    pending.set(id, p);
    return id;
  };

  const resolve = (r: RosterRecord): Resolved | { error: RowIssue } => {
    const missing: string[] = [];
    const compoundName = r.place.compound ?? soleCompound;
    if (!compoundName) {
      return { error: issue(r.row, 'PLACE_COMPOUND_MISSING', msg('没有写小区，本社区有多个小区，请补上小区名称', 'No compound given, and the community has several')) };
    }
    let compoundId = places.compounds.get(compoundName);
    if (!compoundId) {
      compoundId = plan({ kind: 'compound', name: compoundName });
      places.compounds.set(compoundName, compoundId);
      places.created.compounds.add(compoundName);
    }
    if (compoundId.startsWith('new:')) missing.push(compoundName);
    let buildingId: string | null = null;
    let entranceId: string | null = null;
    if (r.place.building) {
      const number = placeNumber(r.place.building);
      buildingId = places.buildings.get(`${compoundId}|${number}`) ?? null;
      if (!buildingId) {
        buildingId = plan({ kind: 'building', compound: compoundId, number });
        places.buildings.set(`${compoundId}|${number}`, buildingId);
        places.created.buildings.add(`${compoundName}${number}号楼`);
      }
      if (buildingId.startsWith('new:')) missing.push(`${number}号楼`);
      if (r.place.entrance) {
        const en = placeNumber(r.place.entrance);
        entranceId = places.entrances.get(`${buildingId}|${en}`) ?? null;
        if (!entranceId) {
          entranceId = plan({ kind: 'entrance', building: buildingId, number: en });
          places.entrances.set(`${buildingId}|${en}`, entranceId);
          places.created.entrances.add(`${compoundName}${number}号楼${en}单元`);
        }
        if (entranceId.startsWith('new:')) missing.push(`${en}单元`);
      }
    }
    const room = r.place.room ? placeNumber(r.place.room) : r.place.address;
    if (!room) return { error: issue(r.row, 'PLACE_ROOM_MISSING', msg('没有写门牌号或地址', 'No room number or address given')) };
    const key = `${compoundId}|${buildingId ?? ''}|${entranceId ?? ''}|${room}`;
    let dwellingId = places.dwellings.get(key);
    if (!dwellingId) {
      dwellingId = plan({ kind: 'dwelling', compound: compoundId, building: buildingId, entrance: entranceId, room });
      places.dwellings.set(key, dwellingId);
      places.created.dwellings += 1;
    }
    if (dwellingId.startsWith('new:') && missing.length === 0) missing.push(room);
    return { dwellingId, missing };
  };

  // ids of places created for real, by their placeholder; their rows are written with the batch
  const realId = new Map<string, string>();
  const newPlaces = {
    compound: [] as Omit<Insertable<CompoundTable>, 'community_id'>[],
    building: [] as Omit<Insertable<BuildingTable>, 'community_id'>[],
    entrance: [] as Omit<Insertable<EntranceTable>, 'community_id'>[],
    dwelling: [] as Omit<Insertable<DwellingTable>, 'community_id'>[],
  };
  const materialize = (ref: string): string => {
    const p = pending.get(ref);
    if (!p) return ref;
    const done = realId.get(ref);
    if (done) return done;
    const id = uuid();
    if (p.kind === 'compound') newPlaces.compound.push({ id, name: p.name, kind: 'compound', property_company: null, sort: 0, created_at: at });
    else if (p.kind === 'building') {
      newPlaces.building.push({ id, compound_id: materialize(p.compound), number: p.number, name: `${p.number}号楼`, grid_id: null, floors: null, sort: 0, created_at: at });
    } else if (p.kind === 'entrance') newPlaces.entrance.push({ id, building_id: materialize(p.building), number: p.number, created_at: at });
    else {
      const compoundId = materialize(p.compound);
      const buildingId = p.building ? materialize(p.building) : null;
      const entranceId = p.entrance ? materialize(p.entrance) : null;
      newPlaces.dwelling.push({ id, compound_id: compoundId, building_id: buildingId, entrance_id: entranceId, room: p.room, address: buildingId ? null : p.room, floor_area: null, created_at: at });
    }
    realId.set(ref, id);
    return id;
  };

  let batch: { record: RosterRecord; resolved: Resolved; cellsRow: number }[] = [];

  /** rows written once per batch, parents first (multi-row inserts: one statement per few hundred rows) */
  const pendingRows = {
    household: [] as Omit<Insertable<HouseholdTable>, 'community_id'>[],
    resident: [] as Omit<Insertable<ResidentTable>, 'community_id'>[],
    resident_search: [] as Omit<Insertable<ResidentSearchTable>, 'community_id'>[],
    care_tag: [] as Omit<Insertable<CareTagTable>, 'community_id'>[],
    life_event: [] as Omit<Insertable<LifeEventTable>, 'community_id'>[],
  };
  const writePending = async () => {
    // places before the households in them
    for (const table of ['compound', 'building', 'entrance', 'dwelling'] as const) {
      await v.db.insertMany(table, newPlaces[table] as Omit<Insertable<Database[typeof table]>, 'community_id'>[]);
      newPlaces[table].length = 0;
    }
    const put = async <T extends 'household' | 'resident' | 'resident_search' | 'care_tag' | 'life_event'>(table: T) => {
      const rows = pendingRows[table] as Omit<Insertable<Database[T]>, 'community_id'>[];
      await v.db.insertMany(table, rows);
      rows.length = 0;
    };
    await put('household');
    await put('resident');
    // in key order: neighbouring index pages instead of a scatter over the whole search table
    pendingRows.resident_search.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    await put('resident_search');
    await put('care_tag');
    await put('life_event');
  };

  const flush = async () => {
    if (batch.length === 0) return;
    // who is already in the registry: one query per batch through the blind index, never a decrypted scan
    const hashes = batch.flatMap((b) => (b.record.idNumber ? [blindIndex(b.record.idNumber, v.keyring.indexKey)] : []));
    // status is checked here, not in SQL: with it there, SQLite may walk the status index (every
    // active resident of the community) instead of looking up the hashes
    const existing = hashes.length
      ? (await v.db.selectFrom('resident').selectAll().where('resident.id_number_hash', 'in', hashes).execute()).filter((r) => r.status === 'active')
      : [];
    const byHash = new Map(existing.map((r) => [r.id_number_hash!, r]));
    for (const { record: r, resolved } of batch) {
      const hash = r.idNumber ? blindIndex(r.idNumber, v.keyring.indexKey) : null;
      let found = hash ? byHash.get(hash) : undefined;
      if (!found && !r.idNumber && !resolved.dwellingId.startsWith('new:')) {
        // without an ID number, the same name in the same dwelling is the same person
        found = await v.db
          .selectFrom('resident')
          .innerJoin('household', (j) => j.onRef('household.community_id', '=', 'resident.community_id').onRef('household.id', '=', 'resident.household_id'))
          .selectAll('resident')
          .where('household.dwelling_id', '=', resolved.dwellingId)
          .where('resident.name', '=', r.name)
          .where('resident.status', '=', 'active')
          .executeTakeFirst();
      }
      if (found) {
        out.duplicatesInRegistry += 1;
        if (opts.onDuplicate === 'skip' || opts.dryRun) {
          out.skipped += 1;
          continue;
        }
        const changes = changedColumns(found, r);
        if (Object.keys(changes).length === 0) {
          out.skipped += 1;
          continue;
        }
        await v.db.updateTable('resident').set({ ...changes, updated_at: at }).where('resident.id', '=', found.id).execute();
        if (changes.name) await replaceKeys(v, found.id, r.name);
        out.updated += 1;
        continue;
      }
      if (opts.dryRun) {
        out.imported += 1;
        continue;
      }
      const dwellingId = materialize(resolved.dwellingId);
      let householdId = r.householdNumber ? places.householdByNumber.get(r.householdNumber) : undefined;
      if (!householdId) {
        const current = fileHousehold.get(dwellingId);
        const there = places.households.get(dwellingId) ?? [];
        if (r.relationToHead !== 'head' && current) householdId = current;
        else if (r.relationToHead !== 'head' && there.length === 1) householdId = there[0];
        else {
          householdId = uuid();
          pendingRows.household.push({ id: householdId, dwelling_id: dwellingId, number: r.householdNumber, status: 'active', created_at: at, ended_at: null });
          places.households.set(dwellingId, [...there, householdId]);
          if (r.householdNumber) places.householdByNumber.set(r.householdNumber, householdId);
        }
      }
      fileHousehold.set(dwellingId, householdId);
      const id = uuid();
      const sealed = sealedColumns(v, { idNumber: r.idNumber, phone: r.phone, phone2: r.phone2 });
      pendingRows.resident.push({
            id,
            household_id: householdId,
            name: r.name,
            gender: r.gender,
            birth_date: r.birthDate,
            id_number_enc: sealed.id_number_enc,
            id_number_hash: sealed.id_number_hash,
            id_number_tail: sealed.id_number_tail,
            phone_enc: sealed.phone_enc,
            phone_hash: sealed.phone_hash,
            phone_tail: sealed.phone_tail,
            phone2_enc: sealed.phone2_enc,
            ethnicity: r.ethnicity,
            education: r.education,
            work_unit: r.workUnit,
            political_status: r.politicalStatus,
            registration_type: r.registrationType ?? 'huji',
            residence: r.residence ?? 'both',
            employment_status: r.employmentStatus,
            relation_to_head: r.relationToHead ?? 'other',
            moved_in_date: r.movedInDate,
            status: 'active',
            notes: r.notes,
            created_at: at,
            updated_at: at,
      });
      for (const key of searchKeys(r.name)) pendingRows.resident_search.push({ resident_id: id, key });
      for (const t of r.tags) {
        const def = CARE_TAGS.find((x) => x.code === t.tag);
        if (!def) continue;
        pendingRows.care_tag.push({ id: uuid(), resident_id: def.household ? null : id, household_id: def.household ? householdId : null, tag: t.tag, grade: t.grade, start_date: r.movedInDate ?? today, end_date: null, note: null, created_at: at });
      }
      pendingRows.life_event.push({ id: uuid(), resident_id: id, household_id: householdId, kind: 'registered', date: today, details_json: JSON.stringify({ import: filename, row: r.row }), created_by: opts.actorUserId, created_at: at });
      out.imported += 1;
    }
    await writePending();
    batch = [];
  };

  for await (const row of parse) {
    out.rows += 1;
    const issues = [...row.issues];
    let record = row.record;
    let resolved: Resolved | null = null;
    if (record) {
      const res = resolve(record);
      if ('error' in res) {
        issues.push({ ...res.error, row: row.row });
        record = null;
      } else {
        resolved = res;
        if (res.missing.length && !opts.createPlaces) {
          issues.push(issue(row.row, 'PLACE_UNKNOWN', msg(`房屋不存在：${res.missing.join('、')}（确认“创建这些房屋”后可导入）`, `Unknown place: ${res.missing.join(', ')} (confirm "create these places" to import)`)));
          record = null;
        }
      }
    }
    out.issues.push(...issues);
    if (issues.some((i) => i.severity === 'warning')) out.warnings += 1;
    if (!record || !resolved) {
      out.errors += 1;
      out.rejectedRows.push(row.row);
    } else {
      out.valid += 1;
      if (out.sample.length < 20) out.sample.push(record);
      batch.push({ record, resolved, cellsRow: row.row });
      if (batch.length >= BATCH) await flush();
    }
    if (onProgress && out.rows % BATCH === 0) await onProgress(out.rows);
  }
  await flush();
  const s: RosterSummary = parse.summary;
  out.headers = s.headers;
  out.headerRow = s.headerRow ?? 0;
  out.mapping = s.mapping;
  out.unmappedHeaders = s.unmapped.map((u) => u.header);
  out.newPlaces = {
    compounds: [...places.created.compounds],
    buildings: [...places.created.buildings],
    entrances: [...places.created.entrances],
    dwellings: places.created.dwellings,
  };
  if (onProgress) await onProgress(out.rows);
  return out;
}

function issue(row: number, code: string, message: Message): RowIssue {
  return { row, column: null, field: null, code, message, severity: 'error' };
}

async function replaceKeys(v: RegistryView, residentId: string, name: string) {
  await v.db.deleteFrom('resident_search').where('resident_search.resident_id', '=', residentId).execute();
  await v.db.insertInto('resident_search', searchKeys(name).map((key) => ({ resident_id: residentId, key }))).execute();
}

/** The columns a roster row would change on a resident already registered (empty cells change nothing). */
function changedColumns(found: { [k: string]: unknown }, r: RosterRecord): Record<string, string> {
  const want: Record<string, string | null> = {
    name: r.name,
    gender: r.gender,
    birth_date: r.birthDate,
    ethnicity: r.ethnicity,
    education: r.education,
    work_unit: r.workUnit,
    political_status: r.politicalStatus,
    registration_type: r.registrationType,
    residence: r.residence,
    employment_status: r.employmentStatus,
    relation_to_head: r.relationToHead,
    moved_in_date: r.movedInDate,
    notes: r.notes,
  };
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(want)) if (val !== null && val !== found[k]) out[k] = val;
  return out;
}
