import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFields, createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli, ok } from '../../core/testing';

type Rec = Record<string, unknown> & { id: string };

let l: TestLinli;
let sec: Client;
let base: string;
const place: Record<string, string> = {};

const post = async (url: string, body: unknown) => ok(await sec.send('POST', `${base}/party/${url}`, body));
const get = async <T = Rec>(url: string) => ok<T>(await sec.get(`${base}/party/${url}`));
const patch = async (url: string, body: unknown) => ok(await sec.send('PATCH', `${base}/party/${url}`, body));

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id);
  base = `/api/v1/communities/${c.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  const id = async (url: string, body: unknown) => (await ok(await sec.send('POST', `${base}/registry/${url}`, body))).id;
  place.compound = await id('compounds', { name: '春晖小区' });
  place.b2 = await id('buildings', { compoundId: place.compound, number: '2' });
  place.b6 = await id('buildings', { compoundId: place.compound, number: '6' });
  place.e21 = await id('entrances', { buildingId: place.b2, number: '1' });
  place.d101 = await id('dwellings', { compoundId: place.compound, entranceId: place.e21, room: '101' });
  place.group = (await post('groups', { name: '第一党小组' })).id;
  place.team = (await post('volunteer-teams', { name: '银发服务队', kind: 'service' })).id;
});
afterAll(() => l.close());

let n = 0;
/** An old member, frail, in a group and a team, living in the registry. */
async function frailMember(): Promise<string> {
  n += 1;
  const resident = await ok(await sec.send('POST', `${base}/residents`, { name: `沈老${n}`, dwellingId: place.d101, politicalStatus: 'cpc_member' }));
  return (await post('members', { kind: 'registered', residentId: resident.id, groupId: place.group, joinedDate: '1958-07-01', status: 'frail', volunteerTeamId: place.team, notes: '行动不便，简报送上门' })).id;
}
const pledgeOf = async (id: string) => (await get<Rec[]>('pledges')).find((p) => p.id === id)!;

describe('an edit of a party record changes only what it was sent', () => {
  it('a note on a frail member keeps her frail, so the newsletter still reaches her', async () => {
    const id = await frailMember();
    const before = await get(`members/${id}`);
    await patch(`members/${id}`, { notes: '2026 年起由女儿代收' });
    expect(changedFields(before, await get(`members/${id}`))).toEqual(['notes']);
    expect(await get(`members/${id}`)).toMatchObject({ status: 'frail', groupId: place.group, volunteerTeamId: place.team, joinedDate: '1958-07-01', notes: '2026 年起由女儿代收' });
    expect((await get<{ memberId: string }[]>('newsletter-recipients')).map((r) => r.memberId)).toContain(id);
  });

  it('each field of a member sent alone changes that field and nothing else; null clears only its own field', async () => {
    const id = await frailMember();
    const edits: [Record<string, unknown>, string[]][] = [
      [{ joinedDate: '1959-07-01' }, ['joinedDate']],
      [{ kind: 'reporting' }, ['kind']],
      [{ status: 'mobile' }, ['status']],
      [{ volunteerTeamId: null }, ['volunteerTeamId', 'volunteerTeamName']],
      [{ groupId: null }, ['groupId', 'groupName']],
    ];
    for (const [body, changed] of edits) {
      const before = await get(`members/${id}`);
      await patch(`members/${id}`, body);
      expect(changedFields(before, await get(`members/${id}`)), JSON.stringify(body)).toEqual(changed.sort());
    }
  });

  it('a pledge’s title corrected alone keeps its area of responsibility; its target cleared alone keeps the rest', async () => {
    const member = await frailMember();
    const year = Number(l.clock.now().toISOString().slice(0, 4));
    const pledge = await post('pledges', { level: 'member', year, memberId: member, title: '负责2号楼楼道', owner: '沈老', target: '每周清扫', areas: [{ buildingId: place.b2, entranceId: place.e21 }, { buildingId: place.b6 }] });
    const before = await pledgeOf(pledge.id);
    const after = await patch(`pledges/${pledge.id}`, { title: '负责2号楼、6号楼楼道' });
    expect(changedFields(before, after)).toEqual(['title']);
    expect((await pledgeOf(pledge.id)).areas).toEqual(before.areas);
    expect((before.areas as unknown[]).length).toBe(2);

    const cleared = await patch(`pledges/${pledge.id}`, { target: null });
    expect(changedFields(after, cleared)).toEqual(['target']);
    // areas sent are the new areas
    const moved = await patch(`pledges/${pledge.id}`, { areas: [{ buildingId: place.b6 }] });
    expect(changedFields(cleared, moved)).toEqual(['areas']);
  });

  it('a group, a model member and an honour each change only in the field sent', async () => {
    const leader = await frailMember();
    const group = (await post('groups', { name: '第二党小组', leaderMemberId: leader, sort: 2 })).id;
    const groupOf = async () => (await get<{ groups: Rec[] }>('branch')).groups.find((g) => g.id === group)!;
    let before = await groupOf();
    await patch(`groups/${group}`, { sort: 5 });
    expect(changedFields(before, await groupOf())).toEqual([]);
    await patch(`groups/${group}`, { name: '第二党小组（东区）' });
    expect(changedFields(before, await groupOf())).toEqual(['name']);

    const model = (await post('model-members', { year: 2025, memberId: leader, deeds: '义务清扫楼道十年' })).id;
    const modelOf = async () => (await get<Rec[]>('model-members')).find((m) => m.id === model)!;
    before = await modelOf();
    await patch(`model-members/${model}`, { deeds: '义务清扫楼道十二年' });
    expect(changedFields(before, await modelOf())).toEqual(['deeds']);

    const honour = (await post('honours', { memberId: leader, title: '优秀共产党员', awardedBy: '武康街道党工委', date: '2025-06-28' })).id;
    const honourOf = async () => (await get<Rec[]>('honours')).find((h) => h.id === honour)!;
    before = await honourOf();
    await patch(`honours/${honour}`, { awardedBy: '德清县委' });
    expect(changedFields(before, await honourOf())).toEqual(['awardedBy']);
    before = await honourOf();
    // null names no member: the honour is the branch's
    await patch(`honours/${honour}`, { memberId: null });
    expect(changedFields(before, await honourOf())).toEqual(['memberId', 'memberName']);
  });

  it('a committee term ended alone keeps its member, seat and start; an election corrected without its notes keeps them', async () => {
    const [a, b] = [await frailMember(), await frailMember()];
    const seat = (await post('leaders', { memberId: a, role: 'deputy', termStart: '2021-03-01' })).id;
    const seatOf = async () => (await get<{ history: { leaders: Rec[] } }>('branch')).history.leaders.find((s) => s.id === seat)!;
    const before = await seatOf();
    await patch(`leaders/${seat}`, { termEnd: '2024-02-29' });
    expect(changedFields(before, await seatOf())).toEqual(['termEnd']);

    const election = await post('elections', { date: '2024-03-01', seats: 1, voters: 2, notes: '换届选举，街道党工委到会指导', candidates: [{ memberId: b, votes: 2, role: 'secretary' }] });
    const corrected = await ok(await sec.send('PUT', `${base}/party/elections/${election.id}`, { date: '2024-03-01', seats: 1, voters: 2, candidates: [{ memberId: b, votes: 2, role: 'secretary' }] }));
    expect(changedFields(election, corrected)).toEqual([]);
    expect(corrected.notes).toBe('换届选举，街道党工委到会指导');
    const cleared = await ok(await sec.send('PUT', `${base}/party/elections/${election.id}`, { date: '2024-03-01', seats: 1, voters: 2, notes: null, candidates: [{ memberId: b, votes: 2, role: 'secretary' }] }));
    expect(changedFields(election, cleared)).toEqual(['notes']);
  });
});
