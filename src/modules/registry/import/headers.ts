import type { RosterField, RosterMapping } from './types';
import { writtenText, type CellValue } from './text';

/**
 * The ways rosters title each column. Matching ignores spaces, full-width forms and remarks in
 * brackets ("身份证号（必填）"), so only the words themselves are listed.
 */
export const HEADER_SYNONYMS: Record<RosterField, readonly string[]> = {
  name: ['姓名', '居民姓名', '人员姓名', '名字'],
  gender: ['性别'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '生日', '出生时间'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '证件号', '身份证'],
  phone: ['联系电话', '手机', '手机号', '手机号码', '电话', '电话号码', '联系方式'],
  phone2: ['联系电话2', '手机2', '手机号2', '电话2', '备用电话', '其他电话', '固定电话', '座机', '家庭电话'],
  ethnicity: ['民族'],
  education: ['文化程度', '学历'],
  workUnit: ['工作单位', '单位', '工作单位及职务', '就业单位'],
  politicalStatus: ['政治面貌'],
  registrationType: ['户籍类型', '人口类型', '户口性质', '人员类型'],
  residence: ['人户状态', '人户分离', '人户分离情况'],
  employmentStatus: ['就业状况', '就业情况', '就业状态'],
  relationToHead: ['与户主关系', '关系', '与户主的关系'],
  movedInDate: ['迁入日期', '入住日期', '迁入时间', '入住时间'],
  notes: ['备注'],
  tags: ['特殊群体', '标签', '人员类别', '特殊人群', '特殊群体标签'],
  compound: ['小区', '小区名称'],
  building: ['楼号', '楼栋', '楼栋号', '楼'],
  entrance: ['单元', '单元号'],
  room: ['门牌号', '房号', '室', '房间号', '户室号'],
  address: ['地址', '住址', '家庭住址', '现住址', '居住地址'],
  householdNumber: ['户号', '户编号'],
};

/** "身份证号码（必填）" → "身份证号码"; "* 姓 名" → "姓名". */
export function headerKey(written: string): string {
  return written
    .normalize('NFKC')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[\s*:：]/g, '')
    .toLowerCase();
}

const BY_KEY = new Map<string, RosterField>();
for (const [field, words] of Object.entries(HEADER_SYNONYMS) as [RosterField, readonly string[]][]) {
  for (const w of words) BY_KEY.set(headerKey(w), field);
}

/** The field a header names, or null. */
export function fieldForHeader(written: string): RosterField | null {
  const key = headerKey(written);
  if (!key) return null;
  const exact = BY_KEY.get(key);
  if (exact) return exact;
  // "联系电话1", "手机号码2": a trailing number numbers a second phone column.
  const numbered = /^(.+?)(\d)$/.exec(key);
  if (numbered && BY_KEY.get(numbered[1]) === 'phone') return numbered[2] === '1' ? 'phone' : 'phone2';
  return null;
}

export interface HeaderGuess {
  /** index of the header row in the rows given */
  index: number;
  /** the headers as written, by column */
  headers: string[];
  mapping: RosterMapping;
  unmapped: { column: number; header: string }[];
}

/** Maps one row of headers; the first column naming a field wins, a second phone column becomes phone2. */
export function mapHeaders(headers: string[]): Pick<HeaderGuess, 'mapping' | 'unmapped'> {
  const mapping: RosterMapping = {};
  const unmapped: HeaderGuess['unmapped'] = [];
  headers.forEach((header, column) => {
    if (!header) return;
    let field = fieldForHeader(header);
    if (field === 'phone' && mapping.phone !== undefined) field = 'phone2';
    if (field && mapping[field] === undefined) mapping[field] = column;
    else unmapped.push({ column, header });
  });
  return { mapping, unmapped };
}

/**
 * Finds the header row among the first 10 rows: the one naming the most fields, at least the name
 * and one more, so that a title row ("某某社区居民花名册") or a date line is passed over.
 */
export function detectHeader(rows: CellValue[][]): HeaderGuess | null {
  let best: HeaderGuess | null = null;
  let bestCount = 0;
  rows.slice(0, 10).forEach((cells, index) => {
    const headers = cells.map((c) => writtenText(c));
    const { mapping, unmapped } = mapHeaders(headers);
    const count = Object.keys(mapping).length;
    if (mapping.name === undefined || count < 2 || count <= bestCount) return;
    best = { index, headers, mapping, unmapped };
    bestCount = count;
  });
  return best;
}
