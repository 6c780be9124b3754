/**
 * `npm run bench`: what the Linli pipeline costs on a real read.
 *
 * Drives, with autocannon over loopback,
 *   - linli: an authenticated `GET /api/v1/communities/:communityId/profile` (cookie session looked up in
 *     the database, permission check, community-scoped query, zod response serialization), and
 *   - bare:  a plain Fastify handler on the same database through the same Kysely instance
 *     (`select * from community_profile where community_id = ?`, `reply.send(row)`; no auth, no validation),
 * alternating bare, linli, bare, linli, and prints the medians and the ratio linli req/s ÷ bare req/s.
 * The figures are also written into BENCHMARKS.md (the section between the bench:api markers).
 *
 * Both servers listen in this process; autocannon runs in a child process so it does not share
 * the servers' event loop.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { createTestLinli, signIn } from '../src/core/testing';
import { systemClock } from '../src/core/services';

const DURATION_S = 10;
const WARMUP_S = 2;
const CONNECTIONS = 10;
const ORDER = ['bare', 'linli', 'bare', 'linli'] as const;
const TARGET = 0.5;

type Target = (typeof ORDER)[number];

interface Result {
  reqPerSec: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const require = createRequire(import.meta.url);
const AUTOCANNON = require.resolve('autocannon');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One autocannon run in a child process (the CLI with --json), so the load generator has its own event loop. */
function autocannon(url: string, headers: Record<string, string>, seconds: number): Promise<Result> {
  const args = [AUTOCANNON, '--json', '--no-progress', '-c', String(CONNECTIONS), '-d', String(seconds)];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}:${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err}`));
      try {
        const j = JSON.parse(out) as {
          requests: { average: number; total: number };
          latency: { p50: number; p99: number };
          non2xx: number;
          errors: number;
          timeouts: number;
        };
        resolve({
          reqPerSec: j.requests.average,
          p50: j.latency.p50,
          p99: j.latency.p99,
          total: j.requests.total,
          non2xx: j.non2xx,
          errors: j.errors,
          timeouts: j.timeouts,
        });
      } catch (e) {
        reject(new Error(`cannot read autocannon output: ${String(e)}\n${out}\n${err}`));
      }
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr !== 'object') throw new Error('server has no port');
  return addr.port;
}

function cpuModel(): string {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    /* not Linux */
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

const START = '<!-- bench:api:start -->';
const END = '<!-- bench:api:end -->';

function writeBenchmarksMd(section: string): void {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const block = `${START}\n${section.trim()}\n${END}\n`;
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a >= 0 && b > a) text = text.slice(0, a) + block + text.slice(b + END.length).replace(/^\n/, '');
  else text = text.replace(/\n*$/, '\n\n') + block;
  fs.writeFileSync(file, text);
}

async function main(): Promise<void> {
  const started = Date.now();
  const linli = await createTestLinli({ demo: true, config: { logLevel: 'silent' } });
  // TestLinli's clock is frozen; run in real time, and sign in only after switching so the session is
  // stamped "now" and stays fresh for the whole run (idle timeout 30 min; touched at most once a minute).
  Object.assign(linli.clock, { now: () => systemClock.now() });

  let bare: FastifyInstance | null = null;
  try {
    const user = await signIn(linli, 'yili_secretary', 'Linli-demo-2026');
    const me = await user.get('/api/v1/auth/me');
    if (me.statusCode !== 200) throw new Error(`/auth/me answered ${me.statusCode}`);
    const communityId = (me.json() as { communities: { id: string }[] }).communities[0]?.id;
    if (!communityId) throw new Error('the demo user sees no community');

    const kysely = linli.services.db.kysely;
    bare = Fastify({ logger: false });
    bare.get('/profile/:communityId', async (req, reply) => {
      const { communityId: id } = req.params as { communityId: string };
      const row = await kysely.selectFrom('community_profile').selectAll().where('community_id', '=', id).executeTakeFirst();
      return reply.send(row);
    });

    const linliPort = await listen(linli.app);
    const barePort = await listen(bare);
    const targets: Record<Target, { url: string; headers: Record<string, string> }> = {
      linli: { url: `http://127.0.0.1:${linliPort}/api/v1/communities/${communityId}/profile`, headers: { cookie: user.cookie } },
      bare: { url: `http://127.0.0.1:${barePort}/profile/${communityId}`, headers: {} },
    };

    // Both must answer 200 with a profile before they are worth timing.
    for (const [name, t] of Object.entries(targets)) {
      const res = await fetch(t.url, { headers: t.headers });
      const body = await res.text();
      if (res.status !== 200 || !body.includes('address')) throw new Error(`${name} answered ${res.status}: ${body.slice(0, 200)}`);
    }

    const results: Record<Target, Result[]> = { linli: [], bare: [] };
    for (const name of ORDER) {
      const t = targets[name];
      process.stdout.write(`${name}: warm-up ${WARMUP_S}s, run ${DURATION_S}s … `);
      await autocannon(t.url, t.headers, WARMUP_S);
      const r = await autocannon(t.url, t.headers, DURATION_S);
      if (r.non2xx || r.errors || r.timeouts) {
        throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts — the figures would be meaningless`);
      }
      results[name].push(r);
      console.log(`${Math.round(r.reqPerSec)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
    }

    const summary = (name: Target) => ({
      reqPerSec: median(results[name].map((r) => r.reqPerSec)),
      p50: median(results[name].map((r) => r.p50)),
      p99: median(results[name].map((r) => r.p99)),
      runs: results[name].map((r) => Math.round(r.reqPerSec)),
    });
    const s = { bare: summary('bare'), linli: summary('linli') };
    const ratio = s.linli.reqPerSec / s.bare.reqPerSec;
    const pct = `${(ratio * 100).toFixed(1)}%`;
    const verdict = ratio >= TARGET ? 'meets' : 'misses';

    const rows = [
      ['', 'req/s (median)', 'p50 latency', 'p99 latency', 'runs (req/s)'],
      ['bare Fastify + Kysely', Math.round(s.bare.reqPerSec).toString(), `${s.bare.p50} ms`, `${s.bare.p99} ms`, s.bare.runs.join(', ')],
      ['Linli pipeline', Math.round(s.linli.reqPerSec).toString(), `${s.linli.p50} ms`, `${s.linli.p99} ms`, s.linli.runs.join(', ')],
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    console.log();
    for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
    console.log(`\nratio Linli ÷ bare: ${pct} (target ≥ ${TARGET * 100}%: ${verdict})`);

    const cores = os.availableParallelism();
    const md = `## API overhead: Linli pipeline vs. bare Fastify

- **Date:** ${new Date().toISOString().slice(0, 10)}
- **Machine:** ${cores} cores (\`nproc\`), ${cpuModel()}, Node ${process.version}, ${os.platform()} ${os.release()}
- **Command:** \`npm run bench\` (\`bench/api.bench.ts\`)
- **Method:** autocannon over loopback (127.0.0.1), ${CONNECTIONS} connections, no pipelining; each run ${WARMUP_S} s warm-up then ${DURATION_S} s measured; order bare, linli, bare, linli; medians of the two runs each. Latencies are autocannon's, recorded in whole milliseconds (so "0 ms" means under 1 ms).
  - *linli*: authenticated \`GET /api/v1/communities/:communityId/profile\` as \`yili_secretary\` (demo data, embedded SQLite): cookie session looked up in the database, permission check, community-scoped query, zod response serialization.
  - *bare*: a plain Fastify route in the same process on the same database through the same Kysely instance: \`select * from community_profile where community_id = ?\`, \`reply.send(row)\`; no auth, no validation.
- **Caveat:** the machine has ${cores} cores and autocannon (a child process) shares them with the servers (one Node process), so absolute req/s are lower than on a dedicated load generator; the ratio is the figure to watch.

| | req/s (median) | p50 latency | p99 latency | runs (req/s) |
|---|---:|---:|---:|---|
| bare Fastify + Kysely | ${Math.round(s.bare.reqPerSec)} | ${s.bare.p50} ms | ${s.bare.p99} ms | ${s.bare.runs.join(', ')} |
| Linli pipeline | ${Math.round(s.linli.reqPerSec)} | ${s.linli.p50} ms | ${s.linli.p99} ms | ${s.linli.runs.join(', ')} |

**Ratio Linli ÷ bare: ${pct}** (target ≥ ${TARGET * 100}%: ${verdict}).
`;
    writeBenchmarksMd(md);
    console.log(`BENCHMARKS.md updated (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  } finally {
    if (bare) await bare.close();
    await linli.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
