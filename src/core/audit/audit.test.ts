import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/schema';
import { createLinli } from '../server';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type TestLinli } from '../testing';
import { auditKeyPath, readAuditKey } from './key';
import { GENESIS_HASH, maskIdNumber, maskPhone, redact, rowHash, verifyAudit } from './log';

let l: TestLinli;
let community: { id: string; subDistrictId: string };

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  community = await makeCommunity(l, sd.id);
});
afterAll(() => l.close());

/**
 * What someone with write access to the database, and Linli's source, can do: give rows from `from`
 * on other values and compute every hash again in plain SHA-256, links included.
 */
async function rewriteAndRechain(k: Kysely<Database>, from: number, change: Partial<Database['audit_log']>): Promise<void> {
  const rows = await k.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = GENESIS_HASH;
  for (const r of rows) {
    if (r.seq < from) {
      prev = r.hash;
      continue;
    }
    const { hash: _old, ...rest } = { ...r, ...(r.seq === from ? change : {}), prev_hash: prev };
    const hash = rowHash(rest);
    await k.updateTable('audit_log').set({ ...rest, hash }).where('seq', '=', r.seq).execute();
    prev = hash;
  }
}

/** true when, from row `from` on, every row's plain SHA-256 and link hold: all a check without the key can see */
async function plainChainHolds(k: Kysely<Database>, from = 1): Promise<boolean> {
  let prev = GENESIS_HASH;
  for (const { hash, ...rest } of await k.selectFrom('audit_log').selectAll().orderBy('seq').execute()) {
    if (rest.seq >= from && (rest.prev_hash !== prev || rowHash(rest) !== hash)) return false;
    prev = hash;
  }
  return true;
}

const count = async () => Number((await l.services.db.kysely.selectFrom('audit_log').select(l.services.db.kysely.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('audit log', () => {
  it('writes a row for every change, every sign-in and every refused change', async () => {
    const admin = await makeUser(l, 'system_admin');
    const before = await count();
    const a = await signIn(l, admin.username);
    expect(await count()).toBe(before + 1);
    const steps: [string, () => Promise<{ statusCode: number }>][] = [
      ['profile', () => a.send('PUT', `/api/v1/communities/${community.id}/profile`, { address: '一号', landArea: null, floorArea: null, movedInYear: null, greeningCoverage: null, phone: null, introduction: null })],
      ['create user', () => a.send('POST', '/api/v1/users', { username: 'audited_user', displayName: '被审计', password: 'Lotus-Pond-2026', grants: [{ role: 'staff', communityId: community.id, subDistrictId: null }] })],
      ['bad input', () => a.send('PUT', `/api/v1/communities/${community.id}/profile`, { address: 7 })],
      ['sub-district', () => a.send('POST', '/api/v1/sub-districts', { name: '新街道', district: '海淀区', city: '北京市', province: '北京市' })],
      ['logout', () => a.send('POST', '/api/v1/auth/logout')],
      ['refused', () => a.send('POST', '/api/v1/users', {})],
    ];
    for (const [name, step] of steps) {
      const n = await count();
      await step();
      expect(await count(), name).toBe(n + 1);
    }
    const failed = await l.services.db.kysely.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(failed.outcome).toBe('denied');
  });

  it('verifies an intact chain, then finds the row someone altered by hand', async () => {
    const u = await makeUser(l, 'secretary', { communityId: community.id });
    const c = await signIn(l, u.username);
    for (const addr of ['甲', '乙', '丙']) {
      await c.send('PUT', `/api/v1/communities/${community.id}/profile`, { address: addr, landArea: null, floorArea: null, movedInYear: null, greeningCoverage: null, phone: null, introduction: null });
    }
    const ok = await verifyAudit(l.services.db.kysely, readAuditKey(l.config));
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBe(await count());

    const target = await l.services.db.kysely.selectFrom('audit_log').select('seq').where('action', '=', 'profile.update').where('after_json', 'like', '%乙%').executeTakeFirstOrThrow();
    await l.services.db.kysely.updateTable('audit_log').set({ actor_username: 'someone_else' }).where('seq', '=', target.seq).execute();
    const broken = await verifyAudit(l.services.db.kysely, readAuditKey(l.config));
    expect(broken).toMatchObject({ ok: false, problem: { seq: target.seq, kind: 'altered' } });
  });

  it('finds a row deleted from the middle of the chain', async () => {
    const l2 = await createTestLinli();
    try {
      for (let i = 0; i < 3; i++) await makeUser(l2, 'system_admin').then((u) => signIn(l2, u.username));
      await l2.services.db.kysely.deleteFrom('audit_log').where('seq', '=', 2).execute();
      expect(await verifyAudit(l2.services.db.kysely, readAuditKey(l2.config))).toMatchObject({ ok: false, problem: { seq: 2, kind: 'missing' } });
    } finally {
      await l2.close();
    }
  });

  it('`linli audit verify` exits 0 on an intact log and non-zero, naming the row, on an altered one', async (ctx) => {
    ctx.skip(Boolean(l.config.databaseUrl), 'the CLI opens the configured database; this test drives the SQLite file');
    const l2 = await createTestLinli();
    const cli = () =>
      execFileSync(process.execPath, [path.resolve('bin/linli.mjs'), 'audit', 'verify'], {
        env: { ...process.env, LINLI_DATA_DIR: l2.config.dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    try {
      await signIn(l2, (await makeUser(l2, 'system_admin')).username);
      await signIn(l2, (await makeUser(l2, 'system_admin')).username);
      await signIn(l2, (await makeUser(l2, 'system_admin')).username);
      expect(cli()).toContain('audit log intact: 3 rows checked; keyed with HMAC-SHA-256 from row 1');
      const failure = () => {
        try {
          cli();
        } catch (e) {
          return String((e as { stderr: string }).stderr);
        }
        return 'exited 0';
      };
      await rewriteAndRechain(l2.services.db.kysely, 3, { ip: '10.0.0.1' });
      expect(failure()).toContain('audit log broken at row 3: unkeyed');
      await l2.services.db.kysely.updateTable('audit_log').set({ ip: '10.0.0.1' }).where('seq', '=', 2).execute();
      expect(failure()).toContain('audit log broken at row 2: altered');
    } finally {
      await l2.close();
    }
  });

  it('is keyed: a row rewritten and re-chained in plain SHA-256, which the plain chain alone accepts, is found', async () => {
    const l2 = await createTestLinli();
    try {
      for (let i = 0; i < 4; i++) await signIn(l2, (await makeUser(l2, 'system_admin')).username);
      const k = l2.services.db.kysely;
      expect(await verifyAudit(k, readAuditKey(l2.config))).toMatchObject({ ok: true, checked: 4, keyedFrom: 1 });

      // the sign-in of row 2 pinned on someone else, and every hash from there computed again
      await rewriteAndRechain(k, 2, { actor_username: 'someone_else', ip: '10.9.9.9' });
      expect(await plainChainHolds(k, 2)).toBe(true);
      expect(await verifyAudit(k, readAuditKey(l2.config))).toMatchObject({ ok: false, checked: 1, problem: { seq: 2, kind: 'unkeyed' } });

      // re-chained from the very first row, nothing keyed is left: the key still says row 1 should be
      await rewriteAndRechain(k, 1, { action: 'auth.logout' });
      expect(await plainChainHolds(k)).toBe(true);
      expect(await verifyAudit(k, readAuditKey(l2.config))).toMatchObject({ ok: false, checked: 0, problem: { seq: 1, kind: 'unkeyed' } });
    } finally {
      await l2.close();
    }
  });

  it('keeps a log an older Linli wrote in plain SHA-256 verifiable, keyed from the first row after it', async () => {
    const older = await createTestLinli();
    try {
      // the log as an older Linli left it: three rows in plain SHA-256, and no key yet
      const k = older.services.db.kysely;
      await k.deleteFrom('audit_log').execute();
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const row = { seq, at: `2026-10-0${seq}T08:00:00.000Z`, actor_user_id: null, actor_username: 'yili_secretary', ip: '10.0.0.8', user_agent: null, action: 'profile.update', entity_type: null, entity_id: null, community_id: null, sub_district_id: null, before_json: null, after_json: `{"address":"${seq}号楼"}`, outcome: 'ok', request_id: null, prev_hash: prev };
        prev = rowHash(row);
        await k.insertInto('audit_log').values({ ...row, hash: prev }).execute();
      }
      fs.rmSync(auditKeyPath(older.config.dataDir));

      // the first start of this Linli on that log
      const upgraded = await createLinli(older.config, { clock: older.clock, pgSchema: older.services.db.pgSchema });
      try {
        const key = readAuditKey(older.config);
        expect(key).toMatchObject({ from: 4 });
        await signIn(upgraded, (await makeUser(upgraded, 'system_admin')).username);
        expect(await verifyAudit(k, key)).toMatchObject({ ok: true, checked: 4, keyedFrom: 4 });

        // rows from before the key can be re-chained unseen; the first row written with the key cannot
        await rewriteAndRechain(k, 2, { actor_username: 'someone_else' });
        expect(await plainChainHolds(k)).toBe(true);
        expect(await verifyAudit(k, key)).toMatchObject({ ok: false, checked: 3, problem: { seq: 4, kind: 'unkeyed' } });
      } finally {
        await upgraded.close();
      }
    } finally {
      await older.close();
    }
  });

  it('keeps its key outside the database, readable by Linli only, and will not start a second key for a keyed log', async () => {
    const l2 = await createTestLinli();
    try {
      await signIn(l2, (await makeUser(l2, 'system_admin')).username);
      const file = auditKeyPath(l2.config.dataDir);
      expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
      expect((fs.statSync(path.dirname(file)).mode & 0o777).toString(8)).toBe('700');
      const keyText = fs.readFileSync(file, 'utf8');
      const dump = JSON.stringify(await l2.services.db.kysely.selectFrom('audit_log').selectAll().execute());
      expect(dump).not.toContain((JSON.parse(keyText) as { key: string }).key);

      // an instance without the key file (another server on the same PostgreSQL, a restore without keys/)
      fs.rmSync(file);
      await expect(createLinli(l2.config, { clock: l2.clock, pgSchema: l2.services.db.pgSchema })).rejects.toThrow(/LINLI_AUDIT_KEY|audit\.key/);
      expect(fs.existsSync(file)).toBe(false);
      fs.writeFileSync(file, keyText, { mode: 0o600 });
    } finally {
      await l2.close();
    }
  });

  it('takes the key from LINLI_AUDIT_KEY when set, shared by every instance, and writes no key file', async () => {
    const shared = crypto.randomBytes(32).toString('base64');
    const l2 = await createTestLinli({ config: { auditKey: shared } });
    try {
      await signIn(l2, (await makeUser(l2, 'system_admin')).username);
      await signIn(l2, (await makeUser(l2, 'system_admin')).username);
      expect(fs.existsSync(auditKeyPath(l2.config.dataDir))).toBe(false);
      const k = l2.services.db.kysely;
      expect(await verifyAudit(k, readAuditKey(l2.config))).toMatchObject({ ok: true, checked: 2, keyedFrom: 1 });
      const other = readAuditKey({ ...l2.config, auditKey: crypto.randomBytes(32).toString('base64') });
      expect(await verifyAudit(k, other)).toMatchObject({ ok: false, problem: { seq: 1, kind: 'altered' } });
    } finally {
      await l2.close();
    }
  });

  it('with LINLI_AUDIT_KEY on a log an older Linli wrote, is keyed from the row LINLI_AUDIT_KEY_FROM names', async () => {
    const shared = crypto.randomBytes(32).toString('base64');
    const l2 = await createTestLinli({ config: { auditKey: shared, auditKeyFrom: 3 } });
    try {
      // two rows as an older Linli left them, then one written with the key
      const k = l2.services.db.kysely;
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 2; seq++) {
        const row = { seq, at: `2026-10-0${seq}T08:00:00.000Z`, actor_user_id: null, actor_username: 'cli', ip: null, user_agent: null, action: 'users.create', entity_type: null, entity_id: null, community_id: null, sub_district_id: null, before_json: null, after_json: null, outcome: 'ok', request_id: null, prev_hash: prev };
        prev = rowHash(row);
        await k.insertInto('audit_log').values({ ...row, hash: prev }).execute();
      }
      await signIn(l2, (await makeUser(l2, 'system_admin')).username);
      expect(await verifyAudit(k, readAuditKey(l2.config))).toMatchObject({ ok: true, checked: 3, keyedFrom: 3 });
      // without LINLI_AUDIT_KEY_FROM the key is taken to chain the log from its first row
      expect(await verifyAudit(k, readAuditKey({ ...l2.config, auditKeyFrom: null }))).toMatchObject({ ok: false, problem: { seq: 1, kind: 'unkeyed' } });
      expect(() => readAuditKey({ ...l2.config, auditKeyFrom: 0 })).toThrow(/LINLI_AUDIT_KEY_FROM/);
    } finally {
      await l2.close();
    }
  });

  it('never stores passwords, and masks ID numbers and phones', () => {
    expect(redact({ password: 'Secret-123456', idNumber: '110105194912310021', phone: '13812345678', nested: { mobile: '13900001111' } })).toEqual({
      password: '[redacted]',
      idNumber: '110105********0021',
      phone: '138****5678',
      nested: { mobile: '139****1111' },
    });
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('shows a secretary the audit rows of their own community only', async () => {
    const sd = await makeSubDistrict(l);
    const mine = await makeCommunity(l, sd.id);
    const theirs = await makeCommunity(l, sd.id);
    const secA = await signIn(l, (await makeUser(l, 'secretary', { communityId: mine.id })).username);
    const secB = await signIn(l, (await makeUser(l, 'secretary', { communityId: theirs.id })).username);
    const p = { address: 'x', landArea: null, floorArea: null, movedInYear: null, greeningCoverage: null, phone: null, introduction: null };
    await secA.send('PUT', `/api/v1/communities/${mine.id}/profile`, p);
    await secB.send('PUT', `/api/v1/communities/${theirs.id}/profile`, p);
    const rows = (await secA.get('/api/v1/audit?pageSize=200')).json().items as { communityId: string | null }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.communityId === mine.id)).toBe(true);
    const staffUser = await makeUser(l, 'staff', { communityId: mine.id });
    const staff = await signIn(l, staffUser.username);
    expect((await staff.get('/api/v1/audit')).statusCode).toBe(403);
    // the secretary sees when their staff signed in
    const logins = (await secA.get(`/api/v1/audit?action=auth.login&actor=${staffUser.username}`)).json().items as { action: string }[];
    expect(logins).toHaveLength(1);
  });

  it('hides sensitive care tags from an auditor without registry.sensitive, on the page and in the export, while the secretary sees them', async () => {
    const sd = await makeSubDistrict(l);
    const c = await makeCommunity(l, sd.id);
    const reg = `/api/v1/communities/${c.id}`;
    const sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
    const auditor = await signIn(l, (await makeUser(l, 'auditor', { communityId: c.id })).username);
    const ok = async (res: { statusCode: number; body: string; json(): unknown }) => {
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
      return res.json() as { id: string };
    };
    const compound = (await ok(await sec.send('POST', `${reg}/registry/compounds`, { name: '怡丽北园' }))).id;
    const dwelling = (await ok(await sec.send('POST', `${reg}/registry/dwellings`, { compoundId: compound, room: '平房7号' }))).id;
    const r = await ok(await sec.send('POST', `${reg}/residents`, { name: '帮教对象', birthDate: '1970-05-01', dwellingId: dwelling }));
    await ok(await sec.send('POST', `${reg}/residents/tags`, { residentIds: [r.id], tag: 'empty_nest', action: 'add' }));
    await ok(await sec.send('POST', `${reg}/residents/tags`, { residentIds: [r.id], tag: 'rectified', action: 'add' }));
    await ok(await sec.send('PATCH', `${reg}/residents/${r.id}`, { notes: '归正人员，每月谈心一次' }));
    await ok(await sec.send('POST', `${reg}/saved-lists`, { name: '重点帮教', filters: { tag: 'rectified,age_60' } }));

    const SENSITIVE = /rectified|归正人员|刑满释放|Released from prison/i;
    const page = async (who: typeof sec) => {
      const res = await who.get(`/api/v1/audit?communityId=${c.id}&pageSize=200`);
      expect(res.statusCode).toBe(200);
      return JSON.stringify(res.json().items);
    };
    const exported = async (who: typeof sec) => {
      const res = await who.get(`/api/v1/audit/export.xlsx?communityId=${c.id}`);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const cells: string[] = [];
      wb.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
      return cells.join('\n');
    };
    const seen = await page(sec);
    expect(seen).toMatch(/rectified/);
    expect(seen).toMatch(/归正人员/);
    expect(await exported(sec)).toMatch(/rectified/);

    const hidden = await page(auditor);
    expect(hidden).not.toMatch(SENSITIVE);
    // the rest of the record stays readable: the other tag, the list's name, who did what
    expect(hidden).toMatch(/empty_nest/);
    expect(hidden).toMatch(/重点帮教/);
    expect(hidden).toMatch(/registry\.bulk-tag/);
    const items = (await auditor.get(`/api/v1/audit?communityId=${c.id}&action=registry.update-resident`)).json().items as { before: { tags: string[] }; after: { tags: string[]; notes: string } }[];
    expect(items[0].before.tags).toEqual(['empty_nest']);
    expect(items[0].after).toMatchObject({ tags: ['empty_nest'], notes: '[redacted]' });
    const file = await exported(auditor);
    expect(file).not.toMatch(SENSITIVE);
    expect(file).toMatch(/empty_nest/);
  });

  it('filters by a day or by the instant the audit page sends, and refuses a day the calendar does not have by name', async () => {
    const admin = await signIn(l, (await makeUser(l, 'system_admin')).username);
    const today = l.clock.now().toISOString().slice(0, 10);
    const byDay = (await admin.get(`/api/v1/audit?from=${today}&to=${today}`)).json().total as number;
    expect(byDay).toBeGreaterThan(0);
    const byInstant = await admin.get(`/api/v1/audit?from=${today}T00:00:00.000Z&to=${today}T23:59:59.999Z`);
    expect(byInstant.json().total).toBe(byDay);
    for (const url of ['/api/v1/audit?from=2026-13-01', '/api/v1/audit/export.xlsx?to=2026-02-30']) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(Object.values(res.json().error.fields as Record<string, string>)).toEqual([`“${url.slice(-10)}”不是日历上的日期`]);
    }
    const en = await admin.get('/api/v1/audit?from=2026-02-30T08:00:00Z', { cookie: `${admin.cookie}; linli_lang=en` });
    expect(en.json().error.fields).toEqual({ from: '“2026-02-30” is not a day of the calendar' });
    expect((await admin.get('/api/v1/audit?to=last-week')).json().error.fields).toEqual({ to: '格式不正确' });
  });
});
