import { maskIdNumber } from '../../../core/audit/log';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { convertWithLibreOffice, makeId, tempDir, withWrongCheckDigit } from './fixtures';
import { parseRoster, type ParsedRosterRow } from './parse';
import { rejectedRowsXlsx } from './rejected';

const BAD_ID = withWrongCheckDigit(makeId('19600101', '011'));
const GOOD_ID = makeId('19491231', '101');
const CSV = [
  '居民花名册,,,',
  '姓名,身份证号码,出生日期,备注',
  `张三,${GOOD_ID},1949-12-31,`,
  `王五,${BAD_ID},1960-01-01,楼下`,
  `钱七,${GOOD_ID},1949-12-31,`,
  `,${makeId('19700101', '021')},,无姓名`,
].join('\n');

describe('the file of rejected rows', () => {
  it('lists the problems in Chinese in a first column and keeps ID numbers as text', async () => {
    const parse = parseRoster({ buffer: Buffer.from(CSV) }, 'r.csv', { today: new Date('2026-11-20') });
    const rejected: ParsedRosterRow[] = [];
    for await (const r of parse) if (!r.record) rejected.push(r);
    expect(rejected.map((r) => r.row)).toEqual([4, 5, 6]);

    const xlsx = await rejectedRowsXlsx(parse.summary.headers, rejected);
    const dir = await tempDir();
    const path = join(dir, 'rejected.xlsx');
    await writeFile(path, xlsx);
    const csvPath = await convertWithLibreOffice(path, 'csv:Text - txt - csv (StarCalc):44,34,76', 'csv');
    const table = parseCsv(await readFile(csvPath, 'utf8'), { relax_column_count: true }) as string[][];

    expect(table[0]).toEqual(['错误说明', '姓名', '身份证号码', '出生日期', '备注']);
    expect(table[1][0]).toBe('第 4 行\n「身份证号码」' + maskIdNumber(BAD_ID) + '：身份证号校验位不正确');
    // Not 1.10105E+17, not rounded: the whole number, as text.
    expect(table[1][2]).toBe(BAD_ID);
    expect(table[1][4]).toBe('楼下');
    expect(table[2][0]).toContain('与第 3 行的身份证号相同');
    expect(table[3][0]).toContain('「姓名」是空的');
  });

  it('can be corrected and imported again as it is', async () => {
    const parse = parseRoster({ buffer: Buffer.from(CSV) }, 'r.csv');
    const rejected: ParsedRosterRow[] = [];
    for await (const r of parse) if (!r.record) rejected.push(r);
    const again = parseRoster({ buffer: await rejectedRowsXlsx(parse.summary.headers, rejected) }, 'rejected.xlsx');
    const rows: ParsedRosterRow[] = [];
    for await (const r of again) rows.push(r);
    expect(again.summary).toMatchObject({ headerRow: 1, unmapped: [{ column: 0, header: '错误说明' }], rowsRead: 3 });
    expect(rows.map((r) => r.issues.map((i) => i.code))).toEqual([['ID_CHECK_DIGIT'], [], ['NAME_MISSING']]);
  });
});
