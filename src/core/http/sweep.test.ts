import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { client, createTestLinli, makeUser, signIn, type Client, type TestLinli } from '../testing';
import { getAt, hugeText, setAt, walk, type Leaf, type LeafKind, type Path, type Walked } from '../testing/schema-walk';
import { API_PREFIX } from './app';
import type { AnyRoute } from './route';

/**
 * Every route of the route table, called by someone who may call it, with the kinds of wrong input a
 * hostile client sends. Whatever comes in, the answer is never a 5xx: bad input is a 400 that says
 * which field is wrong. The demo communities give real records, so requests reach the handlers.
 */

const DEMO_PASSWORD = 'Linli-demo-2026';

/** The table behind a path parameter, by the path before it (`*` for an earlier parameter); a child names its parent's column. */
const PARAM_TABLES: Record<string, { table: string; parent?: string }> = {
  users: { table: 'app_user' },
  'registry/buildings': { table: 'building' },
  residents: { table: 'resident' },
  households: { table: 'household' },
  grids: { table: 'grid' },
  'saved-lists': { table: 'saved_list' },
  'registry/imports': { table: 'import_job' },
  'party/groups': { table: 'party_group' },
  'party/leaders': { table: 'party_leader' },
  'party/members': { table: 'party_member' },
  'party/pledges': { table: 'pledge' },
  'party/feedback': { table: 'pledge_feedback' },
  'party/activities': { table: 'party_activity' },
  'party/newsletters': { table: 'newsletter_issue' },
  'party/newsletters/*/deliveries': { table: 'newsletter_delivery', parent: 'issue_id' },
  'party/model-members': { table: 'model_member' },
  'party/honours': { table: 'party_honour' },
  'party/elections': { table: 'party_election' },
  'party/me/newsletters': { table: 'newsletter_issue' },
  'governance/representatives': { table: 'gov_representative' },
  'governance/meetings': { table: 'gov_meeting' },
  'governance/meetings/*/agenda': { table: 'gov_proposal', parent: 'meeting_id' },
  'governance/meetings/*/proposals': { table: 'gov_proposal', parent: 'meeting_id' },
  'governance/proposals': { table: 'gov_proposal' },
  'governance/notices': { table: 'gov_public_notice' },
  'governance/notices/*/objections': { table: 'gov_notice_objection', parent: 'notice_id' },
  'governance/groups': { table: 'gov_group' },
  'governance/partners': { table: 'gov_partner_unit' },
  'employment/cases': { table: 'employment_case' },
  'employment/zero-households': { table: 'zero_employment_household' },
  'visits/plans': { table: 'visit_plan' },
  'visits/plans/*/targets': { table: 'visit_target', parent: 'plan_id' },
  'visits/records': { table: 'visit_record' },
  'services/items': { table: 'service_item' },
  'services/providers': { table: 'service_provider' },
  'services/door/providers': { table: 'door_provider' },
  'services/door/clients': { table: 'door_client' },
  'services/door/needs': { table: 'door_need' },
  'services/door/deliveries': { table: 'door_delivery' },
  'services/tickets': { table: 'service_ticket' },
  'donations/drives': { table: 'donation_drive' },
  'donations/drives/*/gifts': { table: 'donation_gift', parent: 'drive_id' },
  reports: { table: 'work_report' },
  'public/notice-boards/*/notices': { table: 'gov_public_notice' },
};

/** The table behind a body or query field holding an id (`residentId`, `memberIds[0]`). */
const FIELD_TABLES: Record<string, string> = {
  residentId: 'resident',
  headId: 'resident',
  householdId: 'household',
  intoHouseholdId: 'household',
  dwellingId: 'dwelling',
  buildingId: 'building',
  entranceId: 'entrance',
  compoundId: 'compound',
  memberId: 'party_member',
  leaderMemberId: 'party_member',
  groupId: 'party_group',
  volunteerTeamId: 'volunteer_team',
  teamId: 'volunteer_team',
  savedListId: 'saved_list',
  proposalId: 'gov_proposal',
  representativeId: 'gov_representative',
  unitId: 'gov_partner_unit',
  caseId: 'employment_case',
  itemId: 'service_item',
  providerId: 'service_provider',
};

interface Call {
  params: Record<string, string>;
  query?: unknown;
  body?: unknown;
  /** the body as sent, when JSON.stringify cannot say it (1e999, broken JSON) */
  raw?: string;
}

interface Target {
  route: AnyRoute;
  params: Record<string, string>;
  query: Walked | null;
  body: Walked | null;
}

let l: TestLinli;
let admin: Client;
let secretary: Client;
let member: Client;
let self: { username: string; client: Client };
let targets: Target[];

const yili = { id: '', subDistrictId: '' };

beforeAll(async () => {
  // the sweep signs in with wrong passwords many times over; the limit is not what it tests
  l = await createTestLinli({ demo: true, config: { loginRateLimit: 100_000 } });
  const k = l.services.db.kysely;
  const c = await k.selectFrom('community').select(['id', 'sub_district_id']).where('name', '=', '怡丽北园社区').executeTakeFirstOrThrow();
  Object.assign(yili, { id: c.id, subDistrictId: c.sub_district_id });
  [admin, secretary, member] = await Promise.all(['admin', 'yili_secretary', 'yili_member'].map((u) => signIn(l, u, DEMO_PASSWORD)));
  const selfUser = await makeUser(l, 'staff', { communityId: yili.id });
  self = { username: selfUser.username, client: await signIn(l, selfUser.username) };
  // a work report, so the report routes have one to read, edit and sign
  const report = await secretary.send('POST', `${API_PREFIX}/communities/${yili.id}/reports`, { from: '2026-01-01', to: '2026-06-30' });
  expect(report.statusCode).toBe(200);
  // the users page acts on someone who is neither of the signed-in users
  const target = await makeUser(l, 'staff', { communityId: yili.id });

  const ids = new Map<string, string>();
  const firstOf = async (table: string): Promise<string | undefined> => {
    if (!ids.has(table)) {
      const row = await sql<{ id: string }>`select id from ${sql.table(table)} where community_id = ${yili.id} order by id limit 1`.execute(k);
      if (row.rows[0]) ids.set(table, row.rows[0].id);
    }
    return ids.get(table);
  };
  for (const t of new Set(Object.values(FIELD_TABLES))) await firstOf(t);
  const pledgeToken = (await k.selectFrom('party_branch').select('board_token').where('community_id', '=', yili.id).executeTakeFirst())?.board_token;
  const noticeToken = (await k.selectFrom('gov_settings').select('board_token').where('community_id', '=', yili.id).executeTakeFirst())?.board_token;
  const trackingCode = (await k.selectFrom('gov_proposal').select('tracking_code').where('community_id', '=', yili.id).executeTakeFirst())?.tracking_code;

  const routes = l.services.modules.flatMap((m) => m.routes ?? []);
  targets = [];
  for (const route of routes) {
    const params: Record<string, string> = {};
    const rest = route.url.replace('/communities/:communityId/', '/');
    const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
    for (const name of names) {
      if (name === 'communityId') params[name] = yili.id;
      else if (name === 'subDistrictId') params[name] = yili.subDistrictId;
      else if (name === 'token') params[name] = (route.url.includes('pledge-boards') ? pledgeToken : noticeToken) ?? 'none';
      else if (name === 'code') params[name] = trackingCode ?? 'none';
      else if (name === 'id' && route.url.startsWith('/users/')) params[name] = target.id;
      else {
        const before = rest.slice(1, rest.indexOf(`:${name}`) - 1).replace(/:\w+/g, '*');
        const entry = PARAM_TABLES[before];
        let id: string | undefined;
        if (entry?.parent) {
          const row = await sql<Record<string, string>>`select id, ${sql.ref(entry.parent)} as parent from ${sql.table(entry.table)} where community_id = ${yili.id} and ${sql.ref(entry.parent)} is not null order by id limit 1`.execute(k);
          if (row.rows[0]) {
            id = row.rows[0].id;
            params[names[names.indexOf(name) - 1]] = row.rows[0].parent;
          }
        } else if (entry) id = await firstOf(entry.table);
        params[name] = id ?? crypto.randomUUID();
      }
    }
    const idFor = (field: string) => (FIELD_TABLES[field] ? ids.get(FIELD_TABLES[field]) : undefined);
    targets.push({
      route,
      params,
      query: route.schema.querystring ? walk(route.schema.querystring as z.ZodType, { idFor }) : null,
      body: route.schema.body ? walk(route.schema.body as z.ZodType, { idFor }) : null,
    });
  }
}, 120_000);
afterAll(() => l?.close());

/** The client of someone who may call the route. */
async function callerOf(route: AnyRoute): Promise<Client> {
  if (route.access === 'public') return client(l);
  if (route.access === 'signedIn') {
    // signing out ends the session: sign in again for the next request
    if (!self.client.cookie) self.client = await signIn(l, self.username);
    return self.client;
  }
  if (route.access === 'global') return admin;
  const perm = route.permission!;
  if (l.services.access.rolePermissions('secretary').has(perm)) return secretary;
  if (l.services.access.rolePermissions('resident').has(perm)) return member;
  return admin;
}

function queryString(q: unknown): string {
  if (q === undefined || q === null || typeof q !== 'object') return '';
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q as Record<string, unknown>)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) s.append(k, typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x));
  }
  const text = s.toString();
  return text ? `?${text}` : '';
}

/** The address and body a call sends. */
function request(t: Target, call: Call): { url: string; payload?: string } {
  const url = API_PREFIX + t.route.url.replace(/:(\w+)/g, (_, n: string) => encodeURIComponent(call.params[n])) + queryString(call.query);
  const payload = call.raw ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  return { url, payload };
}

async function send(t: Target, call: Call) {
  const c = await callerOf(t.route);
  const { url, payload } = request(t, call);
  const res = await l.app.inject({
    method: t.route.method,
    url,
    headers: { cookie: c.cookie, origin: 'http://localhost', host: 'localhost', ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(payload !== undefined ? { payload } : {}),
  });
  const set = res.cookies.find((x) => x.name === 'linli_session');
  if (set) c.cookie = set.value ? `linli_session=${set.value}` : '';
  return res;
}

/** The walked value with every leaf of these kinds replaced. */
function replaceLeaves(w: Walked | null, kinds: LeafKind[], v: (leaf: Leaf) => unknown): unknown {
  if (!w) return undefined;
  let out = w.value;
  for (const leaf of w.leaves) if (kinds.includes(leaf.kind)) out = setAt(out, leaf.path, v(leaf));
  return out;
}

const NUL = 'a\u0000b';
const INF = '__linli_infinity__';
const TEXT: LeafKind[] = ['string', 'date', 'enum', 'literal', 'other'];
const ALL: LeafKind[] = [...TEXT, 'number', 'boolean'];
const changes = (t: Target) => t.route.method !== 'GET';

/** The route's plausible call with the leaves of some kinds replaced, in the query and the body alike. */
const leaves = (t: Target, kinds: LeafKind[], inQuery: (l: Leaf) => unknown, inBody: (l: Leaf) => unknown = inQuery): Call => ({
  params: t.params,
  query: replaceLeaves(t.query, kinds, inQuery),
  body: replaceLeaves(t.body, kinds, inBody),
});

/**
 * The kinds of wrong input, each built from the route's plausible call (real ids in the path, a
 * value of the right type in every field). A kind that leaves a route's request as it was is skipped.
 */
const MALFORMED: { label: string; make(t: Target): Call | null }[] = [
  // a query whose fields are all optional is a list without filters, not a mistake
  { label: 'empty body', make: (t) => (t.body ? { params: t.params, query: t.query?.value } : t.query && !t.route.schema.querystring!.safeParse({}).success ? { params: t.params } : null) },
  { label: 'wrong types', make: (t) => leaves(t, ALL, () => ['a', 'b'], (l) => (l.kind === 'number' ? 'abc' : l.kind === 'boolean' ? 'maybe' : 12345)) },
  { label: 'impossible dates', make: (t) => leaves(t, ['date'], () => '2026-13-01', () => '2026-02-30') },
  {
    label: 'NUL bytes in text',
    // a route that takes no text still gets some: nothing is let through that PostgreSQL would refuse
    make: (t) => ({
      params: t.params,
      query: t.query ? replaceLeaves(t.query, TEXT, () => NUL) : changes(t) ? undefined : { note: NUL },
      body: t.body ? replaceLeaves(t.body, TEXT, () => NUL) : changes(t) ? { note: NUL } : undefined,
    }),
  },
  { label: 'NUL bytes in the path', make: (t) => ({ params: Object.fromEntries(Object.entries(t.params).map(([k, v]) => [k, `${v}\u0000`])), query: t.query?.value, body: t.body?.value }) },
  {
    label: 'huge strings',
    make: (t) => ({
      params: Object.fromEntries(Object.entries(t.params).map(([k, v]) => [k, k === 'communityId' ? v : hugeText(500)])),
      query: replaceLeaves(t.query, ['string', 'other'], () => hugeText(5_000)),
      body: replaceLeaves(t.body, ['string', 'other'], () => hugeText(100_000)),
    }),
  },
  {
    label: 'arrays where objects are expected',
    make: (t) => {
      if (!t.body) return null;
      let body = t.body.value;
      for (const p of [...t.body.objects].reverse()) body = setAt(body, p, [getAt(body, p)]);
      return { params: t.params, query: t.query?.value, body };
    },
  },
  { label: 'negative numbers', make: (t) => leaves(t, ['number'], () => -1) },
  {
    label: 'NaN and infinite numbers',
    make: (t) => {
      const body = replaceLeaves(t.body, ['number'], () => INF);
      return { params: t.params, query: replaceLeaves(t.query, ['number'], () => 'NaN'), raw: body === undefined ? undefined : JSON.stringify(body).replaceAll(`"${INF}"`, '1e999') };
    },
  },
  { label: 'unknown enum values', make: (t) => leaves(t, ['enum', 'literal'], () => 'bogus') },
  { label: 'nulls', make: (t) => leaves(t, ALL, () => 'null', () => null) },
  { label: 'broken JSON', make: (t) => (changes(t) && !t.route.upload ? { params: t.params, query: t.query?.value, raw: '{"title": "未写完' } : null) },
];

/** Every table's rows, but the log of requests (audit, sessions, rate limits): what a refused request must leave as it was. */
async function snapshot(): Promise<string> {
  const k = l.services.db.kysely;
  const tables =
    l.services.db.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(k)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(k);
  const hash = crypto.createHash('sha256');
  for (const { name } of tables.rows.sort((a, b) => a.name.localeCompare(b.name))) {
    if (['audit_log', 'session', 'rate_limit', 'linli_migration'].includes(name)) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(k);
    hash.update(name).update(rows.rows.map((r) => JSON.stringify(r)).sort().join('\n'));
  }
  return hash.digest('hex');
}

const fieldName = (p: Path) => p.join('.') || '_';
const label = (t: Target) => `${t.route.method} ${t.route.url}`;

describe('bad input on every route', () => {
  it('refuses an election held on 30 February by name, in Chinese and in English, and keeps the election as it was', async () => {
    const base = `${API_PREFIX}/communities/${yili.id}/party/elections`;
    const before = (await secretary.get(base)).json() as { id: string; date: string; seats: number; voters: number | null; notes: string | null; candidates: { memberId: string; votes: number; elected: boolean; role: string | null }[] }[];
    const e = before[0];
    const body = { date: '2026-02-30', seats: e.seats, voters: e.voters, notes: e.notes, candidates: e.candidates.map(({ memberId, votes, elected, role }) => ({ memberId, votes, elected, role })) };
    const zh = await secretary.send('PUT', `${base}/${e.id}`, body);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.fields).toEqual({ date: '“2026-02-30”不是日历上的日期' });
    const en = await secretary.send('PUT', `${base}/${e.id}`, { ...body, date: e.date, termEnd: '2031-13-01' }, { cookie: `${secretary.cookie}; linli_lang=en` });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields).toEqual({ termEnd: '“2031-13-01” is not a day of the calendar' });
    expect((await secretary.get(base)).json()).toEqual(before);
  });

  it('refuses a NUL byte in a name, in the path and in an upload’s file name, naming the field, on either database', async () => {
    const groups = `${API_PREFIX}/communities/${yili.id}/party/groups`;
    const group = await l.services.db.kysely.selectFrom('party_group').select(['id', 'name']).where('community_id', '=', yili.id).executeTakeFirstOrThrow();
    const named = await secretary.send('PATCH', `${groups}/${group.id}`, { name: '第一\u0000党小组' });
    expect(named.statusCode).toBe(400);
    expect(named.json().error.fields).toEqual({ name: '不能含有空字符（\\u0000）' });
    const inPath = await secretary.send('PATCH', `${groups}/${encodeURIComponent(`${group.id}\u0000`)}`, { name: '第一党小组' }, { cookie: `${secretary.cookie}; linli_lang=en` });
    expect(inPath.statusCode).toBe(400);
    expect(inPath.json().error.fields).toEqual({ id: 'Must not contain a NUL character (\\u0000)' });
    expect((await l.services.db.kysely.selectFrom('party_group').select('name').where('id', '=', group.id).executeTakeFirstOrThrow()).name).toBe(group.name);

    // the file is bytes and may hold any; its name is text
    const proposal = await l.services.db.kysely.selectFrom('gov_proposal').select('id').where('community_id', '=', yili.id).executeTakeFirstOrThrow();
    const upload = (filename: string) => {
      const boundary = 'linli-boundary';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
        Buffer.from('%PDF-1.4\n\u0000\u0000\u0000 binary\n%%EOF\n', 'latin1'),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return l.app.inject({
        method: 'POST',
        url: `${API_PREFIX}/communities/${yili.id}/governance/proposals/${proposal.id}/files`,
        headers: { cookie: secretary.cookie, origin: 'http://localhost', host: 'localhost', 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    };
    const refused = await upload('方案\u0000.pdf');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual({ file: '不能含有空字符（\\u0000）' });
    const taken = await upload('方案.pdf');
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ filename: '方案.pdf', size: 26 });
  });

  it('refuses a day the calendar does not have in every date field, naming the field, and stores nothing', async () => {
    const before = await snapshot();
    const problems: string[] = [];
    const checked: string[] = [];
    for (const t of targets) {
      for (const [where, w] of [['query', t.query], ['body', t.body]] as const) {
        for (const leaf of w?.leaves.filter((x) => x.kind === 'date') ?? []) {
          checked.push(`${label(t)} ${where}.${fieldName(leaf.path)}`);
          for (const day of ['2026-02-30', '2026-13-01']) {
            const bad = setAt(w!.value, leaf.path, day);
            const res = await send(t, { params: t.params, query: where === 'query' ? bad : t.query?.value, body: where === 'body' ? bad : t.body?.value });
            const said = res.statusCode === 400 ? (res.json() as { error: { fields?: Record<string, string> } }).error.fields?.[fieldName(leaf.path)] : undefined;
            if (!said?.includes(day)) problems.push(`${label(t)} ${where}.${fieldName(leaf.path)}=${day} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    console.log(`date fields: ${checked.length} fields × 2 impossible days → ${checked.length * 2} requests, ${problems.length} not refused by name`);
    // the walk finds dates in bodies, nested lists and queries
    expect(checked).toEqual(
      expect.arrayContaining([
        'PUT /communities/:communityId/party/elections/:id body.date',
        'POST /communities/:communityId/services/door/clients body.needs.0.startDate',
        'GET /audit query.from',
      ]),
    );
    expect(problems).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it('refuses text holding a NUL byte in the body, the query and the path, naming the field', async () => {
    const problems: string[] = [];
    let n = 0;
    const expectNamed = async (t: Target, call: Call, field: string) => {
      n++;
      const res = await send(t, call);
      const fields = res.statusCode === 400 ? (res.json() as { error: { fields?: Record<string, string> } }).error.fields : undefined;
      if (!fields?.[field]) problems.push(`${label(t)} ${field} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    };
    for (const t of targets) {
      for (const [where, w] of [['query', t.query], ['body', t.body]] as const) {
        const leaf = w?.leaves.find((x) => x.kind === 'string');
        if (!leaf) continue;
        const bad = setAt(w!.value, leaf.path, '居民\u0000');
        await expectNamed(t, { params: t.params, query: where === 'query' ? bad : t.query?.value, body: where === 'body' ? bad : t.body?.value }, fieldName(leaf.path));
      }
      const last = Object.keys(t.params).at(-1);
      if (last) await expectNamed(t, { params: { ...t.params, [last]: `${t.params[last]}\u0000` }, query: t.query?.value, body: t.body?.value }, last);
    }
    console.log(`NUL bytes: ${n} requests, ${problems.length} not refused by name`);
    expect(problems).toEqual([]);
  });

  it('never answers 5xx to malformed input on any route', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const t of targets) {
      const plausible = request(t, { params: t.params, query: t.query?.value, body: t.body?.value });
      const sent = new Set([`${plausible.url} ${plausible.payload}`]);
      for (const m of MALFORMED) {
        const call = m.make(t);
        if (!call) continue;
        const r = request(t, call);
        if (sent.has(`${r.url} ${r.payload}`)) continue;
        sent.add(`${r.url} ${r.payload}`);
        requests++;
        const res = await send(t, call);
        if (res.statusCode >= 500) failures.push(`${label(t)} [${m.label}] → ${res.statusCode}`);
      }
    }
    console.log(`sweep: ${targets.length} routes × ${MALFORMED.length} malformed bodies → ${requests} requests, ${failures.length} 5xx`);
    expect(failures).toEqual([]);
  }, 180_000);
});
