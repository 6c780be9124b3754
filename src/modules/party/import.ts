import crypto from 'node:crypto';
import type { ScopedDb } from '../../core/access';
import type { Lang, Message } from '../../core/i18n';
import { blindIndex, cellText, parseIdNumber, phoneDigits, readRosterFile, seal, type CellValue, type RosterFileRow, type RosterLimits } from '../registry';
import type { Keyring } from './queries';
import { MEMBER_KINDS, MEMBER_STATUSES } from './schema';
import './tables';

/** The roster's columns, as the office names them. */
const COLUMNS = ['姓名', '身份证号', '联系电话', '党小组', '入党日期', '类别', '状态'] as const;
type Column = (typeof COLUMNS)[number];

const KINDS: Record<string, (typeof MEMBER_KINDS)[number]> = { 在册: 'registered', 在册党员: 'registered', 在职党员报到: 'reporting', 报到: 'reporting', 在职报到: 'reporting' };
const STATUSES: Record<string, (typeof MEMBER_STATUSES)[number]> = { 正常: 'normal', 流动: 'mobile', 流动党员: 'mobile', 年老体弱: 'frail' };

export interface ImportError {
  /** the row as the spreadsheet numbers it */
  row: number;
  /** the column's header, or empty for the whole row */
  column: string;
  message: string;
}
export interface ImportOutcome {
  /** data rows read (below the header) */
  rows: number;
  imported: number;
  /** already on the books (same resident, or the same name and phone for members living elsewhere) or twice in the file */
  skipped: number;
  errors: ImportError[];
  /** what each imported (or, in a dry run, importable) row became */
  members: { row: number; name: string; residentLinked: boolean }[];
}

interface Candidate {
  row: number;
  name: string;
  residentId: string | null;
  phone: string | null;
  groupId: string | null;
  joinedDate: string | null;
  kind: (typeof MEMBER_KINDS)[number];
  status: (typeof MEMBER_STATUSES)[number];
  /** blind index of the ID number of a member living elsewhere */
  idHash?: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 1980-07-01, 1980/7/1, 1980.7.1, 1980年7月1日, or a date cell. */
function parseDate(v: CellValue): string | null | false {
  if (v === null) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? false : `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  const s = cellText(v);
  if (!s) return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return false;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** An ID number as typed: text, or a number only when it cannot have lost digits (parseIdNumber decides). */
const idInput = (v: CellValue): string | number => (typeof v === 'number' ? v : cellText(v));

/**
 * Reads a party-member roster (.xlsx or .csv) and, unless it is a dry run, puts its members on the
 * books. A row whose ID number is a resident of this community (by the registry's blind index) is
 * linked to that resident; a row already on the books is skipped, so importing twice changes nothing.
 * Any error leaves the whole file unimported. A file that cannot be read as a roster (damaged, in two
 * encodings, past the limits) is refused with the registry reader's AppError.
 */
export async function importMembers(
  db: ScopedDb,
  keyring: Keyring,
  file: { buffer: Buffer },
  filename: string,
  opts: { dryRun: boolean; lang: Lang; now: Date; limits: RosterLimits },
): Promise<ImportOutcome> {
  const say = (m: Message) => (opts.lang === 'en' ? m.en : m.zh);
  const errors: ImportError[] = [];
  const err = (row: number, column: Column | '', m: Message) => errors.push({ row, column, message: say(m) });

  const groups = new Map((await db.selectFrom('party_group').select(['party_group.id', 'party_group.name']).where('party_group.closed_on', 'is', null).execute()).map((g) => [g.name.trim(), g.id]));
  const onBooks = await db
    .selectFrom('party_member')
    .select(['party_member.resident_id', 'party_member.name', 'party_member.phone_hash', 'party_member.id_number_hash'])
    .where('party_member.left_date', 'is', null)
    .execute();
  const residentsOnBooks = new Set(onBooks.flatMap((m) => (m.resident_id ? [m.resident_id] : [])));
  /** members living elsewhere whose ID number is on the books: the strictest match there is */
  const idsOnBooks = new Set(onBooks.flatMap((m) => (m.id_number_hash ? [m.id_number_hash] : [])));
  const elsewhereKey = (name: string, phoneHash: string | null) => `${name}\u0000${phoneHash ?? ''}`;
  const elsewhereOnBooks = new Set(onBooks.filter((m) => !m.resident_id).map((m) => elsewhereKey(m.name, m.phone_hash)));
  /** the same, for those on the books without an ID number: a row with one may be the same person */
  const elsewhereWithoutId = new Set(onBooks.filter((m) => !m.resident_id && !m.id_number_hash).map((m) => elsewhereKey(m.name, m.phone_hash)));

  let header: Map<Column, number> | null = null;
  let rows = 0;
  let skipped = 0;
  const seenIds = new Set<string>();
  const candidates: Candidate[] = [];
  const parsedRows: { r: RosterFileRow; idValue: string | null }[] = [];

  for await (const r of readRosterFile(file, filename, opts.limits)) {
    if (r.undecodable) {
      // bytes the CSV's encoding cannot read: the names would go on the books garbled
      err(r.row, '', { zh: `第${r.row}行：有读不出的字符（文件的编码有误），请在 WPS 或 Excel 中改正这一行，再"另存为""CSV UTF-8（逗号分隔）"文件后导入`, en: `Row ${r.row}: holds characters that cannot be read (the file’s encoding is wrong); correct the row in WPS or Excel, save the file as "CSV UTF-8 (comma delimited)" and import that` });
      if (header) rows++;
      continue;
    }
    if (!header) {
      const texts = r.cells.map((c) => cellText(c).replace(/\s/g, ''));
      if (!texts.includes('姓名')) continue;
      header = new Map();
      for (const col of COLUMNS) {
        const i = texts.indexOf(col);
        if (i >= 0) header.set(col, i);
      }
      continue;
    }
    rows++;
    const cell = (col: Column): CellValue => {
      const i = header?.get(col);
      return i === undefined ? null : (r.cells[i] ?? null);
    };
    const before = errors.length;
    const name = cellText(cell('姓名'));
    if (!name) err(r.row, '姓名', { zh: `第${r.row}行：姓名不能为空`, en: `Row ${r.row}: the name is missing` });
    else if (name.length > 40) err(r.row, '姓名', { zh: `第${r.row}行：姓名太长`, en: `Row ${r.row}: the name is too long` });

    let idValue: string | null = null;
    const rawId = cell('身份证号');
    if (cellText(rawId)) {
      const id = parseIdNumber(idInput(rawId), opts.now);
      if (id.ok) idValue = id.value;
      else err(r.row, '身份证号', { zh: `第${r.row}行：${id.message.zh}`, en: `Row ${r.row}: ${id.message.en}` });
    }

    const groupName = cellText(cell('党小组'));
    const groupId = groupName ? (groups.get(groupName) ?? null) : null;
    if (groupName && !groupId) err(r.row, '党小组', { zh: `第${r.row}行：没有名为“${groupName}”的党小组`, en: `Row ${r.row}: there is no party group “${groupName}”` });

    const joinedDate = parseDate(cell('入党日期'));
    if (joinedDate === false) err(r.row, '入党日期', { zh: `第${r.row}行：入党日期看不懂，请写成 1980-07-01`, en: `Row ${r.row}: write the date joined as 1980-07-01` });

    const kindText = cellText(cell('类别'));
    const kind = kindText ? KINDS[kindText] : 'registered';
    if (!kind) err(r.row, '类别', { zh: `第${r.row}行：类别应为“在册”或“在职党员报到”`, en: `Row ${r.row}: the kind is 在册 or 在职党员报到` });

    const statusText = cellText(cell('状态'));
    const status = statusText ? STATUSES[statusText] : 'normal';
    if (!status) err(r.row, '状态', { zh: `第${r.row}行：状态应为“正常”“流动”或“年老体弱”`, en: `Row ${r.row}: the status is 正常, 流动 or 年老体弱` });

    const phone = cellText(cell('联系电话')) || null;
    if (phone && phone.length > 30) err(r.row, '联系电话', { zh: `第${r.row}行：联系电话太长`, en: `Row ${r.row}: the phone is too long` });

    if (errors.length > before || !kind || !status || joinedDate === false) continue;
    parsedRows.push({ r, idValue });
    candidates.push({ row: r.row, name, residentId: null, phone, groupId, joinedDate, kind, status });
  }
  if (!header) {
    errors.push({ row: 1, column: '姓名', message: say({ zh: '找不到表头：第一行应有“姓名”等列', en: 'No header row with a 姓名 column was found' }) });
  }

  // link to registry residents by the blind index of the ID number
  const hashes = [...new Set(parsedRows.flatMap((p) => (p.idValue ? [blindIndex(p.idValue, keyring.indexKey)] : [])))];
  const residents = new Map<string, { id: string; name: string }>();
  for (let i = 0; i < hashes.length; i += 500) {
    const found = await db
      .selectFrom('resident')
      .select(['resident.id', 'resident.name', 'resident.id_number_hash', 'resident.status'])
      .where('resident.id_number_hash', 'in', hashes.slice(i, i + 500))
      .execute();
    for (const f of found) if (f.id_number_hash && (f.status === 'active' || !residents.has(f.id_number_hash))) residents.set(f.id_number_hash, { id: f.id, name: f.name });
  }

  const toInsert: Candidate[] = [];
  for (const [i, c] of candidates.entries()) {
    const idValue = parsedRows[i].idValue;
    if (idValue) {
      if (seenIds.has(idValue)) {
        skipped++;
        continue;
      }
      seenIds.add(idValue);
    }
    const resident = idValue ? residents.get(blindIndex(idValue, keyring.indexKey)) : undefined;
    if (resident) {
      if (residentsOnBooks.has(resident.id)) {
        skipped++;
        continue;
      }
      residentsOnBooks.add(resident.id);
      toInsert.push({ ...c, residentId: resident.id, name: resident.name, phone: null });
    } else {
      // a member living elsewhere: the same ID number, or (without one) the same name and phone
      const idHash = idValue ? blindIndex(idValue, keyring.indexKey) : null;
      const key = elsewhereKey(c.name, c.phone ? blindIndex(phoneDigits(c.phone), keyring.indexKey) : null);
      if (idHash ? idsOnBooks.has(idHash) || elsewhereWithoutId.has(key) : elsewhereOnBooks.has(key)) {
        skipped++;
        continue;
      }
      if (idHash) idsOnBooks.add(idHash);
      elsewhereOnBooks.add(key);
      toInsert.push({ ...c, idHash });
    }
  }

  const members = toInsert.map((c) => ({ row: c.row, name: c.name, residentLinked: c.residentId !== null }));
  if (opts.dryRun || errors.length) return { rows, imported: 0, skipped, errors, members: errors.length ? [] : members };

  const at = opts.now.toISOString();
  for (let i = 0; i < toInsert.length; i += 200) {
    await db
      .insertInto(
        'party_member',
        toInsert.slice(i, i + 200).map((c) => {
          // a resident's phone stays in the registry
          const s = c.phone && !c.residentId ? seal(c.phone, keyring, phoneDigits(c.phone)) : null;
          return {
            id: crypto.randomUUID(),
            resident_id: c.residentId,
            name: c.name,
            phone_enc: s?.enc ?? null,
            phone_hash: s?.hash ?? null,
            phone_tail: s?.tail ?? null,
            kind: c.kind,
            group_id: c.groupId,
            joined_date: c.joinedDate,
            status: c.status,
            volunteer_team_id: null,
            left_date: null,
            notes: null,
            id_number_hash: c.idHash ?? null,
            created_at: at,
            updated_at: at,
          };
        }),
      )
      .execute();
  }
  return { rows, imported: toInsert.length, skipped, errors, members };
}
