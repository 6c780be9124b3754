import ExcelJS from 'exceljs';
import { FileResponse } from '../../core/http/route';
import type { Lang } from '../../core/i18n';
import { maskedId, maskedPhone, open } from './pii';
import { presentRows, residentsBase, selectRows, type RawResidentRow, type RegistryView } from './queries';
import { CARE_TAGS, DERIVED_TAGS, EDUCATION, EMPLOYMENT, GENDERS, labelOf, POLITICAL, REGISTRATION_TYPES, RELATIONS } from './vocab';

type Base = ReturnType<typeof residentsBase>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TAG_TERMS = [...CARE_TAGS, ...DERIVED_TAGS];

interface ExportRow extends RawResidentRow {
  ethnicity: string | null;
  education: string | null;
  workUnit: string | null;
  phone2Enc: string | null;
  householdNumber: string | null;
}

async function loadAll(q: Base): Promise<ExportRow[]> {
  return (await selectRows(q)
    .select([
      'resident.ethnicity as ethnicity',
      'resident.education as education',
      'resident.work_unit as workUnit',
      'resident.phone2_enc as phone2Enc',
      'household.number as householdNumber',
    ])
    .execute()) as ExportRow[];
}

const cn = (lang: Lang) => (zh: string, en: string) => (lang === 'en' ? en : zh);

/**
 * The filtered list as an Excel sheet. ID numbers and phones are masked unless `full`; they are
 * written as text so Excel keeps all eighteen characters.
 */
export async function exportResidents(v: RegistryView, q: Base, opts: { full: boolean; lang: Lang; communityName: string }): Promise<{ file: FileResponse; rows: number }> {
  const rows = await loadAll(q);
  const presented = await presentRows(v, rows);
  const t = cn(opts.lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  const ws = wb.addWorksheet(t('居民名单', 'Residents'), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: t('序号', 'No.'), width: 6 },
    { header: t('姓名', 'Name'), width: 10 },
    { header: t('性别', 'Gender'), width: 6 },
    { header: t('出生日期', 'Birth date'), width: 12 },
    { header: t('年龄', 'Age'), width: 6 },
    { header: t('身份证号', 'ID number'), width: 22 },
    { header: t('联系电话', 'Phone'), width: 16 },
    { header: t('住址', 'Address'), width: 26 },
    { header: t('与户主关系', 'Relation to head'), width: 10 },
    { header: t('户籍类型', 'Registration'), width: 10 },
    { header: t('就业状况', 'Employment'), width: 10 },
    { header: t('政治面貌', 'Political status'), width: 10 },
    { header: t('特殊群体', 'Care tags'), width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  rows.forEach((r, i) => {
    const p = presented[i];
    const row = ws.addRow([
      i + 1,
      r.name,
      labelOf(GENDERS, r.gender, opts.lang),
      r.birthDate,
      p.age,
      opts.full ? open(r.idEnc, v.keyring) : maskedId(r.idEnc, v.keyring),
      opts.full ? open(r.phoneEnc, v.keyring) : maskedPhone(r.phoneEnc, v.keyring),
      p.address,
      labelOf(RELATIONS, r.relationToHead, opts.lang),
      labelOf(REGISTRATION_TYPES, r.registrationType, opts.lang),
      labelOf(EMPLOYMENT, r.employmentStatus, opts.lang),
      labelOf(POLITICAL, r.politicalStatus, opts.lang),
      p.tags.map((tag) => labelOf(TAG_TERMS, tag, opts.lang)).join('、'),
    ]);
    row.getCell(6).numFmt = '@';
    row.getCell(7).numFmt = '@';
  });
  const name = `${opts.communityName}${t('居民名单', '-residents')}${opts.full ? t('（完整）', '-full') : ''}.xlsx`;
  return { file: new FileResponse(Buffer.from(await wb.xlsx.writeBuffer()), name, XLSX), rows: rows.length };
}

/**
 * 户籍花名册: a title row, one block per household with the address merged down its members,
 * the head first — the layout the office keeps in its binders.
 */
export async function householdRoster(v: RegistryView, opts: { lang: Lang; communityName: string }): Promise<FileResponse> {
  const rows = await loadAll(residentsBase(v).where('resident.status', '=', 'active'));
  const presented = await presentRows(v, rows);
  const t = cn(opts.lang);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t('花名册', 'Roster'));
  const headers = [
    t('户序号', 'Household'),
    t('住址', 'Address'),
    t('户号', 'Household no.'),
    t('姓名', 'Name'),
    t('与户主关系', 'Relation'),
    t('性别', 'Gender'),
    t('出生日期', 'Birth date'),
    t('身份证号', 'ID number'),
    t('民族', 'Ethnicity'),
    t('文化程度', 'Education'),
    t('政治面貌', 'Political status'),
    t('工作单位', 'Work unit'),
    t('联系电话', 'Phone'),
    t('户籍类型', 'Registration'),
    t('特殊群体', 'Care tags'),
  ];
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = `${opts.communityName}${t('居民户籍花名册', ' household roster')}`;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow(headers).font = { bold: true };
  [8, 28, 10, 10, 10, 6, 12, 22, 8, 10, 10, 20, 16, 10, 24].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  let household = '';
  let start = 3;
  let n = 0;
  const close = (end: number) => {
    if (end > start) for (const c of [1, 2, 3]) ws.mergeCells(start, c, end, c);
  };
  rows.forEach((r, i) => {
    const p = presented[i];
    const rowNo = ws.rowCount + 1;
    if (r.householdId !== household) {
      if (household) close(rowNo - 1);
      household = r.householdId;
      start = rowNo;
      n += 1;
    }
    const row = ws.addRow([
      n,
      p.address,
      r.householdNumber,
      r.name,
      labelOf(RELATIONS, r.relationToHead, opts.lang),
      labelOf(GENDERS, r.gender, opts.lang),
      r.birthDate,
      maskedId(r.idEnc, v.keyring),
      r.ethnicity,
      labelOf(EDUCATION, r.education, opts.lang),
      labelOf(POLITICAL, r.politicalStatus, opts.lang),
      r.workUnit,
      maskedPhone(r.phoneEnc, v.keyring),
      labelOf(REGISTRATION_TYPES, r.registrationType, opts.lang),
      p.tags.map((tag) => labelOf(TAG_TERMS, tag, opts.lang)).join('、'),
    ]);
    row.getCell(8).numFmt = '@';
    for (const c of [1, 2, 3]) row.getCell(c).alignment = { vertical: 'middle', wrapText: true };
  });
  if (household) close(ws.rowCount);
  return new FileResponse(Buffer.from(await wb.xlsx.writeBuffer()), `${opts.communityName}${t('户籍花名册', '-household-roster')}.xlsx`, XLSX);
}
