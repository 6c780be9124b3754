/**
 * `npm run bench:search` (SQLite) / `npm run bench:search -- --pg` (PostgreSQL): the registry's name
 * search over 1,000,000 generated residents in 300 communities (10 sub-districts × 30 communities).
 *
 * Loads the data (one community at a time: compounds, buildings, entrances, dwellings, households,
 * residents, and each resident's `resident_search` keys from `searchKeys()`), then times the real
 * code path, `listResidents(view, { q, status: 'active', page: 1, pageSize: 20 })`, with a view
 * scoped to one community or to a whole sub-district (30 communities), for
 *   - characters: a 2-character part of a name, and a 1-character surname (王);
 *   - full pinyin of a name (zhangwei);
 *   - initials of a name (zw), and one letter (z);
 * each ~200 queries with terms drawn from the generated names in that scope. The bare baseline is
 * `select id, name from resident where community_id in (…) and name like '%q%' limit 20` with the
 * same character terms, in the same process on the same data. A second pass times the page
 * statement of listResidents (its rows and the total) and the count it runs for a page past the last
 * match, each on its own (built with the same exported helpers).
 *
 * PostgreSQL: creates the database `linli_search_bench` on 127.0.0.1:5432 (trust auth), drops it at the end.
 * The figures are written into BENCHMARKS.md, inside the bench:search section, in the block of
 * the database just measured (the other database's block and the notes around them are kept).
 *
 * Options: --pg; --communities=N (default 300, for a quick trial run; 30 per sub-district);
 * --queries=N (default 200 per kind and scope); --no-write (do not touch BENCHMARKS.md);
 * --reuse (default off): keep the loaded database after the run — the SQLite file in
 * `<tmpdir>/linli-search-bench-sqlite-<communities>`, or the PostgreSQL database
 * `linli_search_bench` (described in `<tmpdir>/linli-search-bench-pg-<communities>`) — and on the
 * next run with --reuse measure it again instead of loading anew, provided it was loaded with the
 * same number of communities and the same generated rows and `searchKeys()` (a fingerprint of the
 * first community's rows decides; anything else loads afresh). A reused database is read through
 * once before measuring, so the cache is as warm as after a load; pending migrations run on it as on
 * any other. Without --reuse the database is always fresh and removed at the end.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { TestClock, type TestLinli } from '../src/core/testing';
import { loadConfig } from '../src/core/config';
import { createLinli } from '../src/core/server';
import { scopedDb } from '../src/core/access';
import type { Database } from '../src/core/db/schema';
import { PREPARED_MARK, PREPARED_SETTINGS } from '../src/core/db';
import { seededRandom } from '../src/core/demo';
import { NameGen } from './names';
import { listResidents, listStatements, type RegistryView } from '../src/modules/registry/queries';
import { keyringFor } from '../src/modules/registry/pii';
import { searchKeys } from '../src/modules/registry/search';
import { placeOrder } from '../src/modules/registry/places';
import { nameKeys } from '../src/modules/registry/lib/pinyin';
import type { ResidentFilters } from '../src/modules/registry/schema';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string, dflt: number) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : dflt;
};
const PG = flag('pg');
const COMMUNITIES = opt('communities', 300);
const PER_SUB_DISTRICT = 30;
const TOTAL_RESIDENTS = Math.round((1_000_000 * COMMUNITIES) / 300);
const QUERIES = opt('queries', 200);
const WARMUP = 20;
const TODAY = '2026-11-25';
const TARGET_MS = 20;
const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_BENCH_DB = 'linli_search_bench';
const PG_BENCH_URL = `postgres://postgres@127.0.0.1:5432/${PG_BENCH_DB}`;

// ---------------------------------------------------------------------------------------------
// Data generation (the idea of src/modules/registry/seed.ts: seeded random, common surnames with
// the polyphonic ones, given names from male/female character pools)
// ---------------------------------------------------------------------------------------------

const HOUSEHOLD_SIZES = [1, 2, 2, 3, 3, 3, 4, 4, 5];
// each community: 3 compounds × 7 buildings × 3 entrances × 6 floors × 3 rooms = 1,134 dwellings
const PLACE = { compounds: 3, buildings: 7, entrances: 3, floors: 6, perFloor: 3 };
const COMPOUND_NAMES = ['阳光花园', '春晖苑', '英溪家园', '余英坊', '北湖小区', '千秋新村', '孔村小区', '怡丽北园', '翠微南里', '学院路小区'];

const seeded = seededRandom;

class Gen extends NameGen {
  /** A uuid from the seeded stream (v4 layout), so ids repeat across runs too. */
  uuid(): string {
    const h = Array.from({ length: 32 }, () => Math.floor(this.r() * 16).toString(16));
    h[12] = '4';
    h[16] = ((parseInt(h[16], 16) & 3) | 8).toString(16);
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

type Cell = string | number | null;
interface TableSpec {
  table: string;
  columns: string[];
  /** PostgreSQL array types for unnest */
  types: string[];
}

const TABLES: TableSpec[] = [
  { table: 'compound', columns: ['community_id', 'id', 'name', 'kind', 'property_company', 'sort', 'created_at'], types: ['text', 'text', 'text', 'text', 'text', 'int4', 'text'] },
  { table: 'building', columns: ['community_id', 'id', 'compound_id', 'number', 'name', 'grid_id', 'floors', 'sort', 'created_at'], types: ['text', 'text', 'text', 'text', 'text', 'text', 'int4', 'int4', 'text'] },
  { table: 'entrance', columns: ['community_id', 'id', 'building_id', 'number', 'created_at'], types: ['text', 'text', 'text', 'text', 'text'] },
  { table: 'dwelling', columns: ['community_id', 'id', 'compound_id', 'building_id', 'entrance_id', 'room', 'address', 'floor_area', 'created_at'], types: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'float8', 'text'] },
  { table: 'household', columns: ['community_id', 'id', 'dwelling_id', 'number', 'status', 'created_at', 'ended_at'], types: ['text', 'text', 'text', 'text', 'text', 'text', 'text'] },
  {
    table: 'resident',
    columns: ['community_id', 'id', 'household_id', 'name', 'gender', 'birth_date', 'registration_type', 'residence', 'relation_to_head', 'status', 'created_at', 'updated_at', 'place_order'],
    types: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
  },
  { table: 'resident_search', columns: ['community_id', 'resident_id', 'key'], types: ['text', 'text', 'text'] },
];

interface Community {
  id: string;
  subDistrict: number;
  /** active residents' names, for drawing query terms */
  names: string[];
}

/** One community's rows, table by table in TABLES order. */
function generateCommunity(g: Gen, communityId: string, residents: number, at: string, keyCache: Map<string, string[]>): { rows: Cell[][][]; names: string[] } {
  const rows: Cell[][][] = TABLES.map(() => []);
  const [compounds, buildings, entrances, dwellings, households, people, search] = rows;
  const dwellingIds: string[] = [];
  /** where each dwelling stands in the roster (resident.place_order) */
  const dwellingOrder = new Map<string, string>();
  for (let c = 0; c < PLACE.compounds; c++) {
    const compoundId = g.uuid();
    const compoundName = COMPOUND_NAMES[(c + residents) % COMPOUND_NAMES.length] + (c + 1);
    compounds.push([communityId, compoundId, compoundName, 'compound', null, c, at]);
    for (let b = 1; b <= PLACE.buildings; b++) {
      const buildingId = g.uuid();
      buildings.push([communityId, buildingId, compoundId, String(b), `${b}号楼`, null, PLACE.floors, b, at]);
      for (let e = 1; e <= PLACE.entrances; e++) {
        const entranceId = g.uuid();
        entrances.push([communityId, entranceId, buildingId, String(e), at]);
        for (let f = 1; f <= PLACE.floors; f++)
          for (let r = 1; r <= PLACE.perFloor; r++) {
            const id = g.uuid();
            dwellingIds.push(id);
            dwellings.push([communityId, id, compoundId, buildingId, entranceId, `${f}0${r}`, null, null, at]);
            dwellingOrder.set(id, placeOrder({ compound: compoundName, building: String(b), entrance: String(e), room: `${f}0${r}` }));
          }
      }
    }
  }
  const names: string[] = [];
  let left = residents;
  for (let h = 0; left > 0; h++) {
    const size = Math.min(left, g.pick(HOUSEHOLD_SIZES));
    left -= size;
    const householdId = g.uuid();
    // one household a dwelling; once every dwelling has one, a second household moves in (rented rooms)
    const dwellingId = dwellingIds[h % dwellingIds.length];
    households.push([communityId, householdId, dwellingId, `H${String(h + 1).padStart(5, '0')}`, 'active', at, null]);
    const place = dwellingOrder.get(dwellingId)!;
    const surname = g.surname();
    const headGender = g.chance(0.7) ? 'male' : 'female';
    const headAge = g.int(25, 90);
    for (let i = 0; i < size; i++) {
      const relation = i === 0 ? 'head' : i === 1 ? 'spouse' : g.chance(0.5) ? 'son' : 'daughter';
      const gender = i === 0 ? headGender : i === 1 ? (headGender === 'male' ? 'female' : 'male') : g.chance(0.5) ? 'male' : 'female';
      const name = (i === 1 ? g.surname() : surname) + g.given(gender);
      const age = i <= 1 ? Math.max(18, headAge + g.int(-5, 3)) : Math.max(0, headAge - g.int(22, 34));
      const birth = `${2026 - age}-${String(g.int(1, 12)).padStart(2, '0')}-${String(g.int(1, 28)).padStart(2, '0')}`;
      // about 1% moved out or died: kept on record, out of the active list
      const status = i > 0 && g.chance(0.01) ? (g.chance(0.5) ? 'moved_out' : 'deceased') : 'active';
      const id = g.uuid();
      people.push([communityId, id, householdId, name, gender, birth, 'huji', 'both', relation, status, at, at, place]);
      if (status === 'active') names.push(name);
      let keys = keyCache.get(name);
      if (!keys) {
        keys = searchKeys(name);
        keyCache.set(name, keys);
      }
      for (const key of keys) search.push([communityId, id, key]);
    }
  }
  return { rows, names };
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

interface Loader {
  /** takes one community's rows; may hold them until a batch is full */
  add(rows: Cell[][][]): Promise<void>;
  finish(): Promise<void>;
}

/** SQLite: one transaction, prepared multi-row inserts (a statement per table for full batches). */
function sqliteLoader(l: TestLinli): Loader {
  const h = l.services.db.sqlite!;
  const cacheSize = Number(h.pragma('cache_size', { simple: true }));
  h.pragma('foreign_keys = OFF');
  h.pragma('journal_mode = DELETE');
  h.pragma('synchronous = OFF');
  h.pragma('cache_size = -4000000');
  const statements = new Map<string, ReturnType<typeof h.prepare>>();
  const stmt = (t: TableSpec, n: number) => {
    const k = `${t.table}:${n}`;
    let s = statements.get(k);
    if (!s) {
      const one = `(${t.columns.map(() => '?').join(',')})`;
      s = h.prepare(`insert into ${t.table} (${t.columns.join(',')}) values ${Array.from({ length: n }, () => one).join(',')}`);
      statements.set(k, s);
    }
    return s;
  };
  h.exec('begin');
  return {
    async add(rows) {
      TABLES.forEach((t, i) => {
        const list = rows[i];
        const per = Math.max(1, Math.floor(999 / t.columns.length));
        for (let o = 0; o < list.length; o += per) {
          const part = list.slice(o, o + per);
          stmt(t, part.length).run(part.flat());
        }
      });
    },
    async finish() {
      h.exec('commit');
      h.pragma('journal_mode = WAL');
      h.pragma('synchronous = NORMAL');
      h.pragma('foreign_keys = ON');
      h.exec('analyze');
      // back to the page cache the application opens with
      h.pragma(`cache_size = ${cacheSize}`);
    },
  };
}

/** PostgreSQL: big batches through `insert … select * from unnest($1::text[], …)` on one connection. */
async function pgLoader(k: Kysely<Database>): Promise<Loader> {
  const BATCH = 50_000;
  const buffers: Cell[][][] = TABLES.map(() => []);
  const flush = async () => {
    await k.connection().execute(async (c) => {
      // foreign keys are not checked during the load (the generator writes parents first)
      await sql`set session_replication_role = replica`.execute(c);
      await sql`set synchronous_commit = off`.execute(c);
      for (const [i, t] of TABLES.entries()) {
        const list = buffers[i];
        for (let o = 0; o < list.length; o += BATCH) {
          const part = list.slice(o, o + BATCH);
          const cols = t.columns.map((_, j) => part.map((r) => r[j]));
          const arrays = sql.join(cols.map((col, j) => sql`${col}::${sql.raw(t.types[j])}[]`));
          await sql`insert into ${sql.table(t.table)} (${sql.join(t.columns.map((x) => sql.ref(x)))}) select * from unnest(${arrays})`.execute(c);
        }
        buffers[i] = [];
      }
      await sql`set session_replication_role = origin`.execute(c);
    });
  };
  return {
    async add(rows) {
      rows.forEach((r, i) => buffers[i].push(...r));
      if (buffers.some((b) => b.length >= BATCH)) await flush();
    },
    async finish() {
      await flush();
      // a loaded table as autovacuum leaves it: statistics and the visibility map (index-only scans)
      for (const t of TABLES) await sql`vacuum analyze ${sql.table(t.table)}`.execute(k);
    },
  };
}

const AT = `${TODAY}T02:00:00.000Z`;

/** The seeded stream and the ids of the sub-districts and communities, drawn in load order. */
function layout(): { g: Gen; sdIds: string[]; communities: Community[] } {
  const g = new Gen(seeded(20261125));
  const sdIds = Array.from({ length: Math.ceil(COMMUNITIES / PER_SUB_DISTRICT) }, () => g.uuid());
  const communities = Array.from({ length: COMMUNITIES }, (_, c) => ({ id: g.uuid(), subDistrict: Math.floor(c / PER_SUB_DISTRICT), names: [] as string[] }));
  return { g, sdIds, communities };
}

const residentsOf = (i: number) => Math.floor(TOTAL_RESIDENTS / COMMUNITIES) + (i < TOTAL_RESIDENTS % COMMUNITIES ? 1 : 0);

/** What a reused database must have been loaded with: the scale and the first community's rows and search keys. */
function fingerprint(): string {
  const { g, communities } = layout();
  const { rows } = generateCommunity(g, communities[0].id, residentsOf(0), AT, new Map());
  return crypto.createHash('sha256').update(JSON.stringify({ COMMUNITIES, TOTAL_RESIDENTS, rows })).digest('hex');
}

interface Loaded {
  communities: Community[];
  seconds: number;
  searchRows: number;
  generateSeconds: number;
  /** when a kept database was loaded (--reuse) */
  loadedAt?: string;
}

async function load(l: TestLinli): Promise<Loaded> {
  const k = l.services.db.kysely;
  const at = AT;
  const { g, sdIds, communities } = layout();
  for (const [s, id] of sdIds.entries()) {
    await k.insertInto('sub_district').values({ id, name: `街道${s + 1}`, district: '海淀区', city: '北京市', province: '北京市', created_at: at }).execute();
  }
  for (const [c, { id, subDistrict }] of communities.entries()) {
    await k.insertInto('community').values({ id, sub_district_id: sdIds[subDistrict], name: `社区${c + 1}`, created_at: at }).execute();
  }
  const loader = PG ? await pgLoader(k) : sqliteLoader(l);
  const keyCache = new Map<string, string[]>();
  const t0 = performance.now();
  let generateMs = 0;
  let searchRows = 0;
  for (const [i, c] of communities.entries()) {
    const g0 = performance.now();
    const { rows, names } = generateCommunity(g, c.id, residentsOf(i), at, keyCache);
    generateMs += performance.now() - g0;
    c.names = names;
    searchRows += rows[TABLES.length - 1].length;
    await loader.add(rows);
    if ((i + 1) % 30 === 0) process.stdout.write(`  loaded ${i + 1}/${COMMUNITIES} communities, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  await loader.finish();
  return { communities, seconds: (performance.now() - t0) / 1000, searchRows, generateSeconds: generateMs / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

const KINDS = [
  { key: 'chars2', label: 'characters, 2-char part (秀英)', chars: true },
  { key: 'chars1', label: 'characters, 1-char surname (王)', chars: true },
  { key: 'pinyin', label: 'full pinyin (zhangwei)', chars: false },
  { key: 'initials', label: 'initials (zw)', chars: false },
  { key: 'initial1', label: 'one letter (z)', chars: false },
] as const;
type Kind = (typeof KINDS)[number]['key'];
const SCOPES = ['community', 'sub-district'] as const;
type Scope = (typeof SCOPES)[number];

function term(kind: Kind, name: string, r: () => number): string {
  const chars = [...name];
  switch (kind) {
    case 'chars2': {
      const i = Math.floor(r() * (chars.length - 1));
      return chars[i] + chars[i + 1];
    }
    case 'chars1':
      return chars[0];
    case 'pinyin':
      return nameKeys(name).full;
    case 'initials':
      return nameKeys(name).initials;
    case 'initial1':
      return nameKeys(name).initials[0];
  }
}

interface Probe {
  scopeIds: string[];
  q: string;
}

function probes(communities: Community[], kind: Kind, scope: Scope, n: number, r: () => number): Probe[] {
  const out: Probe[] = [];
  const subDistricts = Math.ceil(communities.length / PER_SUB_DISTRICT);
  for (let i = 0; i < n; i++) {
    const scopeIds =
      scope === 'community'
        ? [communities[Math.floor(r() * communities.length)].id]
        : (() => {
            const s = Math.floor(r() * subDistricts);
            return communities.filter((c) => c.subDistrict === s).map((c) => c.id);
          })();
    const from = scopeIds[Math.floor(r() * scopeIds.length)];
    const pool = communities.find((c) => c.id === from)!.names;
    out.push({ scopeIds, q: term(kind, pool[Math.floor(r() * pool.length)], r) });
  }
  return out;
}

interface Stats {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1], n: s.length };
}

const REUSE = flag('reuse');
/** where a kept database (the SQLite file, or PostgreSQL's key file) and its description live */
const KEEP_DIR = path.join(os.tmpdir(), `linli-search-bench-${PG ? 'pg' : 'sqlite'}-${COMMUNITIES}`);
const META_FILE = path.join(KEEP_DIR, 'bench-meta.json');

async function pgAdmin(statement: string): Promise<number> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    return (await admin.query(statement)).rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

async function openBench(dataDir: string): Promise<TestLinli> {
  const config = loadConfig({ ...process.env, LINLI_DATA_DIR: dataDir }, { logLevel: 'silent', webDir: null, demo: false, databaseUrl: PG ? PG_BENCH_URL : null });
  const clock = new TestClock();
  return { ...(await createLinli(config, { clock })), clock, config };
}

/** The kept database's description when --reuse may use it (same fingerprint, database still there). */
async function keptLoad(print: string): Promise<(Loaded & { fingerprint: string; residents: number }) | null> {
  if (!REUSE || !fs.existsSync(META_FILE)) return null;
  const meta = JSON.parse(fs.readFileSync(META_FILE, 'utf8')) as Loaded & { fingerprint: string; residents: number };
  if (meta.fingerprint !== print) return null;
  if (PG) return (await pgAdmin(`select 1 from pg_database where datname = '${PG_BENCH_DB}'`)) === 1 ? meta : null;
  return fs.existsSync(path.join(KEEP_DIR, 'linli.sqlite')) ? meta : null;
}

async function main(): Promise<void> {
  const started = new Date();
  const print = fingerprint();
  let kept = await keptLoad(print);
  const dataDir = REUSE ? KEEP_DIR : fs.mkdtempSync(path.join(os.tmpdir(), 'linli-search-bench-'));
  const fresh = async () => {
    if (PG) {
      await pgAdmin(`drop database if exists ${PG_BENCH_DB}`);
      await pgAdmin(`create database ${PG_BENCH_DB}`);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    return openBench(dataDir);
  };
  let l = kept ? await openBench(dataDir) : await fresh();
  try {
    if (kept) {
      const residents = Number((await l.services.db.kysely.selectFrom('resident').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
      if (residents !== kept.residents) {
        console.log(`  the kept database has ${residents} residents, not ${kept.residents}: loading afresh`);
        await l.close();
        kept = null;
        l = await fresh();
      } else console.log(`  reusing the database loaded on ${kept.loadedAt} (--reuse)`);
    }
    await run(l, started, kept, (loaded, residents) => {
      if (REUSE) fs.writeFileSync(META_FILE, JSON.stringify({ ...loaded, fingerprint: print, residents, loadedAt: new Date().toISOString() }));
    });
  } finally {
    await l.close();
    if (!REUSE) {
      if (PG) await pgAdmin(`drop database if exists ${PG_BENCH_DB}`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

async function run(
  l: TestLinli,
  started: Date,
  kept: Loaded | null,
  keep: (loaded: Loaded, residents: number) => void,
): Promise<void> {
  const k = l.services.db.kysely;
  const dbLabel = PG ? 'PostgreSQL' : 'SQLite';
  if (!kept) console.log(`${dbLabel}: loading ${TOTAL_RESIDENTS.toLocaleString('en')} residents in ${COMMUNITIES} communities …`);
  const loaded = kept ?? (await load(l));
  const counts = {
    households: Number((await k.selectFrom('household').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n),
    residents: Number((await k.selectFrom('resident').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n),
  };
  if (!kept) keep(loaded, counts.residents);
  else console.log(`  read the kept database once to warm the cache as a load leaves it: ${await warmCache(l)}`);
  console.log(
    `  load: ${loaded.seconds.toFixed(1)} s (of which generating names and keys ${loaded.generateSeconds.toFixed(1)} s); ` +
      `${counts.residents} residents, ${counts.households} households, ${loaded.searchRows} search keys`,
  );
  const dbSize = PG
    ? Number((await sql<{ n: number }>`select pg_database_size(current_database())::bigint as n`.execute(k)).rows[0].n)
    : fs.statSync(path.join(l.config.dataDir, 'linli.sqlite')).size;

  const keyring = keyringFor(l.config.dataDir);
  const view = (ids: string[]): RegistryView => ({
    db: scopedDb(k, ids.length === 1 ? ids[0] : ids),
    keyring,
    today: TODAY,
    buildingIds: null,
    sensitive: true,
  });
  const filters = (q: string): ResidentFilters => ({ q, status: 'active', page: 1, pageSize: 20 });
  const baseline = (p: Probe) =>
    sql`select id, name from resident where community_id in (${sql.join(p.scopeIds)}) and name like ${`%${p.q}%`} limit 20`.execute(k);

  const r = seeded(42);
  type Row = { kind: Kind; scope: Scope; list: Stats; count: Stats; page: Stats; like: Stats | null; totals: Stats; slowest: Probe };
  const results: Row[] = [];
  for (const scope of SCOPES) {
    for (const kind of KINDS) {
      // the sub-district route refuses one-character searches (tens of thousands of hits, no use to anyone)
      if (scope !== 'community' && (kind.key === 'chars1' || kind.key === 'initial1')) continue;
      const ps = probes(loaded.communities, kind.key, scope, QUERIES, r);
      // as the routes call it: counts capped at 1,000 across a sub-district
      const cap: { countCap?: number } = scope === 'community' ? {} : { countCap: 1000 };
      for (const p of ps.slice(0, WARMUP)) await listResidents(view(p.scopeIds), filters(p.q), cap);
      const times: number[] = [];
      const totals: number[] = [];
      for (const p of ps) {
        const t = performance.now();
        const res = await listResidents(view(p.scopeIds), filters(p.q), cap);
        times.push(performance.now() - t);
        totals.push(res.total);
      }
      // the same probes again: the page statement listResidents runs (the rows and the total) on its
      // own, and the count on its own (what it runs for a page past the last match)
      const countT: number[] = [];
      const pageT: number[] = [];
      for (const p of ps) {
        const s = listStatements(view(p.scopeIds), filters(p.q), cap.countCap);
        let t = performance.now();
        s.counted(await s.count.execute());
        countT.push(performance.now() - t);
        t = performance.now();
        await s.page.execute();
        pageT.push(performance.now() - t);
      }
      let like: Stats | null = null;
      if (kind.chars) {
        for (const p of ps.slice(0, WARMUP)) await baseline(p);
        const lt: number[] = [];
        for (const p of ps) {
          const t = performance.now();
          await baseline(p);
          lt.push(performance.now() - t);
        }
        like = stats(lt);
      }
      const slowest = ps[times.indexOf(Math.max(...times))];
      const row: Row = { kind: kind.key, scope, list: stats(times), count: stats(countT), page: stats(pageT), like, totals: stats(totals), slowest };
      results.push(row);
      console.log(
        `  ${scope.padEnd(12)} ${kind.key.padEnd(8)} p50 ${row.list.p50.toFixed(2)} p95 ${row.list.p95.toFixed(2)} max ${row.list.max.toFixed(2)} ms` +
          ` | count p50 ${row.count.p50.toFixed(2)} p95 ${row.count.p95.toFixed(2)} | page p50 ${row.page.p50.toFixed(2)} p95 ${row.page.p95.toFixed(2)}` +
          (like ? ` | LIKE p50 ${like.p50.toFixed(2)} p95 ${like.p95.toFixed(2)}` : '') +
          ` | matches p50 ${row.totals.p50} max ${row.totals.max}`,
      );
    }
  }

  // a LIKE over every name (no community, no early stop), the "~55 ms" of the issue
  const full: number[] = [];
  for (const p of probes(loaded.communities, 'chars2', 'community', 20, r)) {
    const t = performance.now();
    await sql`select count(*) as n from resident where name like ${`%${p.q}%`}`.execute(k);
    full.push(performance.now() - t);
  }
  const fullLike = stats(full);
  console.log(`  LIKE '%q%' count over all ${counts.residents} names: p50 ${fullLike.p50.toFixed(1)} ms, max ${fullLike.max.toFixed(1)} ms`);

  // the plan of the slowest query overall
  const worst = results.reduce((a, b) => (b.list.max > a.list.max ? b : a));
  const plans = await explain(l, view(worst.slowest.scopeIds), filters(worst.slowest.q), worst.scope === 'community' ? undefined : 1000);
  console.log(`\nPlans of the slowest query (${worst.scope}, ${worst.kind}, q=${JSON.stringify(worst.slowest.q)}, ${worst.list.max.toFixed(1)} ms):`);
  console.log(`-- page\n${plans.page}\n-- count\n${plans.count}`);

  const md = report({ dbLabel, started, loaded, counts, dbSize, results, fullLike, worst, plans });
  if (!flag('no-write')) writeBenchmarksMd(PG ? 'pg' : 'sqlite', md);
  console.log(`\n${md}`);

  function report(x: {
    dbLabel: string;
    started: Date;
    loaded: { seconds: number; generateSeconds: number; searchRows: number };
    counts: { households: number; residents: number };
    dbSize: number;
    results: Row[];
    fullLike: Stats;
    worst: Row;
    plans: { count: string; page: string };
  }): string {
    const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
    const label = (kk: Kind) => KINDS.find((q) => q.key === kk)!.label;
    const lines: string[] = [];
    lines.push(`### ${x.dbLabel}`);
    lines.push('');
    lines.push(`- **Date:** ${x.started.toISOString().slice(0, 10)}`);
    lines.push(`- **Machine:** ${os.cpus().length} cores, ${cpuModel()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}${PG ? `, ${pgVersion}` : `, SQLite ${sqliteVersion(l)}`}`);
    lines.push(
      `- **Command:** \`npm run bench:search${PG || REUSE ? ' --' : ''}${PG ? ' --pg' : ''}${REUSE ? ' --reuse' : ''}\` (\`bench/search.bench.ts\`), ${QUERIES} queries per row after ${WARMUP} warm-up queries; ` +
        (kept
          ? `the database loaded by an earlier run (${kept.loadedAt?.slice(0, 10) ?? 'date unknown'}), read once before measuring so the cache is as warm as after a load.`
          : 'warm cache (the data was just loaded).'),
    );
    lines.push(
      `- **Data:** ${x.counts.residents.toLocaleString('en')} residents (${COMMUNITIES} communities, ${Math.ceil(COMMUNITIES / PER_SUB_DISTRICT)} sub-districts of ${PER_SUB_DISTRICT}), ` +
        `${x.counts.households.toLocaleString('en')} households, ${x.loaded.searchRows.toLocaleString('en')} \`resident_search\` keys; database ${(x.dbSize / 2 ** 30).toFixed(2)} GiB.`,
    );
    lines.push(
      `- **Load${kept ? ' (of the earlier run)' : ''}:** ${x.loaded.seconds.toFixed(0)} s, of which ${x.loaded.generateSeconds.toFixed(0)} s generating names and \`searchKeys()\` ` +
        (PG
          ? '(multi-row `insert … select * from unnest(…)` in batches of 50,000, foreign-key triggers off during the load, then `VACUUM ANALYZE`).'
          : '(one transaction, prepared multi-row inserts, `synchronous=OFF`, foreign keys off during the load, then `ANALYZE`).'),
    );
    lines.push('');
    lines.push(
      '`listResidents` (page of 20 with the total + tags), ms; *page* is the one statement it runs (the rows and the total, a window count) timed on its own, ' +
        '*count* the count on its own (run only for a page past the last match); LIKE is the bare baseline (characters only).',
    );
    lines.push('');
    lines.push('| scope | query | p50 | p95 | max | count p50 / p95 | page p50 / p95 | LIKE p50 / p95 | p95 ÷ LIKE p95 | matches p50 / max | p95 ≤ 20 ms |');
    lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|');
    for (const rr of x.results) {
      lines.push(
        `| ${rr.scope === 'community' ? 'one community' : 'sub-district (30)'} | ${label(rr.kind)} | ${ms(rr.list.p50)} | ${ms(rr.list.p95)} | ${ms(rr.list.max)} | ` +
          `${ms(rr.count.p50)} / ${ms(rr.count.p95)} | ${ms(rr.page.p50)} / ${ms(rr.page.p95)} | ` +
          `${rr.like ? `${ms(rr.like.p50)} / ${ms(rr.like.p95)}` : '—'} | ${rr.like ? `${(rr.list.p95 / rr.like.p95).toFixed(1)}×` : '—'} | ` +
          `${rr.totals.p50.toLocaleString('en')} / ${rr.totals.max.toLocaleString('en')} | ${rr.list.p95 <= TARGET_MS ? 'yes' : '**no**'} |`,
      );
    }
    const passing = x.results.filter((rr) => rr.list.p95 <= TARGET_MS).length;
    lines.push('');
    lines.push(`**p95 ≤ ${TARGET_MS} ms: ${passing} of ${x.results.length} rows hold.** A \`LIKE '%q%'\` count over all ${x.counts.residents.toLocaleString('en')} names (no scope, no early stop) takes p50 ${ms(x.fullLike.p50)} ms here.`);
    lines.push('');
    lines.push(
      `Slowest query: ${x.worst.scope}, ${label(x.worst.kind)}, \`${x.worst.slowest.q}\`, ${ms(x.worst.list.max)} ms. Plan of its page statement` +
        (PG ? ' (prepared, generic plan, run again):' : ':'),
    );
    lines.push('');
    lines.push('```');
    lines.push(x.plans.page.trim());
    lines.push('```');
    return lines.join('\n');
  }
}

let pgVersion = '';

/**
 * A kept database has sat idle, and the kernel may have dropped its pages from memory: read it
 * through once, as a load leaves it (SQLite: the file; PostgreSQL: every table and index of the
 * schema into the operating system's cache, through pg_prewarm where it is installed).
 */
async function warmCache(l: TestLinli): Promise<string> {
  const t0 = performance.now();
  if (!PG) {
    const fd = fs.openSync(path.join(l.config.dataDir, 'linli.sqlite'), 'r');
    const buf = Buffer.alloc(16 * 2 ** 20);
    let bytes = 0;
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, bytes)) > 0; ) bytes += n;
    fs.closeSync(fd);
    return `${(bytes / 2 ** 30).toFixed(2)} GiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
  }
  const k = l.services.db.kysely;
  try {
    await sql`create extension if not exists pg_prewarm`.execute(k);
    const r = await sql<{ blocks: number }>`select sum(pg_prewarm(c.oid, 'read'))::bigint as blocks from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'i')`.execute(k);
    return `${((Number(r.rows[0].blocks) * 8192) / 2 ** 30).toFixed(2)} GiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
  } catch {
    for (const t of TABLES) await sql`select count(*) from ${sql.table(t.table)}`.execute(k);
    return `tables scanned (no pg_prewarm) in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
  }
}

function sqliteVersion(l: TestLinli): string {
  return (l.services.db.sqlite!.prepare('select sqlite_version() as v').get() as { v: string }).v;
}

/**
 * EXPLAIN QUERY PLAN (SQLite) or EXPLAIN (ANALYZE, BUFFERS) (PostgreSQL) of the page and count
 * statements. On PostgreSQL they are prepared and run on their generic plan, as Linli runs them.
 */
async function explain(l: TestLinli, v: RegistryView, f: ResidentFilters, cap?: number): Promise<{ count: string; page: string }> {
  const s = listStatements(v, f, cap);
  const statements = { page: s.page.compile(), count: s.count.compile() };
  const out = { count: '', page: '' };
  for (const [name, c] of Object.entries(statements) as [keyof typeof out, CompiledQuery][]) {
    if (PG) {
      out[name] = await l.services.db.kysely.connection().execute(async (conn) => {
        const run = (text: string) => conn.executeQuery<Record<string, string>>(CompiledQuery.raw(text));
        const marked = c.sql.includes(PREPARED_MARK);
        if (marked) await run(PREPARED_SETTINGS.on);
        try {
          await run(`prepare bench_plan as ${c.sql}`);
          const literal = (x: unknown) => (typeof x === 'number' ? String(x) : `'${String(x).replace(/'/g, "''")}'`);
          const res = await run(`explain (analyze, buffers) execute bench_plan(${c.parameters.map(literal).join(', ')})`);
          return res.rows.map((row) => Object.values(row)[0]).join('\n');
        } finally {
          await run('deallocate bench_plan');
          if (marked) await run(PREPARED_SETTINGS.off);
        }
      });
    } else {
      const rows = l.services.db.sqlite!.prepare(`explain query plan ${c.sql}`).all(...(c.parameters as unknown[])) as { id: number; parent: number; detail: string }[];
      const depth = new Map<number, number>([[0, -1]]);
      out[name] = rows
        .map((row) => {
          const d = (depth.get(row.parent) ?? -1) + 1;
          depth.set(row.id, d);
          return `${'  '.repeat(d)}${row.detail}`;
        })
        .join('\n');
    }
  }
  return out;
}

function cpuModel(): string {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((x) => x.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    /* not Linux */
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

const START = '<!-- bench:search:start -->';
const END = '<!-- bench:search:end -->';

/**
 * Replaces this database's block inside the bench:search section; the other database's block and
 * any notes written around the blocks stay as they are.
 */
function writeBenchmarksMd(which: 'sqlite' | 'pg', body: string): void {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  let section =
    a >= 0 && b > a
      ? text.slice(a + START.length, b)
      : '\n## Registry search: 1,000,000 residents\n\n<!-- search:sqlite:start -->\n<!-- search:sqlite:end -->\n\n<!-- search:pg:start -->\n<!-- search:pg:end -->\n';
  const s = `<!-- search:${which}:start -->`;
  const e = `<!-- search:${which}:end -->`;
  const i = section.indexOf(s);
  const j = section.indexOf(e);
  const block = `${s}\n${body.trim()}\n${e}`;
  section = i >= 0 && j > i ? section.slice(0, i) + block + section.slice(j + e.length) : `${section.trimEnd()}\n\n${block}\n`;
  const whole = `${START}${section}${END}`;
  if (a >= 0 && b > a) text = text.slice(0, a) + whole + text.slice(b + END.length);
  else text = text.replace(/\n*$/, '\n\n') + whole + '\n';
  fs.writeFileSync(file, text);
}

if (PG) {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  pgVersion = `PostgreSQL ${(await c.query<{ v: string }>("select current_setting('server_version') as v")).rows[0].v}`;
  await c.end();
}
await main();
