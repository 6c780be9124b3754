import { AppError } from '../../../core/errors';
import { parseIdNumber } from '../lib/id-number';
import type { RosterField, RosterMapping, RosterRecord, RowIssue } from './types';
import { detectHeader, mapHeaders } from './headers';
import { issueMessage, shownId } from './messages';
import { normalizeRow } from './normalize';
import { openRoster, type RosterFile, type RosterFileRow, type RosterLimits } from './read';
import { cellText, isBlank, writtenText, type CellValue } from './text';

export interface ParsedRosterRow {
  /** the row number as the spreadsheet shows it */
  row: number;
  /** the cells as read, after merged place cells were filled in (what rejectedRowsXlsx wants) */
  cells: CellValue[];
  /** null when the row has an error and must not be imported */
  record: RosterRecord | null;
  issues: RowIssue[];
}

export interface RosterSummary {
  kind: 'xlsx' | 'csv' | null;
  encoding: 'utf-8' | 'gb18030' | null;
  sheetName: string | null;
  /** how merged place cells were handled (see read.ts) */
  merges: 'read' | 'carried-down' | 'none';
  /** spreadsheet row number of the header row */
  headerRow: number | null;
  /** the headers as written, by column */
  headers: string[];
  mapping: RosterMapping;
  unmapped: { column: number; header: string }[];
  /** non-blank rows below the header */
  rowsRead: number;
  accepted: number;
  rejected: number;
  /** accepted rows that carry warnings */
  withWarnings: number;
  /** rows whose ID number already appeared higher up in the file */
  duplicates: { row: number; earlierRow: number }[];
}

export interface ParseRosterOptions {
  /** the mapping the user confirmed; by default the one detectHeader suggests */
  mapping?: RosterMapping;
  /** spreadsheet row number of the header row, when the user chose it; by default detected */
  headerRow?: number;
  today?: Date;
  /** by default the configuration's defaults (limits.ts) */
  limits?: RosterLimits;
}

/** A row rejected for another reason still claims its ID number, so a later copy is caught. */
function idOfRejected(cells: CellValue[], mapping: RosterMapping, issues: RowIssue[], today: Date): string | null {
  if (mapping.idNumber === undefined || issues.some((i) => i.field === 'idNumber' && i.severity === 'error')) return null;
  const v = cells[mapping.idNumber];
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const r = parseIdNumber(typeof v === 'number' ? v : cellText(v), today);
  return r.ok ? r.value : null;
}

/** The columns that describe where a household lives: merged cells spread over these only. */
const PLACE_FIELDS: RosterField[] = ['compound', 'building', 'entrance', 'room', 'address', 'householdNumber'];

/**
 * Reads a roster and yields every row below the header in order, each with its record or null and
 * its issues. `summary` fills in as rows are read: the header fields are set before the first row
 * is yielded; counts are final when iteration ends. Throws AppError (openRoster's, ROSTER_NO_HEADER,
 * ROSTER_MAPPING_NO_NAME) before yielding anything; a damaged part or a limit reached further into
 * the file ends the iteration with AppError too.
 */
export class RosterParse implements AsyncIterable<ParsedRosterRow> {
  readonly summary: RosterSummary = {
    kind: null,
    encoding: null,
    sheetName: null,
    merges: 'none',
    headerRow: null,
    headers: [],
    mapping: {},
    unmapped: [],
    rowsRead: 0,
    accepted: 0,
    rejected: 0,
    withWarnings: 0,
    duplicates: [],
  };

  constructor(
    private readonly file: RosterFile,
    private readonly filename: string,
    private readonly opts: ParseRosterOptions = {},
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<ParsedRosterRow> {
    const s = this.summary;
    const opened = await openRoster(this.file, this.filename, this.opts.limits);
    s.kind = opened.kind;
    s.encoding = opened.encoding;
    const rows = opened.rows[Symbol.asyncIterator]();

    // The header is looked for among the first 10 non-blank rows.
    const head: RosterFileRow[] = [];
    while (head.length < 10) {
      const next = await rows.next();
      if (next.done) break;
      head.push(next.value);
    }
    s.sheetName = opened.sheetName;
    s.merges = opened.merges === 'read' ? 'read' : opened.merges === 'unavailable' ? 'carried-down' : 'none';

    let headerIndex: number;
    if (this.opts.headerRow !== undefined) {
      headerIndex = head.findIndex((r) => r.row === this.opts.headerRow);
      if (headerIndex < 0) throw new AppError(400, 'ROSTER_NO_HEADER');
    } else {
      const guess = detectHeader(head.map((r) => r.cells));
      if (!guess) throw new AppError(400, 'ROSTER_NO_HEADER');
      headerIndex = guess.index;
    }
    const headers = head[headerIndex].cells.map((c) => writtenText(c));
    const guessed = mapHeaders(headers);
    const mapping = this.opts.mapping ?? guessed.mapping;
    if (mapping.name === undefined) throw new AppError(400, 'ROSTER_MAPPING_NO_NAME');
    const used = new Set(Object.values(mapping));
    s.headerRow = head[headerIndex].row;
    s.headers = headers;
    s.mapping = mapping;
    s.unmapped = headers.flatMap((header, column) => (header && !used.has(column) ? [{ column, header }] : []));

    const placeColumns = PLACE_FIELDS.flatMap((f) => (mapping[f] === undefined ? [] : [mapping[f] as number]));
    const headerKey = headers.join('\u0001');
    const today = this.opts.today ?? new Date();
    const seenIds = new Map<string, number>();
    let previous: { row: number; cells: CellValue[] } | null = null;

    const process = (r: RosterFileRow): ParsedRosterRow | null => {
      const cells = [...r.cells];
      for (const c of placeColumns) {
        if (!isBlank(cells[c])) continue;
        if (r.merged?.has(c)) cells[c] = r.merged.get(c) ?? null;
        // Without merge information, a place written once carries down a contiguous block of rows.
        else if (s.merges === 'carried-down' && previous && previous.row === r.row - 1) cells[c] = previous.cells[c] ?? null;
      }
      previous = { row: r.row, cells };
      // Printed rosters repeat the header on every page. (The first cell settles it for nearly
      // every row, without joining the whole row.)
      const first = writtenText(cells[0]);
      if (headerKey.startsWith(first) && cells.map((c) => writtenText(c)).join('\u0001') === headerKey) return null;
      s.rowsRead++;
      const { record, issues } = normalizeRow(cells, mapping, headers, r.row, today);
      // bytes the file's encoding cannot read: the row would go in garbled
      if (r.undecodable) issues.unshift({ row: r.row, column: null, field: null, code: 'TEXT_UNDECODABLE', message: issueMessage('TEXT_UNDECODABLE', {}), severity: 'error' });
      const idNumber = record ? record.idNumber : idOfRejected(cells, mapping, issues, today);
      if (idNumber) {
        const earlierRow = seenIds.get(idNumber);
        if (earlierRow === undefined) seenIds.set(idNumber, r.row);
        else {
          const column = headers[mapping.idNumber as number] || '身份证号';
          issues.push({
            row: r.row,
            column,
            field: 'idNumber',
            code: 'ID_DUPLICATE',
            message: issueMessage('ID_DUPLICATE', { column, value: shownId(idNumber), earlierRow }),
            severity: 'error',
          });
          s.duplicates.push({ row: r.row, earlierRow });
        }
      }
      const accepted = record !== null && !issues.some((i) => i.severity === 'error');
      if (accepted) {
        s.accepted++;
        if (issues.length) s.withWarnings++;
      } else s.rejected++;
      return { row: r.row, cells, record: accepted ? record : null, issues };
    };

    try {
      for (const r of head.slice(headerIndex + 1)) {
        const out = process(r);
        if (out) yield out;
      }
      for (let next = await rows.next(); !next.done; next = await rows.next()) {
        const out = process(next.value);
        if (out) yield out;
      }
    } finally {
      // Closes the file when the caller stops early.
      await rows.return?.();
    }
  }
}

export function parseRoster(file: RosterFile, filename: string, opts: ParseRosterOptions = {}): RosterParse {
  return new RosterParse(file, filename, opts);
}
