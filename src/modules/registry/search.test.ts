import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '../../core/access';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import { keyringFor } from './pii';
import { fillPlaceOrders } from './places';
import { listResidents, type RegistryView } from './queries';

/**
 * The search box across a sub-district and within a community: the residents whose names match,
 * each once, in roster order (compound, building, entrance, room, household, head first, birth
 * date) with the right total, page after page.
 */

let l: TestLinli;
let sdId: string;
let east: { id: string };
let west: { id: string };
let officer: Client;
let eastSec: Client;
const ids: Record<string, string> = {};

/** Registers people through the API: `at` is [compound, building, entrance, room]. */
async function settle(c: Client, communityId: string, places: Record<string, [string, string, string, string]>, people: [string, string, string?, string?][]) {
  const base = `/api/v1/communities/${communityId}`;
  const post = async (url: string, body: unknown) => {
    const res = await c.send('POST', `${base}${url}`, body);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string; householdId: string };
  };
  const compounds = new Map<string, string>();
  const buildings = new Map<string, string>();
  const entrances = new Map<string, string>();
  const dwellings = new Map<string, string>();
  for (const [key, [compound, building, entrance, room]] of Object.entries(places)) {
    if (!compounds.has(compound)) compounds.set(compound, (await post('/registry/compounds', { name: compound })).id);
    const b = `${compound}/${building}`;
    if (!buildings.has(b)) buildings.set(b, (await post('/registry/buildings', { compoundId: compounds.get(compound), number: building })).id);
    const e = `${b}/${entrance}`;
    if (!entrances.has(e)) entrances.set(e, (await post('/registry/entrances', { buildingId: buildings.get(b), number: entrance })).id);
    dwellings.set(key, (await post('/registry/dwellings', { compoundId: compounds.get(compound), entranceId: entrances.get(e), room })).id);
  }
  const households = new Map<string, string>();
  // [name, place, birth date, relation]: the head first starts the household, the others join it
  for (const [name, place, birthDate, relation] of people) {
    const r = households.has(place)
      ? await post('/residents', { name, householdId: households.get(place), birthDate, relationToHead: relation ?? 'other' })
      : await post('/residents', { name, dwellingId: dwellings.get(place), birthDate, relationToHead: 'head' });
    households.set(place, r.householdId);
    ids[name] = r.id;
  }
}

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l, '检索街道');
  sdId = sd.id;
  east = await makeCommunity(l, sd.id, '东社区');
  west = await makeCommunity(l, sd.id, '西社区');
  eastSec = await signIn(l, (await makeUser(l, 'secretary', { communityId: east.id }, { username: 'search_east' })).username);
  const westSec = await signIn(l, (await makeUser(l, 'secretary', { communityId: west.id }, { username: 'search_west' })).username);
  officer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: sd.id }, { username: 'search_officer' })).username);
  // building 2 comes before building 10, room 501 before room 1201: shorter numbers first
  await settle(
    eastSec,
    east.id,
    { b10: ['B座小区', '10', '1', '101'], b2r1201: ['B座小区', '2', '1', '1201'], b2r501: ['B座小区', '2', '1', '501'] },
    [
      ['王十', 'b10', '1960-01-01'],
      ['王二甲', 'b2r1201', '1950-01-01'],
      ['王二乙', 'b2r1201', '1949-01-01', 'spouse'],
      ['王二丙', 'b2r1201', '1980-01-01', 'son'],
      ['李四', 'b2r1201', '1981-01-01', 'child_in_law'],
      ['王五', 'b2r501', '1970-01-01'],
    ],
  );
  await settle(
    westSec,
    west.id,
    { a3: ['A座小区', '3', '2', '301'], c1: ['C座小区', '1', '1', '101'] },
    [
      // found by "wang" through two keys (wangwang and its suffix wang): listed once
      ['王旺', 'a3', '1990-01-01'],
      ['王丙', 'c1', '1975-01-01'],
      ['王走', 'c1', '1977-01-01', 'spouse'],
    ],
  );
  const moved = await westSec.send('POST', `/api/v1/communities/${west.id}/residents/${ids['王走']}/events`, { kind: 'moved_out', date: '2026-10-01' });
  expect(moved.statusCode).toBe(200);
});
afterAll(() => l.close());

const ROSTER = ['王旺', '王五', '王二甲', '王二乙', '王二丙', '王十', '王丙'];

describe('sub-district search', () => {
  const page = async (q: string, extra = '') => {
    const res = await officer.get(`/api/v1/sub-districts/${sdId}/residents?q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { items: { name: string; address: string; communityId: string }[]; total: number; capped: boolean };
  };

  it('lists every match once, in roster order across the communities, by pinyin (whole, part, any case) and initials', async () => {
    for (const q of ['wang', 'WANG', 'wa']) {
      const all = await page(q, '&pageSize=50');
      expect(all.items.map((r) => r.name)).toEqual(ROSTER);
      expect(all.total).toBe(ROSTER.length);
      expect(all.capped).toBe(false);
    }
    const first = (await page('wang', '&pageSize=50')).items;
    expect(first.map((r) => r.address)).toEqual([
      'A座小区3号楼2单元301',
      'B座小区2号楼1单元501',
      'B座小区2号楼1单元1201',
      'B座小区2号楼1单元1201',
      'B座小区2号楼1单元1201',
      'B座小区10号楼1单元101',
      'C座小区1号楼1单元101',
    ]);
    expect(first[0].communityId).toBe(west.id);
    expect(first[1].communityId).toBe(east.id);
    // initials match from the start of the name only
    expect((await page('we', '&pageSize=50')).items.map((r) => r.name)).toEqual(['王二甲', '王二乙', '王二丙']);
  });

  it('pages through the matches in the same order, with the total on every page and past the last', async () => {
    const seen: string[] = [];
    for (let p = 1; p <= 4; p++) {
      const res = await page('wang', `&pageSize=2&page=${p}`);
      expect(res.total).toBe(ROSTER.length);
      seen.push(...res.items.map((r) => r.name));
    }
    expect(seen).toEqual(ROSTER);
    const past = await page('wang', '&pageSize=2&page=9');
    expect(past.items).toEqual([]);
    expect(past.total).toBe(ROSTER.length);
  });

  it('keeps people who moved out out of the list, and finds them in history', async () => {
    expect((await page('王走')).total).toBe(0);
    const history = await page('王走', '&status=moved_out');
    expect(history.items.map((r) => r.name)).toEqual(['王走']);
    expect(history.total).toBe(1);
  });

  it('caps the count it reports, still showing the first page in roster order', async () => {
    const v: RegistryView = {
      db: scopedDb(l.services.db.kysely, [east.id, west.id]),
      keyring: keyringFor(l.config.dataDir),
      today: '2026-11-25',
      buildingIds: null,
      sensitive: true,
    };
    const capped = await listResidents(v, { q: 'wang', status: 'active', page: 1, pageSize: 2 }, { countCap: 5 });
    expect(capped.items.map((r) => r.name)).toEqual(ROSTER.slice(0, 2));
    expect(capped).toMatchObject({ total: 5, capped: true });
    const under = await listResidents(v, { q: 'wang', status: 'active', page: 1, pageSize: 2 }, { countCap: 7 });
    expect(under).toMatchObject({ total: 7, capped: false });
    const pastCapped = await listResidents(v, { q: 'wang', status: 'active', page: 9, pageSize: 2 }, { countCap: 5 });
    expect(pastCapped).toMatchObject({ items: [], total: 5, capped: true });
  });
});

describe('community search', () => {
  it('finds the same people in the same order as the whole roster shows them, with the same count', async () => {
    const base = `/api/v1/communities/${east.id}/residents`;
    const roster = (await eastSec.get(`${base}?pageSize=200`)).json() as { items: { name: string }[]; total: number };
    expect(roster.items.map((r) => r.name)).toEqual(['王五', '王二甲', '王二乙', '王二丙', '李四', '王十']);
    for (const q of ['王', 'wang', 'w', '王二']) {
      const found = (await eastSec.get(`${base}?pageSize=200&q=${encodeURIComponent(q)}`)).json() as { items: { name: string }[]; total: number };
      const expected = roster.items.map((r) => r.name).filter((n) => n.startsWith(q.startsWith('w') ? '王' : q));
      expect(found.items.map((r) => r.name)).toEqual(expected);
      expect(found.total).toBe(expected.length);
    }
    const second = (await eastSec.get(`${base}?pageSize=2&page=2&q=wang`)).json() as { items: { name: string }[]; total: number };
    expect(second.items.map((r) => r.name)).toEqual(['王二乙', '王二丙']);
    expect(second.total).toBe(5);
  });
});

describe('roster order kept on the resident', () => {
  /** every resident's place_order as stored, and as the SQL over the places gives it */
  const storedAndComputed = async () => {
    const k = l.services.db.kysely;
    const read = async (db: typeof k) => (await db.selectFrom('resident').select(['id', 'place_order']).orderBy('id').execute()).map((r) => `${r.id} ${r.place_order}`);
    const stored = await read(k);
    await k.transaction().execute(async (tx) => {
      await fillPlaceOrders(tx, l.services.db.dialect);
      const computed = await read(tx);
      // only compared: the transaction is rolled back
      expect(computed).toEqual(stored);
      throw new Error('rollback');
    }).catch((e: Error) => {
      if (e.message !== 'rollback') throw e;
    });
    return stored;
  };

  it('is what the places give, for everyone registered, moved and merged', async () => {
    const stored = await storedAndComputed();
    expect(stored.every((s) => s.split(' ')[1].length > 0)).toBe(true);
  });

  it('moves a resident who moves within the community to their new place in the list at once', async () => {
    const base = `/api/v1/communities/${east.id}/residents`;
    const household = (await eastSec.get(`${base}/${ids['王五']}`)).json() as { householdId: string };
    // 王十 of 10号楼 moves in with 王五 in 2号楼 501
    const moved = await eastSec.send('POST', `${base}/${ids['王十']}/events`, { kind: 'moved_within', date: '2026-11-01', householdId: household.householdId });
    expect(moved.statusCode).toBe(200);
    const roster = (await eastSec.get(`${base}?pageSize=200`)).json() as { items: { name: string }[] };
    // from last to first (501 comes before 1201), after the head of the household joined: a head
    // joining another household is no longer its head
    expect(roster.items.map((r) => r.name)).toEqual(['王五', '王十', '王二甲', '王二乙', '王二丙', '李四']);
    const found = (await eastSec.get(`${base}?pageSize=200&q=wang`)).json() as { items: { name: string; address: string; relationToHead: string }[] };
    expect(found.items.map((r) => r.name)).toEqual(['王五', '王十', '王二甲', '王二乙', '王二丙']);
    expect(found.items[1]).toMatchObject({ address: 'B座小区2号楼1单元501', relationToHead: 'other' });
    await storedAndComputed();
  });

  it('moves the members of a merged household to the place of the household they joined', async () => {
    const base = `/api/v1/communities/${east.id}`;
    const from = (await eastSec.get(`${base}/residents/${ids['王五']}`)).json() as { householdId: string };
    const into = (await eastSec.get(`${base}/residents/${ids['王二甲']}`)).json() as { householdId: string };
    const merged = await eastSec.send('POST', `${base}/households/${from.householdId}/merge`, { intoHouseholdId: into.householdId, date: '2026-11-02' });
    expect(merged.statusCode).toBe(200);
    const found = (await eastSec.get(`${base}/residents?pageSize=200&q=${encodeURIComponent('王五')}`)).json() as { items: { address: string }[] };
    expect(found.items.map((r) => r.address)).toEqual(['B座小区2号楼1单元1201']);
    await storedAndComputed();
  });
});
