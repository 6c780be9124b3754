import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import { donationsModule } from '.';

// The clock stands at 2026-11-25 in China.
let l: TestLinli;
let sec: Client;
let staff: Client;
let officer: Client;
let leader: Client;
let otherSec: Client;
let base: string;
let otherBase: string;
let communityId: string;
let residentId: string;
let otherResidentId: string;
let flood: string;

type J = Record<string, never> & Record<string, unknown>;
async function ok(res: { statusCode: number; body: string; json(): unknown }): Promise<J> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as J;
}
const post = async (c: Client, url: string, body: unknown) => ok(await c.send('POST', url, body));

async function resident(c: Client, b: string, name: string) {
  const id = async (url: string, body: unknown) => (await post(c, `${b}/registry/${url}`, body)).id as string;
  const compound = await id('compounds', { name: `${name}的小区` });
  const bld = await id('buildings', { compoundId: compound, number: '1' });
  const e = await id('entrances', { buildingId: bld, number: '1' });
  const dwelling = await id('dwellings', { compoundId: compound, entranceId: e, room: '101' });
  return (await post(c, `${b}/residents`, { name, dwellingId: dwelling })).id as string;
}

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id, '测试社区');
  const c2 = await makeCommunity(l, sd.id, '别的社区');
  communityId = c.id;
  base = `/api/v1/communities/${c.id}`;
  otherBase = `/api/v1/communities/${c2.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  staff = await signIn(l, (await makeUser(l, 'staff', { communityId: c.id })).username);
  leader = await signIn(l, (await makeUser(l, 'building_leader', { communityId: c.id })).username);
  officer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: sd.id })).username);
  otherSec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c2.id })).username);
  residentId = await resident(sec, base, '张桂兰');
  otherResidentId = await resident(otherSec, otherBase, '外社区居民');
  flood = (await post(sec, `${base}/donations/drives`, { title: '支援防汛救灾', purpose: '为受灾群众筹集善款物资', startDate: '2026-07-01', endDate: '2026-07-31' })).id as string;
});
afterAll(() => l.close());

const gift = (c: Client, drive: string, body: Record<string, unknown>) => c.send('POST', `${base}/donations/drives/${drive}/gifts`, { givenOn: '2026-07-05', ...body });

describe('gifts and the totals of a drive', () => {
  it('money is kept in fen: 0.10 + 0.20 yuan make exactly 0.30, with a resident, a unit and anonymous donors counted', async () => {
    await ok(await gift(staff, flood, { donorKind: 'resident', residentId, kind: 'money', amount: '0.1' }));
    await ok(await gift(staff, flood, { donorKind: 'anonymous', kind: 'money', amount: '0.20' }));
    await ok(await gift(sec, flood, { donorKind: 'unit', donorName: '康乐老年餐桌', kind: 'money', amount: '1000' }));
    await ok(await gift(sec, flood, { donorKind: 'unit', donorName: '康乐老年餐桌', kind: 'goods', goods: '矿泉水', quantity: 20, unit: '箱' }));
    await ok(await gift(sec, flood, { donorKind: 'resident', residentId, kind: 'goods', goods: '棉被', quantity: 2, unit: '床' }));
    const d = await ok(await sec.get(`${base}/donations/drives/${flood}`));
    // 张桂兰 twice and 康乐老年餐桌 twice are one donor each; the anonymous gift is the third
    expect(d.totals).toEqual({ moneyFen: 100030, money: '1000.30', goodsLines: 2, gifts: 5, donors: 3 });
    const list = await ok(await sec.get(`${base}/donations/drives`));
    expect((list.items as unknown as { id: string; totals: { money: string } }[]).find((x) => x.id === flood)?.totals.money).toBe('1000.30');
  });

  it('three gifts of 0.10 and 0.20 each, summed over many rows, never drift', async () => {
    const d = (await post(sec, `${base}/donations/drives`, { title: '零钱捐', startDate: '2026-08-01' })).id as string;
    for (let i = 0; i < 10; i++) await ok(await gift(sec, d, { donorKind: 'anonymous', kind: 'money', amount: i % 2 ? '0.2' : '0.10', givenOn: '2026-08-02' }));
    const t = (await ok(await sec.get(`${base}/donations/drives/${d}`))).totals as unknown as { moneyFen: number; money: string; donors: number };
    expect([t.moneyFen, t.money, t.donors]).toEqual([150, '1.50', 10]);
  });

  it('the receipt for the public notice names each donor; anonymous donors appear as 爱心人士', async () => {
    const r = await ok(await sec.get(`${base}/donations/drives/${flood}/receipt`));
    const gifts = r.gifts as unknown as { donor: string; amount: string | null; goods: string | null }[];
    expect(gifts.map((g) => g.donor)).toEqual(['张桂兰', '爱心人士', '康乐老年餐桌', '康乐老年餐桌', '张桂兰']);
    expect(gifts[1].amount).toBe('0.20');
    expect(r.community).toBe('测试社区');
  });

  it('a bad amount, missing goods or an unknown resident are refused naming the field; nothing is written', async () => {
    const bad = await gift(sec, flood, { donorKind: 'anonymous', kind: 'money', amount: '12.345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.amount).toBe('捐款金额请填写大于0的元数，最多两位小数');
    expect((await gift(sec, flood, { donorKind: 'anonymous', kind: 'goods', quantity: 3 })).json().error.fields.goods).toBe('请填写捐赠的物资');
    const foreign = await gift(sec, flood, { donorKind: 'resident', residentId: otherResidentId, kind: 'money', amount: '50' });
    expect(foreign.json().error.fields.residentId).toBe('本社区没有这位居民');
    expect(((await ok(await sec.get(`${base}/donations/drives/${flood}`))).totals as unknown as { gifts: number }).gifts).toBe(5);
  });

  it('a gift recorded in error is removed while the drive is open, and the audit log keeps it; a reader cannot remove one', async () => {
    const drive = (await post(sec, `${base}/donations/drives`, { title: '助学捐款', startDate: '2026-08-01' })).id as string;
    const wrong = await ok(await gift(staff, drive, { donorKind: 'unit', donorName: '录错的单位', kind: 'money', amount: '500', givenOn: '2026-08-05' }));
    await ok(await gift(staff, drive, { donorKind: 'anonymous', kind: 'money', amount: '50', givenOn: '2026-08-05' }));
    expect((await leader.send('DELETE', `${base}/donations/drives/${drive}/gifts/${wrong.id}`)).statusCode).toBe(403);
    expect((await otherSec.send('DELETE', `${otherBase}/donations/drives/${drive}/gifts/${wrong.id}`)).statusCode).toBe(404);
    expect((await staff.send('DELETE', `${base}/donations/drives/${drive}/gifts/${wrong.id}`)).statusCode).toBeLessThan(300);
    expect((await ok(await sec.get(`${base}/donations/drives/${drive}`))).totals).toMatchObject({ money: '50.00', gifts: 1, donors: 1 });
    const audit = await l.services.db.kysely.selectFrom('audit_log').select(['before_json']).where('action', '=', 'donations.delete-gift').where('entity_id', '=', wrong.id as string).execute();
    expect(JSON.parse(audit[0].before_json ?? '{}')).toMatchObject({ donor: '录错的单位', amountFen: 50000 });
    await ok(await sec.send('PATCH', `${base}/donations/drives/${drive}`, { status: 'closed' }));
    const kept = (await ok(await sec.get(`${base}/donations/drives/${drive}/gifts`))).items as unknown as { id: string }[];
    expect((await staff.send('DELETE', `${base}/donations/drives/${drive}/gifts/${kept[0].id}`)).statusCode).toBe(409);
  });

  it('a closed drive refuses gifts, in Chinese and English', async () => {
    const closed = await ok(await sec.send('PATCH', `${base}/donations/drives/${flood}`, { status: 'closed' }));
    expect(closed.status).toBe('closed');
    const zh = await gift(staff, flood, { donorKind: 'anonymous', kind: 'money', amount: '5' });
    expect(zh.statusCode).toBe(409);
    expect(zh.json().error.message).toBe('募捐活动「支援防汛救灾」已结束，不能再登记捐赠');
    const en = await staff.send('POST', `${base}/donations/drives/${flood}/gifts`, { donorKind: 'anonymous', kind: 'money', amount: '5', givenOn: '2026-07-05' }, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('The drive “支援防汛救灾” is closed and takes no more gifts');
    expect(((await ok(await sec.get(`${base}/donations/drives/${flood}`))).totals as unknown as { gifts: number }).gifts).toBe(5);
  });
});

describe('scoping', () => {
  it('another community’s secretary gets 404; readers read but cannot write', async () => {
    expect((await otherSec.get(`${base}/donations/drives/${flood}`)).statusCode).toBe(404);
    expect((await otherSec.send('POST', `${otherBase}/donations/drives/${flood}/gifts`, { donorKind: 'anonymous', kind: 'money', amount: '5', givenOn: '2026-07-05' })).statusCode).toBe(404);
    expect((await ok(await otherSec.get(`${otherBase}/donations/drives`))).total).toBe(0);
    expect((await ok(await officer.get(`${base}/donations/drives/${flood}/receipt`))).gifts).toHaveLength(5);
    expect((await officer.send('POST', `${base}/donations/drives`, { title: 'x', startDate: '2026-11-01' })).statusCode).toBe(403);
    expect((await leader.get(`${base}/donations/drives`)).statusCode).toBe(200);
    expect((await leader.send('PATCH', `${base}/donations/drives/${flood}`, { status: 'open' })).statusCode).toBe(403);
  });
});

describe('Excel and the report', () => {
  it('the gifts export reads back with Chinese headers, donors and amounts in yuan', async () => {
    const res = await sec.get(`${base}/donations/drives/${flood}/gifts/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '日期', '捐赠人', '捐赠人类别', '类别', '金额（元）', '物资', '数量', '单位', '备注']);
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r[2])).toEqual(['张桂兰', '爱心人士', '康乐老年餐桌', '康乐老年餐桌', '张桂兰']);
    expect(rows.map((r) => r[5] ?? null)).toEqual([0.1, 0.2, 1000, null, null]);
    expect(rows[3].slice(6, 9)).toEqual(['矿泉水', 20, '箱']);
  });

  it('the report section sums the gifts of the period, with links and a highlight', async () => {
    const s = await donationsModule.reportSection!({ db: l.services.db, communityId, from: '2026-07-01', to: '2026-07-31' });
    expect(Object.fromEntries(s.figures.map((f) => [f.key, f.value]))).toEqual({ drives: 1, money: '1000.30', goods: 2, donors: 3 });
    expect(s.figures.every((f) => f.link === 'donations?from=2026-07-01&to=2026-07-31')).toBe(true);
    expect(s.highlights?.[0].link).toBe(`donations/drives/${flood}`);
    expect(s.highlights?.[0].text.zh).toContain('捐款1000.30元');
  });
});

describe('each figure of a period opens the drives of that period with exactly the gifts it counts', () => {
  const period = 'from=2026-09-01&to=2026-09-30';
  type Page = { items: { title: string; totals: { money: string; goodsLines: number; donors: number } }[]; total: number; totals: { money: string; goodsLines: number; donors: number } };

  it('September: drives running in it or receiving a gift in it, and only the gifts given in it', async () => {
    const elders = (await post(sec, `${base}/donations/drives`, { title: '重阳敬老', startDate: '2026-09-20', endDate: '2026-10-10' })).id as string;
    await ok(await gift(sec, elders, { donorKind: 'resident', residentId, kind: 'money', amount: '100', givenOn: '2026-09-25' }));
    await ok(await gift(sec, elders, { donorKind: 'unit', donorName: '康乐老年餐桌', kind: 'goods', goods: '重阳糕', quantity: 50, unit: '盒', givenOn: '2026-09-25' }));
    await ok(await gift(sec, elders, { donorKind: 'anonymous', kind: 'money', amount: '30', givenOn: '2026-10-05' })); // October: outside
    // 张桂兰 gives to a second drive in September: one donor for the period, not two
    const coins = ((await ok(await sec.get(`${base}/donations/drives`))).items as unknown as { id: string; title: string }[]).find((d) => d.title === '零钱捐')!.id;
    await ok(await gift(sec, coins, { donorKind: 'resident', residentId, kind: 'money', amount: '5', givenOn: '2026-09-10' }));
    // a drive that ended in August but still received a late gift in September
    const summer = (await post(sec, `${base}/donations/drives`, { title: '夏季送清凉', startDate: '2026-08-01', endDate: '2026-08-15' })).id as string;
    await ok(await gift(sec, summer, { donorKind: 'anonymous', kind: 'money', amount: '20', givenOn: '2026-09-02' }));
    // and one that starts after September
    await post(sec, `${base}/donations/drives`, { title: '冬衣募集', startDate: '2026-10-15' });

    const s = await donationsModule.reportSection!({ db: l.services.db, communityId, from: '2026-09-01', to: '2026-09-30' });
    const f = Object.fromEntries(s.figures.map((x) => [x.key, x.value]));
    // 零钱捐 and 助学捐款 (no end date), 重阳敬老, and 夏季送清凉 by its late gift
    expect(f).toEqual({ drives: 4, money: '125.00', goods: 1, donors: 3 });
    // (a) every figure opens the drives list of September
    expect(s.figures.map((x) => x.link)).toEqual(Array(4).fill(`donations?${period}`));
    // (b) the list holds exactly the drives counted, each with September's gifts, and the same totals
    const page = (await ok(await sec.get(`${base}/donations/drives?${period}`))) as unknown as Page;
    expect(page.total).toBe(f.drives);
    expect(page.items.map((d) => d.title).sort()).toEqual(['助学捐款', '夏季送清凉', '重阳敬老', '零钱捐'].sort());
    expect(page.totals).toMatchObject({ money: f.money, goodsLines: f.goods, donors: f.donors });
    expect(page.items.find((d) => d.title === '重阳敬老')?.totals).toMatchObject({ money: '100.00', goodsLines: 1, donors: 2 });
    expect(page.items.find((d) => d.title === '零钱捐')?.totals.money).toBe('5.00');
    expect(page.items.map((d) => d.title)).not.toContain('支援防汛救灾');
    expect(page.items.map((d) => d.title)).not.toContain('冬衣募集');
    // without a period: every drive with all its gifts
    const all = (await ok(await sec.get(`${base}/donations/drives`))) as unknown as Page;
    expect(all.items.find((d) => d.title === '重阳敬老')?.totals.money).toBe('130.00');
    // the Excel file of the period: the same drives
    const res = await sec.get(`${base}/donations/drives/export.xlsx?${period}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(1 + 4);
    expect(ws.getRow(1).getCell(5).value).toBe('期间捐款（元）');
  });

  it('a period ending before it starts, or a day not on the calendar, is refused naming the field', async () => {
    const backwards = await sec.get(`${base}/donations/drives?from=2026-09-30&to=2026-09-01`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields.to).toBe('时间段的结束日期（2026-09-01）不能早于开始日期（2026-09-30）');
    expect((await sec.get(`${base}/donations/drives?from=2026-09-31&to=2026-10-31`)).json().error.fields.from).toBe('“2026-09-31”不是日历上的日期');
    expect((await sec.get(`${base}/donations/drives?from=20260901&to=2026-09-30`)).json().error.fields.from).toBe('格式不正确');
    expect((await sec.get(`${base}/donations/drives/export.xlsx?from=2026-09-30&to=2026-09-01`)).statusCode).toBe(400);
  });
});
