/**
 * `npm run bench:report`: what composing the work report costs (SQLite).
 *
 * 1. One community with five years of records: the demo (every module's own two years of records
 *    for 怡丽北园) plus three earlier years of generated registry and party records in the same
 *    community (more households and residents moving in over the five years, care tags, party
 *    members, branch and member pledges, study sessions with attendance, newsletter deliveries).
 *    Times `composeReport` over the five years — every module's report section, as the report
 *    page and the Word export run it. Target ≤ 2 s.
 * 2. The roll-up of 300 communities of one sub-district, each with two years of generated registry
 *    and party records: times `composeRollup` (each community's report, then the comparison table).
 *    Target ≤ 10 s.
 * The bare baseline for each is the floor of reaching the data at all: one indexed
 * `select 1 … where community_id = ? limit 1` per community-owned table for each community (the
 * tables the modules' sections read), on the same data in the same process. Each timing is the median of several runs after a warm-up.
 *
 * The figures are written into BENCHMARKS.md between the bench:report markers.
 * Options: --communities=N (default 300); --runs=N (default 5); --no-write.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { scopedDb, type CommunityRef } from '../src/core/access';
import { sqliteBulkInsert } from '../src/core/db';
import { seededRandom } from '../src/core/demo';
import { uuidv7 } from '../src/core/ids';
import { createTestLinli, makeCommunity, makeSubDistrict, type TestLinli } from '../src/core/testing';
import { composeReport, type ComposeDeps } from '../src/modules/report/compose';
import { composeRollup } from '../src/modules/report/rollup';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const COMMUNITIES = arg('communities', 300);
const RUNS = arg('runs', 5);
const WRITE = !process.argv.includes('--no-write');

const random = seededRandom(20261126);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国';
const name = () => `${pick([...SURNAMES])}${pick([...GIVEN])}${random() < 0.6 ? pick([...GIVEN]) : ''}`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Registry and party records of one community over `years` years ending in `toYear`. */
async function generate(l: TestLinli, communityId: string, opts: { households: number; years: number; toYear: number; members: number; at: string }) {
  const db = scopedDb(l.services.db.kysely, communityId, { bulk: sqliteBulkInsert(l.services.db) });
  const at = opts.at;
  const firstYear = opts.toYear - opts.years + 1;
  const compound = uuidv7();
  await db.insertMany('compound', [{ id: compound, name: `基准小区${uuidv7().slice(-4)}`, kind: 'compound', property_company: null, sort: 0, created_at: at }]);
  const buildings = Array.from({ length: Math.max(1, Math.ceil(opts.households / 40)) }, (_, i) => ({ id: uuidv7(), compound_id: compound, number: `${100 + i}`, name: `${100 + i}号楼`, grid_id: null, floors: 6, sort: 100 + i, created_at: at }));
  await db.insertMany('building', buildings);
  const entrances = buildings.map((b) => ({ id: uuidv7(), building_id: b.id, number: '1', created_at: at }));
  await db.insertMany('entrance', entrances);
  const dwellings = Array.from({ length: opts.households }, (_, i) => ({ id: uuidv7(), compound_id: compound, building_id: buildings[Math.floor(i / 40)].id, entrance_id: entrances[Math.floor(i / 40)].id, room: `${Math.floor((i % 40) / 4) + 1}0${(i % 4) + 1}`, address: null, floor_area: null, created_at: at }));
  await db.insertMany('dwelling', dwellings);
  const households = dwellings.map((d) => ({ id: uuidv7(), dwelling_id: d.id, number: null, status: 'active', created_at: at, ended_at: null }));
  await db.insertMany('household', households);
  const residents: Record<string, unknown>[] = [];
  const tags: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  for (const h of households) {
    const movedIn = day(firstYear + Math.floor(random() * opts.years), 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28));
    const size = 1 + Math.floor(random() * 4);
    for (let k = 0; k < size; k++) {
      const id = uuidv7();
      const birth = day(1930 + Math.floor(random() * 90), 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28));
      residents.push({
        id, household_id: h.id, name: name(), gender: random() < 0.5 ? 'male' : 'female', birth_date: birth,
        id_number_enc: null, id_number_hash: null, id_number_tail: null, phone_enc: null, phone_hash: null, phone_tail: null, phone2_enc: null,
        ethnicity: null, education: null, work_unit: null, political_status: null, registration_type: 'huji', residence: random() < 0.95 ? 'both' : 'registered_only',
        employment_status: null, relation_to_head: k === 0 ? 'head' : 'spouse', moved_in_date: movedIn, status: 'active', notes: null, created_at: at, updated_at: at,
      });
      events.push({ id: uuidv7(), resident_id: id, household_id: h.id, kind: 'moved_in', date: movedIn, details_json: null, created_by: null, created_at: at });
      if (random() < 0.08) tags.push({ id: uuidv7(), resident_id: id, household_id: h.id, tag: pick(['empty_nest', 'disabled', 'dibao', 'living_alone']), grade: null, start_date: movedIn, end_date: null, note: null, created_at: at });
    }
  }
  await db.insertMany('resident', residents as never[]);
  await db.insertMany('life_event', events as never[]);
  await db.insertMany('care_tag', tags as never[]);

  const members = Array.from({ length: opts.members }, (_, i) => ({
    id: uuidv7(), resident_id: null, name: name(), phone_enc: null, phone_hash: null, phone_tail: null, kind: i % 7 === 0 ? 'reporting' : 'registered', group_id: null,
    joined_date: day(1970 + Math.floor(random() * 50), 7, 1), status: i % 9 === 0 ? 'frail' : 'normal', volunteer_team_id: null, left_date: null, notes: null, user_id: null, id_number_hash: null, created_at: at, updated_at: at,
  }));
  await db.insertMany('party_member', members);
  const pledges: Record<string, unknown>[] = [];
  const activities: Record<string, unknown>[] = [];
  const attendance: Record<string, unknown>[] = [];
  const issues: Record<string, unknown>[] = [];
  const deliveries: Record<string, unknown>[] = [];
  let issueNo = 1000;
  for (let y = firstYear; y <= opts.toYear; y++) {
    for (let i = 0; i < 6; i++) pledges.push({ id: uuidv7(), level: 'branch', year: y, member_id: null, title: `实事${i + 1}`, owner: '支部', target: null, status: pick(['done', 'open', 'not_done']), review_note: null, reviewed_at: null, created_at: at, updated_at: at });
    for (const m of members.slice(0, Math.ceil(members.length / 2))) pledges.push({ id: uuidv7(), level: 'member', year: y, member_id: m.id, title: '责任区', owner: null, target: null, status: pick(['done', 'open']), review_note: null, reviewed_at: null, created_at: at, updated_at: at });
    for (let m = 1; m <= 12; m++) {
      const a = { id: uuidv7(), date: day(y, m, 15), kind: 'study', topic: `${y}年${m}月学习`, place: null, created_at: at };
      activities.push(a);
      for (const mem of members) attendance.push({ activity_id: a.id, member_id: mem.id, present: random() < 0.8 ? 1 : 0, reason: null });
      if (m % 2 === 0) {
        const issue = { id: uuidv7(), number: issueNo++, date: day(y, m, 1), title: `简报${issueNo}`, content: '', file_id: null, created_at: at };
        issues.push(issue);
        for (const mem of members.filter((x) => x.status === 'frail')) deliveries.push({ id: uuidv7(), issue_id: issue.id, member_id: mem.id, delivered_by: '社工', delivered_at: day(y, m, 3), confirmed: 1, confirmed_at: null });
      }
    }
  }
  await db.insertMany('pledge', pledges as never[]);
  await db.insertMany('party_activity', activities as never[]);
  await db.insertMany('party_attendance', attendance as never[]);
  await db.insertMany('newsletter_issue', issues as never[]);
  await db.insertMany('newsletter_delivery', deliveries as never[]);
  return { residents: residents.length, households: households.length, rows: residents.length + events.length + tags.length + pledges.length + activities.length + attendance.length + deliveries.length };
}

/** Every table that carries `community_id`: what the bare baseline reaches. */
async function communityTables(l: TestLinli): Promise<string[]> {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and sql like '%community_id%' and name not in ('audit_log', 'user_grant', 'community')`.execute(l.services.db.kysely);
  return tables.rows.map((r) => r.name).sort();
}
async function bare(l: TestLinli, tables: string[], communityIds: string[]) {
  for (const id of communityIds) for (const t of tables) await sql`select 1 from ${sql.table(t)} where community_id = ${id} limit 1`.execute(l.services.db.kysely);
}

async function main() {
  const started = Date.now();
  const l = await createTestLinli({ demo: true });
  const today = l.clock.now().toISOString().slice(0, 10);
  const toYear = Number(today.slice(0, 4));
  const deps: ComposeDeps = { db: l.services.db, modules: l.services.modules };
  const at = l.clock.now().toISOString();
  const tables = await communityTables(l);

  // 1. 怡丽北园 with five years
  const yili = (await l.services.db.kysely
    .selectFrom('community')
    .innerJoin('sub_district', 'sub_district.id', 'community.sub_district_id')
    .select(['community.id as id', 'community.name as name', 'community.sub_district_id as subDistrictId', 'sub_district.name as subDistrictName'])
    .where('community.name', '=', '怡丽北园社区')
    .executeTakeFirstOrThrow()) as CommunityRef;
  const added = await generate(l, yili.id, { households: 1200, years: 5, toYear, members: 60, at });
  const from5 = `${toYear - 5}${today.slice(4)}`;
  const counts = await Promise.all(tables.map(async (t) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)} where community_id = ${yili.id}`.execute(l.services.db.kysely)).rows[0].n)));
  const rowsInCommunity = counts.reduce((a, b) => a + b, 0);
  await composeReport(deps, yili, from5, today, new Date());
  await bare(l, tables, [yili.id]);
  const one: number[] = [];
  const oneBare: number[] = [];
  let figures = 0;
  for (let i = 0; i < RUNS; i++) {
    oneBare.push(await time(() => bare(l, tables, [yili.id])));
    one.push(
      await time(async () => {
        const c = await composeReport(deps, yili, from5, today, new Date());
        figures = c.chapters.reduce((n, ch) => n + ch.sections.reduce((m, s) => m + s.figures.length, 0), 0);
      }),
    );
  }
  console.log(`one community, five years: ${rowsInCommunity.toLocaleString()} rows; report ${median(one).toFixed(0)} ms (${figures} figures), bare ${median(oneBare).toFixed(1)} ms`);

  // 2. 300 communities of one sub-district
  const sd = await makeSubDistrict(l, '基准街道');
  const communities: CommunityRef[] = [];
  let generatedRows = 0;
  let generatedResidents = 0;
  const t0 = performance.now();
  for (let i = 0; i < COMMUNITIES; i++) {
    const c = await makeCommunity(l, sd.id, `基准社区${String(i + 1).padStart(3, '0')}`);
    const g = await generate(l, c.id, { households: 120, years: 2, toYear, members: 24, at });
    generatedRows += g.rows;
    generatedResidents += g.residents;
    communities.push({ ...c, subDistrictName: sd.name });
  }
  console.log(`generated ${COMMUNITIES} communities, ${generatedResidents.toLocaleString()} residents, ${generatedRows.toLocaleString()} rows in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const from2 = `${toYear - 2}${today.slice(4)}`;
  const scope = { id: sd.id, name: sd.name, communities };
  await composeRollup(deps, scope, from2, today, new Date());
  const roll: number[] = [];
  const rollBare: number[] = [];
  const rollRuns = Math.max(1, Math.min(RUNS, 3));
  let columns = 0;
  for (let i = 0; i < rollRuns; i++) {
    rollBare.push(await time(() => bare(l, tables, communities.map((c) => c.id))));
    roll.push(
      await time(async () => {
        columns = (await composeRollup(deps, scope, from2, today, new Date())).columns.length;
      }),
    );
  }
  console.log(`roll-up of ${COMMUNITIES}: ${(median(roll) / 1000).toFixed(2)} s (${columns} compared figures), bare ${(median(rollBare) / 1000).toFixed(2)} s`);
  await l.close();

  const ratio1 = median(one) / median(oneBare);
  const ratio2 = median(roll) / median(rollBare);
  const modules = deps.modules.filter((m) => m.reportSection && m.name !== 'report').map((m) => m.name);
  const body = `
## Work report: one community over five years, and a roll-up of ${COMMUNITIES} communities

\`npm run bench:report\` (${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, SQLite; whole run ${((Date.now() - started) / 1000).toFixed(0)} s; load average at the end ${os.loadavg()[0].toFixed(1)}).
The report is composed by every module that gives a section (${modules.join(', ')}); the bare baseline reaches each of the
${tables.length} community-owned tables once per community (\`select 1 … where community_id = ? limit 1\`): the floor of touching the data at all.
Medians of ${RUNS} runs (roll-up: ${rollRuns}) after a warm-up.

| what | data | Linli | bare | ratio | target |
|---|---|---:|---:|---:|---|
| one community, five years (\`composeReport\`) | 怡丽北园: the demo's two years of every module + ${added.households.toLocaleString()} generated households / ${added.residents.toLocaleString()} residents and party records over five years — ${rowsInCommunity.toLocaleString()} rows; ${figures} figures | ${median(one).toFixed(0)} ms | ${median(oneBare).toFixed(1)} ms | ${ratio1.toFixed(1)}× | ≤ 2 s ${median(one) <= 2000 ? '✓' : '✗'} |
| roll-up (\`composeRollup\`) | ${COMMUNITIES} communities, ${generatedResidents.toLocaleString()} residents, ${generatedRows.toLocaleString()} generated rows over two years; ${columns} compared figures | ${(median(roll) / 1000).toFixed(2)} s | ${(median(rollBare) / 1000).toFixed(2)} s | ${ratio2.toFixed(1)}× | ≤ 10 s ${median(roll) <= 10_000 ? '✓' : '✗'} |
`;
  console.log(body);
  if (WRITE) writeBenchmarksMd(body);
}

const START = '<!-- bench:report:start -->';
const END = '<!-- bench:report:end -->';
/** Replaces the bench:report section of BENCHMARKS.md (or appends it). */
function writeBenchmarksMd(body: string): void {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const whole = `${START}\n${body.trim()}\n${END}`;
  if (a >= 0 && b > a) text = text.slice(0, a) + whole + text.slice(b + END.length);
  else text = text.replace(/\n*$/, '\n\n') + whole + '\n';
  fs.writeFileSync(file, text);
}

await main();
