import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { AppError } from '../../../core/errors';
import { CsvReader } from './csv';
import { DEFAULT_ROSTER_LIMITS, tooLarge, tooManyRows, type RosterLimits } from './limits';
import { isBlank, type CellValue } from './text';
import { asFileError, xlsxRows } from './xlsx';
import { zipDirectory } from './zip';

export type { CellValue } from './text';
export type { RosterLimits } from './limits';

/** An uploaded roster: a file on disk (preferred for large files) or bytes in memory. */
export type RosterFile = { path: string } | { buffer: Buffer };

export interface RosterFileRow {
  /** the row number as the spreadsheet shows it (1-based, counting title and blank rows) */
  row: number;
  /** by column, 0-based */
  cells: CellValue[];
  /**
   * Values this row's cells take from merged ranges that begin in an earlier row (or an earlier
   * column), by 0-based column. Given apart from `cells` so the caller decides which columns a
   * merge may fill: parseRoster fills only the household's place.
   */
  merged?: ReadonlyMap<number, CellValue>;
  /**
   * A CSV row holding bytes its file's encoding cannot read (its text has replacement characters
   * where they were): the row is refused, never imported garbled.
   */
  undecodable?: true;
}

export interface OpenedRoster {
  kind: 'xlsx' | 'csv';
  /** how a CSV was decoded */
  encoding: 'utf-8' | 'gb18030' | null;
  /**
   * 'read': merged ranges were read exactly (an .xlsx, once its sheet is open: before its first
   * row); 'unavailable': not known (the caller may carry place values down instead); 'none': a CSV
   * has no merges.
   */
  merges: 'read' | 'unavailable' | 'none';
  /** the first worksheet's name (xlsx) */
  sheetName: string | null;
  rows: AsyncIterable<RosterFileRow>;
}

async function firstBytes(file: RosterFile, n: number): Promise<Buffer> {
  if ('buffer' in file) return file.buffer.subarray(0, n);
  const fh = await open(file.path, 'r');
  try {
    const out = Buffer.alloc(n);
    const { bytesRead } = await fh.read(out, 0, n, 0);
    return out.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function sourceStream(file: RosterFile): Readable {
  return 'buffer' in file ? Readable.from([file.buffer]) : createReadStream(file.path);
}

async function sizeOf(file: RosterFile): Promise<number> {
  if ('buffer' in file) return file.buffer.length;
  const fh = await open(file.path, 'r');
  try {
    return (await fh.stat()).size;
  } finally {
    await fh.close();
  }
}

/** Chunks of the file's bytes, in order. */
function chunks(file: RosterFile): AsyncIterable<Buffer> | Iterable<Buffer> {
  return 'buffer' in file ? [file.buffer] : (createReadStream(file.path) as AsyncIterable<Buffer>);
}

// ——— CSV ———

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Whether the whole file is valid UTF-8, checked chunk by chunk without decoding (a character split
 * between two chunks is carried over to the next one).
 */
async function allUtf8(file: RosterFile): Promise<boolean> {
  if ('buffer' in file) return isUtf8(file.buffer);
  let carry = Buffer.alloc(0);
  for await (const read of chunks(file)) {
    const chunk = carry.length ? Buffer.concat([carry, read]) : read;
    const end = completeUtf8Length(chunk);
    if (!isUtf8(chunk.subarray(0, end))) return false;
    carry = Buffer.from(chunk.subarray(end));
  }
  return carry.length === 0 || isUtf8(carry);
}

/** The length of the chunk without a UTF-8 character cut off at its end (at most 3 bytes less). */
function completeUtf8Length(b: Buffer): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const c = b[b.length - back];
    if (c < 0x80) return b.length; // ASCII: nothing cut off
    if (c >= 0xc0) {
      // a lead byte: complete if its sequence fits in what follows it
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return back >= need ? b.length : b.length - back;
    }
  }
  return b.length;
}

/**
 * Characters a Chinese roster holds: printable ASCII, CJK ideographs, Chinese and full-width punctuation,
 * the middle dot of minority names. GBK bytes read as UTF-8 by accident come out as other scripts.
 */
const ROSTER_TEXT = /^[\t\n\r\x20-\x7e\u00a0\u00b0\u00b7\u00d7\u00f7\u2010-\u203b\u2160-\u217f\u2460-\u24ff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\ufeff\uff00-\uffef\u{20000}-\u{3134f}]*$/u;

/**
 * The share of a text's ideographs among the 3,755 most common (GB 2312 level 1, which GBK puts at
 * lead bytes B0–D7). Real names are mostly common characters; mojibake mostly is not.
 */
function commonShare(text: string): number {
  let han = 0;
  let common = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x4e00 || cp > 0x9fff) continue;
    han++;
    const b = iconv.encode(ch, 'gbk');
    if (b.length === 2 && b[0] >= 0xb0 && b[0] <= 0xd7 && b[1] >= 0xa1) common++;
  }
  return han ? common / han : 0;
}

type RowEncoding = 'ascii' | 'utf-8' | 'gb18030' | 'undecodable';

/** How one row's bytes read: plain ASCII, UTF-8, GBK (GB18030), or neither. */
function rowEncoding(bytes: Buffer): RowEncoding {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return 'ascii';
  const gbkClean = readsAsGb18030(bytes);
  if (isUtf8(bytes)) {
    const utf8 = bytes.toString('utf8');
    // GBK bytes can be valid UTF-8 by accident, and then read as ideographs too, but seldom as
    // common ones: when both readings are clean, the one of more common characters is the row's
    if (ROSTER_TEXT.test(utf8) && (!gbkClean || commonShare(utf8) >= commonShare(iconv.decode(bytes, 'gb18030')))) return 'utf-8';
  }
  return gbkClean ? 'gb18030' : 'undecodable';
}

/**
 * Whether bytes have the shape of GB18030 text: ASCII, two-byte characters (lead 81–FE, trail
 * 40–7E or 80–FE) and four-byte ones (81–FE, 30–39, 81–FE, 30–39); 0x80 is the euro sign to
 * iconv-lite. Checked by hand: decoding every row to find out doubled the time a GBK roster took to read.
 */
function readsAsGb18030(b: Buffer): boolean {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c <= 0x80) {
      i++;
      continue;
    }
    if (c === 0xff || i + 1 >= b.length) return false;
    const d = b[i + 1];
    if ((d >= 0x40 && d <= 0x7e) || (d >= 0x80 && d <= 0xfe)) i += 2;
    else if (d >= 0x30 && d <= 0x39 && i + 3 < b.length && b[i + 2] >= 0x81 && b[i + 2] <= 0xfe && b[i + 3] >= 0x30 && b[i + 3] <= 0x39) i += 4;
    else return false;
  }
  return true;
}

/**
 * The encoding of a CSV that is not all UTF-8: each row is read on its own, and a file whose rows
 * are in two encodings is refused (ROSTER_MIXED_ENCODING, naming a row of each), since whichever
 * is chosen garbles the others' names. Rows that read in neither are left for the reader to flag.
 * Excel and WPS in China save CSV as GBK; GB18030 is its superset.
 */
async function mixedCsvEncoding(file: RosterFile, filename: string, limits: RosterLimits): Promise<'utf-8' | 'gb18030'> {
  // The separators and quotes are ASCII, and neither encoding uses ASCII bytes inside a character,
  // so the CSV reader splits the rows right when each byte is read as one latin1 character.
  const reader = new CsvReader();
  let row = 0;
  let rows = 0;
  const first: Partial<Record<RowEncoding, number>> = {};
  const count: Record<RowEncoding, number> = { ascii: 0, 'utf-8': 0, gb18030: 0, undecodable: 0 };
  let bom = false;
  const take = (records: string[][]) => {
    for (const record of records) {
      row++;
      if (record.every((f) => f.trim() === '')) continue;
      if (++rows > limits.maxRows) throw tooManyRows(limits);
      const enc = rowEncoding(Buffer.from(record.join(','), 'latin1'));
      count[enc]++;
      first[enc] ??= row;
      const utf8Row = first['utf-8'] ?? (bom ? 1 : undefined);
      if (utf8Row !== undefined && first.gb18030 !== undefined) {
        throw new AppError(400, 'ROSTER_MIXED_ENCODING', { filename, gbkRow: first.gb18030, utf8Row });
      }
    }
  };
  let start = true;
  for await (const chunk of chunks(file)) {
    let piece = chunk;
    if (start) {
      start = false;
      // a byte-order mark says UTF-8 for the whole file
      if (piece.subarray(0, 3).equals(BOM)) {
        bom = true;
        piece = piece.subarray(3);
      }
    }
    take(reader.push(piece.toString('latin1')));
  }
  take(reader.end());
  if (count.undecodable > 0 && count['utf-8'] + count.gb18030 === 0 && count.undecodable >= count.ascii) {
    throw new AppError(400, 'ROSTER_NOT_SPREADSHEET', { filename });
  }
  return count.gb18030 > 0 ? 'gb18030' : 'utf-8';
}

async function* csvRows(file: RosterFile, encoding: 'utf-8' | 'gb18030', limits: RosterLimits): AsyncGenerator<RosterFileRow> {
  const source = sourceStream(file);
  // UTF-8 is decoded piece by piece (a character split between two pieces waits for the next);
  // GB18030 through iconv-lite. Both drop a byte-order mark. Bytes the encoding cannot read come
  // out as replacement characters, and their rows are flagged.
  let text: AsyncIterable<string | Buffer> = source;
  if (encoding === 'gb18030') {
    const decoded = source.pipe(iconv.decodeStream('gb18030')) as unknown as Readable;
    source.on('error', (e) => decoded.destroy(e));
    text = decoded;
  }
  const utf8 = new TextDecoder('utf-8');
  const reader = new CsvReader();
  let row = 0;
  let rows = 0;
  /** a replacement character has been read: from then on each row is checked for one */
  let suspect = false;
  function* rowsOf(records: string[][]): Generator<RosterFileRow> {
    for (const record of records) {
      // Every record is a spreadsheet row, even one holding a quoted line break.
      row++;
      const cells: CellValue[] = record.map((s) => (s === '' ? null : s));
      if (cells.every((c) => isBlank(c))) continue;
      if (++rows > limits.maxRows) throw tooManyRows(limits);
      if (suspect && record.some((s) => s.includes('\ufffd'))) yield { row, cells, undecodable: true };
      else yield { row, cells };
    }
  }
  const decode = (piece: string | Buffer) => {
    const s = typeof piece === 'string' ? piece : utf8.decode(piece, { stream: true });
    if (!suspect && s.includes('\ufffd')) suspect = true;
    return s;
  };
  try {
    for await (const piece of text) yield* rowsOf(reader.push(decode(piece)));
    if (encoding === 'utf-8') yield* rowsOf(reader.push(decode(utf8.decode())));
    yield* rowsOf(reader.end());
  } finally {
    source.destroy();
  }
}

/**
 * A NUL byte: no CSV in UTF-8 or GBK holds one, and random bytes nearly always do (other control
 * characters do turn up in real rosters: a line break pasted from Word is a vertical tab).
 */
const looksBinary = (head: Buffer) => head.includes(0);

/** The first bytes of a zip archive's first entry, as every .xlsx begins. */
const ZIP_START = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Extensions of an .xlsx: a file so named that is not a zip is not a spreadsheet at all. */
const XLSX_NAMES = new Set(['xlsx', 'xlsm']);

/**
 * Opens a roster: .xlsx (first worksheet) or .csv, told apart by their bytes rather than the name.
 * Throws AppError before reading any row: ROSTER_NOT_SPREADSHEET for an empty file, random bytes or
 * a workbook name on something else; ROSTER_XLSX_DAMAGED for an .xlsx cut short or not a zip
 * inside; ROSTER_XLS_OLD for the old binary .xls; ROSTER_FILE_TYPE for other files;
 * ROSTER_MIXED_ENCODING for a CSV in two encodings; and the limits' codes. A damaged part or a
 * limit reached further in is thrown by the rows' iteration.
 */
export async function openRoster(file: RosterFile, filename: string, limits: RosterLimits = DEFAULT_ROSTER_LIMITS): Promise<OpenedRoster> {
  const size = await sizeOf(file);
  if (size === 0) throw new AppError(400, 'ROSTER_NOT_SPREADSHEET', { filename });
  const head = await firstBytes(file, 64 * 1024);
  const ext = (/\.([a-z0-9]+)$/i.exec(filename)?.[1] ?? '').toLowerCase();
  if (head.subarray(0, 4).equals(ZIP_START)) {
    let entries;
    try {
      entries = await zipDirectory(file);
    } catch (e) {
      throw asFileError(e, filename);
    }
    if (!entries.has('xl/workbook.xml')) {
      // a Word file or another archive: "not a spreadsheet" when named as one
      if (XLSX_NAMES.has(ext) || ext === 'csv' || ext === 'txt' || ext === '') throw new AppError(400, 'ROSTER_NOT_SPREADSHEET', { filename });
      throw new AppError(400, 'ROSTER_FILE_TYPE', { filename });
    }
    const opened: OpenedRoster = {
      kind: 'xlsx',
      encoding: null,
      // known once the first row has been read
      merges: 'unavailable',
      sheetName: null,
      rows: xlsxRows(file, filename, entries, limits, (name) => {
        opened.sheetName = name;
        opened.merges = 'read';
      }),
    };
    return opened;
  }
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])) || ext === 'xls' || ext === 'et') {
    throw new AppError(400, 'ROSTER_XLS_OLD');
  }
  if (XLSX_NAMES.has(ext)) throw new AppError(400, 'ROSTER_NOT_SPREADSHEET', { filename });
  if (ext !== 'csv' && ext !== 'txt' && ext !== '') throw new AppError(400, 'ROSTER_FILE_TYPE', { filename });
  if (looksBinary(head)) throw new AppError(400, 'ROSTER_NOT_SPREADSHEET', { filename });
  if (size > limits.maxUncompressedBytes) throw tooLarge(limits);
  const encoding = (await allUtf8(file)) ? 'utf-8' : await mixedCsvEncoding(file, filename, limits);
  return { kind: 'csv', encoding, merges: 'none', sheetName: null, rows: csvRows(file, encoding, limits) };
}

/**
 * Streams the non-blank rows of a roster's first worksheet (or CSV) in order, without loading the
 * file: memory stays flat whatever the number of rows (ExcelJS keeps the .xlsx's shared-string
 * table, which grows with the number of distinct texts, within the limit on inflated bytes).
 */
export async function* readRosterFile(file: RosterFile, filename: string, limits: RosterLimits = DEFAULT_ROSTER_LIMITS): AsyncIterable<RosterFileRow> {
  const opened = await openRoster(file, filename, limits);
  yield* opened.rows;
}
