import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../../core/errors';
import { CsvReader } from './csv';
import { isBlank, type CellValue } from './text';
import { readMergedRanges, type CellRange } from './zip';

export type { CellValue } from './text';

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
}

export interface OpenedRoster {
  kind: 'xlsx' | 'csv';
  /** how a CSV was decoded */
  encoding: 'utf-8' | 'gb18030' | null;
  /**
   * 'read': merged ranges were read exactly; 'unavailable': the .xlsx could not be scanned for
   * them (the caller may carry place values down instead); 'none': a CSV has no merges.
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

// ——— CSV ———

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Excel and WPS in China save CSV as GBK. A file is read as UTF-8 unless some byte sequence is not
 * valid UTF-8; GB18030 (a superset of GBK) is used then. Chinese GBK text is practically never
 * valid UTF-8 by accident, so one bad sequence anywhere decides.
 */
async function detectCsvEncoding(file: RosterFile): Promise<'utf-8' | 'gb18030'> {
  if ('buffer' in file) return isUtf8(file.buffer) ? 'utf-8' : 'gb18030';
  // Checked chunk by chunk without decoding; a character split between two chunks is carried
  // over to the next one.
  let carry = Buffer.alloc(0);
  for await (const read of createReadStream(file.path) as AsyncIterable<Buffer>) {
    const chunk = carry.length ? Buffer.concat([carry, read]) : read;
    const end = completeUtf8Length(chunk);
    if (!isUtf8(chunk.subarray(0, end))) return 'gb18030';
    carry = Buffer.from(chunk.subarray(end));
  }
  return carry.length === 0 || isUtf8(carry) ? 'utf-8' : 'gb18030';
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

async function* csvRows(file: RosterFile, encoding: 'utf-8' | 'gb18030'): AsyncGenerator<RosterFileRow> {
  const source = sourceStream(file);
  // UTF-8 is decoded piece by piece (a character split between two pieces waits for the next);
  // GB18030 through iconv-lite. Both drop a byte-order mark.
  let text: AsyncIterable<string | Buffer> = source;
  if (encoding === 'gb18030') {
    const decoded = source.pipe(iconv.decodeStream('gb18030')) as unknown as Readable;
    source.on('error', (e) => decoded.destroy(e));
    text = decoded;
  }
  const utf8 = new TextDecoder('utf-8');
  const reader = new CsvReader();
  let row = 0;
  function* rowsOf(records: string[][]): Generator<RosterFileRow> {
    for (const record of records) {
      // Every record is a spreadsheet row, even one holding a quoted line break.
      row++;
      const cells: CellValue[] = record.map((s) => (s === '' ? null : s));
      if (cells.every((c) => isBlank(c))) continue;
      yield { row, cells };
    }
  }
  try {
    for await (const piece of text) {
      yield* rowsOf(reader.push(typeof piece === 'string' ? piece : utf8.decode(piece, { stream: true })));
    }
    if (encoding === 'utf-8') yield* rowsOf(reader.push(utf8.decode()));
    yield* rowsOf(reader.end());
  } finally {
    source.destroy();
  }
}

// ——— xlsx ———

function fromExcel(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : fromExcel(v.text as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return v.result === undefined ? null : fromExcel(v.result);
  return null; // #N/A and other error values
}

/** Hands each row the values of merged ranges covering it, except at a range's own top-left cell. */
class MergeFiller {
  private pending: CellRange[];
  private active: { range: CellRange; value: CellValue }[] = [];

  constructor(ranges: CellRange[]) {
    this.pending = ranges.filter((r) => r.bottom > r.top || r.right > r.left).sort((a, b) => b.top - a.top);
  }

  fill(row: number, cells: CellValue[]): Map<number, CellValue> | undefined {
    while (this.pending.length && this.pending[this.pending.length - 1].top <= row) {
      const range = this.pending.pop() as CellRange;
      // A range whose first row was blank (and never reached us) has nothing to spread.
      this.active.push({ range, value: range.top === row ? (cells[range.left - 1] ?? null) : null });
    }
    this.active = this.active.filter((a) => a.range.bottom >= row);
    let out: Map<number, CellValue> | undefined;
    for (const { range, value } of this.active) {
      if (value === null) continue;
      for (let c = range.left; c <= range.right; c++) {
        if (row === range.top && c === range.left) continue;
        out ??= new Map();
        out.set(c - 1, value);
      }
    }
    return out;
  }
}

async function* xlsxRows(
  file: RosterFile,
  onSheet: (name: string, merges: 'read' | 'unavailable') => void,
): AsyncGenerator<RosterFileRow> {
  // ExcelJS is large: loaded when a workbook is read, not for every CSV
  const { default: excel } = await import('exceljs');
  const source = sourceStream(file);
  // Styles are needed to tell date cells from numbers; shared strings are cached by ExcelJS.
  const reader = new excel.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let done = false;
  try {
    // Later worksheets are passed over without reading their rows; ExcelJS drains them.
    for await (const sheet of reader) {
      if (done) continue;
      done = true;
      const id = (sheet as unknown as { id: string | number }).id;
      let filler: MergeFiller | null = null;
      try {
        filler = new MergeFiller(await readMergedRanges(file, `xl/worksheets/sheet${id}.xml`));
        onSheet((sheet as unknown as { name: string }).name, 'read');
      } catch {
        onSheet((sheet as unknown as { name: string }).name, 'unavailable');
      }
      for await (const r of sheet) {
        const cells: CellValue[] = [];
        r.eachCell({ includeEmpty: false }, (cell, col) => {
          cells[col - 1] = fromExcel(cell.value);
        });
        for (let i = 0; i < cells.length; i++) cells[i] ??= null;
        if (cells.every((c) => isBlank(c))) continue;
        const merged = filler?.fill(r.number, cells);
        yield merged ? { row: r.number, cells, merged } : { row: r.number, cells };
      }
    }
  } finally {
    source.destroy();
  }
}

/**
 * Opens a roster: .xlsx (first worksheet) or .csv, told apart by their bytes rather than the name.
 * Throws AppError ROSTER_XLS_OLD for the old binary .xls and ROSTER_FILE_TYPE for anything else.
 */
export async function openRoster(file: RosterFile, filename: string): Promise<OpenedRoster> {
  const head = await firstBytes(file, 8);
  const ext = (/\.([a-z0-9]+)$/i.exec(filename)?.[1] ?? '').toLowerCase();
  if (head[0] === 0x50 && head[1] === 0x4b) {
    const opened: OpenedRoster = {
      kind: 'xlsx',
      encoding: null,
      // known once the first row has been read
      merges: 'unavailable',
      sheetName: null,
      rows: xlsxRows(file, (name, merges) => {
        opened.sheetName = name;
        opened.merges = merges;
      }),
    };
    return opened;
  }
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])) || ext === 'xls' || ext === 'et') {
    throw new AppError(400, 'ROSTER_XLS_OLD');
  }
  if (ext !== 'csv' && ext !== 'txt' && ext !== '') throw new AppError(400, 'ROSTER_FILE_TYPE', { filename });
  const encoding = head.subarray(0, 3).equals(BOM) ? 'utf-8' : await detectCsvEncoding(file);
  return { kind: 'csv', encoding, merges: 'none', sheetName: null, rows: csvRows(file, encoding) };
}

/**
 * Streams the non-blank rows of a roster's first worksheet (or CSV) in order, without loading the
 * file: memory stays flat whatever the number of rows (ExcelJS keeps the .xlsx's shared-string
 * table, which grows with the number of distinct texts).
 */
export async function* readRosterFile(file: RosterFile, filename: string): AsyncIterable<RosterFileRow> {
  const opened = await openRoster(file, filename);
  yield* opened.rows;
}
