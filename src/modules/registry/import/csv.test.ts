import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvReader } from './csv';

/** The records of `text` read in pieces of `size` characters (the way a file arrives). */
function read(text: string, size: number): string[][] {
  const r = new CsvReader();
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += size) out.push(...r.push(text.slice(i, i + size)));
  out.push(...r.end());
  return out;
}

const CASES: Record<string, string> = {
  plain: '序号,姓名,身份证号\n1,张三,110101199001011237\n2,李四,11010119900101123X\n',
  'Windows line ends': '序号,姓名\r\n1,张三\r\n2,李四\r\n',
  'no line end at the end': '序号,姓名\n1,张三',
  'a title row, then wider rows': '某社区居民花名册\n序号,姓名,楼号\n1,王五,3号楼\n',
  'blank lines and empty cells': '姓名,电话\n\n张三,\n,13800000000\n\n\n李四,1\n',
  'a comma at the end of a line': '姓名,备注,\n张三,,\n',
  'quoted cells with commas and doubled quotes': '姓名,备注\n"张,三","他说""你好"""\n"",x\n',
  'a line break inside a quoted cell': '姓名,地址\n张三,"3号楼\n2单元"\n李四,x\n',
  'a Windows line break inside a quoted cell': '姓名,地址\r\n张三,"3号楼\r\n2单元"\r\n李四,x\r\n',
  'quotes inside an unquoted cell': '姓名,备注\n张三,有"引号"的字\n',
  'a byte-order mark': '\ufeff姓名,电话\n张三,1\n',
};

describe('reading CSV', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`reads what csv-parse reads: ${name}`, () => {
      const expected = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as string[][];
      for (const size of [1, 2, 3, 5, 8, text.length]) expect(read(text, size)).toEqual(expected);
    });
  }

  it('keeps text after a closing quote, and reads an unclosed quote to the end of the file', () => {
    expect(read('"张三"丰,1\n"未完,2\n3', 4)).toEqual([['张三丰', '1'], ['未完,2\n3']]);
  });

  it('ends a line at a lone CR too, wherever the pieces break', () => {
    for (const size of [1, 2, 3]) expect(read('a,b\rc,d\r\ne', size)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });
});
