import type SQLite from 'better-sqlite3';
import { uuidv7 } from '../../../core/ids';
import type { Message } from '../../../core/i18n';
import { placeNumber, placeOrder, refreshPlaceOrder } from '../places';
import type { RegistryView } from '../queries';
import { searchKeys } from '../search';
import { CARE_TAGS } from '../vocab';
import type { RosterLimits } from './limits';
import { maskedMessage, PLACE_MESSAGES } from './messages';
import type { RosterSummary } from './parse';
import { recordAt, S, Sealer, STRIDE, type PreparedBatch, type Slot } from './prepare';
import { keysOf, preparedRows, type PreparedSource } from './source';
import type { RosterMapping, RosterRecord, RowIssue } from './types';
import { scopedWriter, sqliteWriter, type Row, type RowWriter } from './write';

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
  /**
   * The SQLite connection the import's transaction runs on (`Db.sqlite`): rows are then written
   * through prepared statements on it. Without it they go through `v.db` (PostgreSQL).
   */
  sqlite?: SQLite.Database | null;
  /** read and prepare the rows on a worker thread; by default for large files (source.ts) */
  worker?: boolean;
  /** leave the sealing of every row to this thread (PrepareOptions.handOff; for tests) */
  handOff?: 'always';
  /** how much of the file is read at most; by default the configuration's defaults (limits.ts) */
  limits?: RosterLimits;
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
  /** every issue, in row order, with numbers of seven digits or more masked (maskedMessage) */
  issues: RowIssue[];
  sample: RosterRecord[];
  /** the spreadsheet rows that were not imported, for the rejected-rows workbook */
  rejectedRows: number[];
}

const uuid = uuidv7;
/**
 * Rows per batch: one duplicate-check query and one round of writes each. Small enough that a
 * batch handed over by the worker thread (about 1 KB of JSON a row) stays in V8's young
 * generation and is collected cheaply; large batches went to the large-object space and piled up
 * there until a full collection, costing 100 MB and more of memory.
 */
const BATCH = 100;
/** the slots that name a row's place */
const PLACE_SLOTS = [S.compound, S.building, S.entrance, S.room, S.address];
/** progress is reported every this many rows */
const PROGRESS_EVERY = 500;

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
  /** where the dwelling stands in the roster (places.ts placeOrder) */
  placeOrder: string;
  /** places this row needs that do not exist yet (names as shown to the user) */
  missing: string[];
}

/**
 * Imports a roster: read and check every row, then — unless a dry run — write. Run it inside one
 * transaction: a failure anywhere leaves the registry as it was. Re-importing the same file
 * changes nothing: people are matched by ID number (or, without one, by name and dwelling).
 *
 * The rows come prepared (read, checked, ID numbers and phones sealed, search keys made) batch by
 * batch from source.ts, on a worker thread for a large file, so that work runs beside this
 * thread's: places, people already registered, households, and the writes. The search keys of
 * everyone imported are written last, in key order. Everything is written before this returns.
 */
export async function importRoster(
  v: RegistryView,
  file: { path: string },
  filename: string,
  opts: ImportOptions,
  onProgress?: (done: number) => Promise<void> | void,
): Promise<ImportOutcome> {
  // the reader starts first (on a large file, a worker thread loading while the places load)
  const source = preparedRows(
    file,
    filename,
    { mapping: opts.mapping, headerRow: opts.headerRow, today: opts.today.getTime(), seal: !opts.dryRun, batchSize: BATCH, handOff: opts.handOff, limits: opts.limits },
    v.keyring,
    opts.worker,
  );
  try {
    return await importRows(v, source, filename, opts, onProgress);
  } finally {
    await source.close();
  }
}

async function importRows(v: RegistryView, source: PreparedSource, filename: string, opts: ImportOptions, onProgress?: (done: number) => Promise<void> | void): Promise<ImportOutcome> {
  const places = await PlaceIndex.load(v);
  // Nobody registered yet (a new community's first roster): nobody to find again, so the
  // duplicate checks below have nothing to look up. The file's own repeats are caught by parse.ts.
  const registeredBefore = (await v.db.selectFrom('resident').select('resident.id').limit(1).executeTakeFirst()) !== undefined;
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

  /** the place of the row before, and what it resolved to: a household's rows name the same place */
  let last: { place: Slot[]; resolved: Resolved } | null = null;
  const resolve = (s: Slot[], b: number): Resolved | { error: RowIssue } => {
    if (last && PLACE_SLOTS.every((k, i) => last!.place[i] === s[b + k])) return last.resolved;
    const res = resolvePlace(s, b);
    last = 'error' in res ? null : { place: PLACE_SLOTS.map((k) => s[b + k]), resolved: res };
    return res;
  };
  const resolvePlace = (s: Slot[], b: number): Resolved | { error: RowIssue } => {
    const row = s[b + S.row] as number;
    // (kept in the place index for the whole import: own copies, see own())
    const place = {
      compound: own(s[b + S.compound] as string | null),
      building: own(s[b + S.building] as string | null),
      entrance: own(s[b + S.entrance] as string | null),
      room: own(s[b + S.room] as string | null),
      address: own(s[b + S.address] as string | null),
    };
    const missing: string[] = [];
    const compoundName = place.compound ?? soleCompound;
    if (!compoundName) {
      return { error: issue(row, 'PLACE_COMPOUND_MISSING', PLACE_MESSAGES.PLACE_COMPOUND_MISSING) };
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
    if (place.building) {
      const number = placeNumber(place.building);
      buildingId = places.buildings.get(`${compoundId}|${number}`) ?? null;
      if (!buildingId) {
        buildingId = plan({ kind: 'building', compound: compoundId, number });
        places.buildings.set(`${compoundId}|${number}`, buildingId);
        places.created.buildings.add(`${compoundName}${number}号楼`);
      }
      if (buildingId.startsWith('new:')) missing.push(`${number}号楼`);
      if (place.entrance) {
        const en = placeNumber(place.entrance);
        entranceId = places.entrances.get(`${buildingId}|${en}`) ?? null;
        if (!entranceId) {
          entranceId = plan({ kind: 'entrance', building: buildingId, number: en });
          places.entrances.set(`${buildingId}|${en}`, entranceId);
          places.created.entrances.add(`${compoundName}${number}号楼${en}单元`);
        }
        if (entranceId.startsWith('new:')) missing.push(`${en}单元`);
      }
    }
    const room = place.room ? placeNumber(place.room) : place.address;
    if (!room) return { error: issue(row, 'PLACE_ROOM_MISSING', PLACE_MESSAGES.PLACE_ROOM_MISSING) };
    const key = `${compoundId}|${buildingId ?? ''}|${entranceId ?? ''}|${room}`;
    let dwellingId = places.dwellings.get(key);
    if (!dwellingId) {
      dwellingId = plan({ kind: 'dwelling', compound: compoundId, building: buildingId, entrance: entranceId, room });
      places.dwellings.set(key, dwellingId);
      places.created.dwellings += 1;
    }
    if (dwellingId.startsWith('new:') && missing.length === 0) missing.push(room);
    const number = place.building ? placeNumber(place.building) : null;
    const order = placeOrder({ compound: compoundName, building: number, entrance: number && place.entrance ? placeNumber(place.entrance) : null, room });
    return { dwellingId, placeOrder: order, missing };
  };

  // ids of places created for real, by their placeholder; their rows are written with the batch
  const realId = new Map<string, string>();
  const rows = {
    compound: [] as Row[],
    building: [] as Row[],
    entrance: [] as Row[],
    dwelling: [] as Row[],
    household: [] as Row[],
    resident: [] as Row[],
    care_tag: [] as Row[],
    life_event: [] as Row[],
  };
  const cid = v.db.communityId;
  if (cid === null) throw new Error('an import writes to one community');
  const materialize = (ref: string): string => {
    const p = pending.get(ref);
    if (!p) return ref;
    const done = realId.get(ref);
    if (done) return done;
    const id = uuid();
    if (p.kind === 'compound') rows.compound.push([cid, id, p.name, 'compound', null, 0, at]);
    else if (p.kind === 'building') rows.building.push([cid, id, materialize(p.compound), p.number, `${p.number}号楼`, null, null, 0, at]);
    else if (p.kind === 'entrance') rows.entrance.push([cid, id, materialize(p.building), p.number, at]);
    else {
      const compoundId = materialize(p.compound);
      const buildingId = p.building ? materialize(p.building) : null;
      const entranceId = p.entrance ? materialize(p.entrance) : null;
      rows.dwelling.push([cid, id, compoundId, buildingId, entranceId, p.room, buildingId ? null : p.room, null, at]);
    }
    realId.set(ref, id);
    return id;
  };

  const writer: RowWriter = opts.sqlite ? sqliteWriter(opts.sqlite, cid) : scopedWriter(v.db);
  /** rows written once per batch, parents first */
  const writeRows = async () => {
    for (const table of ['compound', 'building', 'entrance', 'dwelling', 'household', 'resident', 'care_tag', 'life_event'] as const) {
      await writer.write(table, rows[table]);
      rows[table] = [];
    }
  };
  // the same for every event of this import: {"import":<file name>,"row":<n>}
  const detailsHead = `{"import":${JSON.stringify(filename)},"row":`;
  const careTags = new Map(CARE_TAGS.map((t) => [t.code, t]));

  /** households created by this import: where their dwelling stands in the roster */
  const householdOrder = new Map<string, string>();
  /** residents who joined a household registered before, found by its number: placed after the writes */
  const placedLater: string[] = [];

  /** a batch's rows that passed the file's and the places' checks: slot offset and dwelling */
  const valid: { b: number; resolved: Resolved }[] = [];
  /** a batch's rows prepared as residents but not imported (their search keys are left out) */
  const leftOut: string[] = [];
  const leaveOut = (s: Slot[], b: number) => {
    const id = s[b + S.residentId] as string | null;
    if (id !== null) leftOut.push(own(id) as string);
  };

  const flush = async (batch: PreparedBatch) => {
    const s = batch.slots;
    // who is already in the registry: one query per batch through the blind index, never a decrypted scan
    const hashes: string[] = [];
    if (registeredBefore) for (const { b } of valid) if (s[b + S.idHash] !== null) hashes.push(s[b + S.idHash] as string);
    // status is checked here, not in SQL: with it there, SQLite may walk the status index (every
    // active resident of the community) instead of looking up the hashes
    const existing = hashes.length
      ? (await v.db.selectFrom('resident').selectAll().where('resident.id_number_hash', 'in', hashes).execute()).filter((r) => r.status === 'active')
      : [];
    const byHash = new Map(existing.map((r) => [r.id_number_hash!, r]));
    for (const { b, resolved } of valid) {
      const hash = s[b + S.idHash] as string | null;
      const name = s[b + S.name] as string;
      let found = hash ? byHash.get(hash) : undefined;
      if (!found && !hash && registeredBefore && !resolved.dwellingId.startsWith('new:')) {
        // without an ID number, the same name in the same dwelling is the same person
        found = await v.db
          .selectFrom('resident')
          .innerJoin('household', (j) => j.onRef('household.community_id', '=', 'resident.community_id').onRef('household.id', '=', 'resident.household_id'))
          .selectAll('resident')
          .where('household.dwelling_id', '=', resolved.dwellingId)
          .where('resident.name', '=', name)
          .where('resident.status', '=', 'active')
          .executeTakeFirst();
      }
      if (found) {
        leaveOut(s, b);
        out.duplicatesInRegistry += 1;
        if (opts.onDuplicate === 'skip' || opts.dryRun) {
          out.skipped += 1;
          continue;
        }
        const r = recordAt(s, b, v.keyring);
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
      const householdNumber = own(s[b + S.householdNumber] as string | null);
      const relation = s[b + S.relationToHead] as string | null;
      let householdId = householdNumber ? places.householdByNumber.get(householdNumber) : undefined;
      // a household found by its number may live elsewhere than the row says
      const order = householdId === undefined ? resolved.placeOrder : householdOrder.get(householdId);
      if (!householdId) {
        const current = fileHousehold.get(dwellingId);
        const there = places.households.get(dwellingId) ?? [];
        if (relation !== 'head' && current) householdId = current;
        else if (relation !== 'head' && there.length === 1) householdId = there[0];
        else {
          householdId = uuid();
          rows.household.push([cid, householdId, dwellingId, householdNumber, 'active', at, null]);
          householdOrder.set(householdId, resolved.placeOrder);
          places.households.set(dwellingId, [...there, householdId]);
          if (householdNumber) places.householdByNumber.set(householdNumber, householdId);
        }
      }
      fileHousehold.set(dwellingId, householdId);
      const id = s[b + S.residentId] as string;
      if (order === undefined) placedLater.push(own(id) as string);
      const movedIn = s[b + S.movedInDate] as string | null;
      rows.resident.push([
        cid,
        id,
        householdId,
        name,
        s[b + S.gender],
        s[b + S.birthDate],
        s[b + S.idEnc],
        hash,
        s[b + S.idTail],
        s[b + S.phoneEnc],
        s[b + S.phoneHash],
        s[b + S.phoneTail],
        s[b + S.phone2Enc],
        s[b + S.ethnicity],
        s[b + S.education],
        s[b + S.workUnit],
        s[b + S.politicalStatus],
        s[b + S.registrationType] ?? 'huji',
        s[b + S.residence] ?? 'both',
        s[b + S.employmentStatus],
        relation ?? 'other',
        movedIn,
        'active',
        s[b + S.notes],
        at,
        at,
        order ?? '',
      ]);
      const tags = s[b + S.tags] as (string | null)[] | null;
      if (tags) {
        for (let k = 0; k < tags.length; k += 2) {
          const def = careTags.get(tags[k] as string);
          if (!def) continue;
          rows.care_tag.push([cid, uuid(), def.household ? null : id, def.household ? householdId : null, def.code, tags[k + 1], movedIn ?? today, null, null, at]);
        }
      }
      rows.life_event.push([cid, s[b + S.eventId], id, householdId, 'registered', today, `${detailsHead}${s[b + S.row] as number}}`, opts.actorUserId, at]);
      out.imported += 1;
    }
    await writeRows();
  };

  const sealer = new Sealer(keysOf(v.keyring));
  let reported = 0;
  for await (const batch of source) {
    if (batch.keys !== null) {
      // search keys (after all rows), in key order, of the residents imported
      await writer.writeKeys(batch.keys);
      continue;
    }
    const s = batch.slots;
    // rows the worker thread left for this one to seal, while it was waiting for them
    if (batch.open) for (let b = 0; b < s.length; b += STRIDE) if (s[b + S.name] !== null) sealer.seal(s, b);
    const bIssues = batch.issues;
    let ii = 0;
    valid.length = 0;
    for (let b = 0; b < s.length; b += STRIDE) {
      const rowNo = s[b + S.row] as number;
      out.rows += 1;
      let warned = false;
      let failed = s[b + S.name] === null;
      while (ii < bIssues.length && bIssues[ii].row === rowNo) {
        const i = bIssues[ii++];
        // an ID number or phone typed in the wrong column would otherwise be shown and kept whole
        out.issues.push({ ...i, message: maskedMessage(i.message) });
        if (i.severity === 'warning') warned = true;
      }
      let resolved: Resolved | null = null;
      if (!failed) {
        const res = resolve(s, b);
        if ('error' in res) {
          out.issues.push({ ...res.error, row: rowNo });
          failed = true;
        } else if (res.missing.length && !opts.createPlaces) {
          out.issues.push(issue(rowNo, 'PLACE_UNKNOWN', msg(`房屋不存在：${res.missing.join('、')}（确认“创建这些房屋”后可导入）`, `Unknown place: ${res.missing.join(', ')} (confirm "create these places" to import)`)));
          failed = true;
        } else resolved = res;
      }
      if (warned) out.warnings += 1;
      if (failed || !resolved) {
        out.errors += 1;
        out.rejectedRows.push(rowNo);
        leaveOut(s, b);
      } else {
        out.valid += 1;
        if (out.sample.length < 20) out.sample.push(JSON.parse(JSON.stringify(recordAt(s, b, v.keyring))) as RosterRecord);
        valid.push({ b, resolved });
      }
    }
    await flush(batch);
    if (leftOut.length) {
      source.leaveOut(leftOut);
      leftOut.length = 0;
    }
    if (onProgress && out.rows - reported >= PROGRESS_EVERY) {
      reported = out.rows;
      await onProgress(out.rows);
    }
  }
  for (let i = 0; i < placedLater.length; i += 500) await refreshPlaceOrder(v.db, placedLater.slice(i, i + 500));
  const sum: RosterSummary = source.summary;
  out.headers = sum.headers;
  out.headerRow = sum.headerRow ?? 0;
  out.mapping = sum.mapping;
  out.unmappedHeaders = sum.unmapped.map((u) => u.header);
  out.newPlaces = {
    compounds: [...places.created.compounds],
    buildings: [...places.created.buildings],
    entrances: [...places.created.entrances],
    dwellings: places.created.dwellings,
  };
  if (onProgress) await onProgress(out.rows);
  return out;
}

/**
 * A string of a prepared batch, copied. Strings JSON.parse returns may share the memory of the
 * whole batch's text (V8 slices long ones out of it), so one kept for the whole import, as the
 * place index keeps names and numbers, would keep its batch in memory too.
 */
function own(s: string | null): string | null {
  return s !== null && s.length >= 13 ? (' ' + s).slice(1) : s;
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
