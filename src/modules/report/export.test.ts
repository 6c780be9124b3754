import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import { reportCommand } from './cli';
import type { WorkReport } from './schema';

/**
 * The Word document as LibreOffice reads it: the figures of a dataset this test makes, the words the
 * secretary wrote, numbered chapters, page numbers and the fonts official documents use.
 */
let l: TestLinli;
let sec: Client;
let officer: Client;
let base: string;
let sdId: string;
let dir: string;
const FROM = '2025-01-01';
const TO = '2026-11-25';
const WORDS = '支部坚持每月开展主题党日活动，党员带头参与社区治理。';

async function ok<T = Record<string, never>>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as T;
}
const id = async (url: string, body: unknown): Promise<string> => (await ok<{ id: string }>(await sec.send('POST', url, body))).id;

/** .docx → PDF with LibreOffice → text with pdftotext (layout kept, so table rows stay on one line) */
function pdfText(docx: Buffer, name: string): string {
  const file = path.join(dir, `${name}.docx`);
  fs.writeFileSync(file, docx);
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'pipe', timeout: 180_000 });
  return execFileSync('pdftotext', ['-layout', path.join(dir, `${name}.pdf`), '-'], { encoding: 'utf8' });
}
/** runs of spaces as one (pdftotext lays columns apart and spaces digits off from Chinese: `13 户`) */
const squeeze = (s: string) => s.replace(/[ \t]+/g, ' ');

beforeAll(async () => {
  l = await createTestLinli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-report-export-'));
  const sd = await makeSubDistrict(l, '导出街道');
  sdId = sd.id;
  const c = await makeCommunity(l, sd.id, '导出社区');
  await makeCommunity(l, sd.id, '第二社区');
  base = `/api/v1/communities/${c.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  officer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: sd.id })).username);
  const compound = await id(`${base}/registry/compounds`, { name: '导出小区' });
  const b = await id(`${base}/registry/buildings`, { compoundId: compound, number: '7' });
  const e = await id(`${base}/registry/entrances`, { buildingId: b, number: '1' });
  // 13 households of 3 residents each: 13 households, 39 residents
  for (let i = 0; i < 13; i++) {
    const d = await id(`${base}/registry/dwellings`, { compoundId: compound, entranceId: e, room: `${100 + i}` });
    const head = await ok<{ householdId: string }>(await sec.send('POST', `${base}/residents`, { name: `居民${i}甲`, dwellingId: d }));
    await id(`${base}/residents`, { name: `居民${i}乙`, householdId: head.householdId, relationToHead: 'spouse' });
    await id(`${base}/residents`, { name: `居民${i}丙`, householdId: head.householdId, relationToHead: 'son' });
  }
  for (let i = 0; i < 4; i++) await id(`${base}/party/pledges`, { level: 'branch', year: 2026, title: `实事${i + 1}` });
});
afterAll(async () => {
  await l.close();
  if (!process.env.KEEP_REPORT_FILES) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the report as a Word document', () => {
  let report: WorkReport;

  it('carries the figures, the secretary’s words, numbered chapters, the signature and page numbers, in the fonts of official documents', async () => {
    report = await ok<WorkReport>(await sec.send('POST', `${base}/reports`, { from: FROM, to: TO }));
    report = await ok<WorkReport>(await sec.send('PUT', `${base}/reports/${report.id}`, { title: report.title, narrative: { ...report.narrative, chapters: { ...report.narrative.chapters, party: WORDS } }, highlightEdits: {} }));
    report = await ok<WorkReport>(await sec.send('POST', `${base}/reports/${report.id}/sign`));
    const res = await sec.get(`${base}/reports/${report.id}/report.docx`);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('wordprocessingml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('导出社区工作汇报');

    const text = squeeze(pdfText(res.rawPayload, 'community'));
    expect(text).toContain('导出社区工作汇报');
    expect(text).toMatch(/总户数 ?13 ?户/);
    expect(text).toMatch(/居民 ?39 ?人/);
    expect(text).toMatch(/支部承诺实事 ?4 ?项/);
    expect(text).toContain(WORDS);
    expect(text).toMatch(/一、\s*发挥社区党支部的领导核心作用/);
    expect(text).toMatch(/（一）\s*党建工作/);
    expect(text).toContain('签发人：');
    expect(text).toMatch(/— ?1 ?—/);

    const xml = (part: string) => {
      const file = path.join(dir, 'community.docx');
      return execFileSync('unzip', ['-p', file, part], { encoding: 'utf8' });
    };
    const doc = xml('word/document.xml');
    expect(doc).toMatch(/w:eastAsia="仿宋"/);
    expect(doc).toMatch(/w:ascii="黑体"[^>]*w:eastAsia="黑体"/);
    expect(xml('word/footer1.xml')).toContain('PAGE');
  }, 240_000);

  it('the sub-district roll-up compares its communities in a table and gives each its chapters', async () => {
    const res = await officer.get(`/api/v1/sub-districts/${sdId}/report.docx?from=${FROM}&to=${TO}`);
    expect(res.statusCode).toBe(200);
    const text = squeeze(pdfText(res.rawPayload, 'rollup'));
    expect(text).toContain('导出街道社区工作汇总');
    expect(text).toContain('各社区主要指标对比');
    expect(text).toMatch(/导出社区 13 39/);
    expect(text).toMatch(/第二社区 0 0/);
    expect(text).toContain(WORDS);
  }, 240_000);

  it('`linli report` writes the community’s signed report, and the roll-up with --sub-district alone', async () => {
    const out = path.join(dir, 'cli', '导出社区.docx');
    const options = { community: '导出社区', subDistrict: '导出街道', from: FROM, to: TO, out };
    if (l.config.databaseUrl) {
      // on PostgreSQL this test's schema is private to it: run the command itself on the test's database
      expect(await reportCommand.run({ db: l.services.db, config: l.config, args: [], options })).toContain('signed by');
    } else {
      const stdout = execFileSync(process.execPath, [path.resolve('bin/linli.mjs'), 'report', '--community', '导出社区', '--sub-district', '导出街道', '--from', FROM, '--to', TO, '--out', out], {
        env: { ...process.env, LINLI_DATA_DIR: l.config.dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
      });
      expect(stdout).toContain('signed by');
    }
    const text = squeeze(pdfText(fs.readFileSync(out), 'cli'));
    expect(text).toMatch(/居民 ?39 ?人/);
    expect(text).toContain(WORDS);

    const rollup = path.join(dir, 'cli', 'rollup.docx');
    expect(await reportCommand.run({ db: l.services.db, config: l.config, args: [], options: { subDistrict: sdId, from: FROM, to: TO, out: rollup } })).toContain('2 communities');
    expect(fs.statSync(rollup).size).toBeGreaterThan(5000);
    await expect(reportCommand.run({ db: l.services.db, config: l.config, args: [], options: { community: '没有的社区', from: FROM, to: TO, out: rollup } })).rejects.toThrow('没有这个社区');
    await expect(reportCommand.run({ db: l.services.db, config: l.config, args: [], options: { community: '导出社区', from: TO, to: FROM, out: rollup } })).rejects.toThrow('结束日期不能早于开始日期');
  }, 240_000);
});
