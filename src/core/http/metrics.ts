import crypto from 'node:crypto';
import net from 'node:net';
import type { FastifyRequest } from 'fastify';
import client from 'prom-client';
import type { Config } from '../config';

/** One registry per process: Prometheus scrapes each instance on its own. */
export const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry, prefix: 'linli_' });

export const httpDuration = new client.Histogram({
  name: 'linli_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

/** Label children cached by route, method and status: the histogram is touched on every request. */
const children = new Map<string, client.Histogram.Internal<'method' | 'route' | 'status'>>();
export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  const key = `${method} ${status} ${route}`;
  let child = children.get(key);
  if (!child) {
    child = httpDuration.labels({ method, route, status: String(status) });
    children.set(key, child);
  }
  child.observe(seconds);
}

const FORWARDED = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * Who may read /metrics (it counts failed sign-ins and reveals by route): an address in
 * `metricsAllow`, or anyone with `Authorization: Bearer <metricsToken>`. A request a proxy passed
 * on, when Linli does not trust the proxy, has the proxy's address, not the client's: only the
 * token admits it, so a reverse proxy on the machine itself does not open /metrics to the world.
 */
export function metricsAccess(config: Pick<Config, 'metricsAllow' | 'metricsToken' | 'trustProxy'>): (req: FastifyRequest) => boolean {
  const allowed = new net.BlockList();
  for (const range of config.metricsAllow) {
    const [addr, bits] = range.split('/');
    allowed.addSubnet(addr, Number(bits), net.isIP(addr) === 6 ? 'ipv6' : 'ipv4');
  }
  const digest = (v: string) => crypto.createHash('sha256').update(v).digest();
  const token = config.metricsToken ? digest(config.metricsToken) : null;
  return (req) => {
    const auth = req.headers.authorization;
    if (token && auth?.startsWith('Bearer ') && crypto.timingSafeEqual(digest(auth.slice(7).trim()), token)) return true;
    if (!config.trustProxy && FORWARDED.some((h) => req.headers[h] !== undefined)) return false;
    const ip = req.ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    const family = net.isIP(ip);
    return family !== 0 && allowed.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  };
}
