import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';

let l: TestLinli;
let sec: Client;
let leader: Client;
let base: string;
let dir: string;
const place: Record<string, string> = {};
const m: Record<string, string> = {};

async function ok(res: { statusCode: number; body: string; json(): unknown }) {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Record<string, never>;
}

/** The workbook as LibreOffice reads it: rows of cells. */
function readBack(res: { statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }, name: string): string[][] {
  expect(res.statusCode).toBe(200);
  expect(String(res.headers['content-type'])).toContain('spreadsheetml');
  const file = path.join(dir, `${name}.xlsx`);
  fs.writeFileSync(file, res.rawPayload);
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/p`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, file], { stdio: 'pipe', timeout: 120_000 });
  return parse(fs.readFileSync(path.join(dir, `${name}.csv`), 'utf8'), { relax_column_count: true }) as string[][];
}
/** a row as header → cell */
const byHeader = (table: string[][], row: string[]) => Object.fromEntries(table[0].map((h, i) => [h, row[i] ?? '']));

beforeAll(async () => {
  l = await createTestLinli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-party-export-'));
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id, '测试社区');
  base = `/api/v1/communities/${c.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  leader = await signIn(l, (await makeUser(l, 'building_leader', { communityId: c.id })).username);
  const id = async (url: string, body: unknown): Promise<string> => (await ok(await sec.send('POST', `${base}/${url}`, body))).id;
  place.compound = await id('registry/compounds', { name: '怡丽北园' });
  place.b3 = await id('registry/buildings', { compoundId: place.compound, number: '3' });
  place.e32 = await id('registry/entrances', { buildingId: place.b3, number: '2' });
  place.b5 = await id('registry/buildings', { compoundId: place.compound, number: '5' });
  place.d401 = await id('registry/dwellings', { compoundId: place.compound, entranceId: place.e32, room: '401' });
  const rid = await id('residents', { name: '张党员', dwellingId: place.d401, politicalStatus: 'cpc_member' });
  m.zhang = await id('party/members', { kind: 'registered', residentId: rid });
  m.li = await id('party/members', { kind: 'reporting', name: '李报到', phone: '13900001111' });
  m.wang = await id('party/members', { kind: 'registered', name: '王老', status: 'frail' });
});
afterAll(async () => {
  await l.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Excel exports, read back by LibreOffice', () => {
  it('pledges of a year: branch then member pledges with owner, areas, target, status, latest progress and review', async () => {
    const branch = (await ok(await sec.send('POST', `${base}/party/pledges`, { level: 'branch', year: 2025, title: '安装信箱30套', owner: '支部书记', target: '30套' }))).id;
    const mine = (
      await ok(
        await sec.send('POST', `${base}/party/pledges`, {
          level: 'member',
          year: 2025,
          memberId: m.zhang,
          title: '负责楼道卫生',
          areas: [{ buildingId: place.b3, entranceId: place.e32 }, { buildingId: place.b5 }],
        }),
      )
    ).id;
    await ok(await sec.send('POST', `${base}/party/pledges`, { level: 'branch', year: 2024, title: '去年的实事', owner: '书记' }));
    await ok(await sec.send('POST', `${base}/party/pledges/${mine}/progress`, { date: '2025-03-01', note: '每周清扫一次' }));
    await ok(await sec.send('POST', `${base}/party/pledges/${mine}/progress`, { date: '2025-06-01', note: '每周清扫两次' }));
    await ok(await sec.send('POST', `${base}/party/pledges/${branch}/review`, { status: 'done', note: '30套全部装好' }));

    const t = readBack(await leader.get(`${base}/party/pledges/export.xlsx?year=2025`), 'pledges');
    expect(t[0]).toEqual(['序号', '类型', '党员 / 负责人', '承诺事项', '责任区', '目标', '状态', '最新进展', '年终评议']);
    expect(t).toHaveLength(3);
    expect(byHeader(t, t[1])).toMatchObject({ 类型: '支部承诺', '党员 / 负责人': '支部书记', 承诺事项: '安装信箱30套', 目标: '30套', 状态: '已兑现', 年终评议: '30套全部装好', 责任区: '' });
    expect(byHeader(t, t[2])).toMatchObject({
      类型: '党员承诺',
      '党员 / 负责人': '张党员',
      承诺事项: '负责楼道卫生',
      状态: '进行中',
      最新进展: '2025-06-01 每周清扫两次',
    });
    expect(byHeader(t, t[2])['责任区'].split('、').sort()).toEqual(['怡丽北园3号楼2单元', '怡丽北园5号楼'].sort());
    expect(t.flat()).not.toContain('去年的实事');
  });

  it('attendance of a year: a row per member with totals, rate and a column per session', async () => {
    const s1 = (await ok(await sec.send('POST', `${base}/party/activities`, { date: '2025-02-10', kind: 'activity_day', topic: '双月活动日' }))).id;
    const s2 = (await ok(await sec.send('POST', `${base}/party/activities`, { date: '2025-04-10', kind: 'lecture', topic: '党课' }))).id;
    await ok(await sec.send('POST', `${base}/party/activities`, { date: '2024-12-10', kind: 'study', topic: '去年的学习' }));
    await ok(await sec.send('PUT', `${base}/party/activities/${s1}/attendance`, { entries: [{ memberId: m.zhang, present: true }, { memberId: m.wang, present: false, reason: '年老体弱' }, { memberId: m.li, present: true }] }));
    await ok(await sec.send('PUT', `${base}/party/activities/${s2}/attendance`, { entries: [{ memberId: m.zhang, present: false, reason: '出差' }, { memberId: m.wang, present: false }] }));

    const t = readBack(await leader.get(`${base}/party/attendance/export.xlsx?year=2025`), 'attendance');
    expect(t[0]).toEqual(['姓名', '活动次数', '出席', '缺席', '出勤率', '2025-02-10 双月活动日', '2025-04-10 党课']);
    const rows = Object.fromEntries(t.slice(1).map((r) => [r[0], byHeader(t, r)]));
    expect(Object.keys(rows).sort()).toEqual(['张党员', '李报到', '王老'].sort());
    expect(rows['张党员']).toMatchObject({ 活动次数: '2', 出席: '1', 缺席: '1', 出勤率: '50%', '2025-02-10 双月活动日': '出席', '2025-04-10 党课': '缺席（出差）' });
    expect(rows['王老']).toMatchObject({ 出席: '0', 缺席: '2', 出勤率: '0%', '2025-02-10 双月活动日': '缺席（年老体弱）', '2025-04-10 党课': '缺席' });
    // no mark taken for him at the lecture: the cell stays empty and the rate counts the one session marked
    expect(rows['李报到']).toMatchObject({ 出席: '1', 缺席: '0', 出勤率: '100%', '2025-04-10 党课': '' });
  });

  it('newsletter copies of a period: issue, title, member, who delivered, when, confirmed', async () => {
    const i1 = (await ok(await sec.send('POST', `${base}/party/newsletters`, { number: 1, date: '2025-03-01', title: '第一期简报', content: '…' }))).id;
    const i2 = (await ok(await sec.send('POST', `${base}/party/newsletters`, { number: 2, date: '2025-09-01', title: '第二期简报', content: '…' }))).id;
    const d1 = (await ok(await sec.send('POST', `${base}/party/newsletters/${i1}/deliveries`, { memberIds: [m.wang, m.li], deliveredBy: '王社工', deliveredAt: '2025-03-03' }))) as unknown as {
      deliveries: { id: string; name: string }[];
    };
    await ok(await sec.send('POST', `${base}/party/newsletters/${i2}/deliveries`, { memberIds: [m.wang], deliveredBy: '赵社工', deliveredAt: '2025-09-03' }));
    const wangCopy = d1.deliveries.find((d) => d.name === '王老');
    await ok(await sec.send('POST', `${base}/party/newsletters/${i1}/deliveries/${wangCopy?.id ?? ''}/confirm`));

    const t = readBack(await leader.get(`${base}/party/newsletters/deliveries.xlsx?from=2025-01-01&to=2025-12-31`), 'deliveries');
    expect(t[0]).toEqual(['期号', '标题', '党员', '送达人', '送达日期', '确认签收']);
    expect(t.slice(1)).toEqual([
      ['1', '第一期简报', '李报到', '王社工', '2025-03-03', '未确认'],
      ['1', '第一期简报', '王老', '王社工', '2025-03-03', '已确认'],
      ['2', '第二期简报', '王老', '赵社工', '2025-09-03', '未确认'],
    ]);
    const spring = readBack(await leader.get(`${base}/party/newsletters/deliveries.xlsx?from=2025-01-01&to=2025-06-30`), 'spring');
    expect(spring).toHaveLength(3);
  });
});
