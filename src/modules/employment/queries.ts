import { sql, type SqlBool } from 'kysely';
import type { ScopedDb } from '../../core/access';
import { notFound } from '../../core/errors';
import { periodQuery } from '../../core/http/period';
import type { ReportFigure, ReportHighlight, ReportSection } from '../../core/module';
import { formatAddress } from '../registry';
import type { Action, Case, CaseDetail, CaseFilters, FollowupRow, Summary, ZeroBoard, ZeroBoardFilter, ZeroHousehold } from './schema';
import './tables';

// ---- dates ----

/** The same day `n` months later, kept within the month (01-31 + 1 month = 02-28). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
/** 季度内消除: a zero-employment household should have someone in work within three months of being identified. */
export const ZERO_DEADLINE_MONTHS = 3;

function yearsBefore(today: string, years: number): string {
  return `${String(Number(today.slice(0, 4)) - years).padStart(4, '0')}${today.slice(4)}`;
}
function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  let age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (today.slice(5) < birthDate.slice(5)) age -= 1;
  return age;
}

// ---- who counts: working age, labour force ----

/**
 * 法定劳动年龄: from 16 to before 60 for men and 55 for women (the statutory retirement ages the
 * committee uses for the zero-employment definition). A resident without a birth date is not counted.
 */
export function isWorkingAge(gender: string | null, birthDate: string | null, today: string): boolean {
  const age = ageOn(birthDate, today);
  if (age === null) return false;
  return age >= 16 && age < (gender === 'female' ? 55 : 60);
}
/** Statuses that take a working-age person out of the labour force: in school, unable to work, already retired. */
const OUTSIDE_LABOUR_FORCE = ['student', 'unable', 'retired', 'preschool'];

const workingAgeSql = (today: string) =>
  sql<SqlBool>`(r.birth_date is not null and r.birth_date <= ${yearsBefore(today, 16)}
    and ((r.gender = 'female' and r.birth_date > ${yearsBefore(today, 55)}) or (coalesce(r.gender, '') <> 'female' and r.birth_date > ${yearsBefore(today, 60)})))`;
const inLabourForce = sql<SqlBool>`coalesce(r.employment_status, '') not in (${sql.join(OUTSIDE_LABOUR_FORCE)})`;

/**
 * 零就业家庭, computed from the registry: an active household with at least one working-age member in
 * the labour force, every such member registered unemployed, and nobody in it (of any age) employed.
 * `householdIds` narrows the check to those households.
 */
export async function zeroEmploymentHouseholds(db: ScopedDb, today: string, householdIds?: string[]): Promise<Set<string>> {
  if (householdIds && householdIds.length === 0) return new Set();
  let q = db
    .selectFrom('household')
    .select('household.id')
    .where('household.status', '=', 'active')
    .where(
      sql<SqlBool>`exists (select 1 from resident r where r.community_id = household.community_id and r.household_id = household.id
        and r.status = 'active' and ${workingAgeSql(today)} and ${inLabourForce})`,
    )
    .where(
      sql<SqlBool>`not exists (select 1 from resident r where r.community_id = household.community_id and r.household_id = household.id
        and r.status = 'active' and (r.employment_status = 'employed'
          or (${workingAgeSql(today)} and ${inLabourForce} and coalesce(r.employment_status, '') <> 'unemployed')))`,
    );
  if (householdIds) q = q.where('household.id', 'in', householdIds);
  return new Set((await q.execute()).map((r) => r.id));
}

/** The household's open zero-employment record, if it has one. */
export async function openTracking(db: ScopedDb, householdId: string) {
  return db
    .selectFrom('zero_employment_household')
    .selectAll()
    .where('zero_employment_household.household_id', '=', householdId)
    .where('zero_employment_household.cleared_on', 'is', null)
    .executeTakeFirst();
}

// ---- cases ----

function casesBase(db: ScopedDb) {
  return db
    .selectFrom('employment_case')
    .innerJoin('resident', (j) => j.onRef('resident.community_id', '=', 'employment_case.community_id').onRef('resident.id', '=', 'employment_case.resident_id'))
    .innerJoin('household', (j) => j.onRef('household.community_id', '=', 'resident.community_id').onRef('household.id', '=', 'resident.household_id'))
    .innerJoin('dwelling', (j) => j.onRef('dwelling.community_id', '=', 'household.community_id').onRef('dwelling.id', '=', 'household.dwelling_id'))
    .innerJoin('compound', (j) => j.onRef('compound.community_id', '=', 'dwelling.community_id').onRef('compound.id', '=', 'dwelling.compound_id'))
    .leftJoin('building', (j) => j.onRef('building.community_id', '=', 'dwelling.community_id').onRef('building.id', '=', 'dwelling.building_id'))
    .leftJoin('entrance', (j) => j.onRef('entrance.community_id', '=', 'dwelling.community_id').onRef('entrance.id', '=', 'dwelling.entrance_id'))
    .leftJoin('employment_action as placement', (j) =>
      j.onRef('placement.community_id', '=', 'employment_case.community_id').onRef('placement.case_id', '=', 'employment_case.id').on('placement.kind', '=', 'placement'),
    );
}

const CASE_COLUMNS = [
  'employment_case.id as id',
  'employment_case.resident_id as residentId',
  'resident.name as name',
  'resident.gender as gender',
  'resident.birth_date as birthDate',
  'resident.employment_status as employmentStatus',
  'resident.household_id as householdId',
  'compound.name as compound',
  'building.number as building',
  'entrance.number as entrance',
  'dwelling.room as room',
  'dwelling.address as plainAddress',
  'employment_case.registered_on as registeredOn',
  'employment_case.skills as skills',
  'employment_case.wishes as wishes',
  'employment_case.barriers as barriers',
  'employment_case.notes as notes',
  'employment_case.status as status',
  'employment_case.closed_on as closedOn',
  'employment_case.close_reason as closeReason',
  'employment_case.zero_household_id as zeroHouseholdId',
  'placement.date as placedOn',
  'placement.employer as placedEmployer',
  'placement.post as placedPost',
  'placement.placement_kind as placedKind',
] as const;

type RawCase = Awaited<ReturnType<ReturnType<typeof selectCases>['executeTakeFirstOrThrow']>>;
function selectCases(db: ScopedDb) {
  return casesBase(db).select([...CASE_COLUMNS]);
}

async function lastActions(db: ScopedDb, caseIds: string[]): Promise<Map<string, { kind: string; date: string }>> {
  const out = new Map<string, { kind: string; date: string }>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .selectFrom('employment_action')
    .select(['employment_action.case_id', 'employment_action.kind', 'employment_action.date'])
    .where('employment_action.case_id', 'in', caseIds)
    .orderBy('employment_action.date')
    .orderBy('employment_action.created_at')
    .execute();
  for (const r of rows) out.set(r.case_id, { kind: r.kind, date: r.date });
  return out;
}

function present(r: RawCase, today: string, last: { kind: string; date: string } | undefined): Case {
  return {
    id: r.id,
    residentId: r.residentId,
    name: r.name,
    gender: r.gender,
    age: ageOn(r.birthDate, today),
    address: formatAddress({ compound: r.compound, building: r.building, entrance: r.entrance, room: r.room, address: r.plainAddress }),
    householdId: r.householdId,
    employmentStatus: r.employmentStatus,
    registeredOn: r.registeredOn,
    skills: r.skills,
    wishes: r.wishes,
    barriers: r.barriers,
    notes: r.notes,
    status: r.status as Case['status'],
    closedOn: r.closedOn,
    closeReason: r.closeReason,
    zeroEmployment: r.zeroHouseholdId !== null,
    placement: r.placedOn ? { date: r.placedOn, employer: r.placedEmployer, post: r.placedPost, kind: r.placedKind as NonNullable<Case['placement']>['kind'] } : null,
    lastAction: last ? { kind: last.kind as Action['kind'], date: last.date } : null,
  };
}

export async function listCases(db: ScopedDb, today: string, f: CaseFilters, opts: { all?: boolean } = {}): Promise<{ items: Case[]; total: number }> {
  let q = casesBase(db);
  if (f.status) q = q.where('employment_case.status', '=', f.status);
  if (f.zero) q = q.where('employment_case.zero_household_id', 'is not', null);
  if (f.from) q = q.where('employment_case.registered_on', '>=', f.from);
  if (f.to) q = q.where('employment_case.registered_on', '<=', f.to);
  if (f.placedFrom) q = q.where('placement.date', '>=', f.placedFrom);
  if (f.placedTo) q = q.where('placement.date', '<=', f.placedTo);
  if (f.placedKind) q = q.where('placement.placement_kind', '=', f.placedKind);
  if (f.q) q = q.where('resident.name', 'like', `%${f.q.replace(/[%_]/g, '')}%`);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  // open cases first, then the newest registrations
  let page = q
    .select([...CASE_COLUMNS])
    .orderBy(sql`case employment_case.status when 'open' then 0 when 'placed' then 1 else 2 end`)
    .orderBy('employment_case.registered_on', 'desc')
    .orderBy('employment_case.id');
  if (!opts.all) page = page.limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  const rows = await page.execute();
  const last = await lastActions(db, rows.map((r) => r.id));
  return { items: rows.map((r) => present(r, today, last.get(r.id))), total };
}

function presentAction(a: {
  id: string;
  kind: string;
  date: string;
  employer: string | null;
  post: string | null;
  course: string | null;
  provider: string | null;
  placement_kind: string | null;
  result: string | null;
  stage: number | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
}): Action {
  return {
    id: a.id,
    kind: a.kind as Action['kind'],
    date: a.date,
    employer: a.employer,
    post: a.post,
    course: a.course,
    provider: a.provider,
    placementKind: a.placement_kind as Action['placementKind'],
    result: a.result,
    stage: a.stage === null ? null : Number(a.stage),
    note: a.note,
    createdBy: a.created_by,
    createdAt: a.created_at,
  };
}

export async function loadCase(db: ScopedDb, today: string, id: string): Promise<CaseDetail> {
  const r = await selectCases(db).where('employment_case.id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  const actionRows = await db
    .selectFrom('employment_action')
    .leftJoin('app_user', 'app_user.id', 'employment_action.created_by')
    .selectAll('employment_action')
    .select('app_user.display_name as by')
    .where('employment_action.case_id', '=', id)
    .orderBy('employment_action.date')
    .orderBy('employment_action.created_at')
    .execute();
  const actions = actionRows.map((a) => ({ ...presentAction(a), createdBy: a.by ?? null }));
  const c = present(r, today, actions.length ? actions[actions.length - 1] : undefined);
  const followups = c.placement
    ? [1, 3].map((stage) => {
        const due = addMonths(c.placement!.date, stage);
        return { stage, due, done: actions.some((a) => a.kind === 'followup' && a.stage === stage), daysLeft: daysBetween(today, due) };
      })
    : [];
  const tracking = r.zeroHouseholdId
    ? await db.selectFrom('zero_employment_household').selectAll().where('zero_employment_household.id', '=', r.zeroHouseholdId).executeTakeFirst()
    : await openTracking(db, r.householdId);
  const zeroNow = (await zeroEmploymentHouseholds(db, today, [r.householdId])).has(r.householdId);
  return {
    ...c,
    actions,
    followups,
    household: {
      zeroEmployment: zeroNow,
      tracking: tracking ? { id: tracking.id, identifiedOn: tracking.identified_on, deadline: tracking.deadline, clearedOn: tracking.cleared_on } : null,
    },
  };
}

/** 回访到期: follow-ups of placements not yet made, due on or before `until`, soonest first. */
export async function followupsDue(db: ScopedDb, today: string, until: string): Promise<FollowupRow[]> {
  const placed = await casesBase(db)
    .select([...CASE_COLUMNS])
    .where('employment_case.status', '=', 'placed')
    .where('placement.date', '>=', addMonths(today, -6))
    .execute();
  if (placed.length === 0) return [];
  const done = await db
    .selectFrom('employment_action')
    .select(['employment_action.case_id', 'employment_action.stage'])
    .where('employment_action.kind', '=', 'followup')
    .where('employment_action.case_id', 'in', placed.map((p) => p.id))
    .execute();
  const doneKey = new Set(done.map((d) => `${d.case_id}:${Number(d.stage)}`));
  const out: FollowupRow[] = [];
  for (const p of placed) {
    for (const stage of [1, 3]) {
      const due = addMonths(p.placedOn!, stage);
      if (doneKey.has(`${p.id}:${stage}`) || due > until) continue;
      out.push({
        caseId: p.id,
        name: p.name,
        address: formatAddress({ compound: p.compound, building: p.building, entrance: p.entrance, room: p.room, address: p.plainAddress }),
        employer: p.placedEmployer,
        placedOn: p.placedOn!,
        stage,
        due,
        daysLeft: daysBetween(today, due),
      });
    }
  }
  return out.sort((a, b) => a.due.localeCompare(b.due) || a.name.localeCompare(b.name));
}

// ---- the zero-employment board ----

async function householdCards(db: ScopedDb, today: string, householdIds: string[]) {
  if (householdIds.length === 0) return new Map<string, { address: string; members: ZeroHousehold['members'] }>();
  const people = await db
    .selectFrom('resident')
    .innerJoin('household', (j) => j.onRef('household.community_id', '=', 'resident.community_id').onRef('household.id', '=', 'resident.household_id'))
    .innerJoin('dwelling', (j) => j.onRef('dwelling.community_id', '=', 'household.community_id').onRef('dwelling.id', '=', 'household.dwelling_id'))
    .innerJoin('compound', (j) => j.onRef('compound.community_id', '=', 'dwelling.community_id').onRef('compound.id', '=', 'dwelling.compound_id'))
    .leftJoin('building', (j) => j.onRef('building.community_id', '=', 'dwelling.community_id').onRef('building.id', '=', 'dwelling.building_id'))
    .leftJoin('entrance', (j) => j.onRef('entrance.community_id', '=', 'dwelling.community_id').onRef('entrance.id', '=', 'dwelling.entrance_id'))
    .select([
      'resident.id',
      'resident.name',
      'resident.gender',
      'resident.birth_date',
      'resident.relation_to_head',
      'resident.employment_status',
      'resident.household_id',
      'compound.name as compound',
      'building.number as building',
      'entrance.number as entrance',
      'dwelling.room as room',
      'dwelling.address as plainAddress',
    ])
    .where('resident.household_id', 'in', householdIds)
    .where('resident.status', '=', 'active')
    .orderBy(sql`case when resident.relation_to_head = 'head' then 0 else 1 end`)
    .orderBy('resident.birth_date')
    .execute();
  const open = await db
    .selectFrom('employment_case')
    .select(['employment_case.id', 'employment_case.resident_id'])
    .where('employment_case.status', '=', 'open')
    .where('employment_case.resident_id', 'in', people.map((p) => p.id).concat(['']))
    .execute();
  const openBy = new Map(open.map((o) => [o.resident_id, o.id]));
  const out = new Map<string, { address: string; members: ZeroHousehold['members'] }>();
  for (const p of people) {
    const card = out.get(p.household_id) ?? { address: formatAddress({ compound: p.compound, building: p.building, entrance: p.entrance, room: p.room, address: p.plainAddress }), members: [] };
    card.members.push({
      residentId: p.id,
      name: p.name,
      gender: p.gender,
      age: ageOn(p.birth_date, today),
      relationToHead: p.relation_to_head,
      employmentStatus: p.employment_status,
      workingAge: isWorkingAge(p.gender, p.birth_date, today),
      openCaseId: openBy.get(p.id) ?? null,
    });
    out.set(p.household_id, card);
  }
  return out;
}

/**
 * The board: households the registry computes as zero-employment today (certified or not) and
 * certified ones no longer computed (a registry change staff should confirm), then those cleared.
 * Over a period, only certified households: those identified in it (still open, or since cleared),
 * or (by cleared) those cleared in it — the households the work report counts.
 */
export async function zeroBoard(db: ScopedDb, today: string, f: ZeroBoardFilter = {}): Promise<ZeroBoard> {
  const inPeriod = Boolean(f.from || f.to);
  const col = f.by === 'cleared' ? 'zero_employment_household.cleared_on' : 'zero_employment_household.identified_on';
  let trackedQ = db.selectFrom('zero_employment_household');
  if (f.from) trackedQ = trackedQ.where(col, '>=', f.from);
  if (f.to) trackedQ = trackedQ.where(col, '<=', f.to);
  const tracked = await trackedQ
    .leftJoin('employment_case', (j) =>
      j.onRef('employment_case.community_id', '=', 'zero_employment_household.community_id').onRef('employment_case.id', '=', 'zero_employment_household.cleared_case_id'),
    )
    .leftJoin('resident', (j) => j.onRef('resident.community_id', '=', 'employment_case.community_id').onRef('resident.id', '=', 'employment_case.resident_id'))
    .selectAll('zero_employment_household')
    .select('resident.name as clearedBy')
    .orderBy('zero_employment_household.identified_on', 'desc')
    .execute();
  // over a period only the certified households of it are shown (their state still follows the registry today)
  const computed = await zeroEmploymentHouseholds(db, today, inPeriod ? [...new Set(tracked.map((t) => t.household_id))] : undefined);
  const openTracked = new Map(tracked.filter((t) => t.cleared_on === null).map((t) => [t.household_id, t]));
  const ids = [...new Set([...computed, ...tracked.map((t) => t.household_id)])];
  const cards = await householdCards(db, today, ids);
  const current: ZeroHousehold[] = [];
  for (const hid of new Set([...(inPeriod ? [] : computed), ...openTracked.keys()])) {
    const t = openTracked.get(hid);
    const card = cards.get(hid) ?? { address: '', members: [] };
    const daysLeft = t ? daysBetween(today, t.deadline) : null;
    current.push({
      householdId: hid,
      ...card,
      state: !t ? 'untracked' : !computed.has(hid) ? 'changed' : daysLeft! < 0 ? 'overdue' : 'open',
      trackingId: t?.id ?? null,
      identifiedOn: t?.identified_on ?? null,
      deadline: t?.deadline ?? null,
      daysLeft,
      clearedOn: null,
      clearedBy: null,
      note: t?.note ?? null,
    });
  }
  const order = { overdue: 0, open: 1, untracked: 2, changed: 3, cleared: 4 };
  current.sort((a, b) => order[a.state] - order[b.state] || (a.daysLeft ?? 9999) - (b.daysLeft ?? 9999) || a.address.localeCompare(b.address));
  const cleared = tracked
    .filter((t) => t.cleared_on !== null)
    .map((t) => ({
      householdId: t.household_id,
      ...(cards.get(t.household_id) ?? { address: '', members: [] }),
      state: 'cleared' as const,
      trackingId: t.id,
      identifiedOn: t.identified_on,
      deadline: t.deadline,
      daysLeft: null,
      clearedOn: t.cleared_on,
      clearedBy: t.clearedBy ?? null,
      note: t.note,
    }))
    .sort((a, b) => (b.clearedOn ?? '').localeCompare(a.clearedOn ?? ''));
  return { current, cleared, today };
}

// ---- figures ----

const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).n);

/** Placements dated in [from, to], with how many came from zero-employment households (people and households). */
export async function placementFigures(db: ScopedDb, from: string, to: string) {
  const placements = () =>
    db
      .selectFrom('employment_action')
      .innerJoin('employment_case', (j) => j.onRef('employment_case.community_id', '=', 'employment_action.community_id').onRef('employment_case.id', '=', 'employment_action.case_id'))
      .leftJoin('zero_employment_household', (j) =>
        j.onRef('zero_employment_household.community_id', '=', 'employment_case.community_id').onRef('zero_employment_household.id', '=', 'employment_case.zero_household_id'),
      )
      .where('employment_action.kind', '=', 'placement')
      .where('employment_action.date', '>=', from)
      .where('employment_action.date', '<=', to);
  const placed = await count(placements().select(sql<number>`count(distinct employment_case.resident_id)`.as('n')));
  const zeroPeople = await count(placements().where('employment_case.zero_household_id', 'is not', null).select(sql<number>`count(distinct employment_case.resident_id)`.as('n')));
  const zeroHouseholds = await count(
    placements().where('employment_case.zero_household_id', 'is not', null).select(sql<number>`count(distinct zero_employment_household.household_id)`.as('n')),
  );
  const byKind = await placements()
    .select(['employment_action.placement_kind as kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('employment_action.placement_kind')
    .execute();
  const kinds = Object.fromEntries(byKind.map((k) => [k.kind ?? '', Number(k.n)]));
  return { placed, zeroPeople, zeroHouseholds, kinds };
}

export async function summary(db: ScopedDb, today: string, from: string, to: string): Promise<Summary> {
  const p = await placementFigures(db, from, to);
  const openCases = await count(db.selectFrom('employment_case').select((eb) => eb.fn.countAll<number>().as('n')).where('employment_case.status', '=', 'open'));
  const board = await zeroBoard(db, today);
  return {
    openCases,
    placed: p.placed,
    placedZeroPeople: p.zeroPeople,
    placedZeroHouseholds: p.zeroHouseholds,
    zeroCurrent: board.current.filter((h) => h.state !== 'changed').length,
    zeroOverdue: board.current.filter((h) => h.state === 'overdue').length,
    followupsDue: (await followupsDue(db, today, today)).length,
  };
}

/** The re-employment part of the work report over [from, to]. */
export async function employmentSection(db: ScopedDb, from: string, to: string): Promise<ReportSection> {
  const p = await placementFigures(db, from, to);
  const registered = await count(
    db.selectFrom('employment_case').select((eb) => eb.fn.countAll<number>().as('n')).where('employment_case.registered_on', '>=', from).where('employment_case.registered_on', '<=', to),
  );
  const identified = await count(
    db
      .selectFrom('zero_employment_household')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('zero_employment_household.identified_on', '>=', from)
      .where('zero_employment_household.identified_on', '<=', to),
  );
  const cleared = await count(
    db
      .selectFrom('zero_employment_household')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('zero_employment_household.cleared_on', '>=', from)
      .where('zero_employment_household.cleared_on', '<=', to),
  );
  const stillOpen = await count(
    db
      .selectFrom('zero_employment_household')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('zero_employment_household.identified_on', '<=', to)
      .where((eb) => eb.or([eb('zero_employment_household.cleared_on', 'is', null), eb('zero_employment_household.cleared_on', '>', to)])),
  );
  const people = { zh: '人', en: 'people' };
  const households = { zh: '户', en: 'households' };
  // cases registered in the period (from/to), placements dated in it (placedFrom/placedTo), households
  // identified or cleared in it; the households still open at the end stand on the plain board
  const placedLink = `employment?status=placed&placedFrom=${from}&placedTo=${to}`;
  const zeroLink = `employment/zero-employment?${periodQuery(from, to)}`;
  const figures: ReportFigure[] = [
    { key: 'cases.registered', label: { zh: '登记失业求职人员', en: 'Unemployed residents registered' }, value: registered, unit: people, link: `employment?${periodQuery(from, to)}` },
    { key: 'placed', label: { zh: '安置就业', en: 'Placed in work' }, value: p.placed, unit: people, link: placedLink },
    { key: 'placed.zero.households', label: { zh: '其中零就业家庭（户）', en: 'of them, zero-employment households' }, value: p.zeroHouseholds, unit: households, link: `${placedLink}&zero=1` },
    { key: 'placed.zero.people', label: { zh: '其中零就业家庭（人）', en: 'of them, people from zero-employment households' }, value: p.zeroPeople, unit: people, link: `${placedLink}&zero=1` },
    { key: 'placed.formal', label: { zh: '正规就业', en: 'Formal jobs' }, value: p.kinds.formal ?? 0, unit: people, link: `${placedLink}&placedKind=formal` },
    { key: 'placed.flexible', label: { zh: '灵活就业', en: 'Flexible work' }, value: p.kinds.flexible ?? 0, unit: people, link: `${placedLink}&placedKind=flexible` },
    { key: 'placed.public_welfare', label: { zh: '公益性岗位', en: 'Public-welfare posts' }, value: p.kinds.public_welfare ?? 0, unit: people, link: `${placedLink}&placedKind=public_welfare` },
    { key: 'zero.identified', label: { zh: '认定零就业家庭', en: 'Zero-employment households identified' }, value: identified, unit: households, link: zeroLink },
    { key: 'zero.cleared', label: { zh: '零就业家庭消除', en: 'Zero-employment households cleared' }, value: cleared, unit: households, link: `employment/zero-employment?tab=cleared&by=cleared&${periodQuery(from, to)}` },
    { key: 'zero.open', label: { zh: '期末尚未消除', en: 'Still zero-employment at the end' }, value: stillOpen, unit: households, link: 'employment/zero-employment' },
  ];
  const highlights: ReportHighlight[] = [];
  if (p.placed > 0) {
    const zeroPart = p.zeroPeople > 0 ? `，其中零就业家庭${p.zeroHouseholds}户${p.zeroPeople}人` : '';
    const zeroPartEn = p.zeroPeople > 0 ? `, ${p.zeroPeople} of them from ${p.zeroHouseholds} zero-employment households` : '';
    highlights.push({
      key: 'placed',
      text: { zh: `安置社区有就业愿望的失业人员${p.placed}人${zeroPart}。`, en: `${p.placed} unemployed residents who wanted work were placed${zeroPartEn}.` },
      date: to,
      link: placedLink,
    });
  }
  if (identified > 0 && stillOpen === 0) {
    highlights.push({
      key: 'zero.all-cleared',
      text: { zh: `认定的零就业家庭${identified}户全部实现就业。`, en: `All ${identified} zero-employment households identified have someone in work.` },
      date: to,
      link: 'employment/zero-employment?tab=cleared',
    });
  }
  return { title: { zh: '再就业帮扶', en: 'Re-employment' }, figures, highlights };
}
