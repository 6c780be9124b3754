import { pipeline, Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
import { AppError } from '../../../core/errors';
import { tooLarge, tooManyRows, type RosterLimits } from './limits';
import type { RosterFileRow } from './read';
import { isBlank, type CellValue } from './text';
import { scanSheet, zipEntryStream, type CellRange, type InflateBudget, type ZipEntry, type ZipSource } from './zip';

/**
 * Reading the first worksheet of an .xlsx: ExcelJS parses each part's XML, Linli hands it the parts.
 *
 * ExcelJS's own streaming reader takes the parts in the order the archive holds them, so a sheet
 * stored before its shared strings (as Excel and ExcelJS store it) is written out to a temporary
 * file in clear first, and it turns the bytes of each piece into text on their own, so a Chinese
 * character cut between two pieces came out as two replacement characters (35 rows in 20,000). Here
 * the parts come from zip.ts in the order they are needed, decoded as one text each, their
 * inflated bytes counted against the import's limit, and refused if they carry a DTD (no
 * spreadsheet program writes one; entity tricks live there).
 */

/**
 * What a reading error means to the person importing: Linli's own refusals pass as they are; a
 * file that cannot be read from disk stays an error of the server; anything the zip or XML layer
 * says means the file is damaged.
 */
export function asFileError(e: unknown, filename: string): unknown {
  if (e instanceof AppError) return e;
  if (e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === 'string') return e;
  return new AppError(400, 'ROSTER_XLSX_DAMAGED', { filename });
}

/**
 * The methods of ExcelJS's streaming reader that read one part each (ExcelJS 4.4). They are not its
 * public API: an upgrade that changes them fails every .xlsx test (xlsx.test.ts, parse.test.ts).
 */
interface ExcelJsParts {
  workbookRels?: { Id: string; Target: string; Type: string }[];
  model?: { sheets?: { name: string; rId: string; state?: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseWorksheet(text: Readable, sheetNo: string): Iterator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }, undefined>;
}

/** An XML part as text, decoded whole (a character cut between two pieces waits for the next). */
function xmlText(bytes: Readable, filename: string): Readable {
  const decoder = new StringDecoder('utf8');
  let tail = '';
  const take = (t: Transform, text: string) => {
    const seen = tail + text;
    if (seen.includes('<!DOCTYPE') || seen.includes('<!ENTITY')) throw new AppError(400, 'ROSTER_XLSX_DAMAGED', { filename });
    tail = seen.slice(-8);
    if (text) t.push(text);
  };
  const text = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      try {
        take(this, decoder.write(chunk));
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done) {
      try {
        take(this, decoder.end());
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
  // an error on either side ends both; stopping the text stops the reading
  return pipeline(bytes, text, () => {});
}

/** A part's path in the archive from a relationship's target ("worksheets/sheet1.xml" or "/xl/…"). */
const partPath = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`);

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

/**
 * The non-blank rows of the workbook's first worksheet (the first tab not hidden). Refuses, with
 * an AppError, a damaged file (ROSTER_XLSX_DAMAGED), one that inflates to more than the limit
 * (ROSTER_TOO_LARGE_UNCOMPRESSED, stopped as soon as it does) and a sheet of more rows than the
 * limit (ROSTER_TOO_MANY_ROWS, counted before any row is read).
 */
export async function* xlsxRows(
  file: ZipSource,
  filename: string,
  entries: Map<string, ZipEntry>,
  limits: RosterLimits,
  onSheet: (name: string) => void,
): AsyncGenerator<RosterFileRow> {
  const opened: Readable[] = [];
  const budget = (): InflateBudget => ({ left: limits.maxUncompressedBytes, exceeded: () => tooLarge(limits) });
  // every part counts against one budget; the scan of the sheet before its rows against its own
  const parts = budget();
  const part = async (name: string, of = parts): Promise<Readable> => {
    const entry = entries.get(name);
    if (!entry) throw new AppError(400, 'ROSTER_XLSX_DAMAGED', { filename });
    const text = xmlText(await zipEntryStream(file, entry, of), filename);
    opened.push(text);
    return text;
  };
  try {
    // ExcelJS is large: loaded when a workbook is read, not for every CSV
    const { default: excel } = await import('exceljs');
    // Styles are needed to tell date cells from numbers; shared strings are cached by ExcelJS.
    const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    }) as unknown as ExcelJsParts;

    await reader._parseRels(await part('xl/_rels/workbook.xml.rels'));
    await reader._parseWorkbook(await part('xl/workbook.xml'));
    const sheets = reader.model?.sheets ?? [];
    const sheet = sheets.find((s) => !s.state || s.state === 'visible') ?? sheets[0];
    const rels = reader.workbookRels ?? [];
    const target = sheet && rels.find((r) => r.Id === sheet.rId)?.Target;
    if (!sheet || !target) throw new AppError(400, 'ROSTER_XLSX_DAMAGED', { filename });
    const sheetPath = partPath(target);
    const stringsRel = rels.find((r) => r.Type.endsWith('/sharedStrings'));
    const stringsPath = stringsRel ? partPath(stringsRel.Target) : 'xl/sharedStrings.xml';

    // What the archive says the parts hold: a roster too large by its own account is refused
    // before any of it is inflated.
    const declared = [sheetPath, stringsPath, 'xl/styles.xml'].reduce((n, p) => n + (entries.get(p)?.size ?? 0), 0);
    if (declared > parts.left) throw tooLarge(limits);

    if (entries.has('xl/styles.xml')) await reader._parseStyles(await part('xl/styles.xml'));
    // cached by ExcelJS as they are read; nothing comes out
    if (entries.has(stringsPath)) for await (const none of reader._parseSharedStrings(await part(stringsPath))) void none;

    // merged ranges sit after the rows in the sheet's XML: one pass finds them, and counts the rows
    const scan = await scanSheet((await part(sheetPath, budget())) as AsyncIterable<string>, limits.maxRows, () => tooManyRows(limits));
    const filler = new MergeFiller(scan.merges);
    onSheet(sheet.name);

    const worksheet = reader._parseWorksheet(await part(sheetPath), /sheet(\d+)\.xml$/.exec(sheetPath)?.[1] ?? '1').next();
    if (worksheet.done) throw new AppError(400, 'ROSTER_XLSX_DAMAGED', { filename });
    const sheetRows: AsyncIterable<ExcelJS.Row> = worksheet.value.value;
    for await (const r of sheetRows) {
      const cells: CellValue[] = [];
      r.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = fromExcel(cell.value);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= null;
      if (cells.every((c) => isBlank(c))) continue;
      const merged = filler.fill(r.number, cells);
      yield merged ? { row: r.number, cells, merged } : { row: r.number, cells };
    }
  } catch (e) {
    throw asFileError(e, filename);
  } finally {
    for (const s of opened) s.destroy();
  }
}
