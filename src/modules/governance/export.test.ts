import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, signIn, type Client, type TestLinli } from '../../core/testing';

/** The office's Excel files, read back from the bytes the download gives: what a clerk opens in WPS. */
let l: TestLinli;
let sec: Client;
let base: string;

async function sheet(url: string): Promise<Record<string, string>[]> {
  const res = await sec.get(url);
  expect(res.statusCode).toBe(200);
  expect(String(res.headers['content-type'])).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cells = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((h, i) => [h, cells[i] === undefined || cells[i] === null ? '' : String(cells[i])])));
  });
  return out;
}

beforeAll(async () => {
  l = await createTestLinli({ demo: true });
  const c = await l.services.db.kysely.selectFrom('community').select('id').where('name', '=', '怡丽北园社区').executeTakeFirstOrThrow();
  base = `/api/v1/communities/${c.id}/governance`;
  sec = await signIn(l, 'yili_secretary', 'Linli-demo-2026');
}, 120_000);
afterAll(() => l.close());

describe('Excel exports', () => {
  it('the representatives list has every term by building, with phones masked', async () => {
    const rows = await sheet(`${base}/representatives/export.xlsx`);
    expect(rows).toHaveLength(25);
    expect(rows.filter((r) => r['状态'] === '在任')).toHaveLength(24);
    expect(rows.filter((r) => r['代表楼栋'] === '1号楼')).toHaveLength(3);
    for (const r of rows) expect(r['联系电话']).not.toMatch(/\d{11}/);
    expect(rows.find((r) => r['状态'] === '已卸任')?.['任期结束']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('proposals carry their result: the votes as the meeting counted them and the resolution number', async () => {
    const rows = await sheet(`${base}/proposals/export.xlsx`);
    const fees = rows.find((r) => r['议题'] === '自行车集中存放、收费管理')!;
    expect(fees).toMatchObject({ 重大事项: '是', 状态: '通过', 通过标准: '实到三分之二以上' });
    expect(fees['决议编号']).toMatch(/^怡丽居代决〔\d{4}〕\d+号$/);
    const list = (await sec.get(`${base}/proposals?state=passed&q=${encodeURIComponent('收费管理')}`)).json();
    const detail = (await sec.get(`${base}/proposals/${list.items[0].id}`)).json();
    expect(Number(fees['赞成'])).toBe(detail.tally.for);
    expect(Number(fees['实到代表'])).toBe(detail.tally.present);
    expect(rows.find((r) => r['议题'] === '统一加装电梯并按楼层分摊费用')?.['状态']).toBe('未通过');
    expect(rows.find((r) => r['议题'] === '单元门口加装扶手')?.['提交方式']).toBe('工作人员代为提交');
  });

  it('notices show the period, how each closed, and the objections with their answers', async () => {
    const rows = await sheet(`${base}/notices/export.xlsx`);
    const fees = rows.find((r) => r['标题'].includes('自行车集中存放'))!;
    expect(fees).toMatchObject({ 公示期: '7天', 状态: '已结束', 结果: '有异议已处理', 异议数: '2' });
    expect(fees['异议及答复']).toContain('收费标准是否偏高');
    expect(fees['异议及答复']).toContain('答复');
    expect(rows.find((r) => r['标题'].includes('信报箱'))?.['结果']).toBe('无异议');
    expect(rows.find((r) => r['类别'] === '预算')?.['公示期']).toBe('20个工作日');
  });
});
