import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { convertWithLibreOffice, makeId, sheetXml, tempDir, withWrongCheckDigit, xlsxParts, zipOf } from '../registry/import/fixtures';

let l: TestLinli;
let sec: Client;
let leader: Client;
let base: string;
let otherBase: string;
let communityId: string;
let dir: string;
const rid: Record<string, string> = {};
const other: Record<string, string> = {};
const ID = { zhang: makeId('19500701', '101'), sun: makeId('19600301', '203'), li: makeId('19850504', '305'), other: makeId('19700101', '407') };

async function ok(res: { statusCode: number; body: string; json(): unknown }) {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Record<string, never>;
}

interface Outcome {
  rows: number;
  imported: number;
  skipped: number;
  errors: { row: number; column: string; message: string }[];
  members: { row: number; name: string; residentLinked: boolean }[];
}

/** A roster as the office types it, converted to .xlsx by LibreOffice (ID and phone columns as text). */
async function roster(name: string, rows: string[][]): Promise<string> {
  const csv = path.join(dir, `${name}.csv`);
  const lines = [['测试社区党员名册'], ['姓名', '身份证号', '联系电话', '党小组', '入党日期', '类别', '状态'], ...rows];
  fs.writeFileSync(csv, lines.map((r) => r.join(',')).join('\n') + '\n');
  return convertWithLibreOffice(csv, 'xlsx', 'xlsx', 'CSV:44,34,76,1,2/2/3/2,2052,false,true');
}

async function upload(c: Client, b: string, file: string, dryRun: boolean) {
  const boundary = '----linli' + Date.now();
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(path.basename(file))}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    fs.readFileSync(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return l.app.inject({
    method: 'POST',
    url: `${b}/party/members/import${dryRun ? '?dryRun=1' : ''}`,
    headers: { cookie: c.cookie, origin: 'http://localhost', host: 'localhost', 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}

const members = async () =>
  (await l.services.db.kysely.selectFrom('party_member').select(['name', 'resident_id', 'kind', 'status', 'joined_date', 'group_id', 'phone_tail']).where('community_id', '=', communityId).orderBy('name').execute());

beforeAll(async () => {
  l = await createTestLinli();
  dir = await tempDir('linli-party-import-');
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id, '测试社区');
  const c2 = await makeCommunity(l, sd.id, '别的社区');
  communityId = c.id;
  base = `/api/v1/communities/${c.id}`;
  otherBase = `/api/v1/communities/${c2.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  leader = await signIn(l, (await makeUser(l, 'building_leader', { communityId: c.id })).username);
  const otherSec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c2.id })).username);
  const id = async (cl: Client, b: string, url: string, body: unknown): Promise<string> => (await ok(await cl.send('POST', `${b}/${url}`, body))).id;
  for (const [cl, b, out] of [[sec, base, rid], [otherSec, otherBase, other]] as const) {
    const compound = await id(cl, b, 'registry/compounds', { name: '怡丽北园' });
    const building = await id(cl, b, 'registry/buildings', { compoundId: compound, number: '3' });
    const entrance = await id(cl, b, 'registry/entrances', { buildingId: building, number: '2' });
    out.dwelling = await id(cl, b, 'registry/dwellings', { compoundId: compound, entranceId: entrance, room: '401' });
  }
  rid.zhang = await id(sec, base, 'residents', { name: '张住户', idNumber: ID.zhang, phone: '13812345678', dwellingId: rid.dwelling });
  rid.sun = await id(sec, base, 'residents', { name: '孙已登', idNumber: ID.sun, dwellingId: rid.dwelling });
  // an ID number registered in another community links nothing here
  await id(otherSec, otherBase, 'residents', { name: '外社区人', idNumber: ID.other, dwellingId: other.dwelling });
  await id(sec, base, 'party/groups', { name: '第一党小组' });
  await id(sec, base, 'party/groups', { name: '第二党小组' });
  // 孙已登 is on the books already
  await id(sec, base, 'party/members', { kind: 'registered', residentId: rid.sun });
});
afterAll(async () => {
  await l.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const good = [
  ['张住户', ID.zhang, '', '第一党小组', '1980-07-01', '在册', '正常'],
  ['李外住', ID.li, '13900002222', '第二党小组', '1995-05-04', '在职党员报到', '流动'],
  ['王无号', '', '', '', '', '', '年老体弱'],
  ['孙已登', ID.sun, '', '第一党小组', '', '在册', '正常'],
];

describe('importing party members from a roster', () => {
  it('a dry run names each bad row as the spreadsheet numbers it and writes nothing', async () => {
    const file = await roster('bad', [...good, ['赵错组', '', '', '不存在的小组', '', '在册', '正常'], ['钱错号', withWrongCheckDigit(ID.other), '', '', '1980-13-01', '党员', '']]);
    const before = await members();
    const res = await upload(sec, base, file, true);
    const out = (await ok(res)) as unknown as Outcome;
    expect(out.rows).toBe(6);
    expect(out.imported).toBe(0);
    expect(out.errors.map((e) => [e.row, e.column])).toEqual([
      [7, '党小组'],
      [8, '身份证号'],
      [8, '入党日期'],
      [8, '类别'],
    ]);
    expect(out.errors[0].message).toContain('第7行');
    expect(out.errors[0].message).toContain('不存在的小组');
    // without the dry run a file with errors imports nothing either
    const real = (await ok(await upload(sec, base, file, false))) as unknown as Outcome;
    expect(real.imported).toBe(0);
    expect(real.errors).toHaveLength(4);
    expect(await members()).toEqual(before);
  });

  it('a dry run of a clean roster tells what would be imported, linked and skipped', async () => {
    const file = await roster('good-dry', good);
    const out = (await ok(await upload(sec, base, file, true))) as unknown as Outcome;
    expect(out).toMatchObject({ rows: 4, imported: 0, skipped: 1, errors: [] });
    expect(out.members).toEqual([
      { row: 3, name: '张住户', residentLinked: true },
      { row: 4, name: '李外住', residentLinked: false },
      { row: 5, name: '王无号', residentLinked: false },
    ]);
    expect(await members()).toHaveLength(1);
    // on record, but not as an import
    const logged = await l.services.db.kysely.selectFrom('audit_log').select('action').where('community_id', '=', communityId).where('action', 'like', 'party.import-members%').execute();
    expect(logged.filter((a) => a.action === 'party.import-members-dry-run').length).toBeGreaterThanOrEqual(2);
  });

  it('imports in one go, links a resident by ID number, skips who is on the books; importing again changes nothing', async () => {
    const file = await roster('good', good);
    expect((await upload(leader, base, file, false)).statusCode).toBe(403);
    const out = (await ok(await upload(sec, base, file, false))) as unknown as Outcome;
    expect(out).toMatchObject({ rows: 4, imported: 3, skipped: 1, errors: [] });

    const groups = (await ok(await sec.get(`${base}/party/branch`))) as unknown as { groups: { id: string; name: string }[] };
    const group = (n: string) => groups.groups.find((g) => g.name === n)?.id;
    const after = await members();
    expect(after).toEqual([
      { name: '孙已登', resident_id: rid.sun, kind: 'registered', status: 'normal', joined_date: null, group_id: null, phone_tail: null },
      { name: '张住户', resident_id: rid.zhang, kind: 'registered', status: 'normal', joined_date: '1980-07-01', group_id: group('第一党小组'), phone_tail: null },
      { name: '李外住', resident_id: null, kind: 'reporting', status: 'mobile', joined_date: '1995-05-04', group_id: group('第二党小组'), phone_tail: '2222' },
      { name: '王无号', resident_id: null, kind: 'registered', status: 'frail', joined_date: null, group_id: null, phone_tail: null },
    ].sort((a, b) => (a.name < b.name ? -1 : 1)));
    // the linked member shows the registry's phone, masked
    const list = (await ok(await sec.get(`${base}/party/members?q=张住户`))) as unknown as { items: { residentId: string; phoneMasked: string; residentStatus: string }[] };
    expect(list.items[0]).toMatchObject({ residentId: rid.zhang, residentStatus: 'active', phoneMasked: '138****5678' });

    const audit = await l.services.db.kysely.selectFrom('audit_log').select(['after_json']).where('action', '=', 'party.import-members').where('community_id', '=', communityId).execute();
    expect(audit.map((a) => JSON.parse(a.after_json ?? '{}') as { imported: number })).toContainEqual(expect.objectContaining({ imported: 3 }));

    const again = (await ok(await upload(sec, base, file, false))) as unknown as Outcome;
    expect(again).toMatchObject({ rows: 4, imported: 0, skipped: 4, errors: [] });
    expect(await members()).toEqual(after);
  });

  it('a member living elsewhere is known again by ID number, even with a new phone', async () => {
    if (!(await members()).some((m) => m.name === '李外住')) await ok(await upload(sec, base, await roster('good-first', good), false));
    const file = await roster('moved-phone', [['李外住', ID.li, '13900009999', '第二党小组', '1995-05-04', '在职党员报到', '流动']]);
    const out = (await ok(await upload(sec, base, file, false))) as unknown as Outcome;
    expect(out).toMatchObject({ rows: 1, imported: 0, skipped: 1, errors: [] });
    expect((await members()).filter((m) => m.name === '李外住')).toHaveLength(1);
  });

  it('an ID number of a resident of another community links nothing here', async () => {
    const file = await roster('other', [['外社区人', ID.other, '', '', '', '在册', '正常']]);
    const out = (await ok(await upload(sec, base, file, true))) as unknown as Outcome;
    expect(out.members).toEqual([{ row: 3, name: '外社区人', residentLinked: false }]);
  });
});

describe('a member roster that cannot be read as one', () => {
  const HEADER = ['姓名', '身份证号', '联系电话', '党小组', '入党日期', '类别', '状态'];
  const rows = (n: number) => Array.from({ length: n }, (_, i) => [`党员${i}`, '', '', '', '1980-07-01', '在册', '正常']);
  const write = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const refusal = async (file: string) => {
    const res = await upload(sec, base, file, true);
    expect(res.statusCode, file).toBe(400);
    return res.json().error as { code: string; message: string };
  };

  it('is refused with the registry reader’s message when damaged, empty, or declaring a DTD', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员');
    for (const r of [HEADER, ...rows(40)]) ws.addRow(r);
    const whole = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await refusal(write('cut.xlsx', whole.subarray(0, Math.floor(whole.length * 0.6))))).toMatchObject({ code: 'ROSTER_XLSX_DAMAGED', message: expect.stringContaining('已损坏') });
    const noise = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 7919 + 13) % 251));
    expect(await refusal(write('noise-parts.xlsx', zipOf(xlsxParts('').map((p) => ({ ...p, data: noise })))))).toMatchObject({ code: 'ROSTER_XLSX_DAMAGED' });
    expect(await refusal(write('dtd.xlsx', zipOf(xlsxParts(sheetXml([HEADER, ...rows(2)], '<!DOCTYPE worksheet [<!ENTITY x "y">]>\n')))))).toMatchObject({ code: 'ROSTER_XLSX_DAMAGED' });
    expect(await refusal(write('empty.xlsx', Buffer.alloc(0)))).toMatchObject({ code: 'ROSTER_NOT_SPREADSHEET', message: expect.stringContaining('不是电子表格文件') });
  });

  it('is refused when its rows mix GBK and UTF-8, and a row that does not read is an error naming it', async () => {
    const lines = [HEADER, ...rows(9)].map((r) => r.join(',') + '\n');
    const mixed = Buffer.concat(lines.map((r, i) => (i < 5 ? iconv.encode(r, 'gbk') : Buffer.from(r, 'utf8'))));
    expect(await refusal(write('mixed.csv', mixed))).toMatchObject({ code: 'ROSTER_MIXED_ENCODING', message: expect.stringContaining('第 1 行是 GBK（ANSI），第 6 行是 UTF-8') });

    const broken = Buffer.concat([Buffer.from(lines.slice(0, 3).join(''), 'utf8'), Buffer.from('Jos\xe9,,,,1980-07-01,\xc4,\n', 'latin1'), Buffer.from(lines.slice(3).join(''), 'utf8')]);
    const out = (await ok(await upload(sec, base, write('broken.csv', broken), true))) as unknown as Outcome;
    expect(out.errors).toEqual([{ row: 4, column: '', message: expect.stringContaining('第4行：有读不出的字符') }]);
    expect(out.rows).toBe(10);
  });

  it('is refused past the row limit, naming it', async () => {
    const small = await createTestLinli({ config: { importMaxRows: 20 } });
    try {
      const sd = await makeSubDistrict(small);
      const c = await makeCommunity(small, sd.id);
      const s = await signIn(small, (await makeUser(small, 'secretary', { communityId: c.id })).username);
      const file = write('long.csv', Buffer.from([HEADER, ...rows(50)].map((r) => r.join(',')).join('\n')));
      const boundary = '----linli' + Date.now();
      const res = await small.app.inject({
        method: 'POST',
        url: `/api/v1/communities/${c.id}/party/members/import?dryRun=1`,
        headers: { cookie: s.cookie, origin: 'http://localhost', host: 'localhost', 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="long.csv"\r\nContent-Type: text/csv\r\n\r\n`), fs.readFileSync(file), Buffer.from(`\r\n--${boundary}--\r\n`)]),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({ code: 'ROSTER_TOO_MANY_ROWS', message: '花名册超过 20 行，一次最多导入 20 行：请分成几个文件导入' });
    } finally {
      await small.close();
    }
  });
});
