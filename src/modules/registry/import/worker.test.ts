import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '../../../core/access';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../../core/testing';
import { keyringFor, open } from '../pii';
import { fillPlaceOrders } from '../places';
import { residentsBase } from '../queries';
import { searchKeys } from '../search';
import { importRoster, type ImportOptions, type ImportOutcome } from './apply';
import { convertWithLibreOffice, makeId, tempDir, withWrongCheckDigit } from './fixtures';

/**
 * A large roster is read, checked, sealed and indexed on a worker thread while the import writes.
 * Whichever thread does it, the registry must end up the same.
 */

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗单曾'];
const GIVEN = [...'伟刚勇毅俊峰强军平保东文辉力明永健世广志秀娟英华慧巧美娜静淑惠珠翠乐重长'];

/** A roster with a one-cell title row, households of three, care tags, and a few bad rows. */
function roster(rows: number): string {
  const lines = ['某社区居民花名册', '序号,姓名,性别,身份证号,联系电话,楼号,单元,门牌号,与户主关系,特殊群体'];
  for (let i = 0; i < rows; i++) {
    const hh = Math.floor(i / 3);
    const birth = `19${String(30 + (i % 60)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}1${i % 9}`;
    let id = makeId(birth, String(100 + (i % 900)).padStart(3, '0'), String(110101 + Math.floor(i / 900)));
    if (i === 17) id = withWrongCheckDigit(id);
    // row 41 repeats the ID number of row 40
    if (i === 41) id = makeId(`19${String(30 + (40 % 60)).padStart(2, '0')}${String(1 + (40 % 12)).padStart(2, '0')}1${40 % 9}`, String(140).padStart(3, '0'), '110101');
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 4 ? GIVEN[(i * 13) % GIVEN.length] : '');
    const phone = i % 5 === 0 ? '' : `13${String(800000000 + i * 7919).slice(0, 9)}`;
    const tag = i % 50 === 0 ? '独居老人' : i % 77 === 0 ? '残疾人(二级)' : '';
    const gender = Number(id[16]) % 2 ? '男' : '女';
    lines.push([i + 1, name, gender, id, phone, `${1 + Math.floor(hh / 40)}号楼`, `${1 + (Math.floor(hh / 10) % 4)}单元`, `${1 + (hh % 6)}0${1 + (hh % 4)}`, ['户主', '配偶', '子'][i % 3], tag].join(','));
  }
  return lines.join('\n') + '\n';
}

let l: TestLinli;
let dir: string;
let file: string;
let sd: { id: string };

beforeAll(async () => {
  l = await createTestLinli();
  sd = await makeSubDistrict(l);
  dir = await tempDir();
  file = path.join(dir, 'roster.csv');
  fs.writeFileSync(file, roster(1500));
});
afterAll(async () => {
  await l.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const optsFor = (name: string, more: Partial<ImportOptions> = {}): ImportOptions => ({
  createPlaces: true,
  onDuplicate: 'skip',
  dryRun: false,
  today: new Date('2026-11-25T02:00:00Z'),
  actorUserId: null,
  communityName: name,
  sqlite: l.services.db.sqlite,
  ...more,
});

async function importInto(community: { id: string; name: string }, src: string, more: Partial<ImportOptions> = {}, onProgress?: (done: number) => void): Promise<ImportOutcome> {
  return l.services.db.kysely.transaction().execute((tx) =>
    importRoster({ db: scopedDb(tx, community.id), keyring: keyringFor(l.config.dataDir), today: '2026-11-25', buildingIds: null, sensitive: true }, { path: src }, path.basename(src), optsFor(community.name, more), onProgress),
  );
}

/** The community's registry as a user would read it back, without ids: one line per resident. */
async function registryOf(communityId: string) {
  const db = l.services.db.kysely;
  const keyring = keyringFor(l.config.dataDir);
  const residents = await residentsBase({ db: scopedDb(db, communityId), buildingIds: null })
    .select(['resident.id', 'resident.name', 'resident.gender', 'resident.birth_date', 'resident.id_number_enc', 'resident.id_number_hash', 'resident.id_number_tail', 'resident.phone_enc', 'resident.phone_hash', 'resident.phone_tail', 'resident.relation_to_head', 'resident.status', 'household.id as household', 'building.number as building', 'entrance.number as entrance', 'dwelling.room'])
    .execute();
  const keys = await db.selectFrom('resident_search').select(['resident_id', 'key']).where('community_id', '=', communityId).execute();
  const events = await db.selectFrom('life_event').select(['resident_id', 'household_id', 'kind', 'details_json']).where('community_id', '=', communityId).execute();
  const tags = await db.selectFrom('care_tag').select(['resident_id', 'household_id', 'tag', 'grade']).where('community_id', '=', communityId).execute();
  const keysOf = new Map<string, string[]>();
  for (const k of keys) keysOf.set(k.resident_id, [...(keysOf.get(k.resident_id) ?? []), k.key]);
  const eventsOf = new Map(events.map((e) => [e.resident_id, e]));
  const idOf = new Map(residents.map((r) => [r.id, open(r.id_number_enc, keyring)]));
  const lines = residents.map((r) => {
    const e = eventsOf.get(r.id);
    const head = residents.find((x) => x.household === r.household && x.relation_to_head === 'head');
    return [
      idOf.get(r.id),
      r.name,
      r.gender,
      r.birth_date,
      r.id_number_hash,
      r.id_number_tail,
      open(r.phone_enc, keyring),
      r.phone_hash,
      r.phone_tail,
      r.relation_to_head,
      r.status,
      `${r.building}-${r.entrance}-${r.room}`,
      // the household, by its head's ID number
      head ? idOf.get(head.id) : null,
      (keysOf.get(r.id) ?? []).sort().join(' '),
      e ? `${e.kind} ${e.household_id === r.household} ${e.details_json}` : null,
      tags
        .filter((t) => t.resident_id === r.id || (t.household_id === r.household && t.resident_id === null))
        .map((t) => `${t.tag}:${t.grade}`)
        .sort()
        .join(' '),
    ].join('|');
  });
  return lines.sort();
}

/** What the import reports, without anything that names the file. */
const report = (o: ImportOutcome) => ({ ...o });

describe('preparing rows on a worker thread', () => {
  it('imports a roster to the same registry and the same report as in one thread', async () => {
    const a = await makeCommunity(l, sd.id, '甲社区');
    const b = await makeCommunity(l, sd.id, '乙社区');
    const inWorker = await importInto(a, file, { worker: true });
    const inThread = await importInto(b, file, { worker: false });

    expect(inWorker).toMatchObject({ rows: 1500, errors: 2, imported: 1498, skipped: 0, duplicatesInRegistry: 0 });
    expect(inWorker.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.code])).toEqual([
      [20, 'ID_CHECK_DIGIT'],
      [44, 'ID_DUPLICATE'],
    ]);
    // the places are named after the community they are created in
    const sameNames = (o: ImportOutcome) => JSON.parse(JSON.stringify(report(o)).replaceAll('甲社区', '乙社区')) as ImportOutcome;
    expect(sameNames(inWorker)).toEqual(report(inThread));

    const regA = await registryOf(a.id);
    const regB = await registryOf(b.id);
    expect(regA).toHaveLength(1498);
    expect(regA).toEqual(regB);
    // every resident has an ID number, sealed, a registration event and search keys
    for (const line of regA) {
      const f = line.split('|');
      expect(f[0]).toMatch(/^\d{17}[\dX]$/);
      expect(f[13]).not.toBe('');
      expect(f[14]).toMatch(/^registered true \{"import":"roster.csv","row":\d+\}$/);
    }
  });

  it('gives the same registry when the importing thread seals the rows the worker left it', async () => {
    const sealedHere = await makeCommunity(l, sd.id, '封社区甲');
    const left = await makeCommunity(l, sd.id, '封社区乙');
    const leftInThread = await makeCommunity(l, sd.id, '封社区丙');
    const a = await importInto(sealedHere, file, { worker: false });
    const b = await importInto(left, file, { worker: true, handOff: 'always' });
    const c = await importInto(leftInThread, file, { worker: false, handOff: 'always' });
    expect(b).toMatchObject({ imported: a.imported, errors: a.errors });
    expect(c).toMatchObject({ imported: a.imported, errors: a.errors });
    const reg = await registryOf(sealedHere.id);
    expect(await registryOf(left.id)).toEqual(reg);
    expect(await registryOf(leftInThread.id)).toEqual(reg);
    // sealed: nothing in clear in the rows
    const clear = await l.services.db.kysely
      .selectFrom('resident')
      .select('id')
      .where('community_id', '=', left.id)
      .where((eb) => eb.or([eb('id_number_enc', 'like', '%110101%'), eb('phone_enc', 'like', '13%')]))
      .execute();
    expect(clear).toEqual([]);
  });

  it('finds the people a worker imported by name, pinyin, initials, ID tail and phone tail', async () => {
    const c = await makeCommunity(l, sd.id, '丙社区');
    const sec: Client = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
    await importInto(c, file, { worker: true });
    const base = `/api/v1/communities/${c.id}/residents`;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    // the third person, with a phone
    const [, name, , id, phone] = lines[2 + 2].split(',');
    expect(name).toBe('张明美');
    const find = async (q: string) => ((await sec.get(`${base}?q=${encodeURIComponent(q)}`)).json() as { items: { name: string }[] }).items.map((r) => r.name);
    expect(await find(name)).toContain(name);
    expect(await find('mingmei')).toContain(name);
    expect(await find('zhangmingmei')).toContain(name);
    expect(await find('zmm')).toContain(name);
    expect(await find(id.slice(-6))).toContain(name);
    expect(await find(phone.slice(-4))).toContain(name);
    expect(await find('shan')).not.toHaveLength(0);
  });

  it('re-importing through the worker finds everyone already registered and writes nothing', async () => {
    const c = await makeCommunity(l, sd.id, '丁社区');
    await importInto(c, file, { worker: true });
    const before = await registryOf(c.id);
    const again = await importInto(c, file, { worker: true, onDuplicate: 'update' });
    expect(again).toMatchObject({ rows: 1500, imported: 0, updated: 0, skipped: 1498, duplicatesInRegistry: 1498 });
    expect(await registryOf(c.id)).toEqual(before);
  });

  it('writes search keys only for the rows it imports, not for those it skips or refuses', async () => {
    const part = path.join(dir, 'part.csv');
    fs.writeFileSync(part, roster(1000));
    for (const worker of [true, false]) {
      const c = await makeCommunity(l, sd.id, worker ? '键社区甲' : '键社区乙');
      await importInto(c, part, { worker });
      // the whole roster again, without new places: the first 1,000 are registered already, and
      // of the rest only those living in dwellings that exist are imported
      const o = await importInto(c, file, { worker, createPlaces: false });
      expect(o.skipped).toBe(998);
      expect(o.imported).toBeGreaterThan(0);
      expect(o.issues.filter((i) => i.code === 'PLACE_UNKNOWN').length).toBeGreaterThan(0);
      const k = l.services.db.kysely;
      const residents = await k.selectFrom('resident').select(['id', 'name']).where('community_id', '=', c.id).execute();
      expect(residents).toHaveLength(998 + o.imported);
      const keys = await k.selectFrom('resident_search').select(['resident_id', 'key']).where('community_id', '=', c.id).execute();
      const byResident = new Map<string, string[]>();
      for (const r of keys) byResident.set(r.resident_id, [...(byResident.get(r.resident_id) ?? []), r.key]);
      // nobody's keys but the residents', and each resident's all
      expect([...byResident.keys()].filter((id) => !residents.some((r) => r.id === id))).toEqual([]);
      for (const r of residents) expect((byResident.get(r.id) ?? []).sort()).toEqual(searchKeys(r.name).sort());
    }
  });

  it('a dry run through the worker writes nothing and shows the sample in clear', async () => {
    const c = await makeCommunity(l, sd.id, '戊社区');
    const dry = await importInto(c, file, { worker: true, dryRun: true });
    const real = await importInto(await makeCommunity(l, sd.id, '己社区'), file, { worker: false, dryRun: true });
    expect(dry).toMatchObject({ rows: 1500, valid: 1498, imported: 1498 });
    expect(dry.sample).toEqual(real.sample);
    expect(dry.sample[0].idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(await registryOf(c.id)).toEqual([]);
  });

  it('an import failing halfway leaves the registry as it was, and stops the worker', async () => {
    const c = await makeCommunity(l, sd.id, '庚社区');
    await expect(
      importInto(c, file, { worker: true }, (done) => {
        if (done >= 1000) throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    expect(await registryOf(c.id)).toEqual([]);
    expect(Number((await l.services.db.kysely.selectFrom('dwelling').select((eb) => eb.fn.countAll().as('n')).where('community_id', '=', c.id).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it("passes on the file's own problems as the same errors", async () => {
    const c = await makeCommunity(l, sd.id, '辛社区');
    const bad = path.join(dir, 'no-header.csv');
    fs.writeFileSync(bad, '一些,不是,表头\n1,2,3\n');
    await expect(importInto(c, bad, { worker: true })).rejects.toMatchObject({ name: 'AppError', code: 'ROSTER_NO_HEADER' });
  });

  it('reads an .xlsx on the worker as in one thread', async () => {
    const small = path.join(dir, 'small.csv');
    fs.writeFileSync(small, roster(60).replace('某社区居民花名册', '某社区居民花名册,,,,,,,,,'));
    const xlsx = await convertWithLibreOffice(small, 'xlsx', 'xlsx', 'CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2/9/2/10/2');
    const a = await importInto(await makeCommunity(l, sd.id, '壬社区'), xlsx, { worker: true, dryRun: true });
    const b = await importInto(await makeCommunity(l, sd.id, '壬社区二'), xlsx, { worker: false, dryRun: true });
    expect(a).toMatchObject({ rows: 60, valid: 58, errors: 2 });
    expect(a.sample).toEqual(b.sample);
    expect(a.issues).toEqual(b.issues);
  });
});

describe('reading a CSV', () => {
  it('reads rows wider and narrower than a one-cell title row, and a UTF-8 byte-order mark', async () => {
    const c = await makeCommunity(l, sd.id, '癸社区');
    const f = path.join(dir, 'bom.csv');
    const rows = roster(4).split('\n');
    // a row with an extra cell, a row missing its last cells
    rows[3] += ',多余';
    rows[4] = rows[4].split(',').slice(0, 8).join(',');
    fs.writeFileSync(f, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.join('\n'))]));
    const o = await importInto(c, f, { dryRun: true });
    expect(o).toMatchObject({ headerRow: 2, rows: 4, valid: 4 });
    expect(o.headers[0]).toBe('序号');
    expect(o.sample.map((r) => [r.row, r.relationToHead])).toEqual([
      [3, 'head'],
      [4, 'spouse'],
      [5, null],
      [6, 'head'],
    ]);
  });
});

describe('roster order of imported residents', () => {
  /** each resident's name with their place_order, as stored and as the SQL over the places gives it */
  const placed = async (communityId: string) => {
    const k = l.services.db.kysely;
    const read = async (db: typeof k) =>
      (await db.selectFrom('resident').select(['name', 'place_order']).where('community_id', '=', communityId).orderBy('place_order').orderBy('name').execute()).map((r) => `${r.name} ${r.place_order}`);
    const stored = await read(k);
    let computed: string[] = [];
    await k
      .transaction()
      .execute(async (tx) => {
        await fillPlaceOrders(tx, l.services.db.dialect, communityId);
        computed = await read(tx);
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
    expect(stored).toEqual(computed);
    return stored.map((s) => s.split(' ')[0]);
  };

  it('is where the places say, also for someone joining by its number a household registered elsewhere', async () => {
    const c = await makeCommunity(l, sd.id, '排序社区');
    const head = ['1', '赵一', makeId('19600101', '011'), '10号楼', '1单元', '101', '户主', 'H1'];
    const first = path.join(dir, 'first.csv');
    fs.writeFileSync(
      first,
      [
        '序号,姓名,身份证号,楼号,单元,门牌号,与户主关系,户号',
        head.join(','),
        ['2', '钱二', makeId('19700101', '021'), '2号楼', '1单元', '1201', '户主', 'H2'].join(','),
        ['3', '孙三', makeId('19710101', '031'), '2号楼', '1单元', '501', '户主', 'H3'].join(','),
      ].join('\n') + '\n',
    );
    expect(await importInto(c, first, { worker: false })).toMatchObject({ imported: 3, errors: 0 });
    expect(await placed(c.id)).toEqual(['孙三', '钱二', '赵一']);
    // 李四 joins household H1 (10号楼101) though the row names 2号楼501
    const later = path.join(dir, 'later.csv');
    fs.writeFileSync(later, ['序号,姓名,身份证号,楼号,单元,门牌号,与户主关系,户号', ['1', '李四', makeId('19900101', '041'), '2号楼', '1单元', '501', '子', 'H1'].join(',')].join('\n') + '\n');
    expect(await importInto(c, later, { worker: false })).toMatchObject({ imported: 1, errors: 0 });
    expect(await placed(c.id)).toEqual(['孙三', '钱二', '李四', '赵一']);
  });
});
