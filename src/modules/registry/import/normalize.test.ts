import { describe, expect, it } from 'vitest';
import { makeId } from './fixtures';
import { normalizePhone, normalizeRow, parseDate, splitAddress } from './normalize';
import type { RosterMapping } from './types';

const today = new Date('2026-11-20T12:00:00Z');

describe('dates as rosters write them', () => {
  it.each([
    ['1949-12-31'],
    ['1949/12/31'],
    ['1949年12月31日'],
    ['19491231'],
    ['1949.12.31'],
    ['１９４９．１２．３１'],
    ['1949-12-31 00:00:00'],
  ])('%s', (written) => expect(parseDate(written)).toEqual({ kind: 'date', iso: '1949-12-31' }));

  it('reads Excel serial numbers and date cells', () => {
    expect(parseDate(18263)).toEqual({ kind: 'date', iso: '1949-12-31' });
    // Excel counts a 29 February 1900 that never was.
    expect(parseDate(59)).toEqual({ kind: 'date', iso: '1900-02-28' });
    expect(parseDate(61)).toEqual({ kind: 'date', iso: '1900-03-01' });
    expect(parseDate(19491231)).toEqual({ kind: 'date', iso: '1949-12-31' });
    expect(parseDate(new Date(Date.UTC(1949, 11, 31)))).toEqual({ kind: 'date', iso: '1949-12-31' });
  });

  it('knows a year and month alone is not a date, and that 2 月 30 日 does not exist', () => {
    expect(parseDate('1949年12月')).toEqual({ kind: 'partial', yearMonth: '1949-12' });
    expect(parseDate('1949.12')).toEqual({ kind: 'partial', yearMonth: '1949-12' });
    expect(parseDate('1950-02-30')).toEqual({ kind: 'invalid' });
    expect(parseDate('不详')).toEqual({ kind: 'invalid' });
  });
});

describe('phones', () => {
  it('keeps mobiles and landlines, with extensions', () => {
    expect(normalizePhone('138 1234 5678')).toBe('13812345678');
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizePhone('010-8888 2088')).toBe('010-88882088');
    expect(normalizePhone('0571-8888 2088 转 123')).toBe('0571-88882088转123');
    expect(normalizePhone('88882088')).toBe('88882088');
    expect(normalizePhone('1381234')).toBeNull();
    expect(normalizePhone('无')).toBeNull();
  });
});

describe('addresses', () => {
  it('splits building, entrance and room, with or without the compound in front', () => {
    expect(splitAddress('3号楼2单元401')).toEqual({ compound: null, building: '3', entrance: '2', room: '401' });
    expect(splitAddress('3-2-401')).toEqual({ compound: null, building: '3', entrance: '2', room: '401' });
    expect(splitAddress('怡丽北园３号楼２单元４０１室')).toEqual({ compound: '怡丽北园', building: '3', entrance: '2', room: '401' });
    expect(splitAddress('西四北三条12号')).toBeNull();
  });
});

describe('one row', () => {
  const headers = ['姓名', '性别', '出生日期', '身份证号', '文化程度', '特殊群体', '楼号', '单元', '房号', '联系电话', '人户分离'];
  const mapping: RosterMapping = { name: 0, gender: 1, birthDate: 2, idNumber: 3, education: 4, tags: 5, building: 6, entrance: 7, room: 8, phone: 9, residence: 10 };
  const row = (cells: (string | number | null)[]) => normalizeRow(cells, mapping, headers, 7, today);

  it('takes gender and birth date from the ID number when they are missing', () => {
    const { record, issues } = row(['张  三', null, null, makeId('19491231', '102'), null, null, null, null, null, null, null]);
    expect(issues).toEqual([]);
    expect(record).toMatchObject({ name: '张三', gender: 'female', birthDate: '1949-12-31' });
  });

  it('warns when the gender typed disagrees with the ID number, and keeps the ID number’s', () => {
    const { record, issues } = row(['张三', '男', null, makeId('19491231', '102'), null, null, null, null, null, null, null]);
    expect(record?.gender).toBe('female');
    expect(issues).toEqual([
      {
        row: 7,
        column: '性别',
        field: 'gender',
        code: 'ID_GENDER_MISMATCH',
        severity: 'warning',
        message: {
          zh: '「性别」填的是 男，身份证号中是 女：性别与身份证号不一致，已按身份证号导入',
          en: '"性别" says 男, the ID number says 女: The gender differs from the one in the ID number; imported as the ID number says',
        },
      },
    ]);
  });

  it('reads place words, graded disability and unknown values', () => {
    const { record, issues } = row(['李四', '女', '1950-3-8', null, '大学肄业', '残疾人（二级）；低保 党员 帮扶对象', '12号楼', '3单元', '1202室', '13812345678/13912345678', '否']);
    expect(record).toMatchObject({
      birthDate: '1950-03-08',
      education: null,
      residence: 'both',
      phone: '13812345678',
      phone2: '13912345678',
      tags: [
        { tag: 'disabled', grade: '2' },
        { tag: 'dibao', grade: null },
      ],
      place: { building: '12', entrance: '3', room: '1202' },
    });
    expect(issues.map((i) => [i.column, i.code])).toEqual([
      ['文化程度', 'VALUE_UNKNOWN'],
      ['特殊群体', 'TAG_UNKNOWN'],
    ]);
    expect(issues[0].message.zh).toBe('「文化程度」的"大学肄业"不是可选的值（可选：未上学、小学、初中、高中/中专、大专、本科、研究生），已留空');
  });

  it('rejects a row without a name', () => {
    const { record, issues } = row([null, '女', null, null, null, null, null, null, null, null, null]);
    expect(record).toBeNull();
    expect(issues.map((i) => [i.column, i.code, i.severity])).toEqual([['姓名', 'NAME_MISSING', 'error']]);
  });
});
