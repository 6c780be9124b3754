import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { desktopPage, launchChromium, signInAs } from './helpers';
import { startTestServer } from '../src/core/testing/server';
import { idCheckDigit } from '../src/modules/registry/lib/id-number';

// The journey of a community secretary through the registry: import a roster (dry run, one column
// corrected by hand, import), find someone by pinyin initials, open their household, see an ID
// number in full, and export the list to Excel. Screenshots land in test-results/registry-*.png.

const SHOTS = 'test-results';
const PASSWORD = 'Linli-demo-2026';

let srv: { url: string; close(): Promise<void> | void };
let browser: Browser;
let page: Page;
let communityId = '';

const shot = async (name: string) => {
  // from the top, or the sticky header lands mid-page in a full-page picture
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300); // let antd's transitions settle
  await page.screenshot({ path: `${SHOTS}/registry-${name}.png`, fullPage: true });
};
const go = (path: string) => page.goto(`${srv.url}/c/${communityId}/${path}`);

/** A valid ID number (region 110105, 朝阳) for a birth date and a sequence (odd = man). */
function validId(birth: string, seq: string): string {
  const body = `110105${birth}${seq}`;
  return body + idCheckDigit(body);
}

const ZENG_SI_ID = validId('19500312', '123');
const wrongCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

/**
 * A roster as committees keep them: a title row above the headers, headers in their own words
 * (居民姓名, 公民身份号码, 户室号 …), and one column (帮扶对象) that the app cannot guess.
 */
async function rosterXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['怡丽北园社区9号楼居民花名册（2026年11月）']);
  ws.mergeCells('A1:L1');
  ws.addRow(['序号', '居民姓名', '性别', '公民身份号码', '出生年月', '手机号码', '与户主的关系', '小区名称', '楼栋号', '单元号', '户室号', '帮扶对象']);
  const people: (string | number)[][] = [
    [1, '曾思', '男', ZENG_SI_ID, '1950-03-12', '13911112222', '户主', '怡丽北园', '9', '1', '101', ''],
    [2, '林秀英', '女', validId('19520708', '124'), '1952-07-08', '13911113333', '配偶', '怡丽北园', '9', '1', '101', ''],
    [3, '曾晓明', '男', validId('19780102', '131'), '1978-01-02', '', '子', '怡丽北园', '9', '1', '101', ''],
    [4, '周桂兰', '女', validId('19401010', '142'), '1940-10-10', '01062345678', '户主', '怡丽北园', '9', '1', '102', '空巢老人'],
    [5, '吴大力', '男', wrongCheckDigit(validId('19660606', '151')), '1966-06-06', '13911114444', '户主', '怡丽北园', '9', '1', '201', ''],
  ];
  for (const p of people) ws.addRow(p);
  // ID numbers are text, as the roster's own instructions tell people to format them
  ws.getColumn(4).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer({ demo: true });
  browser = await launchChromium();
  page = await desktopPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('a community secretary keeps the registry', () => {
  it('signs in and finds 居民 and 房屋 in the navigation', async () => {
    communityId = await signInAs(page, srv.url, 'yili_secretary', PASSWORD);
    // 居民 itself, not 居民代表大会
    await page.getByRole('menuitem', { name: /(^|\s)居民$/ }).waitFor();
    await page.getByRole('menuitem', { name: '房屋' }).waitFor();
  });

  it('uploads a roster and sees the dry run: the new building to confirm, then the bad check digit with its row', async () => {
    await page.getByRole('menuitem', { name: '导入花名册' }).click();
    await page.waitForURL(/\/residents\/import$/);
    await page.getByText('把花名册文件拖到这里').waitFor();
    await shot('01-import-upload');

    await page.locator('input[type=file]').setInputFiles({
      name: '9号楼花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await rosterXlsx(),
    });
    await page.getByText('列的对应关系').waitFor();
    const counts = page.getByTestId('import-counts');
    await expect.poll(() => counts.innerText()).toMatch(/总行数\s*5/);
    expect(await page.getByText('表头在第 2 行').isVisible()).toBe(true);

    // 9号楼 is not registered yet: nothing at it can be imported until the new places are confirmed
    await page.getByText('文件中有尚未登记的房屋').waitFor();
    const createPlaces = page.getByRole('checkbox', { name: '创建这些房屋' });
    expect(await createPlaces.isChecked()).toBe(false);
    await shot('02-import-new-places');
    // the box follows the server: it is ticked once the dry run with the places is back
    await createPlaces.click();
    await expect.poll(() => createPlaces.isChecked()).toBe(true);
    await expect.poll(() => counts.innerText()).toMatch(/可导入\s*4/);
    expect(await counts.innerText()).toMatch(/有错误\s*1/);

    // the title row counts: the fifth person is on spreadsheet row 7
    const badRow = page.getByTestId('import-issues').getByRole('row').filter({ hasText: '校验位' }).first();
    await badRow.waitFor();
    expect(await badRow.innerText()).toMatch(/^\s*7\b/);
    await page.getByRole('link', { name: /下载错误行/ }).first().waitFor();
    await shot('02-import-preview');
  });

  it('tells the app that 帮扶对象 holds care tags, and the file is checked again', async () => {
    const select = page.getByRole('combobox', { name: '帮扶对象 → 对应' });
    await select.click();
    await select.fill('特殊群体');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.ant-table-row', { hasText: '帮扶对象' }).first().innerText())
      .toContain('特殊群体标签');
    await page.getByRole('button', { name: /开始导入（4 人）/ }).waitFor();
    await shot('03-import-remapped');
  });

  it('imports and sees the result', async () => {
    await page.getByRole('button', { name: /开始导入（4 人）/ }).click();
    const result = page.getByTestId('import-result');
    await result.getByText('导入完成').waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain('新增 4 人');
    await shot('04-import-done');
  });

  it('finds 曾思 by the initials zs (曾 read as zēng)', async () => {
    await page.getByRole('button', { name: '查看居民名单' }).click();
    await page.waitForURL(/\/residents$/);
    await page.getByLabel('查找居民').fill('zs');
    await page.waitForURL(/q=zs/);
    const row = page.locator('.ant-table-row', { hasText: '曾思' });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('9号楼1单元101');
    await shot('05-search-zs');
  });

  it('opens the household of 曾思 and sees the family with their relations', async () => {
    await page.locator('.ant-table-row', { hasText: '曾思' }).first().getByRole('link', { name: '曾思' }).click();
    await page.waitForURL(/\/residents\/[^/]+$/);
    await page.getByRole('heading', { name: /曾思/ }).waitFor();
    await page.getByRole('button', { name: /查看本户/ }).click();
    await page.waitForURL(/\/households\/[^/]+$/);
    const members = page.locator('.ant-table-row');
    await members.filter({ hasText: '林秀英' }).waitFor();
    expect(await members.filter({ hasText: '林秀英' }).innerText()).toContain('配偶');
    expect(await members.filter({ hasText: '曾晓明' }).innerText()).toContain('子');
    await shot('06-household');
  });

  it('reveals the ID number of 曾思 in full, which is masked again by default', async () => {
    await page.locator('.ant-table-row', { hasText: '曾思' }).getByRole('link', { name: '曾思' }).click();
    await page.waitForURL(/\/residents\/[^/]+$/);
    const id = page.getByTestId('reveal-idNumber');
    await id.waitFor();
    expect(await id.innerText()).not.toContain(ZENG_SI_ID);
    expect(await id.innerText()).toContain('*');
    await page.getByRole('button', { name: /显示完整/ }).first().click();
    await expect.poll(() => id.innerText()).toContain(ZENG_SI_ID);
    await shot('07-revealed');
  });

  it('exports the list to Excel and finds 曾思 in it, masked', async () => {
    await go('residents?q=%E6%9B%BE');
    await page.locator('.ant-table-row', { hasText: '曾思' }).first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(String(c.text ?? ''))));
    expect(cells).toContain('曾思');
    expect(cells.join('|')).not.toContain(ZENG_SI_ID);
    await shot('08-exported');
  });
});
