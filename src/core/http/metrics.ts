import client from 'prom-client';

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
