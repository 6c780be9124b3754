import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import { idCheckDigit } from './lib/id-number';
import { rotateDataKey } from './rotate';
import { registryFigures } from './report';
import { scopedDb } from '../../core/access';

/** A valid ID number for a birth date, gender and sequence (check digit computed, never typed). */
export function validId(birth: string, gender: 'male' | 'female', seq = 12, region = '110108'): string {
  if (seq > 498) throw new Error('validId: seq must be below 499 (three-digit order code)');
  const order = String(seq * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0');
  const first17 = `${region}${birth.replace(/-/g, '')}${order}`;
  return first17 + idCheckDigit(first17);
}

let l: TestLinli;
let community: { id: string; subDistrictId: string };
let sec: Client;
let base: string;
const place: Record<string, string> = {};

async function register(c: Client, body: Record<string, unknown>) {
  const res = await c.send('POST', `${base}/residents`, body);
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as { id: string; householdId: string; idNumberMasked: string | null };
}

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  community = await makeCommunity(l, sd.id, '测试社区');
  base = `/api/v1/communities/${community.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: community.id }, { username: 'reg_sec' })).username);
  const id = async (url: string, body: unknown) => ((await sec.send('POST', `${base}/registry/${url}`, body)).json() as { id: string }).id;
  place.compound = await id('compounds', { name: '怡丽北园' });
  place.b3 = await id('buildings', { compoundId: place.compound, number: '3号楼' });
  place.b5 = await id('buildings', { compoundId: place.compound, number: '5' });
  place.e32 = await id('entrances', { buildingId: place.b3, number: '2单元' });
  place.e51 = await id('entrances', { buildingId: place.b5, number: '1' });
  place.d401 = await id('dwellings', { compoundId: place.compound, entranceId: place.e32, room: '401' });
  place.d502 = await id('dwellings', { compoundId: place.compound, entranceId: place.e51, room: '502' });
});
afterAll(() => l.close());

describe('registering residents', () => {
  it('derives gender and birth date from the ID number and shows it masked', async () => {
    const r = await register(sec, { name: '张三', idNumber: validId('1949-12-31', 'male'), phone: '13812345678', dwellingId: place.d401 });
    const list = (await sec.get(`${base}/residents?q=张三`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      name: '张三',
      gender: 'male',
      birthDate: '1949-12-31',
      idNumberMasked: `110108********${validId('1949-12-31', 'male').slice(-4)}`,
      phoneMasked: '138****5678',
      address: '怡丽北园3号楼2单元401',
      relationToHead: 'head',
    });
    expect(list.items[0].tags).toContain('age_60');
    expect(r.householdId).toBeTruthy();
  });

  it('refuses a wrong check digit, naming the field in Chinese', async () => {
    const good = validId('1980-05-06', 'female');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await sec.send('POST', `${base}/residents`, { name: '李四', idNumber: bad, dwellingId: place.d401 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.idNumber).toBe('身份证号校验位不正确');
  });

  it('refuses a birth date that disagrees with the ID number', async () => {
    const res = await sec.send('POST', `${base}/residents`, { name: '王五', idNumber: validId('1975-03-04', 'male'), birthDate: '1975-04-03', dwellingId: place.d401 });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['birthDate']);
  });

  it('never registers the same person twice: a duplicate ID number is refused with who holds it', async () => {
    const id = validId('1990-01-01', 'female', 40);
    await register(sec, { name: '赵六', idNumber: id, dwellingId: place.d502 });
    const again = await sec.send('POST', `${base}/residents`, { name: '赵陆', idNumber: id.toLowerCase(), dwellingId: place.d502 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该身份证号已登记：赵六');
  });

  it('stores ID numbers and phones encrypted, never in clear', async () => {
    const id = validId('1966-06-06', 'male', 77);
    await register(sec, { name: '钱七', idNumber: id, phone: '13900001234', dwellingId: place.d502 });
    const row = await l.services.db.kysely.selectFrom('resident').selectAll().where('name', '=', '钱七').executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(id);
    expect(JSON.stringify(row)).not.toContain('13900001234');
    expect(row.id_number_enc).toMatch(/^v1:/);
  });
});

describe('the one search box', () => {
  beforeAll(async () => {
    for (const [name, seq] of [['张三丰', 1], ['单田芳', 2], ['曾志伟', 3], ['解放', 4], ['区小红', 5], ['欧阳修', 6], ['丹青', 7]] as const) {
      await register(sec, { name, idNumber: validId('1970-01-0' + ((seq % 9) + 1), 'male', 100 + seq), dwellingId: place.d502 });
    }
  });
  const names = async (q: string) => ((await sec.get(`${base}/residents?pageSize=50&q=${encodeURIComponent(q)}`)).json().items as { name: string }[]).map((r) => r.name).sort();

  it('finds by any part of the name in characters', async () => {
    expect(await names('三丰')).toEqual(['张三丰']);
    expect(await names('张三')).toEqual(['张三', '张三丰']);
  });

  it('finds by initials and full pinyin', async () => {
    expect(await names('zs')).toEqual(['张三', '张三丰']);
    expect(await names('zsf')).toEqual(['张三丰']);
    expect(await names('zhangsanfeng')).toEqual(['张三丰']);
    expect(await names('oyx')).toEqual(['欧阳修']);
  });

  it('reads polyphonic surnames as surnames: 单 shàn, 曾 zēng, 解 xiè, 区 ōu', async () => {
    expect(await names('shantianfang')).toEqual(['单田芳']);
    expect(await names('dantianfang')).toEqual([]);
    expect(await names('stf')).toEqual(['单田芳']);
    expect(await names('zengzhiwei')).toEqual(['曾志伟']);
    expect(await names('xiefang')).toEqual(['解放']);
    expect(await names('ouxiaohong')).toEqual(['区小红']);
    expect(await names('danqing')).toEqual(['丹青']);
  });

  it('finds by the tail of an ID number or a phone, and by address', async () => {
    const id = validId('1949-12-31', 'male');
    expect(await names(id.slice(-4))).toContain('张三');
    expect(await names('5678')).toContain('张三');
    expect(await names('3-2-401')).toEqual(['张三']);
    expect(await names('3号楼2单元401')).toEqual(['张三']);
  });

  it('lists the people of one dwelling', async () => {
    const inDwelling = (await sec.get(`${base}/residents?dwellingId=${place.d401}`)).json().items as { address: string }[];
    expect(inDwelling.length).toBeGreaterThan(0);
    expect(inDwelling.every((r) => r.address === '怡丽北园3号楼2单元401')).toBe(true);
  });
});

describe('personal data', () => {
  it('reveals an ID number in full only with the permission, and writes who saw it to the audit log', async () => {
    const r = (await sec.get(`${base}/residents?q=张三丰`)).json().items[0];
    const res = await sec.send('POST', `${base}/residents/${r.id}/reveal`, { field: 'idNumber' });
    expect(res.json().value).toBe(validId('1970-01-02', 'male', 101));
    const audit = await l.services.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'registry.reveal').where('entity_id', '=', r.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_username).toBe('reg_sec');
    expect(audit[0].after_json).not.toContain(res.json().value);

    const officer = await signIn(l, (await makeUser(l, 'auditor', { communityId: community.id })).username);
    expect((await officer.get(`${base}/residents/${r.id}`)).json().canReveal).toBe(false);
    expect((await officer.send('POST', `${base}/residents/${r.id}/reveal`, { field: 'idNumber' })).statusCode).toBe(403);
  });

  it('exports the list masked, and in full only when allowed and asked — on record — read back by LibreOffice', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-reg-'));
    const read = (buf: Buffer, name: string) => {
      fs.writeFileSync(path.join(dir, `${name}.xlsx`), buf);
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/p`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, path.join(dir, `${name}.xlsx`)], { stdio: 'pipe', timeout: 120_000 });
      return fs.readFileSync(path.join(dir, `${name}.csv`), 'utf8');
    };
    const id = validId('1949-12-31', 'male');
    const masked = read((await sec.get(`${base}/residents/export.xlsx?q=张三`)).rawPayload, 'masked');
    expect(masked).toContain('张三');
    expect(masked).toContain(`110108********${id.slice(-4)}`);
    expect(masked).not.toContain(id);
    const full = read((await sec.get(`${base}/residents/export.xlsx?q=张三&full=1`)).rawPayload, 'full');
    expect(full).toContain(id);
    expect(full).toContain('13812345678');
    const logged = await l.services.db.kysely.selectFrom('audit_log').select('after_json').where('action', '=', 'registry.export-full').execute();
    expect(logged).toHaveLength(1);
    // a sub-district officer reads the community and exports it masked, but may not see it in full
    const officer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: community.subDistrictId })).username);
    expect((await officer.get(`${base}/residents/export.xlsx?q=张三`)).statusCode).toBe(200);
    const refused = await officer.get(`${base}/residents/export.xlsx?q=张三&full=1`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    expect(await l.services.db.kysely.selectFrom('audit_log').select('seq').where('action', '=', 'registry.export-full').execute()).toHaveLength(1);
    const roster = read((await sec.get(`${base}/households/roster.xlsx`)).rawPayload, 'roster');
    expect(roster.split('\n')[0]).toContain('测试社区居民户籍花名册');
    expect(roster).toContain('与户主关系');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('key rotation', () => {
  it('re-encrypts every ID number and phone under a new key, and they still read the same', async () => {
    const r = (await sec.get(`${base}/residents?q=张三丰`)).json().items[0];
    const before = (await sec.send('POST', `${base}/residents/${r.id}/reveal`, { field: 'idNumber' })).json().value;
    const old = await l.services.db.kysely.selectFrom('resident').select('id_number_enc').where('id', '=', r.id).executeTakeFirstOrThrow();
    const out = await rotateDataKey(l.services.db, l.config, l.services.modules);
    const [, fresh] = /^new data key ([0-9a-f]{12}); re-encrypted: resident \d+/.exec(out) ?? [];
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(old.id_number_enc!.split(':')[1]);
    const row = await l.services.db.kysely.selectFrom('resident').select('id_number_enc').where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(row.id_number_enc).toMatch(new RegExp(`^v1:${fresh}:`));
    expect((await sec.send('POST', `${base}/residents/${r.id}/reveal`, { field: 'idNumber' })).json().value).toBe(before);
    // exact-match duplicate checks still work: the blind index did not change
    const again = await sec.send('POST', `${base}/residents`, { name: '重复', idNumber: before, dwellingId: place.d401 });
    expect(again.statusCode).toBe(409);
  });
});

describe('building leaders', () => {
  it('see only the residents of the buildings they look after', async () => {
    const leader = await makeUser(l, 'building_leader', { communityId: community.id });
    const offered = (await sec.get(`${base}/registry/buildings/${place.b5}/assignees`)).json();
    expect(offered.candidates.map((c: { id: string }) => c.id)).toContain(leader.id);
    const staff = await makeUser(l, 'staff', { communityId: community.id });
    expect((await sec.send('PUT', `${base}/registry/buildings/${place.b5}/assignees`, { userIds: [staff.id] })).statusCode).toBe(400);
    await sec.send('PUT', `${base}/registry/buildings/${place.b5}/assignees`, { userIds: [leader.id] });
    expect((await sec.get(`${base}/registry/buildings/${place.b5}/assignees`)).json().userIds).toEqual([leader.id]);
    const c = await signIn(l, leader.username);
    const list = (await c.get(`${base}/residents?pageSize=100`)).json() as { items: { address: string }[]; total: number };
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((r) => r.address.startsWith('怡丽北园5号楼'))).toBe(true);
    const zhang = (await sec.get(`${base}/residents?q=张三&pageSize=1`)).json().items[0];
    expect((await c.get(`${base}/residents/${zhang.id}`)).statusCode).toBe(404);
    expect((await c.get(`${base}/residents?q=3-2-401`)).json().total).toBe(0);
    const tree = (await c.get(`${base}/registry/places`)).json();
    expect(tree.compounds[0].buildings.map((b: { number: string }) => b.number)).toEqual(['5']);
  });
});

describe('life events keep history', () => {
  it('a resident who moved out leaves the lists but is found in history, with the event on the household card', async () => {
    const r = await register(sec, { name: '孙八', idNumber: validId('1985-08-08', 'male', 200), dwellingId: place.d401 });
    await register(sec, { name: '孙八妻', idNumber: validId('1986-09-09', 'female', 201), householdId: r.householdId, relationToHead: 'spouse' });
    const moved = await sec.send('POST', `${base}/residents/${r.id}/events`, { kind: 'moved_out', date: '2026-10-01', note: '迁往朝阳区' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().status).toBe('moved_out');
    expect((await sec.get(`${base}/residents?q=孙八`)).json().items.map((x: { name: string }) => x.name)).toEqual(['孙八妻']);
    const history = (await sec.get(`${base}/residents?q=孙八&status=moved_out`)).json().items;
    expect(history.map((x: { name: string }) => x.name)).toEqual(['孙八']);
    const card = (await sec.get(`${base}/households/${r.householdId}`)).json();
    expect(card.members.map((m: { name: string }) => m.name)).toEqual(['孙八妻']);
    expect(card.events.find((e: { kind: string }) => e.kind === 'moved_out')).toMatchObject({ date: '2026-10-01', residentName: '孙八' });
    const again = await sec.send('POST', `${base}/residents/${r.id}/events`, { kind: 'deceased', date: '2026-11-01' });
    expect(again.statusCode).toBe(409);
  });

  it("the report's moved-in and moved-out figures open exactly the people they count, whether they still live here or not", async () => {
    const came = await register(sec, { name: '吴十', idNumber: validId('1990-01-10', 'male', 410), dwellingId: place.d401, movedInDate: '2026-10-05' });
    await register(sec, { name: '何十一', idNumber: validId('1991-02-11', 'female', 411), dwellingId: place.d502, movedInDate: '2026-10-10' });
    await register(sec, { name: '冯十二', idNumber: validId('1992-03-12', 'male', 412), dwellingId: place.d502, movedInDate: '2026-09-30' });
    expect((await sec.send('POST', `${base}/residents/${came.id}/events`, { kind: 'moved_out', date: '2026-10-20' })).statusCode).toBe(200);
    const section = await registryFigures(scopedDb(l.services.db.kysely, community.id), '2026-10-01', '2026-10-31');
    const names = async (key: string) => {
      const figure = section.figures.find((x) => x.key === key)!;
      expect(figure.link).toContain('from=2026-10-01&to=2026-10-31');
      const list = (await sec.get(`${base}/${figure.link}&pageSize=200`)).json() as { items: { name: string }[]; total: number };
      expect(list.total, key).toBe(figure.value);
      return list.items.map((x) => x.name).sort();
    };
    // 吴十 came and went within October; 孙八 moved out on its first day; 冯十二 came in September
    expect(await names('movedIn')).toEqual(['吴十', '何十一'].sort());
    expect(await names('movedOut')).toEqual(['吴十', '孙八'].sort());
    const backwards = await sec.get(`${base}/residents?moved=moved_in&from=2026-10-31&to=2026-10-01`);
    expect(backwards.statusCode).toBe(400);
  });

  it('a move within the community starts a household at the new dwelling and records where from', async () => {
    const r = await register(sec, { name: '周九', idNumber: validId('1979-07-07', 'female', 300), dwellingId: place.d401 });
    const res = await sec.send('POST', `${base}/residents/${r.id}/events`, { kind: 'moved_within', date: '2026-11-01', dwellingId: place.d502 });
    expect(res.json().address).toBe('怡丽北园5号楼1单元502');
    expect(res.json().events.find((e: { kind: string }) => e.kind === 'moved_within').details).toMatchObject({ fromHouseholdId: r.householdId });
  });
});

describe('care tags', () => {
  it('tags many residents at once, filters by tag, and removing a tag ends it without losing its history', async () => {
    const ids = ((await sec.get(`${base}/residents?q=zs`)).json().items as { id: string }[]).map((x) => x.id);
    expect((await sec.send('POST', `${base}/residents/tags`, { residentIds: ids, tag: 'empty_nest', action: 'add' })).json()).toEqual({ changed: 2 });
    expect((await sec.send('POST', `${base}/residents/tags`, { residentIds: ids, tag: 'empty_nest', action: 'add' })).json()).toEqual({ changed: 0 });
    expect((await sec.get(`${base}/residents?tag=empty_nest`)).json().total).toBe(2);
    await sec.send('POST', `${base}/residents/tags`, { residentIds: [ids[0]], tag: 'empty_nest', action: 'remove', date: '2026-11-25' });
    expect((await sec.get(`${base}/residents?tag=empty_nest`)).json().total).toBe(1);
    const detail = (await sec.get(`${base}/residents/${ids[0]}`)).json();
    expect(detail.tagDetails).toEqual([expect.objectContaining({ tag: 'empty_nest', endDate: '2026-11-25' })]);
  });

  it('hides sensitive tags from staff, and counts ages from birth dates', async () => {
    const r = (await sec.get(`${base}/residents?q=丹青`)).json().items[0];
    await sec.send('POST', `${base}/residents/tags`, { residentIds: [r.id], tag: 'rectified', action: 'add' });
    const staff = await signIn(l, (await makeUser(l, 'staff', { communityId: community.id })).username);
    expect((await staff.get(`${base}/residents?tag=rectified`)).json().total).toBe(0);
    expect((await staff.get(`${base}/residents/${r.id}`)).json().tags).not.toContain('rectified');
    expect((await staff.send('POST', `${base}/residents/tags`, { residentIds: [r.id], tag: 'rectified', action: 'remove' })).statusCode).toBe(403);
    expect((await sec.get(`${base}/residents?tag=rectified`)).json().total).toBe(1);
    await register(sec, { name: '寿星', idNumber: validId('1940-11-26', 'female', 400), dwellingId: place.d502 });
    await register(sec, { name: '差一天', idNumber: validId('1946-11-26', 'female', 401), dwellingId: place.d502 });
    const eighty = (await sec.get(`${base}/residents?ageBand=80%2B&pageSize=100`)).json().items as { name: string; age: number }[];
    // today is 2026-11-25: born 1946-11-26 turns 80 tomorrow
    expect(eighty.map((x) => [x.name, x.age])).toEqual([['寿星', 85]]);
    expect((await sec.get(`${base}/residents?tag=age_80`)).json().total).toBe(1);
  });

  it('saves a list of filters that counts who is on it now', async () => {
    const saved = await sec.send('POST', `${base}/saved-lists`, { name: '80岁以上', filters: { ageBand: '80+' } });
    expect(saved.json().count).toBeGreaterThan(0);
    const via = (await sec.get(`${base}/residents?savedListId=${saved.json().id}`)).json();
    expect(via.total).toBe(saved.json().count);
  });

  it('keeps a list built on a sensitive tag from staff: not listed, 404 when asked for, not exported, not deleted, not made', async () => {
    // 丹青 holds 归正人员 since the test above
    const saved = await sec.send('POST', `${base}/saved-lists`, { name: '重点帮教对象', filters: { tag: 'rectified' } });
    expect(saved.statusCode).toBe(200);
    const id = saved.json().id as string;
    const staff = await signIn(l, (await makeUser(l, 'staff', { communityId: community.id })).username);
    const names = (c: Client) => c.get(`${base}/saved-lists`).then((r) => (r.json() as { name: string }[]).map((x) => x.name));
    expect(await names(staff)).toContain('80岁以上');
    expect(await names(staff)).not.toContain('重点帮教对象');
    expect((await staff.get(`${base}/residents?savedListId=${id}`)).statusCode).toBe(404);
    expect((await staff.get(`${base}/residents/export.xlsx?savedListId=${id}`)).statusCode).toBe(404);
    expect((await staff.send('DELETE', `${base}/saved-lists/${id}`)).statusCode).toBe(404);
    const made = await staff.send('POST', `${base}/saved-lists`, { name: '另一份', filters: { tag: 'age_60,mental_health' } });
    expect(made.statusCode).toBe(403);
    expect(await names(staff)).not.toContain('另一份');

    expect(await names(sec)).toContain('重点帮教对象');
    expect((await sec.get(`${base}/residents?savedListId=${id}`)).json().total).toBe(1);
    expect((await sec.get(`${base}/residents/export.xlsx?savedListId=${id}`)).statusCode).toBe(200);
  });
});

describe('sub-district search', () => {
  it('finds residents across every community of the sub-district for its officer, and only their own for a secretary', async () => {
    const sd = await makeSubDistrict(l, '跨社区街道');
    const c1 = await makeCommunity(l, sd.id, '东社区');
    const c2 = await makeCommunity(l, sd.id, '西社区');
    for (const [c, name, seq] of [[c1, '欧阳东', 1], [c2, '欧阳西', 2]] as const) {
      const s = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
      const b = `/api/v1/communities/${c.id}`;
      const compound = (await s.send('POST', `${b}/registry/compounds`, { name: '小区' })).json().id;
      const dwelling = (await s.send('POST', `${b}/registry/dwellings`, { compoundId: compound, room: '1号', address: '平房1号' })).json().id;
      expect((await s.send('POST', `${b}/residents`, { name, idNumber: validId('1960-02-02', 'male', 450 + seq), dwellingId: dwelling })).statusCode).toBe(200);
    }
    const officer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: sd.id })).username);
    const all = (await officer.get(`/api/v1/sub-districts/${sd.id}/residents?q=oy`)).json();
    expect(all.items.map((r: { name: string }) => r.name).sort()).toEqual(['欧阳东', '欧阳西']);
    expect(all.items.find((r: { name: string }) => r.name === '欧阳西').communityId).toBe(c2.id);
    const sec1 = await signIn(l, (await makeUser(l, 'secretary', { communityId: c1.id })).username);
    expect((await sec1.get(`/api/v1/sub-districts/${sd.id}/residents?q=oy`)).json().items.map((r: { name: string }) => r.name)).toEqual(['欧阳东']);
    expect((await sec.get(`/api/v1/sub-districts/${sd.id}/residents?q=oy`)).statusCode).toBe(404);
    const tooShort = await officer.get(`/api/v1/sub-districts/${sd.id}/residents?q=o`);
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.fields.q).toBe('至少 2 个字符');
  });
});

describe('households split and merge', () => {
  it('splits a married son off into his own household at the same dwelling, and merges it back, keeping both histories', async () => {
    const head = await register(sec, { name: '吴老', idNumber: validId('1950-03-03', 'male', 60), dwellingId: place.d502 });
    const son = await register(sec, { name: '吴小', idNumber: validId('1978-04-04', 'male', 61), householdId: head.householdId, relationToHead: 'son' });
    const wife = await register(sec, { name: '郑媳', idNumber: validId('1980-05-05', 'female', 62), householdId: head.householdId, relationToHead: 'child_in_law' });
    const split = await sec.send('POST', `${base}/households/${head.householdId}/split`, { residentIds: [son.id, wife.id], headId: son.id, date: '2026-06-01' });
    expect(split.statusCode).toBe(200);
    const newCard = (await sec.get(`${base}/households/${split.json().id}`)).json();
    expect(newCard.members.map((m: { name: string; relationToHead: string }) => [m.name, m.relationToHead])).toEqual([['吴小', 'head'], ['郑媳', 'child_in_law']]);
    expect(newCard.neighbours.map((n: { id: string }) => n.id)).toContain(head.householdId);
    expect(newCard.events[0]).toMatchObject({ kind: 'household_split', date: '2026-06-01' });

    const all = await sec.send('POST', `${base}/households/${head.householdId}/split`, { residentIds: [head.id], headId: head.id, date: '2026-06-02' });
    expect(all.statusCode).toBe(400);

    const merged = await sec.send('POST', `${base}/households/${split.json().id}/merge`, { intoHouseholdId: head.householdId, date: '2026-09-01' });
    expect(merged.statusCode).toBe(200);
    const card = (await sec.get(`${base}/households/${head.householdId}`)).json();
    expect(card.members.map((m: { name: string; relationToHead: string }) => [m.name, m.relationToHead]).sort()).toEqual([
      ['吴小', 'other'],
      ['吴老', 'head'],
      ['郑媳', 'child_in_law'],
    ]);
    expect(card.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['household_split', 'household_merged']));
    const ended = (await sec.get(`${base}/households/${split.json().id}`)).json();
    expect(ended.status).toBe('ended');
  });
});

describe('grids', () => {
  it('groups buildings into a grid', async () => {
    const gridId = '7d9a3a52-5f3e-4b0a-9d7e-1b2c3d4e5f60';
    const res = await sec.send('PUT', `${base}/grids/${gridId}`, { name: '第一网格', buildingIds: [place.b3, place.b5] });
    expect(res.statusCode).toBe(200);
    expect((await sec.get(`${base}/grids`)).json()).toEqual([{ id: gridId, name: '第一网格', buildingIds: expect.arrayContaining([place.b3, place.b5]) }]);
    const tree = (await sec.get(`${base}/registry/places`)).json();
    expect(tree.compounds[0].buildings.every((b: { gridId: string }) => b.gridId === gridId)).toBe(true);
  });
});
