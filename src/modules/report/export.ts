import type { FileResponse } from '../../core/http/route';
import type { Lang } from '../../core/i18n';
import { xlsxFile } from '../../core/files/xlsx';
import type { Rollup } from './schema';

type Row = Rollup['rows'][number];

/** 各社区主要指标对比 as the sub-district keeps it in Excel: one row a community, one column a figure. */
export function rollupXlsx(r: Rollup, lang: Lang): Promise<FileResponse> {
  const pick = (m: { zh: string; en: string }) => (lang === 'en' ? m.en : m.zh);
  return xlsxFile<Row>({
    filename: `${r.subDistrictName}社区指标对比（${r.from}至${r.to}）.xlsx`,
    sheet: { zh: '各社区主要指标对比', en: 'Communities compared' },
    lang,
    rows: r.rows,
    columns: [
      { header: { zh: '社区', en: 'Community' }, width: 18, value: (row) => row.communityName },
      ...r.columns.map((c) => ({
        header: { zh: `${c.label.zh}${c.unit?.zh ? `（${c.unit.zh}）` : ''}`, en: `${c.label.en}${c.unit?.en ? ` (${c.unit.en})` : ''}` },
        width: Math.max(10, pick(c.label).length * 2 + 4),
        value: (row: Row) => row.values[c.id] ?? null,
      })),
      { header: { zh: '已签发', en: 'Signed' }, width: 8, value: (row) => (row.signedReportId ? pick({ zh: '是', en: 'yes' }) : '') },
    ],
  });
}
