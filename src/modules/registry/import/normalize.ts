import {
  CARE_TAGS,
  codeFor,
  DERIVED_TAGS,
  EDUCATION,
  EMPLOYMENT,
  GENDERS,
  POLITICAL,
  REGISTRATION_TYPES,
  RELATIONS,
  RESIDENCE,
  type Term,
} from '../vocab';
import { checkAgainstEntered, parseIdNumber, type ParsedIdNumber } from '../lib/id-number';
import { parseAddressQuery } from '../lib/pinyin';
import type { RosterField, RosterMapping, RosterRecord, RowIssue } from './types';
import { idIssueMessage, idMismatchMessage, issueMessage, shownPhone } from './messages';
import { cellText, isoDateLocal, isoDateUtc, type CellValue } from './text';

// ——— dates ———

export type ParsedDate =
  | { kind: 'date'; iso: string }
  /** 出生年月 rosters often give only "1949.12" or "1949年12月" */
  | { kind: 'partial'; yearMonth: string }
  | { kind: 'invalid' };

const pad2 = (s: string | number) => String(s).padStart(2, '0');

function ymd(y: number, m: number, d: number): ParsedDate {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return { kind: 'invalid' };
  return { kind: 'date', iso: `${y}-${pad2(m)}-${pad2(d)}` };
}

function ym(y: number, m: number | null): ParsedDate {
  if (y < 1900 || y > 2100 || (m !== null && (m < 1 || m > 12))) return { kind: 'invalid' };
  return { kind: 'partial', yearMonth: m === null ? String(y) : `${y}-${pad2(m)}` };
}

/** Excel's 1900 date system, including its phantom 29 February 1900 (serial 60). */
function fromSerial(serial: number): ParsedDate {
  const days = Math.floor(serial);
  if (days < 1 || days === 60 || days > 73050) return { kind: 'invalid' };
  const base = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return { kind: 'date', iso: isoDateUtc(new Date(base + days * 86_400_000)) };
}

/**
 * Reads a date as rosters write it: 1949-12-31, 1949/12/31, 1949.12.31, 1949年12月31日, 19491231,
 * a date cell, or an Excel serial number; year-and-month alone is reported as partial.
 */
export function parseDate(v: CellValue): ParsedDate | null {
  if (v === null) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { kind: 'invalid' } : { kind: 'date', iso: isoDateUtc(v) };
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19000101 && v <= 21001231) return ymd(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
    // "1949.12" typed into a number cell; 1949.1 may have been typed as 1949.10, so it is only partial anyway.
    if (!Number.isInteger(v) && v > 1900 && v < 2101) return ym(Math.floor(v), Number(String(v).split('.')[1]));
    if (Number.isInteger(v) && v >= 1900 && v <= 2100) return ym(v, null);
    return fromSerial(v);
  }
  const s = cellText(v)
    .replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '')
    .replace(/\s/g, '');
  if (!s) return null;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (m) return ym(Number(m[1]), Number(m[2]));
  m = /^(\d{4})年?$/.exec(s);
  if (m && Number(m[1]) >= 1900) return ym(Number(m[1]), null);
  // A serial number pasted as text.
  if (/^\d{1,5}(\.\d+)?$/.test(s)) return fromSerial(Number(s));
  return { kind: 'invalid' };
}

// ——— phones ———

/** One phone as written → 13812345678, 010-88882088, 88882088, 010-88882088转123; null if it is not one. */
export function normalizePhone(written: string): string | null {
  let s = written.normalize('NFKC').trim();
  let ext = '';
  const e = /(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i.exec(s);
  if (e) {
    ext = `转${e[1]}`;
    s = s.slice(0, e.index);
  }
  const digits = s.replace(/^\+?(?:00)?86(?=[\s-]*1[3-9])/, '').replace(/[\s\-()（）]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (/^1[3-9]\d{9}$/.test(digits)) return ext ? null : digits;
  if (/^0\d{9,11}$/.test(digits)) {
    // 010 and 02x are the only three-digit area codes.
    const areaLength = /^0[12]/.test(digits) ? 3 : 4;
    const rest = digits.slice(areaLength);
    return /^\d{7,8}$/.test(rest) ? `${digits.slice(0, areaLength)}-${rest}${ext}` : null;
  }
  if (/^[2-9]\d{6,7}$/.test(digits) || /^[48]00\d{7}$/.test(digits)) return digits + ext;
  return null;
}

// ——— place ———

const strip = (s: string, suffix: RegExp) => s.replace(/^第/, '').replace(suffix, '').trim() || null;
const buildingOf = (s: string) => strip(s, /(号楼|楼栋|栋|幢|座|号|楼)$/);
const entranceOf = (s: string) => strip(s, /(单元|门)$/);
const roomOf = (s: string) => strip(s, /(室|号|户)$/);

/** "3号楼2单元401", "3-2-401", "怡丽北园3号楼2单元401" → parts; null for a plain address ("西四北三条12号"). */
export function splitAddress(written: string): { compound: string | null; building?: string; entrance?: string; room?: string } | null {
  const s = written.normalize('NFKC').replace(/\s/g, '');
  const m = /^(.*?)(\d.*)$/.exec(s);
  if (!m) return null;
  const parsed = parseAddressQuery(m[2]);
  if (!parsed) return null;
  const parts = [parsed.building, parsed.entrance, parsed.room].filter((x) => x !== undefined).length;
  // A lone "12号" is a house number in a lane, not a building.
  if (parts < 2 && !/号楼|栋|幢|座/.test(m[2])) return null;
  return { compound: m[1] || null, ...parsed };
}

// ——— the row ———

const VOCAB_FIELDS: [RosterField & keyof RosterRecord, readonly Term[]][] = [
  ['education', EDUCATION],
  ['politicalStatus', POLITICAL],
  ['registrationType', REGISTRATION_TYPES],
  ['residence', RESIDENCE],
  ['employmentStatus', EMPLOYMENT],
  ['relationToHead', RELATIONS],
];

const CHINESE_GRADE: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4' };

const optionsOf = (list: readonly Term[]) => ({
  zh: list.map((t) => t.label.zh).join('、'),
  en: list.map((t) => t.label.en).join(', '),
});

/** Excel shows a long number as 1.10105E+17; staff recognise that form. */
const excelShown = (n: number) => n.toExponential(5).replace(/\.?0+e/, 'e').replace('e', 'E');

/**
 * Turns one roster row into a record. Errors (no name, an unusable ID number) leave the record
 * null; warnings keep it, with the doubtful field left empty or taken from the ID number.
 */
/**
 * One row's cells read by field, and the issues found in it. (Methods rather than closures made
 * afresh for every row: an import calls these a few million times.)
 */
class RowReader {
  readonly issues: RowIssue[] = [];

  constructor(
    private readonly cells: CellValue[],
    private readonly mapping: RosterMapping,
    private readonly headerNames: string[],
    private readonly row: number,
  ) {}

  column(f: RosterField): string {
    const i = this.mapping[f];
    return i === undefined ? f : this.headerNames[i] || `第${i + 1}列`;
  }

  raw(f: RosterField): CellValue {
    const i = this.mapping[f];
    return i === undefined ? null : (this.cells[i] ?? null);
  }

  text(f: RosterField): string {
    return cellText(this.raw(f));
  }

  plain(f: RosterField): string | null {
    return this.text(f) || null;
  }

  warn(f: RosterField, code: string, message: RowIssue['message']): void {
    this.issues.push({ row: this.row, column: this.column(f), field: f, code, message, severity: 'warning' });
  }

  fail(f: RosterField, code: string, message: RowIssue['message']): void {
    this.issues.push({ row: this.row, column: this.column(f), field: f, code, message, severity: 'error' });
  }
}

/** A gender code as the roster would have written it (for messages); other values as they are. */
function shownAs(f: RosterField, v: string): string {
  return f === 'gender' ? (GENDERS.find((g) => g.code === v)?.label.zh ?? v) : v;
}

export function normalizeRow(
  cells: CellValue[],
  mapping: RosterMapping,
  headerNames: string[],
  row: number,
  today: Date = new Date(),
): { record: RosterRecord | null; issues: RowIssue[] } {
  const rr = new RowReader(cells, mapping, headerNames, row);
  const issues = rr.issues;

  // "张  三": two-character names are padded with spaces to line up with three-character ones.
  const name = rr.text('name').replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, '$1');
  if (!name) rr.fail('name', 'NAME_MISSING', issueMessage('NAME_MISSING', { column: rr.column('name') }));

  // ID number
  let id: ParsedIdNumber | null = null;
  const idRaw = rr.raw('idNumber');
  const idText = rr.text('idNumber');
  if (idText) {
    if (typeof idRaw === 'number' && !(Number.isSafeInteger(idRaw) && idText.length <= 15)) {
      rr.fail('idNumber', 'ID_LOST_DIGITS', issueMessage('ID_LOST_DIGITS', { column: rr.column('idNumber'), value: excelShown(idRaw) }));
    } else if (/^\d+(\.\d+)?e\+?\d+$/i.test(idText.replace(/\s/g, ''))) {
      rr.fail('idNumber', 'ID_LOST_DIGITS', issueMessage('ID_LOST_DIGITS', { column: rr.column('idNumber'), value: idText }));
    } else {
      const r = parseIdNumber(typeof idRaw === 'number' ? idRaw : idText, today);
      if (r.ok) id = r;
      else rr.fail('idNumber', r.code, idIssueMessage(r.code, rr.column('idNumber'), idText));
    }
  }

  // gender and birth date: the ID number decides; disagreement is only a warning
  const genderText = rr.text('gender');
  let gender = genderText ? codeFor(GENDERS, genderText) : null;
  if (genderText && !gender) {
    rr.warn('gender', 'VALUE_UNKNOWN', issueMessage('VALUE_UNKNOWN', { column: rr.column('gender'), value: genderText, options: optionsOf(GENDERS) }));
  }
  const birth = parseDate(rr.raw('birthDate'));
  const birthText = rr.text('birthDate');
  let birthDate: string | null = null;
  if (id) {
    const entered: { birthDate?: string; gender?: 'male' | 'female' } = {};
    if (birth?.kind === 'date') entered.birthDate = birth.iso;
    if (gender === 'male' || gender === 'female') entered.gender = gender;
    for (const d of checkAgainstEntered(id, entered)) {
      const f = d.code === 'ID_BIRTH_MISMATCH' ? 'birthDate' : 'gender';
      rr.warn(f, d.code, idMismatchMessage(d.code, rr.column(f), f === 'birthDate' ? birthText : shownAs(f, d.entered), shownAs(f, d.fromId)));
    }
    if (birth?.kind === 'partial' && !id.birthDate.startsWith(birth.yearMonth)) {
      rr.warn('birthDate', 'ID_BIRTH_MISMATCH', idMismatchMessage('ID_BIRTH_MISMATCH', rr.column('birthDate'), birthText, id.birthDate));
    }
    gender = id.gender;
    birthDate = id.birthDate;
  } else if (birth) {
    const col = rr.column('birthDate');
    if (birth.kind === 'date' && birth.iso > isoDateLocal(today)) rr.warn('birthDate', 'DATE_FUTURE', issueMessage('DATE_FUTURE', { column: col, value: birth.iso }));
    else if (birth.kind === 'date') birthDate = birth.iso;
    else if (birth.kind === 'partial') rr.warn('birthDate', 'DATE_PARTIAL', issueMessage('DATE_PARTIAL', { column: col, value: birthText }));
    else rr.warn('birthDate', 'DATE_INVALID', issueMessage('DATE_INVALID', { column: col, value: birthText }));
  }

  let movedInDate: string | null = null;
  const moved = parseDate(rr.raw('movedInDate'));
  if (moved) {
    const col = rr.column('movedInDate');
    const value = rr.text('movedInDate');
    if (moved.kind === 'date' && moved.iso <= isoDateLocal(today)) movedInDate = moved.iso;
    else if (moved.kind === 'date') rr.warn('movedInDate', 'DATE_FUTURE', issueMessage('DATE_FUTURE', { column: col, value: moved.iso }));
    else if (moved.kind === 'partial') rr.warn('movedInDate', 'DATE_PARTIAL', issueMessage('DATE_PARTIAL', { column: col, value }));
    else rr.warn('movedInDate', 'DATE_INVALID', issueMessage('DATE_INVALID', { column: col, value }));
  }

  // fixed vocabularies
  const coded: Partial<Record<RosterField, string | null>> = {};
  for (const [f, list] of VOCAB_FIELDS) {
    const written = rr.text(f).replace(/\s/g, '');
    if (!written) continue;
    // A "人户分离" column answered 否 means the person lives where registered.
    const code = codeFor(list, written) ?? (f === 'residence' && written === '否' ? 'both' : null);
    coded[f] = code;
    if (!code) rr.warn(f, 'VALUE_UNKNOWN', issueMessage('VALUE_UNKNOWN', { column: rr.column(f), value: written, options: optionsOf(list) }));
  }

  // phones; a cell holding two numbers ("138…/139…") gives the second to phone2 when that is free
  const phones: Record<'phone' | 'phone2', string | null> = { phone: null, phone2: null };
  const spare: string[] = [];
  for (const f of ['phone', 'phone2'] as const) {
    const written = rr.text(f);
    if (!written) continue;
    const parts = written.split(/[/、,;，；]|或/).map((p) => p.trim()).filter(Boolean);
    const ok: string[] = [];
    for (const p of parts) {
      const n = normalizePhone(p);
      if (n) ok.push(n);
      else rr.warn(f, 'PHONE_INVALID', issueMessage('PHONE_INVALID', { column: rr.column(f), value: shownPhone(p) }));
    }
    phones[f] = ok[0] ?? null;
    spare.push(...ok.slice(1));
  }
  if (!phones.phone2 && spare.length) phones.phone2 = spare.find((p) => p !== phones.phone) ?? null;

  // care tags: "空巢老人、残疾人(二级)"
  const tags: RosterRecord['tags'] = [];
  const tagText = rr.text('tags').replace(/\s*\(\s*/g, '(').replace(/\s*\)/g, ')');
  for (const part of tagText.split(/[、,;；，\s]+/).filter(Boolean)) {
    const g = /([一二三四1-4])级/.exec(part);
    const base = part.replace(/\([^)]*\)/g, '').replace(/[一二三四1-4]级$/, '');
    const code = codeFor(CARE_TAGS, base) ?? (base.includes('残疾') ? 'disabled' : null);
    if (!code) {
      // 党员, 60岁以上 and the like are worked out from other columns.
      if (!codeFor(DERIVED_TAGS, base)) rr.warn('tags', 'TAG_UNKNOWN', issueMessage('TAG_UNKNOWN', { column: rr.column('tags'), value: part }));
      continue;
    }
    if (tags.some((t) => t.tag === code)) continue;
    const graded = CARE_TAGS.find((t) => t.code === code)?.graded;
    tags.push({ tag: code, grade: graded && g ? (CHINESE_GRADE[g[1]] ?? g[1]) : null });
  }

  // place
  const place: RosterRecord['place'] = {
    compound: rr.text('compound') || null,
    building: rr.text('building') ? buildingOf(rr.text('building')) : null,
    entrance: rr.text('entrance') ? entranceOf(rr.text('entrance')) : null,
    room: rr.text('room') ? roomOf(rr.text('room')) : null,
    address: null,
  };
  const address = rr.text('address');
  if (address) {
    const parts = splitAddress(address);
    if (parts) {
      place.compound ??= parts.compound;
      place.building ??= parts.building ?? null;
      place.entrance ??= parts.entrance ?? null;
      place.room ??= parts.room ?? null;
    } else {
      place.address = address;
    }
  }

  if (issues.some((i) => i.severity === 'error')) return { record: null, issues };
  return {
    record: {
      row,
      name,
      gender,
      birthDate,
      idNumber: id?.value ?? null,
      phone: phones.phone,
      phone2: phones.phone2,
      ethnicity: rr.plain('ethnicity'),
      education: coded.education ?? null,
      workUnit: rr.plain('workUnit'),
      politicalStatus: coded.politicalStatus ?? null,
      registrationType: coded.registrationType ?? null,
      residence: coded.residence ?? null,
      employmentStatus: coded.employmentStatus ?? null,
      relationToHead: coded.relationToHead ?? null,
      movedInDate,
      notes: rr.plain('notes'),
      tags,
      place,
      householdNumber: rr.plain('householdNumber'),
    },
    issues,
  };
}
