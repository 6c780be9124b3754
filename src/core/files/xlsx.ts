import ExcelJS from 'exceljs';
import { FileResponse } from '../http/route';
import type { Lang, Message } from '../i18n';

export interface XlsxColumn<R> {
  header: Message;
  width?: number;
  value(row: R): string | number | null | undefined;
}

/**
 * Writes one sheet the way the office expects it: a bold, frozen header row in the user's language,
 * sensible widths, ID-like values kept as text so Excel does not turn them into 1.1E+17.
 */
export async function xlsxFile<R>(opts: {
  filename: string;
  sheet: Message;
  columns: XlsxColumn<R>[];
  rows: R[];
  lang: Lang;
}): Promise<FileResponse> {
  const pick = (m: Message) => (opts.lang === 'en' ? m.en : m.zh);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  const ws = wb.addWorksheet(pick(opts.sheet), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = opts.columns.map((c, i) => ({ header: pick(c.header), key: `c${i}`, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const r of opts.rows) {
    ws.addRow(opts.columns.map((c) => c.value(r) ?? null));
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return new FileResponse(buf, opts.filename, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}
