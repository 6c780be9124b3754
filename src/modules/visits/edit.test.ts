import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFields, createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';

type Plan = Record<string, unknown> & { id: string; targets: (Record<string, unknown> & { id: string; visit: Record<string, unknown> | null })[] };

let l: TestLinli;
let sec: Client;
let base: string;
let listId: string;
let today: string;

async function ok<T = Plan>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as T;
}
const plan = async (id: string) => ok(await sec.get(`${base}/plans/${id}`));

beforeAll(async () => {
  l = await createTestLinli();
  today = l.clock.now().toISOString().slice(0, 10);
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id);
  const reg = `/api/v1/communities/${c.id}`;
  base = `${reg}/visits`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  const id = async (url: string, body: unknown) => (await ok<{ id: string }>(await sec.send('POST', `${reg}/${url}`, body))).id;
  const compound = await id('registry/compounds', { name: '春晖苑' });
  const building = await id('registry/buildings', { compoundId: compound, number: '4' });
  const entrance = await id('registry/entrances', { buildingId: building, number: '1' });
  const dwelling = await id('registry/dwellings', { compoundId: compound, entranceId: entrance, room: '101' });
  const resident = await id('residents', { name: '老军人', birthDate: '1938-08-01', dwellingId: dwelling });
  await ok(await sec.send('POST', `${reg}/residents/tags`, { residentIds: [resident], tag: 'retired_cadre', action: 'add', date: '2020-01-01' }));
  listId = await id('saved-lists', { name: '离退休干部', filters: { tag: 'retired_cadre' } });
});
afterAll(() => l.close());

async function newPlan() {
  const { id } = await ok<{ id: string }>(
    await sec.send('POST', `${base}/plans`, {
      occasion: 'august_first',
      year: Number(today.slice(0, 4)),
      title: '八一走访老军人',
      savedListId: listId,
      plannedFrom: today,
      plannedTo: today,
      money: 800,
      gifts: '慰问信、水果',
      notes: '街道武装部一同前往',
    }),
  );
  return plan(id);
}

describe('an edit of a visit plan or a visit changes only what it was sent', () => {
  it('a note on a plan keeps its money per person', async () => {
    const p = await newPlan();
    const before = await plan(p.id);
    const after = await ok(await sec.send('PATCH', `${base}/plans/${p.id}`, { notes: '改由社区书记带队' }));
    expect(changedFields(before, after)).toEqual(['notes']);
    expect(after.money).toBe(800);
    expect((await plan(p.id)).money).toBe(800);
  });

  it('each field of a plan sent alone changes that field and nothing else', async () => {
    const p = await newPlan();
    const edits: [string, unknown][] = [
      ['title', '八一走访退役军人'],
      ['occasion', 'other'],
      ['gifts', null],
      ['money', 600],
      ['year', 2025],
    ];
    for (const [field, value] of edits) {
      const before = await plan(p.id);
      const after = await ok(await sec.send('PATCH', `${base}/plans/${p.id}`, { [field]: value }));
      // the money a plan gives shows in its progress too, once visits are recorded; none are yet
      expect(changedFields(before, after), field).toEqual([field]);
    }
  });

  it('a visit corrected without its money keeps the money given; null clears only the notes', async () => {
    const p = await newPlan();
    const target = p.targets[0];
    const url = `${base}/plans/${p.id}/targets/${target.id}/visit`;
    await ok(await sec.send('PUT', url, { date: today, visitors: '吴主任、王干事', money: 800, gifts: '慰问信', notes: '老人身体硬朗' }));
    const visitOf = async () => (await plan(p.id)).targets[0].visit!;
    const before = await visitOf();
    await ok(await sec.send('PUT', url, { date: today, visitors: '吴主任、王干事、李委员' }));
    expect(changedFields(before, await visitOf())).toEqual(['visitors']);
    expect((await visitOf()).money).toBe(800);
    await ok(await sec.send('PUT', url, { date: today, visitors: '吴主任、王干事、李委员', notes: null }));
    expect((await visitOf()).notes).toBeNull();
    expect((await visitOf()).gifts).toBe('慰问信');
  });

  it('a visit recorded without money gives none', async () => {
    const p = await newPlan();
    await ok(await sec.send('PUT', `${base}/plans/${p.id}/targets/${p.targets[0].id}/visit`, { date: today, visitors: '吴主任' }));
    expect((await plan(p.id)).targets[0].visit).toMatchObject({ money: 0, gifts: null, notes: null });
  });
});
