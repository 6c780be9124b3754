import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '../../../core/access';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../../core/testing';
import { keyringFor } from '../pii';
import { importRoster } from './apply';
import { convertWithLibreOffice, makeId, tempDir, withWrongCheckDigit } from './fixtures';

/** A roster as a committee keeps one: a title row, a date row, synonyms for headers, households in blocks. */
function rosterCsv(rows: string[][]): string {
  const header = ['序号', '姓名', '性别', '公民身份号码', '手机', '楼号', '单元', '房号', '与户主关系', '人员类别'];
  return ['怡丽北园社区居民花名册,,,,,,,,,', '填表日期：2026年11月,,,,,,,,,', header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

const ids = {
  head: makeId('19450302', '011'),
  wife: makeId('19470815', '022'),
  son: makeId('19750101', '033'),
  alone: makeId('19400606', '044'),
};
const good = [
  ['1', '张三', '男', ids.head, '13812345678', '3号楼', '2单元', '401', '户主', '离退休干部'],
  ['2', '李秀英', '女', ids.wife, '', '3号楼', '2单元', '401', '配偶', ''],
  ['3', '张建国', '男', ids.son, '13900001111', '3号楼', '2单元', '401', '子', ''],
  ['4', '单田芳', '男', ids.alone, '', '5号楼', '1单元', '101', '户主', '独居老人'],
];
const bad = ['5', '王五', '男', withWrongCheckDigit(makeId('19800101', '055')), '', '5号楼', '1单元', '102', '户主', ''];

let l: TestLinli;
let dir: string;
let sec: Client;
let base: string;
let community: { id: string; name: string };

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  community = await makeCommunity(l, sd.id, '怡丽北园社区');
  base = `/api/v1/communities/${community.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: community.id })).username);
  dir = await tempDir();
});
afterAll(async () => {
  await l.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function upload(c: Client, file: string): Promise<{ statusCode: number; json: () => Record<string, unknown> & { id: string } }> {
  const boundary = '----linli' + Date.now();
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(path.basename(file))}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    fs.readFileSync(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await l.app.inject({
    method: 'POST',
    url: `${base}/registry/imports`,
    headers: { cookie: c.cookie, origin: 'http://localhost', host: 'localhost', 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  return { statusCode: res.statusCode, json: () => res.json() };
}

const count = async () => Number((await l.services.db.kysely.selectFrom('resident').select((eb) => eb.fn.countAll().as('n')).where('community_id', '=', community.id).executeTakeFirstOrThrow()).n);

describe('importing a roster', () => {
  it('dry-runs an .xlsx made by LibreOffice: row errors as the spreadsheet numbers them, the places it would create, nothing written', async () => {
    const csv = path.join(dir, 'roster.csv');
    fs.writeFileSync(csv, rosterCsv([...good, bad]));
    const xlsx = await convertWithLibreOffice(csv, 'xlsx', 'xlsx', 'CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2/9/2/10/2');
    const res = await upload(sec, xlsx);
    expect(res.statusCode).toBe(200);
    const p = res.json() as Record<string, unknown> & { id: string; issues: { row: number; code: string; column: string; message: { zh: string } }[] };
    expect(p).toMatchObject({ headerRow: 3, rows: 5, valid: 0, errors: 5, duplicatesInRegistry: 0, createPlaces: false });
    expect(p.newPlaces).toEqual({ compounds: ['怡丽北园社区'], buildings: ['怡丽北园社区3号楼', '怡丽北园社区5号楼'], entrances: ['怡丽北园社区3号楼2单元', '怡丽北园社区5号楼1单元'], dwellings: 2 });
    const check = p.issues.find((i) => i.code === 'ID_CHECK_DIGIT')!;
    expect(check).toMatchObject({ row: 8, column: '公民身份号码' });
    expect(check.message.zh).toContain('校验位');
    expect(await count()).toBe(0);

    // the user confirms the new places: four rows are good, one is not
    const again = (await sec.send('POST', `${base}/registry/imports/${p.id}/preview`, { createPlaces: true })).json();
    expect(again).toMatchObject({ rows: 5, valid: 4, errors: 1 });

    // the rejected rows, as they were, with the reason first — read back by LibreOffice
    const rej = await sec.get(`${base}/registry/imports/${p.id}/rejected.xlsx`);
    expect(rej.statusCode).toBe(200);
    fs.writeFileSync(path.join(dir, 'rejected.xlsx'), rej.rawPayload);
    const back = fs.readFileSync(await convertWithLibreOffice(path.join(dir, 'rejected.xlsx'), 'csv:Text - txt - csv (StarCalc):44,34,76', 'csv'), 'utf8');
    expect(back.split('\n')[0]).toContain('错误说明');
    expect(back).toContain('王五');
    expect(back).not.toContain('张三');

    const commit = await l.app.inject({
      method: 'POST',
      url: `${base}/registry/imports/${p.id}/commit`,
      headers: { cookie: sec.cookie, origin: 'http://localhost', host: 'localhost', 'content-type': 'application/json', 'x-linli-wait': '1' },
      payload: JSON.stringify({ createPlaces: true, onDuplicate: 'skip' }),
    });
    expect(commit.json()).toEqual({ id: p.id, status: 'done' });
    const job = (await sec.get(`${base}/registry/imports/${p.id}`)).json();
    expect(job).toMatchObject({ status: 'done', result: { rows: 5, imported: 4, updated: 0, skipped: 0, errors: 1 } });
    expect(await count()).toBe(4);

    // households come out as the roster groups them
    const zhang = (await sec.get(`${base}/residents?q=zhangsan`)).json().items[0];
    const card = (await sec.get(`${base}/households/${zhang.householdId}`)).json();
    expect(card.members.map((m: { name: string; relationToHead: string }) => [m.name, m.relationToHead])).toEqual([
      ['张三', 'head'],
      ['李秀英', 'spouse'],
      ['张建国', 'son'],
    ]);
    expect(zhang.tags).toContain('retired_cadre');
    expect((await sec.get(`${base}/residents?q=shantianfang`)).json().items[0].tags).toContain('living_alone');
  });

  it('re-importing the same file changes nothing; a later import flags unknown places unless confirmed again', async () => {
    const csv = path.join(dir, 'roster2.csv');
    fs.writeFileSync(csv, rosterCsv([...good, ['6', '新人', '女', makeId('19900909', '066'), '', '9号楼', '1单元', '101', '户主', '']]));
    const p = (await upload(sec, csv)).json() as { id: string; duplicatesInRegistry: number; errors: number; issues: { row: number; code: string }[] };
    expect(p.duplicatesInRegistry).toBe(4);
    expect(p.issues.find((i) => i.code === 'PLACE_UNKNOWN')).toMatchObject({ row: 8 });
    const before = await count();
    const commit = await l.app.inject({
      method: 'POST',
      url: `${base}/registry/imports/${p.id}/commit`,
      headers: { cookie: sec.cookie, origin: 'http://localhost', host: 'localhost', 'content-type': 'application/json', 'x-linli-wait': '1' },
      payload: JSON.stringify({ createPlaces: false, onDuplicate: 'update' }),
    });
    expect(commit.json().status).toBe('done');
    expect((await sec.get(`${base}/registry/imports/${p.id}`)).json().result).toEqual({ rows: 5, imported: 0, updated: 0, skipped: 4, errors: 1 });
    expect(await count()).toBe(before);
  });

  it('reports an import that died with its server as failed, not running forever', async () => {
    const csv = path.join(dir, 'stale.csv');
    fs.writeFileSync(csv, rosterCsv([good[0]]));
    const p = (await upload(sec, csv)).json();
    await l.services.db.kysely.updateTable('import_job').set({ status: 'running', updated_at: new Date(l.clock.now().getTime() - 2 * 3_600_000).toISOString() }).where('id', '=', p.id).execute();
    expect((await sec.get(`${base}/registry/imports/${p.id}`)).json()).toMatchObject({ status: 'failed', error: '导入因服务器重启而中断，名册没有任何改变，请重新导入' });
  });

  it('reads a GBK-encoded CSV as WPS and Excel save it', async () => {
    const csv = path.join(dir, 'gbk.csv');
    fs.writeFileSync(csv, iconv.encode(rosterCsv([['1', '曾志伟', '男', makeId('19530212', '077'), '', '3号楼', '2单元', '401', '其他', '']]), 'gbk'));
    const p = (await upload(sec, csv)).json() as unknown as { valid: number; sample: { name: string; relationToHead: string }[]; newPlaces: { dwellings: number } };
    expect(p.valid).toBe(1);
    expect(p.sample[0]).toMatchObject({ name: '曾志伟', relationToHead: 'other' });
    expect(p.newPlaces.dwellings).toBe(0);
  });

  it('an import interrupted halfway leaves the registry as it was', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => [String(i + 1), `测试${i}`, '女', makeId('19600101', String(100 + (i % 800)).padStart(3, '0'), String(110000 + Math.floor(i / 800))), '', '7号楼', '1单元', String(100 + i), '户主', '']);
    const csv = path.join(dir, 'big.csv');
    fs.writeFileSync(csv, rosterCsv(rows));
    const before = await count();
    const places = Number((await l.services.db.kysely.selectFrom('dwelling').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    await expect(
      l.services.db.kysely.transaction().execute(async (tx) =>
        importRoster(
          { db: scopedDb(tx, community.id), keyring: keyringFor(l.config.dataDir), today: '2026-11-25', buildingIds: null, sensitive: true },
          { path: csv },
          'big.csv',
          { createPlaces: true, onDuplicate: 'skip', dryRun: false, today: new Date(), actorUserId: null, communityName: community.name },
          (done) => {
            if (done >= 1000) throw new Error('power cut');
          },
        ),
      ),
    ).rejects.toThrow('power cut');
    expect(await count()).toBe(before);
    expect(Number((await l.services.db.kysely.selectFrom('dwelling').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(places);
  });

  it('imports from the command line with a JSON summary naming rows as the spreadsheet does', async (ctx) => {
    ctx.skip(Boolean(l.config.databaseUrl), 'the CLI opens the configured database; this drives the SQLite file');
    const csv = path.join(dir, 'cli.csv');
    fs.writeFileSync(csv, rosterCsv([['1', '解放', '男', makeId('19500505', '099'), '', '3号楼', '2单元', '403', '户主', ''], bad]));
    const run = (...extra: string[]) =>
      JSON.parse(
        execFileSync(process.execPath, [path.resolve('bin/linli.mjs'), 'import', csv, '--community', community.name, '--create-places', '--json', ...extra], {
          env: { ...process.env, LINLI_DATA_DIR: l.config.dataDir, DATABASE_URL: '' },
          encoding: 'utf8',
        }),
      ) as { rows: number; imported: number; errors: { row: number; column: string; code: string; message: string }[] };
    const dry = run('--dry-run');
    expect(dry).toMatchObject({ rows: 2, imported: 1, updated: 0, skipped: 0 });
    expect(dry.errors).toEqual([expect.objectContaining({ row: 5, column: '公民身份号码', code: 'ID_CHECK_DIGIT' })]);
    expect((await sec.get(`${base}/residents?q=xiefang`)).json().total).toBe(0);
    expect(run().imported).toBe(1);
    expect((await sec.get(`${base}/residents?q=xiefang`)).json().total).toBe(1);
    expect(run().imported).toBe(0);
  });
});
