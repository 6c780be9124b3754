import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../../core/testing';
import { makeId, withWrongCheckDigit } from './fixtures';

/**
 * An uploaded roster holds every resident's ID number and phone in clear: it stays on the server
 * only while it is checked and imported, and what the dry run keeps beside it names no one's
 * number in full.
 */

const HEADER = '序号,姓名,性别,出生日期,身份证号,手机,楼号,单元,房号,与户主关系';
const roster = (rows: string[][]) => ['某社区居民花名册', HEADER, ...rows.map((r) => r.join(','))].join('\n') + '\n';
const person = (i: number, id = makeId('19600101', String(100 + i).padStart(3, '0'))) => [String(i + 1), `居民${i}`, '女', '', id, `139${String(10000000 + i)}`, '3号楼', '1单元', String(101 + i), '户主'];

let l: TestLinli;
let sec: Client;
let base: string;
let dir: string;

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id, '上传测试社区');
  base = `/api/v1/communities/${c.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-uploads-'));
});
afterAll(async () => {
  await l.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function upload(name: string, content: string | Buffer) {
  const boundary = '----linli' + Date.now();
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return l.app.inject({
    method: 'POST',
    url: `${base}/registry/imports`,
    headers: { cookie: sec.cookie, origin: 'http://localhost', host: 'localhost', 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}

const commit = (id: string) =>
  l.app.inject({
    method: 'POST',
    url: `${base}/registry/imports/${id}/commit`,
    headers: { cookie: sec.cookie, origin: 'http://localhost', host: 'localhost', 'content-type': 'application/json', 'x-linli-wait': '1' },
    payload: JSON.stringify({ createPlaces: true, onDuplicate: 'skip' }),
  });

/** Every file under `<data>/imports`, with its bytes. */
function importFiles(dataDir = l.config.dataDir): { path: string; bytes: Buffer }[] {
  const root = path.join(dataDir, 'imports');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .map((f) => path.join(root, f))
    .filter((p) => fs.statSync(p).isFile())
    .map((p) => ({ path: p, bytes: fs.readFileSync(p) }));
}

const filesOf = (id: string) => importFiles().filter((f) => path.basename(f.path).startsWith(id));

describe('an uploaded roster on the server', () => {
  it('is deleted, with its dry run, once the roster is imported', async () => {
    const res = await upload('四人.csv', roster([0, 1, 2, 3].map((i) => person(i))));
    expect(res.statusCode).toBe(200);
    const id = res.json().id as string;
    expect(filesOf(id).length).toBeGreaterThan(0);
    expect((await commit(id)).json()).toEqual({ id, status: 'done' });
    expect(importFiles()).toEqual([]);
    // the page still learns how it went
    expect((await sec.get(`${base}/registry/imports/${id}`)).json()).toMatchObject({ status: 'done', result: { rows: 4, imported: 4, errors: 0 } });
  });

  it('keeps only the rows an import left out, sealed, for the result page to download', async () => {
    const badId = withWrongCheckDigit(makeId('19700707', '321'));
    const res = await upload('有错行.csv', roster([person(10), [...person(11, badId).slice(0, 1), '王错号', ...person(11, badId).slice(2)]]));
    const id = res.json().id as string;
    expect((await commit(id)).json().status).toBe('done');
    const left = importFiles();
    expect(left.map((f) => path.basename(f.path))).toEqual([expect.stringMatching(/\.rejected$/)]);
    const text = left[0].bytes.toString('latin1');
    for (const clear of ['王错号', badId, '13910000011']) expect(text).not.toContain(Buffer.from(clear).toString('latin1'));

    const rej = await sec.get(`${base}/registry/imports/${id}/rejected.xlsx`);
    expect(rej.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(rej.rawPayload as unknown as ExcelJS.Buffer);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('王错号');
    expect(rows[1]).toContain(badId);
  });

  it('is deleted at once when the import is abandoned', async () => {
    const id = (await upload('放弃.csv', roster([person(20)]))).json().id as string;
    expect(filesOf(id).length).toBeGreaterThan(0);
    // another community's secretary cannot reach it
    const other = await makeCommunity(l, (await makeSubDistrict(l)).id);
    const stranger = await signIn(l, (await makeUser(l, 'secretary', { communityId: other.id })).username);
    expect((await stranger.send('DELETE', `/api/v1/communities/${other.id}/registry/imports/${id}`)).statusCode).toBe(404);
    expect(filesOf(id).length).toBeGreaterThan(0);
    const res = await sec.send('DELETE', `${base}/registry/imports/${id}`);
    expect(res.statusCode).toBe(204);
    expect(filesOf(id)).toEqual([]);
    expect((await sec.send('POST', `${base}/registry/imports/${id}/preview`, { createPlaces: true })).statusCode).toBe(404);
  });

  it('left for more than a day is swept before the next upload', async () => {
    const stale = (await upload('昨天的.csv', roster([person(30)]))).json().id as string;
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    for (const f of filesOf(stale)) fs.utimesSync(f.path, dayAgo, dayAgo);
    const fresh = (await upload('今天的.csv', roster([person(31)]))).json().id as string;
    expect(filesOf(stale)).toEqual([]);
    expect(filesOf(fresh).length).toBeGreaterThan(0);
    const again = await sec.send('POST', `${base}/registry/imports/${stale}/preview`, { createPlaces: true });
    expect(again.statusCode).toBe(404);
    expect(again.json().error).toMatchObject({ code: 'IMPORT_FILE_GONE', message: expect.stringContaining('重新上传') });
  });

  it('left behind by a server that stopped is swept when Linli starts', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-sweep-'));
    const folder = path.join(dataDir, 'imports', 'some-community');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'old.csv'), roster([person(40)]));
    fs.writeFileSync(path.join(folder, 'old.csv.dryrun.json'), '{}');
    fs.writeFileSync(path.join(folder, 'recent.csv'), roster([person(41)]));
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
    for (const f of ['old.csv', 'old.csv.dryrun.json']) fs.utimesSync(path.join(folder, f), twoDaysAgo, twoDaysAgo);
    const other = await createTestLinli({ config: { dataDir } });
    try {
      expect(importFiles(dataDir).map((f) => path.basename(f.path))).toEqual(['recent.csv']);
    } finally {
      await other.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('what a dry run keeps', () => {
  it('names no one’s ID number or phone in full, on disk or on screen, and keeps the first 1,000 issues with the total', async () => {
    // every row: an ID number with a wrong check digit, a phone a digit short, and someone's ID
    // number typed into the birth-date column
    const typedIds: string[] = [];
    const rows = Array.from({ length: 1100 }, (_, i) => {
      const r = person(i, withWrongCheckDigit(makeId('19500101', String(100 + (i % 800)).padStart(3, '0'), String(110101 + Math.floor(i / 800)))));
      typedIds.push(makeId('19800101', String(100 + (i % 800)).padStart(3, '0'), String(120101 + Math.floor(i / 800))));
      r[3] = typedIds[i];
      r[5] = `138${String(1000000 + i)}`;
      return r;
    });
    const res = await upload('满是错误.csv', roster(rows));
    expect(res.statusCode).toBe(200);
    const p = res.json() as { id: string; rows: number; errors: number; issues: { row: number; code: string; message: { zh: string } }[]; issuesTotal: number };
    expect(p).toMatchObject({ rows: 1100, errors: 1100, issuesTotal: 3300 });
    expect(p.issues).toHaveLength(1000);
    expect(new Set(p.issues.map((i) => i.code))).toEqual(new Set(['ID_CHECK_DIGIT', 'DATE_INVALID', 'PHONE_INVALID']));

    const kept = filesOf(p.id).find((f) => f.path.endsWith('.dryrun.json'));
    expect(kept).toBeDefined();
    const text = kept!.bytes.toString('utf8');
    expect((JSON.parse(text) as { issues: unknown[] }).issues.length).toBeLessThanOrEqual(1000);
    // no run of seven digits or more: no ID number, no phone
    expect(text).not.toMatch(/\d{7,}/);
    expect(JSON.stringify(p.issues)).not.toMatch(/\d{7,}/);
    expect(p.issues.find((i) => i.code === 'PHONE_INVALID')?.message.zh).toContain('138***0000');

    // the rows past the first thousand issues still come with their reasons, for correcting
    const rej = await sec.get(`${base}/registry/imports/${p.id}/rejected.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(rej.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(1101);
    expect(String(sheet.getRow(1101).getCell(1).value)).toMatch(/^第 1102 行\n.*校验位/);
    await sec.send('DELETE', `${base}/registry/imports/${p.id}`);
  });
});
