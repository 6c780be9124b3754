import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, type Client, type TestLinli, ok, sectionFigures, communityWithSecretary } from '../../core/testing';
import { donationsModule } from '.';

/**
 * Every figure of the donations chapter, counted from drives and gifts on both sides of July 2026's
 * first and last days: a constant, a `<` for a `<=`, or counting gifts where donors are meant changes
 * a number.
 */
let l: TestLinli;
let sec: Client;
let base: string;
let communityId: string;

const post = async (url: string, body: unknown) => ok(await sec.send('POST', `${base}/${url}`, body));

const figures = (from: string, to: string) => sectionFigures(l, donationsModule, communityId, from, to);

beforeAll(async () => {
  l = await createTestLinli();
  const first = await communityWithSecretary(l);
  ({ base, sec } = first);
  communityId = first.community.id;
  const compound = (await post('registry/compounds', { name: '一区' })).id;
  const dwellingId = (await post('registry/dwellings', { compoundId: compound, room: '101' })).id;
  const residentId = (await post('residents', { name: '张桂兰', dwellingId })).id;

  const drive = async (title: string, startDate: string, endDate?: string) => (await post('donations/drives', { title, startDate, ...(endDate ? { endDate } : {}) })).id;
  const flood = await drive('支援防汛', '2026-07-01');
  await drive('七月最后一天发起', '2026-07-31');
  await drive('八月发起', '2026-08-01');
  await drive('七月第一天结束', '2026-05-01', '2026-07-01');
  const june = await drive('六月底结束', '2026-06-01', '2026-06-30');
  const gift = (driveId: string, givenOn: string, body: Record<string, unknown>) => post(`donations/drives/${driveId}/gifts`, { givenOn, ...body });
  await gift(flood, '2026-07-01', { donorKind: 'resident', residentId, kind: 'money', amount: '100.50' });
  await gift(flood, '2026-07-31', { donorKind: 'resident', residentId, kind: 'money', amount: '50' }); // the same donor again
  await gift(flood, '2026-07-10', { donorKind: 'unit', donorName: '康乐老年餐桌', kind: 'goods', goods: '矿泉水', quantity: 20, unit: '箱' });
  await gift(flood, '2026-07-10', { donorKind: 'unit', donorName: '康乐老年餐桌', kind: 'money', amount: '1000' });
  await gift(flood, '2026-07-15', { donorKind: 'anonymous', kind: 'money', amount: '20' });
  await gift(flood, '2026-07-16', { donorKind: 'anonymous', kind: 'money', amount: '30' }); // each anonymous gift is a donor of its own
  await gift(flood, '2026-08-01', { donorKind: 'anonymous', kind: 'money', amount: '999' });
  await gift(june, '2026-06-30', { donorKind: 'unit', donorName: '物业公司', kind: 'money', amount: '77' });
});
afterAll(() => l.close());

describe('the donations chapter’s figures', () => {
  it('counts July 2026: the drives running in it, the money and goods given in it, and each donor once', async () => {
    expect(await figures('2026-07-01', '2026-07-31')).toEqual({
      drives: 3, // 支援防汛, the one started on the 31st, the one that ended on the 1st
      money: '1200.50',
      goods: 1,
      donors: 4, // 张桂兰, 康乐老年餐桌, two anonymous gifts
    });
  });

  it('counts the months either side by the same rules, a drive that received a late gift included', async () => {
    expect(await figures('2026-06-01', '2026-06-30')).toEqual({ drives: 2, money: '77.00', goods: 0, donors: 1 });
    expect(await figures('2026-08-01', '2026-08-31')).toEqual({ drives: 3, money: '999.00', goods: 0, donors: 1 });
    expect(await figures('2026-07-31', '2026-07-31')).toEqual({ drives: 2, money: '50.00', goods: 0, donors: 1 });
    expect(await figures('2026-04-01', '2026-04-30')).toEqual({ drives: 0, money: '0.00', goods: 0, donors: 0 });
  });
});
