import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../../core/testing';
import { importCommand } from './cli';
import { makeId, sheetXml, xlsxParts, zipOf } from './fixtures';

/**
 * Files that are not the roster they claim to be are refused with a 400 that tells staff, in
 * Chinese, what is wrong and how to save the file again; never a 500, never the zip or XML
 * library's own words. Limits (set low here) refuse a roster as soon as it passes them.
 */

const MAX_ROWS = 100;
const MAX_MB = 1;

let l: TestLinli;
let sec: Client;
let base: string;
let community: { id: string; name: string };
let dir: string;

beforeAll(async () => {
  l = await createTestLinli({ config: { importMaxRows: MAX_ROWS, importMaxUncompressedMb: MAX_MB } });
  const sd = await makeSubDistrict(l);
  community = await makeCommunity(l, sd.id, '文件测试社区');
  base = `/api/v1/communities/${community.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: community.id })).username);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-damaged-'));
});
afterAll(async () => {
  await l.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function upload(name: string, content: Buffer, lang = 'zh-CN') {
  const boundary = '----linli' + Date.now();
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return l.app.inject({
    method: 'POST',
    url: `${base}/registry/imports`,
    headers: { cookie: sec.cookie, origin: 'http://localhost', host: 'localhost', 'accept-language': lang, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}

const importsFolder = () => path.join(l.config.dataDir, 'imports', community.id);
const keptFiles = () => (fs.existsSync(importsFolder()) ? fs.readdirSync(importsFolder()) : []);

const HEADER = ['姓名', '性别', '身份证号', '楼号', '单元', '房号'];
const people = (n: number) => Array.from({ length: n }, (_, i) => [`居民${i}`, '男', makeId('19600101', String(100 + (i % 800)).padStart(3, '0')), '3号楼', '1单元', String(101 + i)]);
const random = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7919 + 13) % 251));

/** A roster as ExcelJS writes it, as a program would. */
async function realXlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  for (const r of [HEADER, ...rows]) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The damaged workbooks staff send: each must be refused as damaged. */
async function damagedWorkbooks(): Promise<Record<string, Buffer>> {
  const whole = await realXlsx(people(40));
  return {
    // a download cut short: the zip's directory at the end is missing
    'truncated.xlsx': whole.subarray(0, Math.floor(whole.length * 0.6)),
    // the parts an .xlsx has, holding random bytes
    'random-parts.xlsx': zipOf(xlsxParts('').map((p) => ({ ...p, data: random(600) }))),
    // a sheet declaring a DTD (entity expansion lives there; no spreadsheet program writes one)
    'dtd.xlsx': zipOf(xlsxParts(sheetXml([HEADER, ...people(3)], '<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'))),
  };
}

describe('a damaged or unreadable file', () => {
  it('is refused as damaged (.xlsx cut short, random bytes inside, a DTD), with how to save it again, and not kept', async () => {
    for (const [name, bytes] of Object.entries(await damagedWorkbooks())) {
      const res = await upload(name, bytes);
      expect(res.statusCode, name).toBe(400);
      const error = res.json().error as { code: string; message: string };
      expect(error.code, name).toBe('ROSTER_XLSX_DAMAGED');
      expect(error.message).toContain(`「${name}」已损坏`);
      expect(error.message).toContain('"另存为"一个新的 .xlsx 文件');
    }
    expect(keptFiles()).toEqual([]);
  });

  it('is "not a spreadsheet" when empty or random bytes, whatever its name', async () => {
    for (const [name, bytes] of [
      ['empty.xlsx', Buffer.alloc(0)],
      ['empty.csv', Buffer.alloc(0)],
      ['noise.xlsx', random(4000)],
      ['noise.csv', random(4000)],
    ] as const) {
      const res = await upload(name, bytes);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error, name).toMatchObject({ code: 'ROSTER_NOT_SPREADSHEET', message: expect.stringContaining(`「${name}」不是电子表格文件`) });
    }
    expect(keptFiles()).toEqual([]);
  });

  it('prints the same message on the command line, in Chinese and English, without the library’s words', async () => {
    const files = { ...(await damagedWorkbooks()), 'empty.xlsx': Buffer.alloc(0) };
    for (const [name, bytes] of Object.entries(files)) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      const run = importCommand.run({ db: l.services.db, config: l.config, args: [file], options: { community: community.name, dryRun: true } });
      const code = name === 'empty.xlsx' ? 'ROSTER_NOT_SPREADSHEET' : 'ROSTER_XLSX_DAMAGED';
      await expect(run, name).rejects.toThrow(code === 'ROSTER_NOT_SPREADSHEET' ? `「${name}」不是电子表格文件` : `「${name}」已损坏`);
      await expect(run, name).rejects.toThrow(/ \/ ".+" (is damaged|is not a spreadsheet)/);
    }
    if (l.config.databaseUrl) return; // the command itself opens the configured database: this drives the SQLite file
    const file = path.join(dir, 'truncated.xlsx');
    let stderr = '';
    let status = 0;
    try {
      execFileSync(process.execPath, [path.resolve('bin/linli.mjs'), 'import', file, '--community', community.name, '--dry-run'], {
        env: { ...process.env, LINLI_DATA_DIR: l.config.dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (e) {
      ({ stderr, status } = e as { stderr: string; status: number });
    }
    expect(status).toBe(1);
    expect(stderr).toContain('✖ 「truncated.xlsx」已损坏，读不出来');
    expect(stderr).not.toMatch(/zip|zlib|FILE_ENDED|unexpected|Error/i);
  });
});

describe('a CSV whose text does not read', () => {
  const rows = people(30).map((r) => r.join(','));

  it('is refused when its rows mix GBK and UTF-8, naming a row of each and how to save it again', async () => {
    // a GBK file to which someone pasted rows from a UTF-8 one: 20 of 30 names would come out garbled
    const bytes = Buffer.concat([iconv.encode(HEADER.join(',') + '\r\n', 'gbk'), ...rows.map((r, i) => (i % 3 === 0 ? iconv.encode(r + '\r\n', 'gbk') : Buffer.from(r + '\r\n', 'utf8')))]);
    const res = await upload('混合编码.csv', bytes);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'ROSTER_MIXED_ENCODING',
      message: expect.stringMatching(/^「混合编码\.csv」中混用了两种编码：第 1 行是 GBK（ANSI），第 3 行是 UTF-8.*"另存为""CSV UTF-8（逗号分隔）"/),
    });
    const en = await upload('混合编码.csv', bytes, 'en');
    expect(en.json().error.message).toMatch(/mixes two encodings: row 1 is GBK \(ANSI\) and row 3 is UTF-8.*"CSV UTF-8 \(comma delimited\)"/);
    expect(keptFiles()).toEqual([]);
  });

  it('takes the rows that read and refuses, naming it, a row with bytes that do not', async () => {
    // a Latin-1 "é" in one row of a UTF-8 file: no encoding reads it
    const bytes = Buffer.concat([Buffer.from([HEADER.join(','), ...rows.slice(0, 3)].join('\n') + '\n', 'utf8'), Buffer.from('Jos\xe9,\xc4,', 'latin1'), Buffer.from(rows[3].split(',').slice(2).join(',') + '\n' + rows.slice(4, 6).join('\n') + '\n', 'utf8')]);
    const res = await upload('坏一行.csv', bytes);
    expect(res.statusCode).toBe(200);
    const p = res.json() as { id: string; rows: number; errors: number; issues: { row: number; code: string; severity: string; message: { zh: string } }[] };
    expect(p).toMatchObject({ rows: 6, errors: 6 }); // every place is new: all wait for "create these places"
    const bad = p.issues.filter((i) => i.code === 'TEXT_UNDECODABLE');
    expect(bad).toEqual([expect.objectContaining({ row: 5, severity: 'error', message: expect.objectContaining({ zh: expect.stringContaining('读不出的字符') }) })]);
    const again = (await sec.send('POST', `${base}/registry/imports/${p.id}/preview`, { createPlaces: true })).json();
    expect(again).toMatchObject({ rows: 6, valid: 5, errors: 1 });
    await sec.send('DELETE', `${base}/registry/imports/${p.id}`);
  });
});

describe('the limits', () => {
  it('refuse an .xlsx of more rows than the limit, naming it, before the rest of the file is read', async () => {
    // the sheet's end is damaged: a reader that went on to it would answer "damaged" instead
    const parts = xlsxParts(sheetXml([HEADER, ...people(3000)])).map((p) => (p.name.endsWith('sheet1.xml') ? { ...p, cutTail: 64 } : p));
    const res = await upload('三千行.xlsx', zipOf(parts));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'ROSTER_TOO_MANY_ROWS', message: '花名册超过 100 行，一次最多导入 100 行：请分成几个文件导入' });
    expect(keptFiles()).toEqual([]);
  });

  it('refuse a CSV of more rows than the limit', async () => {
    const res = await upload('三百行.csv', Buffer.from([HEADER, ...people(300)].map((r) => r.join(',')).join('\n')));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ROSTER_TOO_MANY_ROWS');
  });

  it('refuse a zip bomb once the limit has come out of it, not at its end', async () => {
    // 16 MB of blanks in the sheet, packed into a few kilobytes, the archive saying it holds 1 KB; its
    // end damaged, so that inflating it all would answer "damaged"
    const sheet = sheetXml([HEADER, ...people(2)]).replace('<sheetData>', `<sheetData>${' '.repeat(16 * 1024 * 1024)}`);
    const bomb = zipOf(xlsxParts(sheet).map((p) => (p.name.endsWith('sheet1.xml') ? { ...p, declaredSize: 1024, cutTail: 32 } : p)));
    expect(bomb.length).toBeLessThan(200_000);
    const res = await upload('炸弹.xlsx', bomb);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'ROSTER_TOO_LARGE_UNCOMPRESSED', message: expect.stringContaining('超过 1 MB（解压后），一次最多导入 1 MB') });
    // one that says what it holds is refused before anything is inflated
    const honest = zipOf(xlsxParts(sheet));
    expect((await upload('炸弹2.xlsx', honest)).json().error.code).toBe('ROSTER_TOO_LARGE_UNCOMPRESSED');
  });

  it('let a roster within them through, from a real workbook', async () => {
    const res = await upload('一百行.xlsx', await realXlsx(people(MAX_ROWS - 1)));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: MAX_ROWS - 1 });
    await sec.send('DELETE', `${base}/registry/imports/${res.json().id}`);
  });
});
