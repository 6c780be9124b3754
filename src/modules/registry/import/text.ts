/** A cell as the roster reader hands it over: text, a number, a real date cell, or nothing. */
export type CellValue = string | number | Date | null;

/**
 * Full-width digits, letters and punctuation from Chinese input methods to ASCII (１２３ → 123,
 * （ → (, ： → :), no-break and ideographic spaces to plain ones, then trimmed.
 */
export function halfWidth(s: string): string {
  // Printable ASCII and the common CJK ideographs are their own NFKC form: most cells are only
  // these, and normalizing them is the dearest part of reading a cell.
  if (NFKC_STABLE.test(s)) return s.trim();
  return s.normalize('NFKC').replace(/[\u00A0\u3000]/g, ' ').trim();
}

/** Text made only of characters NFKC leaves alone (and that are not the spaces halfWidth replaces). */
const NFKC_STABLE = /^[\x20-\x7e\u3400-\u4dbf\u4e00-\u9fff]*$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD of a date cell. Spreadsheet readers build date cells at UTC midnight. */
export function isoDateUtc(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function isoDateLocal(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The cell as text, the way staff would read it back from the sheet. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : isoDateUtc(v);
  return halfWidth(v);
}

export function isBlank(v: CellValue | undefined): boolean {
  return cellText(v) === '';
}

/** The cell as written (only trimmed), for headers shown back to staff. */
export function writtenText(v: CellValue | undefined): string {
  return typeof v === 'string' ? v.trim() : cellText(v);
}
