import { describe, expect, it } from 'vitest';
import { sheetXml, xlsxParts, zipOf } from './fixtures';
import { readRosterFile } from './read';

const HAN = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗单曾伟刚勇毅俊峰强军平保东文辉力明永健世广志秀娟英华慧巧美娜静淑惠珠翠乐重长'];

describe('reading an .xlsx', () => {
  it('reads Chinese text as written, wherever the inflated sheet is cut into pieces', async () => {
    // about 300 KB of three-byte characters: the inflated sheet comes in pieces of 16 KB, and a
    // character cut between two of them used to come out as two replacement characters
    const rows = Array.from({ length: 2000 }, (_, i) => [0, 1, 2].map((k) => Array.from({ length: 8 + ((i + k) % 9) }, (_, j) => HAN[(i * 7 + j * 13 + k) % HAN.length]).join('')));
    const read: string[][] = [];
    for await (const r of readRosterFile({ buffer: zipOf(xlsxParts(sheetXml(rows))) }, '花名册.xlsx')) read.push(r.cells as string[]);
    expect(read.filter((cells) => cells.some((c) => c.includes('\ufffd')))).toEqual([]);
    expect(read).toEqual(rows);
  });
});
