import type { FileResponse } from '../../core/http/route';
import type { Lang } from '../../core/i18n';
import { xlsxFile } from '../../core/files/xlsx';
import type { Drive, Gift } from './schema';

const DONOR_KIND = { resident: { zh: '居民', en: 'Resident' }, unit: { zh: '单位', en: 'Unit' }, anonymous: { zh: '匿名', en: 'Anonymous' } } as const;
const KIND = { money: { zh: '捐款', en: 'Money' }, goods: { zh: '捐物', en: 'Goods' } } as const;
const STATUS = { open: { zh: '进行中', en: 'Open' }, closed: { zh: '已结束', en: 'Closed' } } as const;

/** The gifts to one drive, as the office keeps them: donor, money in yuan (a number with two decimals) or goods. */
export function exportGifts(drive: Drive, gifts: Gift[], lang: Lang, community: string): Promise<FileResponse> {
  const pick = (m: { zh: string; en: string }) => (lang === 'en' ? m.en : m.zh);
  return xlsxFile({
    filename: `${community}-${drive.title}-捐赠登记.xlsx`,
    sheet: { zh: '捐赠登记', en: 'Gifts' },
    lang,
    rows: gifts,
    columns: [
      { header: { zh: '日期', en: 'Date' }, width: 12, value: (g) => g.givenOn },
      { header: { zh: '捐赠人', en: 'Donor' }, width: 22, value: (g) => g.donor },
      { header: { zh: '捐赠人类别', en: 'Donor kind' }, width: 10, value: (g) => pick(DONOR_KIND[g.donorKind]) },
      { header: { zh: '类别', en: 'Kind' }, width: 8, value: (g) => pick(KIND[g.kind]) },
      { header: { zh: '金额（元）', en: 'Amount (yuan)' }, width: 12, value: (g) => (g.amountFen === null ? null : g.amountFen / 100) },
      { header: { zh: '物资', en: 'Goods' }, width: 20, value: (g) => g.goods },
      { header: { zh: '数量', en: 'Quantity' }, width: 8, value: (g) => g.quantity },
      { header: { zh: '单位', en: 'Unit' }, width: 8, value: (g) => g.unit },
      { header: { zh: '备注', en: 'Note' }, width: 24, value: (g) => g.note },
    ],
  });
}

/** Every drive with its totals, or a period's drives with the gifts given in the period. */
export function exportDrives(drives: Drive[], lang: Lang, community: string, period: { from?: string; to?: string } = {}): Promise<FileResponse> {
  const pick = (m: { zh: string; en: string }) => (lang === 'en' ? m.en : m.zh);
  const when = period.from || period.to ? `（${period.from ?? ''}至${period.to ?? ''}）` : '';
  return xlsxFile({
    filename: `${community}-募捐活动${when}.xlsx`,
    sheet: { zh: '募捐活动', en: 'Drives' },
    lang,
    rows: drives,
    columns: [
      { header: { zh: '活动名称', en: 'Drive' }, width: 28, value: (d) => d.title },
      { header: { zh: '开始日期', en: 'Start' }, width: 12, value: (d) => d.startDate },
      { header: { zh: '结束日期', en: 'End' }, width: 12, value: (d) => d.endDate },
      { header: { zh: '状态', en: 'Status' }, width: 8, value: (d) => pick(STATUS[d.status]) },
      // with a period, what was given in it
      { header: when ? { zh: '期间捐款（元）', en: 'Money in the period (yuan)' } : { zh: '捐款（元）', en: 'Money (yuan)' }, width: 14, value: (d) => d.totals.moneyFen / 100 },
      { header: when ? { zh: '期间捐物（批）', en: 'Goods in the period (lots)' } : { zh: '捐物（批）', en: 'Goods (lots)' }, width: 12, value: (d) => d.totals.goodsLines },
      { header: when ? { zh: '期间捐赠人', en: 'Donors in the period' } : { zh: '捐赠人', en: 'Donors' }, width: 10, value: (d) => d.totals.donors },
      { header: { zh: '用途', en: 'Purpose' }, width: 30, value: (d) => d.purpose },
    ],
  });
}
