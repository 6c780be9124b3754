import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFields, createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli, ok } from '../../core/testing';

type Rec = Record<string, unknown> & { id: string };

let l: TestLinli;
let sec: Client;
let svc: string;
let staffId: string;
let resident: string;
let dwelling: string;

const get = async <T = Rec>(url: string) => ok<T>(await sec.get(`${svc}/${url}`));
const send = async (method: 'POST' | 'PUT', url: string, body: unknown) => ok(await sec.send(method, `${svc}/${url}`, body));
const itemOf = async (id: string) => (await get<Rec[]>('items')).find((x) => x.id === id)!;

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id);
  const base = `/api/v1/communities/${c.id}`;
  svc = `${base}/services`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  staffId = (await makeUser(l, 'staff', { communityId: c.id }, { username: 'wang_staff' })).id;
  const id = async (url: string, body: unknown) => (await ok(await sec.send('POST', `${base}/${url}`, body))).id;
  const compound = await id('registry/compounds', { name: '怡丽北园' });
  const building = await id('registry/buildings', { compoundId: compound, number: '3' });
  const entrance = await id('registry/entrances', { buildingId: building, number: '2' });
  dwelling = await id('registry/dwellings', { compoundId: compound, entranceId: entrance, room: '401' });
  resident = await id('residents', { name: '张奶奶', birthDate: '1938-03-02', dwellingId: dwelling });
});
afterAll(() => l.close());

describe('an edit of a service record changes only what it was sent', () => {
  it('a hall service’s time limit changed alone keeps its duties, window, staff member and order', async () => {
    const item = (await send('POST', 'items', { area: 'hall', name: '民政', duties: '低保、临时救助的受理', staffUserId: staffId, staffName: '王社工', location: '2号窗口', timeLimitHours: 72, sort: 5 })).id;
    const before = await itemOf(item);
    await send('PUT', `items/${item}`, { area: 'hall', name: '民政', timeLimitHours: 48 });
    const after = await itemOf(item);
    expect(changedFields(before, after)).toEqual(['timeLimitHours']);
    await send('PUT', `items/${item}`, { area: 'hall', name: '民政', timeLimitHours: 48, location: null });
    expect(changedFields(after, await itemOf(item))).toEqual(['location']);
  });

  it('a provider recorded as having left keeps its contact, agreement, hours and prices', async () => {
    const repair = (await send('POST', 'items', { area: 'station', name: '家电维修', timeLimitHours: 48, door: true })).id;
    const p = await send('POST', 'providers', {
      name: '德清惠民家电维修部',
      contactName: '沈师傅',
      phone: '13957211111',
      address: '武康街道英溪南路 18 号',
      agreementNo: 'CH-2025-03',
      agreementStart: '2025-01-01',
      agreementEnd: '2026-12-31',
      hours: '周一至周六 8:00-17:00',
      prices: '上门费 10 元',
      joinedDate: '2025-01-01',
      notes: '老人维修免上门费',
      itemIds: [repair],
    });
    const providerOf = async () => (await get<Rec[]>('providers?includeLeft=1')).find((x) => x.id === p.id)!;
    const before = await providerOf();
    await send('PUT', `providers/${p.id}`, { name: '德清惠民家电维修部', joinedDate: '2025-01-01', leftDate: '2026-11-20', itemIds: [repair] });
    expect(changedFields(before, await providerOf())).toEqual(['leftDate']);
  });

  it('a door provider renamed alone keeps the account it is linked to, its phone and being active', async () => {
    const dp = (await send('POST', 'door/providers', { kind: 'staff', name: '王社工', userId: staffId, phone: '13800001111' })).id;
    const doorProviderOf = async () => (await get<Rec[]>('door/providers')).find((x) => x.id === dp)!;
    const before = await doorProviderOf();
    await send('PUT', `door/providers/${dp}`, { kind: 'staff', name: '王小红' });
    expect(changedFields(before, await doorProviderOf())).toEqual(['name']);
    // the rule holds on the provider as edited: a provider kind needs its provider, sent or stored
    const bad = await sec.send('PUT', `${svc}/door/providers/${dp}`, { kind: 'provider', name: '王小红' });
    expect(bad.statusCode).toBe(400);
  });

  it('a client’s note changed alone keeps the registration date; a schedule given an end alone keeps its provider, days, time and note', async () => {
    const meals = (await send('POST', 'items', { area: 'station', name: '送餐', timeLimitHours: 24, door: true })).id;
    const dp = (await send('POST', 'door/providers', { kind: 'staff', name: '王社工', userId: staffId })).id;
    const client = await send('POST', 'door/clients', {
      residentId: resident,
      registeredDate: '2026-11-01',
      note: '独居，午餐送到家',
      needs: [{ itemId: meals, providerId: dp, freq: 'weekly', weekdays: [1, 3, 5], startDate: '2026-11-02', timeSlot: '11:30', note: '少盐' }],
    });
    let before = await get(`door/clients/${client.id}`);
    await send('PUT', `door/clients/${client.id}`, { note: '独居，午餐、晚餐送到家' });
    const noted = await get(`door/clients/${client.id}`);
    expect(changedFields(before, noted)).toEqual(['note']);

    const need = (noted.needs as Rec[])[0];
    before = need;
    await send('PUT', `door/needs/${need.id}`, { itemId: meals, freq: 'weekly', startDate: '2026-11-02', endDate: '2026-12-31' });
    const ended = ((await get(`door/clients/${client.id}`)).needs as Rec[])[0];
    expect(changedFields(before, ended)).toEqual(['endDate']);
    // a schedule turned monthly takes its day of the month and drops its weekdays
    await send('PUT', `door/needs/${need.id}`, { itemId: meals, freq: 'monthly', monthDay: 15, startDate: '2026-11-02' });
    const monthly = ((await get(`door/clients/${client.id}`)).needs as Rec[])[0];
    expect(changedFields(ended, monthly)).toEqual(['freq', 'monthDay', 'weekdays']);
    expect(monthly).toMatchObject({ weekdays: [], monthDay: 15, providerId: dp, timeSlot: '11:30', note: '少盐', endDate: '2026-12-31' });
  });

  it('a schedule changed from today on keeps its provider, time and note unless the new one names others', async () => {
    const meals = (await send('POST', 'items', { area: 'station', name: '送菜', timeLimitHours: 24, door: true })).id;
    const dp = (await send('POST', 'door/providers', { kind: 'staff', name: '李社工', userId: staffId })).id;
    const neighbour = (await ok(await sec.send('POST', `${svc.replace(/\/services$/, '')}/residents`, { name: '刘爷爷', birthDate: '1936-05-12', dwellingId: dwelling }))).id;
    const client = await send('POST', 'door/clients', {
      residentId: neighbour,
      registeredDate: '2026-11-01',
      needs: [{ itemId: meals, providerId: dp, freq: 'weekly', weekdays: [2], startDate: '2026-11-03', timeSlot: '9:00', note: '要青菜' }],
    });
    const need = ((await get(`door/clients/${client.id}`)).needs as Rec[]).find((n) => n.itemId === meals)!;
    await send('POST', `door/needs/${need.id}/reschedule`, { itemId: meals, freq: 'weekly', weekdays: [2, 5], startDate: '2026-11-25' });
    const needs = ((await get(`door/clients/${client.id}`)).needs as Rec[]).filter((n) => n.itemId === meals);
    const current = needs.find((n) => n.startDate === '2026-11-25')!;
    expect(current).toMatchObject({ weekdays: [2, 5], providerId: dp, timeSlot: '9:00', note: '要青菜' });
  });
});
