import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, signIn, type TestLinli } from './testing';

let l: TestLinli;
beforeAll(async () => {
  l = await createTestLinli();
});
afterAll(() => l.close());

/** Runs `linli …` against this test's data directory (the SQLite file). */
function linli(...args: string[]): { out: string; err: string; code: number } {
  try {
    const out = execFileSync(process.execPath, [path.resolve('bin/linli.mjs'), ...args], {
      env: { ...process.env, LINLI_DATA_DIR: l.config.dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { out, err: '', code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; status: number };
    return { out: x.stdout, err: x.stderr, code: x.status };
  }
}

describe('the linli command', () => {
  it('creates an administrator from a script, who can then sign in, and refuses a weak password with a clear message', async (ctx) => {
    ctx.skip(Boolean(l.config.databaseUrl), 'drives the SQLite file of this test');
    const sd = await makeSubDistrict(l, '测试街道');
    await makeCommunity(l, sd.id, '测试社区');
    const weak = linli('create-admin', '--username', 'weak_admin', '--password', '12345678');
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('密码至少 10 位');
    const ok = linli('create-admin', '--username', 'street_admin', '--password', 'Osmanthus-Lane-9', '--sub-district', '测试街道');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('created subdistrict_admin street_admin');
    const c = await signIn(l, 'street_admin', 'Osmanthus-Lane-9');
    expect((await c.get('/api/v1/auth/me')).json().communities.map((x: { name: string }) => x.name)).toEqual(['测试社区']);
    expect(linli('create-admin', '--username', 'street_admin', '--password', 'Osmanthus-Lane-9').err).toContain('already exists');
  });

  it('says the schema is up to date, and explains each command with --help', (ctx) => {
    ctx.skip(Boolean(l.config.databaseUrl), 'drives the SQLite file of this test');
    expect(linli('migrate').out).toContain('already up to date');
    expect(linli('import', '--help').out).toContain('--on-duplicate <update|skip>');
    expect(linli('nonsense').code).not.toBe(0);
  });
});
