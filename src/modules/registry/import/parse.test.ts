import { maskIdNumber } from '../../../core/audit/log';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertWithLibreOffice, makeId, makeIdEndingInX, tempDir, withWrongCheckDigit } from './fixtures';
import { parseRoster, type ParsedRosterRow, type RosterSummary } from './parse';
import type { RosterFile } from './read';

const today = new Date('2026-11-20T12:00:00Z');
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

const ID_ZHANG = makeId('19491231', '101');
const ID_LI = makeIdEndingInX('19500308', 'female');
const ID_WANG_BAD = withWrongCheckDigit(makeId('19600101', '011'));
const ID_ZHAO = makeId('19710203', '022');
const ID_WU = makeId('19620304', '033');

const HEADER = '序号,姓 名,性别,出生年月,公民身份号码（必填）,手机号,民族,学历,政治面貌,与户主关系,楼栋,单元号,房号,迁入时间,人员类别';
/** A roster as offices keep them: title rows, synonyms, full-width digits, blank rows, mixed dates. */
const ROSTER_LINES = [
  '怡丽北园社区居民花名册,,,,,,,,,,,,,,',
  '填表日期：2026年11月,,,,,,,,,,,,,,',
  HEADER,
  `１,张三,男,1949-12-31,${ID_ZHANG},${fullWidth('13812345678')},汉族,高中,党员,户主,3号楼,2单元,401室,2001/5/1,空巢老人、残疾人(二级)`,
  `2,李四,女,1950年3月8日,${ID_LI},13912345678,汉族,初中,群众,配偶,3号楼,2单元,401室,2001/5/1,`,
  '',
  `3,王五,男,19600101,${ID_WANG_BAD},,汉族,,,户主,5号楼,1单元,101室,,`,
  `4,赵六,女,1970.01.01,${ID_ZHAO},,汉族,本科,,户主,5号楼,1单元,102室,,`,
  ',,,,,,,,,,,,,,',
  `5,钱七,男,1949-12-31,${ID_ZHANG},,汉族,,,户主,6号楼,1单元,201室,,`,
  '6,孙八,女,1955/6/7,1.10105E+17,,汉族,,,户主,6号楼,1单元,202室,,',
  '7,周九,女,21742,,13912345679,回族,,,户主,7号楼,1单元,301室,2010年10月1日,独居老人',
  '8,,男,1980-01-01,,,汉族,,,,7号楼,1单元,302室,,',
  `9,吴十,男,1962.3.4,${fullWidth(ID_WU)},010-8888 2088转123,汉族,大学肄业,,户主,8号楼,2单元,501室,,`,
];
const ROSTER_CSV = ROSTER_LINES.join('\r\n') + '\r\n';

/** What staff should see for this roster, whichever program saved it. */
const EXPECTED_ISSUES = [
  { row: 7, column: '公民身份号码（必填）', code: 'ID_CHECK_DIGIT', severity: 'error' },
  { row: 8, column: '出生年月', code: 'ID_BIRTH_MISMATCH', severity: 'warning' },
  { row: 10, column: '公民身份号码（必填）', code: 'ID_DUPLICATE', severity: 'error' },
  { row: 11, column: '公民身份号码（必填）', code: 'ID_LOST_DIGITS', severity: 'error' },
  { row: 13, column: '姓 名', code: 'NAME_MISSING', severity: 'error' },
  { row: 14, column: '学历', code: 'VALUE_UNKNOWN', severity: 'warning' },
];

async function readAll(file: RosterFile, filename: string): Promise<{ rows: ParsedRosterRow[]; summary: RosterSummary }> {
  const parse = parseRoster(file, filename, { today });
  const rows: ParsedRosterRow[] = [];
  for await (const r of parse) rows.push(r);
  return { rows, summary: parse.summary };
}

const issuesOf = (rows: ParsedRosterRow[]) =>
  rows.flatMap((r) => r.issues.map((i) => ({ row: i.row, column: i.column, code: i.code, severity: i.severity })));
const recordAt = (rows: ParsedRosterRow[], row: number) => rows.find((r) => r.row === row)?.record;

let dir: string;
let csvPath: string;
let xlsxPath: string;

beforeAll(async () => {
  dir = await tempDir();
  csvPath = join(dir, 'roster.csv');
  await writeFile(csvPath, ROSTER_CSV);
  // Columns 5 (ID) and 6 (phone) imported as text, the others detected as LibreOffice does for zh-CN.
  xlsxPath = await convertWithLibreOffice(csvPath, 'xlsx', 'xlsx', 'CSV:44,34,76,1,5/2/6/2,2052,false,true');
});

function expectTheRoster(rows: ParsedRosterRow[], summary: RosterSummary) {
  expect(summary.headerRow).toBe(3);
  expect(summary.unmapped).toEqual([{ column: 0, header: '序号' }]);
  expect(summary.mapping).toMatchObject({ name: 1, gender: 2, birthDate: 3, idNumber: 4, phone: 5, education: 7, tags: 14, movedInDate: 13 });
  expect(rows.map((r) => r.row)).toEqual([4, 5, 7, 8, 10, 11, 12, 13, 14]);
  expect(issuesOf(rows)).toEqual(EXPECTED_ISSUES);
  expect(summary).toMatchObject({ rowsRead: 9, accepted: 5, rejected: 4, withWarnings: 2, duplicates: [{ row: 10, earlierRow: 4 }] });

  expect(recordAt(rows, 4)).toEqual({
    row: 4,
    name: '张三',
    gender: 'male',
    birthDate: '1949-12-31',
    idNumber: ID_ZHANG,
    phone: '13812345678',
    phone2: null,
    ethnicity: '汉族',
    education: 'senior',
    workUnit: null,
    politicalStatus: 'cpc_member',
    registrationType: null,
    residence: null,
    employmentStatus: null,
    relationToHead: 'head',
    movedInDate: '2001-05-01',
    notes: null,
    tags: [
      { tag: 'empty_nest', grade: null },
      { tag: 'disabled', grade: '2' },
    ],
    place: { compound: null, building: '3', entrance: '2', room: '401', address: null },
    householdNumber: null,
  });
  expect(recordAt(rows, 5)).toMatchObject({ idNumber: ID_LI.toUpperCase(), gender: 'female', birthDate: '1950-03-08', relationToHead: 'spouse' });
  // The ID number wins over the birth date typed beside it.
  expect(recordAt(rows, 8)).toMatchObject({ birthDate: '1971-02-03', education: 'bachelor' });
  expect(recordAt(rows, 12)).toMatchObject({ idNumber: null, birthDate: '1959-07-11', movedInDate: '2010-10-01', tags: [{ tag: 'living_alone', grade: null }] });
  expect(recordAt(rows, 14)).toMatchObject({ idNumber: ID_WU, birthDate: '1962-03-04', phone: '010-88882088转123', education: null });
  for (const row of [7, 10, 11, 13]) expect(recordAt(rows, row)).toBeNull();
}

describe('importing a roster as offices keep it', () => {
  it('reads the UTF-8 CSV: title rows passed over, each problem on its spreadsheet row and column', async () => {
    const { rows, summary } = await readAll({ path: csvPath }, 'roster.csv');
    expectTheRoster(rows, summary);
    expect(summary).toMatchObject({ kind: 'csv', encoding: 'utf-8' });
    const messages = rows.flatMap((r) => r.issues.map((i) => i.message.zh));
    expect(messages).toContain(`「公民身份号码（必填）」${maskIdNumber(ID_ZHANG)} 与第 4 行的身份证号相同：同一个人只能登记一次`);
    expect(messages).toContain('「出生年月」填的是 1970.01.01，身份证号中是 1971-02-03：出生日期与身份证号不一致，已按身份证号导入');
    expect(messages.find((m) => m.includes('1.10105E+17'))).toMatch(/后几位已经丢失/);
  });

  it('reads the same roster saved as .xlsx by LibreOffice, with real date cells and numbers, to the same result', async () => {
    const { rows, summary } = await readAll({ path: xlsxPath }, 'roster.xlsx');
    expectTheRoster(rows, summary);
    expect(summary).toMatchObject({ kind: 'xlsx', merges: 'read' });
    // LibreOffice made real dates of the date texts: the reader sees them as dates.
    expect(rows.find((r) => r.row === 4)?.cells[3]).toBeInstanceOf(Date);
  });

  it('reads the .xlsx from memory too', async () => {
    const { readFile } = await import('node:fs/promises');
    const { rows, summary } = await readAll({ buffer: await readFile(xlsxPath) }, 'roster.xlsx');
    expectTheRoster(rows, summary);
  });

  it('reads a CSV saved as GBK by Excel or WPS', async () => {
    const gbk = iconv.encode(ROSTER_CSV, 'gbk');
    const gbkPath = join(dir, 'roster-gbk.csv');
    await writeFile(gbkPath, gbk);
    for (const file of [{ path: gbkPath }, { buffer: gbk }]) {
      const { rows, summary } = await readAll(file, 'roster.csv');
      expectTheRoster(rows, summary);
      expect(summary.encoding).toBe('gb18030');
    }
  });

  it('reads a UTF-8 CSV with a byte-order mark', async () => {
    const { rows, summary } = await readAll({ buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ROSTER_CSV)]) }, 'r.csv');
    expectTheRoster(rows, summary);
  });

  it('refuses an old .xls file with a message saying what to do', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    await expect(readAll({ buffer: xls }, '花名册.xls')).rejects.toMatchObject({ code: 'ROSTER_XLS_OLD' });
  });

  it('says so when no header row is found', async () => {
    await expect(readAll({ buffer: Buffer.from('a,b\n1,2\n') }, 'x.csv')).rejects.toMatchObject({ code: 'ROSTER_NO_HEADER' });
  });
});

describe('a household written once in merged cells', () => {
  let path: string;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['怡丽北园社区居民花名册']);
    ws.mergeCells('A1:G1');
    ws.addRow(['户号', '家庭住址', '姓名', '与户主关系', '身份证号', '出生日期', '备注']);
    ws.addRow(['H001', '3号楼2单元401', '张三', '户主', makeId('19491231', '101'), new Date(Date.UTC(1949, 11, 31)), '低保']);
    ws.addRow([null, null, '李四', '配偶', makeId('19500308', '102'), null, null]);
    ws.addRow([null, null, '张小三', '子', makeId('19800101', '103'), null, null]);
    // An ID number typed into a General cell: Excel keeps 15 significant digits.
    ws.addRow(['H002', '3-1-102', '王五', '户主', Number(makeId('19600101', '011').slice(0, 17)) * 10, null, null]);
    ws.addRow([null, null, '王小五', '子', makeId('19900101', '013'), 32874, null]);
    for (const range of ['A3:A5', 'B3:B5', 'G3:G5', 'A6:A7', 'B6:B7']) ws.mergeCells(range);
    const d = await tempDir();
    path = join(d, 'merged.xlsx');
    await wb.xlsx.writeFile(path);
  });

  it('gives every member the household number and address; other merged columns are not copied', async () => {
    const { rows, summary } = await readAll({ path }, 'merged.xlsx');
    expect(summary).toMatchObject({ headerRow: 2, merges: 'read', rowsRead: 5 });
    const place = (row: number) => rows.find((r) => r.row === row)?.record;
    for (const row of [3, 4, 5]) {
      expect(place(row)).toMatchObject({ householdNumber: 'H001', place: { building: '3', entrance: '2', room: '401', address: null } });
    }
    expect(place(3)?.notes).toBe('低保');
    expect(place(4)?.notes).toBeNull();
    expect(place(3)?.birthDate).toBe('1949-12-31');
    expect(place(7)).toMatchObject({ householdNumber: 'H002', place: { building: '3', entrance: '1', room: '102' } });
  });

  it('rejects an ID number Excel stored as a number, saying the digits are lost', async () => {
    const { rows } = await readAll({ path }, 'merged.xlsx');
    const wang = rows.find((r) => r.row === 6);
    expect(wang?.record).toBeNull();
    expect(wang?.issues).toEqual([
      expect.objectContaining({ column: '身份证号', code: 'ID_LOST_DIGITS', severity: 'error', message: expect.objectContaining({ zh: expect.stringContaining('1.10105E+17') }) }),
    ]);
    // A serial number in a General cell is read as Excel's date, and agrees with the ID number.
    expect(rows.find((r) => r.row === 7)).toMatchObject({ issues: [], record: { birthDate: '1990-01-01' } });
  });
});
