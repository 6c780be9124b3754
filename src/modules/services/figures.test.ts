import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeUser, type Client, type TestLinli, ok, sectionFigures, communityWithSecretary } from '../../core/testing';
import { servicesModule } from '.';

/**
 * Every figure of the services chapter, counted from a handful of records made the way the office
 * makes them, with records on both sides of October 2026's first and last days (tickets by the
 * Beijing day they were taken): a constant, a `<` for a `<=` or a forgotten condition changes a number.
 */
let l: TestLinli;
let sec: Client;
let base: string;
let communityId: string;
const item: Record<string, string> = {};

const post = async (url: string, body: unknown = {}) => ok(await sec.send('POST', `${base}/${url}`, body));

const figures = (from: string, to: string) => sectionFigures(l, servicesModule, communityId, from, to);

beforeAll(async () => {
  l = await createTestLinli();
  const first = await communityWithSecretary(l);
  ({ base, sec } = first);
  communityId = first.community.id;
  const newItem = async (area: string, name: string, door = false, active = true) => (await post('services/items', { area, name, timeLimitHours: 24, door, active })).id;
  item.meals = await newItem('station', '送餐', true);
  item.haircut = await newItem('station', '理发', true);
  item.retired = await newItem('station', '修自行车', false, false);
  item.civil = await newItem('hall', '民政');
});
afterAll(() => l.close());

describe('the services chapter’s figures for October 2026', () => {
  it('counts door-to-door household-times, the residents served and the register as it stands at the end', async () => {
    const compound = (await post('registry/compounds', { name: '一区' })).id;
    const dwelling = async (room: string) => (await post('registry/dwellings', { compoundId: compound, room })).id;
    const resident = async (name: string, body: Record<string, unknown>) => (await post('residents', { name, birthDate: '1940-01-01', ...body })).id;
    const zhang = await resident('张奶奶', { dwellingId: await dwelling('101') });
    const household = (await ok(await sec.get(`${base}/residents/${zhang}`))).householdId as string;
    const zhangHusband = await resident('张爷爷', { householdId: household, relationToHead: 'spouse' });
    const people = { zhang, zhangHusband, li: await resident('李大爷', { dwellingId: await dwelling('102') }) };
    const more = { wang: await resident('王奶奶', { dwellingId: await dwelling('103') }), zhao: await resident('赵大爷', { dwellingId: await dwelling('104') }) };
    const qian = await resident('钱奶奶', { dwellingId: await dwelling('105') });
    const sun = await resident('孙大爷', { dwellingId: await dwelling('106') });
    const client = async (residentId: string, registeredDate: string, endedDate?: string) => {
      const id = (await post('services/door/clients', { residentId, registeredDate })).id;
      if (endedDate) await post(`services/door/clients/${id}/end`, { endedDate, reason: '入住养老院' });
      return id;
    };
    const c = {
      zhang: await client(people.zhang, '2026-09-01'),
      zhangHusband: await client(people.zhangHusband, '2026-09-01'),
      li: await client(people.li, '2026-10-31'),
      wang: await client(more.wang, '2026-11-01'),
      zhao: await client(more.zhao, '2026-09-01', '2026-10-31'),
      qian: await client(qian, '2026-09-01', '2026-11-01'),
      sun: await client(sun, '2026-10-15'),
    };
    const visit = (clientId: string, itemId: string, date: string, outcome = 'done') => post('services/door/deliveries', { clientId, itemId, date, outcome });
    // the couple's two lunches on the 1st are one household-time; the haircut that day is another
    await visit(c.zhang, item.meals, '2026-10-01');
    await visit(c.zhangHusband, item.meals, '2026-10-01');
    await visit(c.zhang, item.haircut, '2026-10-01');
    await visit(c.li, item.meals, '2026-10-31');
    await visit(c.li, item.meals, '2026-11-01');
    await visit(c.qian, item.meals, '2026-09-30');
    await visit(c.sun, item.meals, '2026-10-20', 'not_home');

    const f = await figures('2026-10-01', '2026-10-31');
    expect({
      ht: f['door.householdTimes'],
      meals: f[`door.householdTimes.${item.meals}`],
      haircut: f[`door.householdTimes.${item.haircut}`],
      served: f['door.residentsServed'],
      clients: f['door.clients'],
    }).toEqual({ ht: 3, meals: 2, haircut: 1, served: 3, clients: 5 });
    const nov = await figures('2026-11-01', '2026-11-30');
    expect([nov['door.householdTimes'], nov['door.residentsServed'], nov['door.clients'], nov[`door.householdTimes.${item.haircut}`]]).toEqual([1, 1, 5, undefined]);
    const sep = await figures('2026-09-01', '2026-09-30');
    expect([sep['door.householdTimes'], sep['door.residentsServed'], sep['door.clients']]).toEqual([1, 1, 4]);
  });

  it('counts tickets by the Beijing day they were taken: channels, states, on time, satisfaction, each service', async () => {
    const staffId = (await makeUser(l, 'staff', { communityId })).id;
    /** a ticket taken at a Beijing time, walked through the desk's steps */
    const ticket = async (channel: string, itemId: string, acceptedAt: string, steps: { done?: 'on time' | 'late'; rating?: number; close?: boolean } = {}) => {
      const id = (await post('services/tickets', { channel, itemId, callerName: '居民', phone: '13800001111', description: '求助' })).id;
      if (steps.close) await post(`services/tickets/${id}/close`, { reason: '居民撤回' });
      if (steps.done) {
        await post(`services/tickets/${id}/assign`, { userId: staffId });
        await post(`services/tickets/${id}/done`, { result: '办好了' });
      }
      if (steps.rating) await post(`services/tickets/${id}/follow-up`, { satisfaction: steps.rating });
      const at = Date.parse(acceptedAt);
      const due = at + 24 * 3_600_000;
      await l.services.db.kysely
        .updateTable('service_ticket')
        .set({ accepted_at: new Date(at).toISOString(), due_at: new Date(due).toISOString(), ...(steps.done ? { done_at: new Date(steps.done === 'on time' ? due : due + 60_000).toISOString() } : {}) })
        .where('id', '=', id)
        .execute();
    };
    await ticket('hotline', item.meals, '2026-10-01T00:10:00+08:00', { done: 'on time', rating: 4 });
    await ticket('desk', item.haircut, '2026-10-31T23:50:00+08:00', { done: 'late', rating: 5 });
    await ticket('desk', item.meals, '2026-10-15T09:00:00+08:00');
    await ticket('online', item.civil, '2026-10-20T09:00:00+08:00', { close: true });
    await ticket('online', item.civil, '2026-09-30T23:50:00+08:00', { done: 'on time', rating: 1 });
    await ticket('hotline', item.meals, '2026-11-01T00:10:00+08:00', { done: 'late' });

    const f = await figures('2026-10-01', '2026-10-31');
    expect({
      total: f['tickets.total'],
      channels: [f['tickets.channel.desk'], f['tickets.channel.hotline'], f['tickets.channel.online']],
      states: [f['tickets.status.accepted'], f['tickets.status.assigned'], f['tickets.status.in_progress'], f['tickets.status.done'], f['tickets.status.followed_up'], f['tickets.status.closed']],
      onTime: f['tickets.onTimeRate'],
      satisfaction: f['tickets.satisfaction'],
      followedUp: f['tickets.followedUp'],
      byService: [f[`tickets.service.${item.meals}`], f[`tickets.service.${item.haircut}`], f[`tickets.service.${item.civil}`]],
      ratingByService: [f[`tickets.satisfaction.${item.meals}`], f[`tickets.satisfaction.${item.haircut}`], f[`tickets.satisfaction.${item.civil}`]],
    }).toEqual({
      total: 4,
      channels: [2, 1, 1],
      states: [1, 0, 0, 0, 2, 1],
      onTime: 50,
      satisfaction: 4.5,
      followedUp: 2,
      byService: [2, 1, 1],
      ratingByService: [4, 5, undefined],
    });
    const sep = await figures('2026-09-01', '2026-09-30');
    expect([sep['tickets.total'], sep['tickets.channel.online'], sep['tickets.onTimeRate'], sep['tickets.satisfaction'], sep['tickets.followedUp']]).toEqual([1, 1, 100, 1, 1]);
    const nov = await figures('2026-11-01', '2026-11-30');
    expect([nov['tickets.total'], nov['tickets.status.done'], nov['tickets.onTimeRate'], nov['tickets.satisfaction'], nov['tickets.followedUp']]).toEqual([1, 1, 0, null, 0]);
  });

  it('counts the providers joined by the period’s end and not gone by then, and the active services of the station and the hall', async () => {
    const provider = async (name: string, joinedDate: string, leftDate?: string) => post('services/providers', { name, joinedDate, ...(leftDate ? { leftDate } : {}), itemIds: [item.meals] });
    await provider('老字号餐馆', '2020-01-01');
    await provider('月底加盟', '2026-10-31');
    await provider('次月加盟', '2026-11-01');
    await provider('月中加盟', '2026-10-15');
    await provider('月底退出', '2020-01-01', '2026-10-31');
    await provider('次月退出', '2020-01-01', '2026-11-01');
    const f = await figures('2026-10-01', '2026-10-31');
    expect([f.providers, f['catalogue.station'], f['catalogue.hall']]).toEqual([4, 2, 1]);
    expect((await figures('2026-11-01', '2026-11-30')).providers).toBe(4);
    expect((await figures('2026-09-01', '2026-09-30')).providers).toBe(3);
    expect((await figures('2026-09-01', '2026-10-30')).providers).toBe(4);
    expect((await figures('2019-01-01', '2019-12-31')).providers).toBe(0);
    await post('services/items', { area: 'hall', name: '计划生育', timeLimitHours: 72 });
    expect((await figures('2026-10-01', '2026-10-31'))['catalogue.hall']).toBe(2);
  });
});
