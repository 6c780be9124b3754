import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, TEST_PASSWORD, type TestLinli } from '../testing';

let l: TestLinli;
let community: { id: string };

beforeAll(async () => {
  l = await createTestLinli({ config: { loginRateLimit: 1000 } });
  const sd = await makeSubDistrict(l);
  community = await makeCommunity(l, sd.id);
});
afterAll(() => l.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  client(l).send('POST', '/api/v1/auth/login', { username, password }, headers);

describe('sign-in', () => {
  it('signs a user in with the right password and sets an HttpOnly, SameSite=Strict cookie', async () => {
    const u = await makeUser(l, 'staff', { communityId: community.id });
    const res = await login(u.username, u.password);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'linli_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.secure).toBeFalsy();
    expect(res.json().user.username).toBe(u.username);
  });

  it('marks the cookie Secure behind a TLS-terminating proxy it trusts', async () => {
    const behind = await createTestLinli({ config: { trustProxy: true } });
    try {
      const u = await makeUser(behind, 'system_admin');
      const res = await client(behind).send('POST', '/api/v1/auth/login', { username: u.username, password: u.password }, { 'x-forwarded-proto': 'https', origin: 'https://localhost' });
      expect(res.cookies.find((c) => c.name === 'linli_session')!.secure).toBe(true);
    } finally {
      await behind.close();
    }
  });

  it('answers a wrong password and an unknown user with the same generic message', async () => {
    const u = await makeUser(l, 'staff', { communityId: community.id });
    const wrong = await login(u.username, 'not-the-password-1');
    const unknown = await login('nobody_here', 'not-the-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual({ code: 'AUTH_INVALID', message: '用户名或密码错误，或账户已暂时锁定' });
    expect(unknown.json().error).toEqual(wrong.json().error);
  });

  it('speaks English when the browser asks for it', async () => {
    const res = await login('nobody_here', 'whatever-pass-1', { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.json().error.message).toBe('Wrong username or password, or the account is locked for a while');
  });

  it('answers the 5th failure of a real account exactly as that of an unknown name, so nobody learns who has an account', async () => {
    const u = await makeUser(l, 'staff', { communityId: community.id });
    const real = [];
    const unknown = [];
    for (let i = 0; i < 6; i++) {
      real.push(await login(u.username, 'wrong-password-x'));
      unknown.push(await login('no_such_person', 'wrong-password-x'));
    }
    for (let i = 0; i < 6; i++) {
      expect(real[i].statusCode, `attempt ${i + 1}`).toBe(401);
      expect(unknown[i].statusCode, `attempt ${i + 1}`).toBe(401);
      expect(real[i].json(), `attempt ${i + 1}`).toEqual(unknown[i].json());
    }
  });

  it('locks an account after 5 failures from one address, even for the right password, and unlocks it after 15 minutes', async () => {
    const u = await makeUser(l, 'staff', { communityId: community.id });
    for (let i = 0; i < 5; i++) expect((await login(u.username, 'wrong-password-x')).statusCode).toBe(401);
    const locked = await login(u.username, u.password);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error).toEqual({ code: 'AUTH_INVALID', message: '用户名或密码错误，或账户已暂时锁定' });
    l.clock.advanceMinutes(14);
    expect((await login(u.username, u.password)).statusCode).toBe(401);
    l.clock.advanceMinutes(2);
    expect((await login(u.username, u.password)).statusCode).toBe(200);
  });

  it('lets a stranger who types wrong passwords lock the account only for the stranger: the secretary signs in from her own desk', async () => {
    const u = await makeUser(l, 'secretary', { communityId: community.id });
    const from = (remoteAddress: string, password: string) =>
      l.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, headers: { origin: 'http://localhost', host: 'localhost', 'content-type': 'application/json' }, payload: JSON.stringify({ username: u.username, password }) });
    for (let i = 0; i < 6; i++) expect((await from('203.0.113.9', 'guessing-pass-1')).statusCode).toBe(401);
    expect((await from('203.0.113.9', u.password)).statusCode).toBe(401);
    expect((await from('192.168.1.20', u.password)).statusCode).toBe(200);
    // her own slips from her desk count for her desk alone, and a success there starts again from nothing
    for (let i = 0; i < 4; i++) expect((await from('192.168.1.20', 'typo-password-1')).statusCode).toBe(401);
    expect((await from('192.168.1.20', u.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await from('192.168.1.20', 'typo-password-1')).statusCode).toBe(401);
    expect((await from('192.168.1.20', u.password)).statusCode).toBe(200);
  });

  it('limits the rate of sign-in attempts from one address', async () => {
    const strict = await createTestLinli({ config: { loginRateLimit: 3 } });
    try {
      const c = client(strict);
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await c.send('POST', '/api/v1/auth/login', { username: 'x_user', password: 'y-password-1' })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await strict.close();
    }
  });
});

describe('sessions', () => {
  it('ends a session idle for longer than 30 minutes', async () => {
    const u = await makeUser(l, 'staff', { communityId: community.id });
    const c = await signIn(l, u.username);
    l.clock.advanceMinutes(29);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    l.clock.advanceMinutes(29);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    l.clock.advanceMinutes(31);
    const res = await c.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    const u = await makeUser(l, 'staff', { communityId: community.id });
    const c = await signIn(l, u.username);
    // active every 25 minutes, so never idle: 28 × 25 min = 11 h 40 min
    for (let i = 0; i < 28; i++) {
      l.clock.advanceMinutes(25);
      expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    }
    l.clock.advanceMinutes(25);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('signs out: the old cookie no longer works', async () => {
    const u = await makeUser(l, 'staff', { communityId: community.id });
    const c = await signIn(l, u.username);
    const stolen = c.cookie;
    expect((await c.send('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await client(l, stolen).get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('lets an administrator end all sessions of a user', async () => {
    const u = await makeUser(l, 'staff', { communityId: community.id });
    const phone = await signIn(l, u.username);
    const desk = await signIn(l, u.username);
    const admin = await makeUser(l, 'secretary', { communityId: community.id });
    const a = await signIn(l, admin.username);
    const res = await a.send('DELETE', `/api/v1/users/${u.id}/sessions`);
    expect(res.json()).toEqual({ ended: 2 });
    expect((await phone.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await desk.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('keeps sessions in the database, so a second server instance on the same data accepts the cookie', async (ctx) => {
    ctx.skip(Boolean(l.config.databaseUrl), 'the PostgreSQL run shares one server per schema; SQLite shows it with a second handle');
    const u = await makeUser(l, 'staff', { communityId: community.id });
    const c = await signIn(l, u.username);
    const { createLinli } = await import('../server');
    const second = await createLinli(l.config, { clock: l.clock });
    try {
      const res = await second.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: c.cookie } });
      expect(res.statusCode).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe('passwords', () => {
  it('makes an account created by an administrator change its password before anything else', async () => {
    const admin = await makeUser(l, 'secretary', { communityId: community.id });
    const a = await signIn(l, admin.username);
    const created = await a.send('POST', '/api/v1/users', {
      username: 'new_staff_1',
      displayName: '新社工',
      password: 'First-Pass-2026',
      grants: [{ role: 'staff', communityId: community.id, subDistrictId: null }],
    });
    expect(created.statusCode).toBe(200);
    expect(created.json().mustChangePassword).toBe(true);

    const c = await signIn(l, 'new_staff_1', 'First-Pass-2026');
    const blocked = await c.get(`/api/v1/communities/${community.id}/profile`);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.get('/api/v1/auth/me')).json().mustChangePassword).toBe(true);

    const short = await c.send('POST', '/api/v1/auth/change-password', { currentPassword: 'First-Pass-2026', newPassword: 'short' });
    expect(short.json().error.fields.newPassword).toBe('密码至少 10 位');
    const common = await c.send('POST', '/api/v1/auth/change-password', { currentPassword: 'First-Pass-2026', newPassword: 'woaini1314520' });
    expect(common.json().error.fields.newPassword).toBe('这个密码太常见，容易被猜到');
    const same = await c.send('POST', '/api/v1/auth/change-password', { currentPassword: 'First-Pass-2026', newPassword: 'new_staff_1' });
    expect(same.json().error.fields.newPassword).toMatch(/用户名|至少/);
    const asName = await c.send('POST', '/api/v1/auth/change-password', { currentPassword: 'First-Pass-2026', newPassword: 'new_staff_1x!' });
    expect(asName.json().error.fields.newPassword).toBe('密码不能与用户名相同');

    const ok = await c.send('POST', '/api/v1/auth/change-password', { currentPassword: 'First-Pass-2026', newPassword: 'Plum-Blossom-77' });
    expect(ok.statusCode).toBe(204);
    expect((await c.get(`/api/v1/communities/${community.id}/profile`)).statusCode).toBe(200);
  });

  it('refuses to create an account with a weak initial password', async () => {
    const admin = await makeUser(l, 'secretary', { communityId: community.id });
    const a = await signIn(l, admin.username);
    const res = await a.send('POST', '/api/v1/users', {
      username: 'weak_one',
      displayName: '弱',
      password: '1234567890',
      grants: [{ role: 'staff', communityId: community.id, subDistrictId: null }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.password).toBe('这个密码太常见，容易被猜到');
  });

  it('signs in a disabled user nowhere', async () => {
    const u = await makeUser(l, 'staff', { communityId: community.id });
    const c = await signIn(l, u.username);
    const admin = await makeUser(l, 'secretary', { communityId: community.id });
    const a = await signIn(l, admin.username);
    expect((await a.send('PATCH', `/api/v1/users/${u.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    const again = await login(u.username, TEST_PASSWORD);
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('AUTH_DISABLED');
  });
});

describe('CSRF', () => {
  it('refuses a change sent from another origin, even with a valid session', async () => {
    const u = await makeUser(l, 'secretary', { communityId: community.id });
    const c = await signIn(l, u.username);
    const body = { address: '被篡改', landArea: null, floorArea: null, movedInYear: null, greeningCoverage: null, phone: null, introduction: null };
    const evil = await c.send('PUT', `/api/v1/communities/${community.id}/profile`, body, { origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error.code).toBe('CSRF_REJECTED');
    const crossSite = await c.send('PUT', `/api/v1/communities/${community.id}/profile`, body, { origin: '', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    expect((await c.get(`/api/v1/communities/${community.id}/profile`)).json().address).toBe('');
    expect((await c.send('PUT', `/api/v1/communities/${community.id}/profile`, body)).statusCode).toBe(200);
  });

  it('compares the scheme too: a page served over https may not change what is served over http', async () => {
    const u = await makeUser(l, 'secretary', { communityId: community.id });
    const c = await signIn(l, u.username);
    const body = { address: '同一主机', landArea: null, floorArea: null, movedInYear: null, greeningCoverage: null, phone: null, introduction: null };
    const url = `/api/v1/communities/${community.id}/profile`;
    const https = await c.send('PUT', url, body, { origin: 'https://localhost' });
    expect(https.statusCode).toBe(403);
    expect(https.json().error.code).toBe('CSRF_REJECTED');
    expect((await c.send('PUT', url, body, { origin: 'http://localhost:8080' })).statusCode).toBe(403);
    // a proxy's forwarded headers count only when Linli is told to trust the proxy
    expect((await c.send('PUT', url, body, { origin: 'https://localhost', 'x-forwarded-proto': 'https' })).statusCode).toBe(403);
    expect((await c.send('PUT', url, body, { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' })).statusCode).toBe(403);
    expect((await c.send('PUT', url, body, { origin: 'http://localhost' })).statusCode).toBe(200);
    expect((await c.send('PUT', url, body, { origin: 'http://localhost:80' })).statusCode).toBe(200);
  });

  it('behind a TLS-terminating proxy it trusts, takes the scheme the browser used from X-Forwarded-Proto', async () => {
    const behind = await createTestLinli({ config: { trustProxy: true } });
    try {
      const sd = await makeSubDistrict(behind);
      const mine = await makeCommunity(behind, sd.id);
      const u = await makeUser(behind, 'secretary', { communityId: mine.id });
      const c = client(behind);
      const tls = { 'x-forwarded-proto': 'https', origin: 'https://localhost' };
      expect((await c.send('POST', '/api/v1/auth/login', { username: u.username, password: u.password }, tls)).statusCode).toBe(200);
      const body = { address: '代理之后', landArea: null, floorArea: null, movedInYear: null, greeningCoverage: null, phone: null, introduction: null };
      const url = `/api/v1/communities/${mine.id}/profile`;
      expect((await c.send('PUT', url, body, { ...tls, origin: 'http://localhost' })).statusCode).toBe(403);
      expect((await c.send('PUT', url, body, tls)).statusCode).toBe(200);
    } finally {
      await behind.close();
    }
  });
});
