import type { FileResponse } from '../../core/http/route';
import type { Lang, Message } from '../../core/i18n';
import { xlsxFile } from '../../core/files/xlsx';
import { OCCASION_LABELS } from './queries';
import type { Ledger, LedgerRow, PlanDetail, Target } from './schema';

const pick = (lang: Lang, m: Message) => (lang === 'en' ? m.en : m.zh);

/** 走访名单 — a plan's people with who is to go and what was given, for the visitors to carry or the office to keep. */
export function exportPlan(plan: PlanDetail, lang: Lang, communityName: string): Promise<FileResponse> {
  let n = 0;
  return xlsxFile<Target>({
    filename: `${communityName}${plan.title}走访名单.xlsx`,
    sheet: { zh: '走访名单', en: 'Visit list' },
    lang,
    rows: plan.targets,
    columns: [
      { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
      { header: { zh: '姓名', en: 'Name' }, width: 10, value: (t) => t.name },
      { header: { zh: '住址', en: 'Address' }, width: 24, value: (t) => t.address },
      { header: { zh: '联系电话', en: 'Phone' }, width: 16, value: (t) => t.phoneMasked },
      { header: { zh: '走访人', en: 'Assigned to' }, width: 12, value: (t) => t.assigneeName },
      { header: { zh: '走访日期', en: 'Visited on' }, width: 12, value: (t) => t.visit?.date },
      { header: { zh: '实际走访人', en: 'Visitors' }, width: 16, value: (t) => t.visit?.visitors },
      { header: { zh: '慰问金（元）', en: 'Money (yuan)' }, width: 12, value: (t) => t.visit?.money },
      { header: { zh: '慰问品', en: 'Gifts' }, width: 16, value: (t) => t.visit?.gifts },
      { header: { zh: '备注', en: 'Notes' }, width: 24, value: (t) => t.visit?.notes },
    ],
  });
}

/** 走访慰问台账 of an occasion (or every occasion) for a year or a period, with a total row, as the office files it. */
export function exportLedger(l: Ledger, lang: Lang, communityName: string): Promise<FileResponse> {
  const occ = l.occasion ? pick(lang, OCCASION_LABELS[l.occasion]) : '';
  const when = l.from || l.to ? `（${l.from ?? ''}至${l.to ?? ''}）` : '';
  const year = l.year ? `${l.year}年` : '';
  let n = 0;
  const total: LedgerRow = {
    recordId: '',
    occasion: l.occasion ?? 'other',
    planTitle: '',
    listName: '',
    name: pick(lang, { zh: '合计', en: 'Total' }),
    address: pick(lang, { zh: `${l.totals.households}户`, en: `${l.totals.households} households` }),
    date: '',
    visitors: '',
    money: l.totals.money,
    gifts: null,
    notes: null,
  };
  const sheet = `${year}${occ}走访慰问`;
  return xlsxFile<LedgerRow>({
    filename: `${communityName}${year}${occ}走访慰问台账${when}.xlsx`,
    sheet: { zh: sheet, en: `Visits ${year ? l.year : ''} ${occ}`.trim() },
    lang,
    rows: [...l.rows, total],
    columns: [
      { header: { zh: '序号', en: 'No.' }, width: 6, value: (r) => (r.recordId ? ++n : null) },
      { header: { zh: '走访日期', en: 'Date' }, width: 12, value: (r) => r.date },
      { header: { zh: '慰问对象', en: 'Visited' }, width: 10, value: (r) => r.name },
      { header: { zh: '类别', en: 'List' }, width: 14, value: (r) => r.listName },
      { header: { zh: '住址', en: 'Address' }, width: 24, value: (r) => r.address },
      { header: { zh: '走访人', en: 'Visitors' }, width: 16, value: (r) => r.visitors },
      { header: { zh: '慰问金（元）', en: 'Money (yuan)' }, width: 12, value: (r) => r.money },
      { header: { zh: '慰问品', en: 'Gifts' }, width: 16, value: (r) => r.gifts },
      { header: { zh: '备注', en: 'Notes' }, width: 24, value: (r) => r.notes },
      // every occasion in one ledger: say which each visit was for
      ...(l.occasion ? [] : [{ header: { zh: '节日', en: 'Occasion' }, width: 10, value: (r: LedgerRow) => (r.recordId ? pick(lang, OCCASION_LABELS[r.occasion]) : null) }]),
      { header: { zh: '签收', en: 'Signature' }, width: 10, value: () => null },
    ],
  });
}
