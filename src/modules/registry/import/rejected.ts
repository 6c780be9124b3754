import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { fieldForHeader } from './headers';
import type { RowIssue } from './types';

const ISSUE_COLUMN = '错误说明';

/**
 * The rejected rows as they were, for staff to correct and import again: a first column
 * "错误说明" lists each row's problems in Chinese, then the original columns under their original
 * headers. ID-number columns are text cells in a text-formatted column, so Excel neither shows
 * them as 1.1E+17 nor rounds them when someone types a correction.
 */
export async function rejectedRowsXlsx(
  headers: string[],
  rows: { row: number; cells: unknown[]; issues: RowIssue[] }[],
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  wb.creator = 'Linli 邻里';
  const ws = wb.addWorksheet('未导入的行', { views: [{ state: 'frozen', ySplit: 1 }] });
  const idColumns = new Set(headers.flatMap((h, i) => (fieldForHeader(h) === 'idNumber' ? [i] : [])));
  ws.columns = [
    { header: ISSUE_COLUMN, key: 'issues', width: 60, style: { alignment: { wrapText: true, vertical: 'top' } } },
    ...headers.map((h, i) => ({
      header: h,
      key: `c${i}`,
      width: idColumns.has(i) ? 22 : 14,
      style: idColumns.has(i) ? { numFmt: '@' } : {},
    })),
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of rows) {
    const explanation = [`第 ${r.row} 行`, ...r.issues.map((i) => i.message.zh)].join('\n');
    const cells = headers.map((_, i) => {
      const v = r.cells[i];
      if (v === null || v === undefined) return null;
      if (idColumns.has(i) && typeof v === 'string') return v;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
      return String(v);
    });
    const added = ws.addRow([explanation, ...cells]);
    // Rows are written at UTC midnight by the reader; keep the date as a date, shown as one.
    cells.forEach((v, i) => {
      if (v instanceof Date) added.getCell(i + 2).numFmt = 'yyyy-mm-dd';
    });
    added.commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
