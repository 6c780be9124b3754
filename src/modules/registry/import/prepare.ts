import { blindIndex, decrypt, encrypt, type DataKey, type Keyring } from '../lib/pii';
import { phoneDigits } from '../pii';
import { uuidv7 } from '../../../core/ids';
import { searchKeys } from '../search';
import { KeyIndex } from './keys';
import { parseRoster, type RosterSummary } from './parse';
import type { RosterFile, RosterLimits } from './read';
import type { RosterMapping, RosterRecord, RowIssue } from './types';

/**
 * The part of an import that needs no database: reading and checking each row (parse.ts), then for
 * every accepted row its blind index, its sealed ID number and phones, and its search keys. It runs
 * on a worker thread for large files (prepare-worker.ts) while the import's transaction writes, so
 * its output is flat and cheap to hand over: one array of slots per batch instead of an object per
 * row.
 */

/** The slots of one row in PreparedBatch.slots, in this order; a rejected row has only its number. */
export const S = {
  row: 0,
  name: 1,
  gender: 2,
  birthDate: 3,
  /** the ID number and phones in clear only in a dry run; otherwise sealed (idEnc …) */
  idNumber: 4,
  phone: 5,
  phone2: 6,
  ethnicity: 7,
  education: 8,
  workUnit: 9,
  politicalStatus: 10,
  registrationType: 11,
  residence: 12,
  employmentStatus: 13,
  relationToHead: 14,
  movedInDate: 15,
  notes: 16,
  /** [tag, grade, tag, grade …] or null */
  tags: 17,
  compound: 18,
  building: 19,
  entrance: 20,
  room: 21,
  address: 22,
  householdNumber: 23,
  /** blind index of the ID number: the duplicate check */
  idHash: 24,
  idEnc: 25,
  idTail: 26,
  phoneEnc: 27,
  phoneHash: 28,
  phoneTail: 29,
  phone2Enc: 30,
  /** the resident's id and the id of their registration event, if the row is imported */
  residentId: 31,
  eventId: 32,
} as const;
export const STRIDE = 33;
/**
 * Search keys per batch: about 110 KB of JSON (two bytes a character, as Chinese makes it), small
 * enough for the young generation of the thread that writes them. Strings past 128 KB go to the
 * large-object space, freed only by a full collection: at 2,000 a batch the import's peak memory
 * was 20–30 MB higher.
 */
const KEY_CHUNK = 1000;

export type Slot = string | number | null | (string | null)[];

/**
 * A batch of rows, or, after all of them, of search keys. Rows are numbered by their position in
 * the file (0, 1, … over every row read, rejected or not). Between the rows and the keys comes one
 * empty batch (no slots, no keys): by the time the next is asked for, the import must have said
 * which prepared rows it did not import (`leaveOut`), so that their keys are left out too.
 */
export interface PreparedBatch {
  /** position of the batch's first row */
  first: number;
  /** STRIDE slots per row, rows in file order; a rejected row's name slot is null */
  slots: Slot[];
  /** the rows' issues, in row order */
  issues: RowIssue[];
  /**
   * The rows' ID numbers and phones are still in clear, for the taker to seal (Sealer): the worker
   * thread leaves that to the importing thread when it is the one waiting.
   */
  open: boolean;
  /**
   * Search keys as JSON, `[["resident id","key"], …]` in key order, ready for the database to
   * take in whole (SQLite's jsonb_each). Only in the batches that follow the rows; null in others.
   */
  keys: string | null;
}

/** The keys a prepared batch is sealed and indexed with (a structured-clone-safe part of a Keyring). */
export interface PrepareKeys {
  current: { id: string; key: Uint8Array };
  indexKey: Uint8Array;
}

export interface PrepareOptions {
  mapping?: RosterMapping;
  headerRow?: number;
  /** ms since the epoch: dates later than this are refused */
  today: number;
  /** encrypt ID numbers and phones and compute search keys; a dry run only needs the blind index */
  seal: boolean;
  /** rows per batch */
  batchSize: number;
  /**
   * 'always': every batch is left for the importing thread to seal (tests of that path); by default
   * the worker thread decides as it goes, and in one thread every row is sealed as it is read.
   */
  handOff?: 'always';
  limits?: RosterLimits;
}

const asBuffer = (u: Uint8Array) => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));

/**
 * Seals prepared rows: the blind indexes of the ID number and phone (the duplicate check and
 * exact lookups), the ID number and phones encrypted, their last four characters (tail search).
 * The clear values are dropped from the row.
 */
export class Sealer {
  private readonly dataKey: DataKey;
  private readonly indexKey: Buffer;

  constructor(keys: PrepareKeys) {
    this.dataKey = { id: keys.current.id, key: asBuffer(keys.current.key) };
    this.indexKey = asBuffer(keys.indexKey);
  }

  /** the blind index of an ID number, alone (a dry run needs nothing more) */
  idHash(idNumber: string | null): string | null {
    return idNumber ? blindIndex(idNumber, this.indexKey) : null;
  }

  /** Seals the row at slot offset `b`, in place. */
  seal(slots: Slot[], b: number): void {
    const id = slots[b + S.idNumber] as string | null;
    const phone = slots[b + S.phone] as string | null;
    const phone2 = slots[b + S.phone2] as string | null;
    slots[b + S.idHash] = this.idHash(id);
    slots[b + S.idEnc] = id ? encrypt(id, this.dataKey) : null;
    slots[b + S.idTail] = id ? id.slice(-4).toUpperCase() : null;
    if (phone) {
      const digits = phoneDigits(phone);
      slots[b + S.phoneEnc] = encrypt(phone, this.dataKey);
      slots[b + S.phoneHash] = blindIndex(digits, this.indexKey);
      slots[b + S.phoneTail] = digits.slice(-4).toUpperCase();
    }
    slots[b + S.phone2Enc] = phone2 ? encrypt(phone2, this.dataKey) : null;
    slots[b + S.idNumber] = null;
    slots[b + S.phone] = null;
    slots[b + S.phone2] = null;
  }
}

/** The roster read as batches of prepared rows; `summary` is complete once iteration ends. */
export class PreparedRoster implements AsyncIterable<PreparedBatch> {
  private readonly parse;
  private readonly sealer: Sealer;
  /**
   * Asked before each batch when sealing: true leaves the batch's sealing to its taker (the worker
   * thread asks whether the importing thread is waiting for rows). By default every row is sealed here.
   */
  handOff: () => boolean = () => false;
  /** residents (by the id prepared for them) the import did not import: no search keys */
  private readonly left = new Set<string>();

  constructor(
    file: RosterFile,
    filename: string,
    private readonly opts: PrepareOptions,
    keys: PrepareKeys,
  ) {
    this.parse = parseRoster(file, filename, { mapping: opts.mapping, headerRow: opts.headerRow, today: new Date(opts.today), limits: opts.limits });
    this.sealer = new Sealer(keys);
    if (opts.handOff === 'always') this.handOff = () => true;
  }

  get summary(): RosterSummary {
    return this.parse.summary;
  }

  /** Rows prepared but not imported (a duplicate, an unknown place), by their resident id. */
  leaveOut(residentIds: Iterable<string>): void {
    for (const id of residentIds) this.left.add(id);
  }

  /** Nothing to stop: an iteration left early closes the file itself. */
  async close(): Promise<void> {}

  async *[Symbol.asyncIterator](): AsyncGenerator<PreparedBatch> {
    const { seal, batchSize } = this.opts;
    let slots: Slot[] = [];
    let issues: RowIssue[] = [];
    let first = 0;
    /** every search key of the file, with the residents (in file order) it belongs to */
    const keys = new KeyIndex();
    let seq = 0;
    let open = seal && this.handOff();
    for await (const row of this.parse) {
      for (const i of row.issues) issues.push(i);
      const r = row.record;
      const b = slots.length;
      if (!r) {
        slots.push(row.row);
        for (let k = 1; k < STRIDE; k++) slots.push(null);
      } else {
        pushRecord(slots, r);
        // idHash … phone2Enc, filled in below
        slots.push(null, null, null, null, null, null, null);
        if (seal) {
          // the ids the row gets if it is imported: made here, in row order, so they still ascend
          const residentId = uuidv7();
          slots.push(residentId, uuidv7());
          if (!open) this.sealer.seal(slots, b);
          keys.add(residentId, searchKeys(r.name));
        } else {
          // a dry run: the duplicate check's blind index alone, the rest stays in clear
          slots[b + S.idHash] = this.sealer.idHash(r.idNumber);
          slots.push(null, null);
        }
      }
      seq++;
      if (seq - first >= batchSize) {
        yield { first, slots, issues, open, keys: null };
        first = seq;
        slots = [];
        issues = [];
        open = seal && this.handOff();
      }
    }
    if (seq > first) yield { first, slots, issues, open, keys: null };
    // the end of the rows: the import says which it left out before asking for more
    yield { first: seq, slots: [], issues: [], open: false, keys: null };
    // The search keys last, all in key order: written in that order they fill the key index page
    // after page, where batch by batch they scattered over all of it (three times the time). Made
    // as JSON here, so that the writing thread hands each batch to the database whole instead of a
    // statement per key.
    for (const pairs of keys.inOrder(KEY_CHUNK, this.left)) yield { first: seq, slots: [], issues: [], open: false, keys: JSON.stringify(pairs) };
  }
}

/** The record's fields, the ID number and phones in clear (Sealer.seal takes them out). */
function pushRecord(slots: Slot[], r: RosterRecord): void {
  let tags: (string | null)[] | null = null;
  if (r.tags.length) {
    tags = [];
    for (const t of r.tags) tags.push(t.tag, t.grade);
  }
  slots.push(
    r.row,
    r.name,
    r.gender,
    r.birthDate,
    r.idNumber,
    r.phone,
    r.phone2,
    r.ethnicity,
    r.education,
    r.workUnit,
    r.politicalStatus,
    r.registrationType,
    r.residence,
    r.employmentStatus,
    r.relationToHead,
    r.movedInDate,
    r.notes,
    tags,
    r.place.compound,
    r.place.building,
    r.place.entrance,
    r.place.room,
    r.place.address,
    r.householdNumber,
  );
}

/**
 * The roster record of a prepared row (for the preview's sample and for updating a registered
 * person); sealed values are opened again with the keyring.
 */
export function recordAt(slots: Slot[], b: number, keyring: Keyring): RosterRecord {
  const str = (k: number) => slots[b + k] as string | null;
  const clear = (k: number, enc: number) => str(k) ?? (str(enc) ? decrypt(str(enc) as string, keyring) : null);
  const tags = slots[b + S.tags] as (string | null)[] | null;
  const tagList: RosterRecord['tags'] = [];
  if (tags) for (let k = 0; k < tags.length; k += 2) tagList.push({ tag: tags[k] as string, grade: tags[k + 1] });
  return {
    row: slots[b + S.row] as number,
    name: str(S.name) as string,
    gender: str(S.gender),
    birthDate: str(S.birthDate),
    idNumber: clear(S.idNumber, S.idEnc),
    phone: clear(S.phone, S.phoneEnc),
    phone2: clear(S.phone2, S.phone2Enc),
    ethnicity: str(S.ethnicity),
    education: str(S.education),
    workUnit: str(S.workUnit),
    politicalStatus: str(S.politicalStatus),
    registrationType: str(S.registrationType),
    residence: str(S.residence),
    employmentStatus: str(S.employmentStatus),
    relationToHead: str(S.relationToHead),
    movedInDate: str(S.movedInDate),
    notes: str(S.notes),
    tags: tagList,
    place: { compound: str(S.compound), building: str(S.building), entrance: str(S.entrance), room: str(S.room), address: str(S.address) },
    householdNumber: str(S.householdNumber),
  };
}
