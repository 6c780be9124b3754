import { describe, expect, it } from 'vitest';
import { detectHeader, fieldForHeader } from './headers';

describe('recognising the columns of a roster', () => {
  it('reads the many ways offices title a column', () => {
    expect(fieldForHeader('公民身份号码')).toBe('idNumber');
    expect(fieldForHeader('身份证号码（必填）')).toBe('idNumber');
    expect(fieldForHeader('* 姓　名')).toBe('name');
    expect(fieldForHeader('出生年月')).toBe('birthDate');
    expect(fieldForHeader('户口性质')).toBe('registrationType');
    expect(fieldForHeader('人户分离')).toBe('residence');
    expect(fieldForHeader('楼栋号')).toBe('building');
    expect(fieldForHeader('房间号')).toBe('room');
    expect(fieldForHeader('家庭住址')).toBe('address');
    expect(fieldForHeader('户编号')).toBe('householdNumber');
    expect(fieldForHeader('联系电话2')).toBe('phone2');
    expect(fieldForHeader('序号')).toBeNull();
  });

  it('finds the header under the title rows and lists what it could not map', () => {
    const rows = [
      ['怡丽北园社区居民花名册', null, null, null],
      ['填表日期：2026年11月', null, null, null],
      ['序号', '姓名', '手机', '电话', '身份证号（必填）'],
      ['1', '张三', '13812345678', null, '110105194912310014'],
    ];
    expect(detectHeader(rows)).toEqual({
      index: 2,
      headers: ['序号', '姓名', '手机', '电话', '身份证号（必填）'],
      mapping: { name: 1, phone: 2, phone2: 3, idNumber: 4 },
      unmapped: [{ column: 0, header: '序号' }],
    });
  });

  it('does not take a row with only a name column for the header', () => {
    expect(detectHeader([['姓名'], ['张三']])).toBeNull();
  });
});
