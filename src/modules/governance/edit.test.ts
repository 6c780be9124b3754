import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFields, createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli, ok } from '../../core/testing';

type Rec = Record<string, unknown> & { id: string };

let l: TestLinli;
let sec: Client;
let gov: string;
let meeting: string;
let resolution: string;

const get = async <T = Rec>(url: string) => ok<T>(await sec.get(`${gov}/${url}`));
const send = async (method: 'POST' | 'PUT' | 'PATCH', url: string, body: unknown) => ok(await sec.send(method, `${gov}/${url}`, body));
const today = () => new Date(l.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id);
  const base = `/api/v1/communities/${c.id}`;
  gov = `${base}/governance`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  const id = async (url: string, body: unknown) => (await ok(await sec.send('POST', `${base}/${url}`, body))).id;
  const compound = await id('registry/compounds', { name: '怡丽北园' });
  const building = await id('registry/buildings', { compoundId: compound, number: '1' });
  const entrance = await id('registry/entrances', { buildingId: building, number: '1' });
  const reps: string[] = [];
  for (const [i, name] of ['赵一', '钱二', '孙三'].entries()) {
    const dwelling = await id('registry/dwellings', { compoundId: compound, entranceId: entrance, room: `10${i + 1}` });
    reps.push(await id('governance/representatives', { residentId: await id('residents', { name, dwellingId: dwelling }), termStart: '2024-01-01' }));
  }
  meeting = (await send('POST', 'meetings', { title: '2026年第四次居民代表大会', date: today(), place: '社区活动室', chair: '吴主任', recorder: '王干事' })).id;
  await send('PUT', `meetings/${meeting}/attendance`, { marks: reps.map((r) => ({ representativeId: r, present: true })) });
  const passed = (await send('POST', 'proposals', { title: '楼道加装感应灯', background: '居民反映夜间楼道太暗', source: 'resident', submitterName: '王大妈' })).id;
  await send('POST', `meetings/${meeting}/agenda`, { proposalId: passed });
  await send('PUT', `meetings/${meeting}/proposals/${passed}/votes`, { votes: reps.map((r) => ({ representativeId: r, choice: 'for' })) });
  await send('POST', `meetings/${meeting}/proposals/${passed}/decide`, {});
  resolution = (await get<Rec[]>('resolutions'))[0].id;
});
afterAll(() => l.close());

describe('an edit of a self-governance record changes only what it was sent', () => {
  it('minutes written alone keep the meeting’s place, chair and recorder', async () => {
    const before = await get(`meetings/${meeting}`);
    await send('PATCH', `meetings/${meeting}`, { minutes: '会议由吴主任主持，三名代表到会。' });
    expect(changedFields(before, await get(`meetings/${meeting}`))).toEqual(['minutes']);
    await send('PATCH', `meetings/${meeting}`, { recorder: null });
    const after = await get(`meetings/${meeting}`);
    expect(after).toMatchObject({ recorder: null, chair: '吴主任', place: '社区活动室', minutes: '会议由吴主任主持，三名代表到会。' });
  });

  it('a cost estimate corrected alone keeps a proposal’s wording, source and weight', async () => {
    const p = (await send('POST', 'proposals', { title: '地下室改造', background: '地下室潮湿，堆放杂物', source: 'representative', submitterName: '钱二', major: true, costEstimate: 50000, submit: false })).id;
    const before = await get(`proposals/${p}`);
    await send('PATCH', `proposals/${p}`, { costEstimate: 42000 });
    expect(changedFields(before, await get(`proposals/${p}`))).toEqual(['costEstimate', 'history']);
  });

  it('a notice draft reworded without its resolution stays the notice of that resolution, with its period', async () => {
    const n = (await send('POST', 'notices', { kind: 'resolution', title: '关于楼道加装感应灯的公示', body: '经居民代表大会表决通过……', resolutionId: resolution, periodRule: 'days', periodLength: 10, sealName: '怡丽北园社区居委会（章）' })).id;
    const before = await get(`notices/${n}`);
    await send('PUT', `notices/${n}`, { kind: 'resolution', title: '关于楼道加装声控灯的公示', body: '经居民代表大会表决通过……', periodRule: 'days' });
    expect(changedFields(before, await get(`notices/${n}`))).toEqual(['title']);
    await send('PUT', `notices/${n}`, { kind: 'resolution', title: '关于楼道加装声控灯的公示', body: '经居民代表大会表决通过……', periodRule: 'days', resolutionId: null });
    expect(await get(`notices/${n}`)).toMatchObject({ resolutionId: null, periodLength: 10 });
  });

  it('a partner recorded as having left keeps its liaison’s title and phone and its agreement; null clears the phone', async () => {
    const u = (await send('POST', 'partners', { name: '德清县第一小学', kind: '学校', liaisonName: '沈老师', liaisonTitle: '德育处主任', liaisonPhone: '13857212345', joinedOn: '2023-09-01', agreementStart: '2023-09-01', agreementEnd: '2026-08-31' })).id;
    const partnerOf = async () => (await get<Rec[]>('partners')).find((p) => p.id === u)!;
    const before = await partnerOf();
    expect(before.liaisonPhoneMasked).toBeTruthy();
    await send('PUT', `partners/${u}`, { name: '德清县第一小学', kind: '学校', liaisonName: '沈老师', joinedOn: '2023-09-01', leftOn: '2026-09-01' });
    const left = await partnerOf();
    expect(changedFields(before, left)).toEqual(['leftOn']);
    await send('PUT', `partners/${u}`, { name: '德清县第一小学', kind: '学校', liaisonName: '沈老师', joinedOn: '2023-09-01', liaisonPhone: null });
    expect(changedFields(left, await partnerOf())).toEqual(['liaisonPhoneMasked']);
  });
});
