import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config';
import { createTestLinli, type TestLinli } from '../testing';

// /metrics counts sign-in failures and reveals of ID numbers by route: something for the
// monitoring of whoever runs Linli, not for anyone who can reach its port.

const open: TestLinli[] = [];
async function linliWith(config: Partial<Config>): Promise<TestLinli> {
  const l = await createTestLinli({ config });
  open.push(l);
  return l;
}
afterAll(async () => {
  for (const l of open) await l.close();
});

const scrape = (l: TestLinli, remoteAddress: string, headers: Record<string, string> = {}) => l.app.inject({ url: '/metrics', remoteAddress, headers });

describe('/metrics', () => {
  let plain: TestLinli;
  beforeAll(async () => {
    // what an installation gets when it configures nothing
    const defaults = loadConfig({});
    plain = await linliWith({ metricsAllow: defaults.metricsAllow, metricsToken: defaults.metricsToken });
  });

  it('is served to the machine itself when nothing is configured, and refused to everyone else', async () => {
    for (const local of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const res = await scrape(plain, local);
      expect(res.statusCode, local).toBe(200);
      expect(res.body).toContain('linli_http_request_duration_seconds');
    }
    for (const stranger of ['203.0.113.9', '10.1.2.3', '2001:db8::7']) {
      const res = await scrape(plain, stranger);
      expect(res.statusCode, stranger).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      expect(res.body).not.toContain('linli_http_request_duration_seconds');
    }
  });

  it('is refused to a request a reverse proxy on the same machine passed on, unless Linli trusts the proxy', async () => {
    const proxied = await scrape(plain, '127.0.0.1', { 'x-forwarded-for': '203.0.113.9' });
    expect(proxied.statusCode).toBe(403);
    const trusting = await linliWith({ metricsAllow: ['10.0.0.0/8'], trustProxy: true });
    expect((await scrape(trusting, '127.0.0.1', { 'x-forwarded-for': '10.4.4.4' })).statusCode).toBe(200);
    expect((await scrape(trusting, '127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).statusCode).toBe(403);
  });

  it('is served to the address ranges configured, and only those', async () => {
    const l = await linliWith({ metricsAllow: loadConfig({ LINLI_METRICS_ALLOW: '10.0.0.0/8, 192.168.7.20, fd00::/8' }).metricsAllow });
    for (const ok of ['10.200.3.4', '192.168.7.20', 'fd00::1']) expect((await scrape(l, ok)).statusCode, ok).toBe(200);
    for (const no of ['127.0.0.1', '192.168.7.21', '11.0.0.1', '2001:db8::7']) expect((await scrape(l, no)).statusCode, no).toBe(403);
  });

  it('with a token, is served to whoever presents it and refused without it, even on the machine itself', async () => {
    const config = loadConfig({ LINLI_METRICS_TOKEN: 'scrape-Qx81-token' });
    const l = await linliWith({ metricsAllow: config.metricsAllow, metricsToken: config.metricsToken });
    expect((await scrape(l, '203.0.113.9', { authorization: 'Bearer scrape-Qx81-token' })).statusCode).toBe(200);
    expect((await scrape(l, '127.0.0.1')).statusCode).toBe(403);
    expect((await scrape(l, '203.0.113.9')).statusCode).toBe(403);
    expect((await scrape(l, '203.0.113.9', { authorization: 'Bearer scrape-Qx81-tokem' })).statusCode).toBe(403);
    expect((await scrape(l, '203.0.113.9', { authorization: 'scrape-Qx81-token' })).statusCode).toBe(403);
  });

  it('refuses to start with an address range it cannot read', () => {
    expect(() => loadConfig({ LINLI_METRICS_ALLOW: '10.0.0.0/33' })).toThrow(/LINLI_METRICS_ALLOW/);
    expect(() => loadConfig({ LINLI_METRICS_ALLOW: 'localhost' })).toThrow(/LINLI_METRICS_ALLOW/);
  });
});
