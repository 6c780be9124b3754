import type { ScopedDb } from '../../core/access';
import type { AuditEntry } from '../../core/audit/log';
import { AppError, fieldError, notFound } from '../../core/errors';
import { uuidv7 } from '../../core/ids';
import { setEmploymentStatus } from '../registry';
import { ZERO_DEADLINE_MONTHS, addMonths, openTracking, zeroEmploymentHouseholds } from './queries';
import type { ActionInputT } from './schema';
import './tables';

/** What a command needs from the request: the scoped database, who, when, and the audit writer. */
export interface Cmd {
  db: ScopedDb;
  userId: string | null;
  now: Date;
  /** today in China, YYYY-MM-DD */
  today: string;
  audit: (e: AuditEntry) => Promise<void>;
}

/** Certifies a computed zero-employment household (认定): the countdown starts on `identifiedOn`. */
export async function certifyHousehold(c: Cmd, householdId: string, identifiedOn: string, note: string | null = null): Promise<string> {
  const existing = await openTracking(c.db, householdId);
  if (existing) return existing.id;
  const zero = await zeroEmploymentHouseholds(c.db, c.today, [householdId]);
  if (!zero.has(householdId)) {
    const h = await c.db.selectFrom('household').select('household.id').where('household.id', '=', householdId).executeTakeFirst();
    if (!h) throw notFound();
    throw new AppError(409, 'EMPLOYMENT_NOT_ZERO');
  }
  const id = uuidv7();
  await c.db
    .insertInto('zero_employment_household', [
      {
        id,
        household_id: householdId,
        identified_on: identifiedOn,
        deadline: addMonths(identifiedOn, ZERO_DEADLINE_MONTHS),
        cleared_on: null,
        cleared_case_id: null,
        note,
        created_by: c.userId,
        created_at: c.now.toISOString(),
      },
    ])
    .execute();
  await c.audit({ action: 'employment.certify-zero', entityType: 'zero_employment_household', entityId: id, after: { householdId, identifiedOn, note } });
  return id;
}

/**
 * 失业登记: opens a case for a resident who wants work. The registry is told once — the resident is
 * registered unemployed there if they were not — and when that leaves the household with nobody in
 * work, the household is certified zero-employment and the case remembers it.
 */
export async function registerCase(
  c: Cmd,
  input: { residentId: string; registeredOn: string; skills?: string | null; wishes?: string | null; barriers?: string | null; notes?: string | null },
): Promise<string> {
  const r = await c.db
    .selectFrom('resident')
    .select(['resident.id', 'resident.name', 'resident.household_id', 'resident.status', 'resident.employment_status'])
    .where('resident.id', '=', input.residentId)
    .executeTakeFirst();
  if (!r) throw fieldError('residentId', 'EMPLOYMENT_UNKNOWN_RESIDENT');
  if (r.status !== 'active') throw fieldError('residentId', 'EMPLOYMENT_RESIDENT_GONE', { name: r.name });
  const open = await c.db.selectFrom('employment_case').select('employment_case.id').where('employment_case.resident_id', '=', r.id).where('employment_case.status', '=', 'open').executeTakeFirst();
  if (open) throw new AppError(409, 'EMPLOYMENT_CASE_OPEN', { name: r.name }, { residentId: { code: 'EMPLOYMENT_CASE_OPEN', params: { name: r.name } } });
  if (r.employment_status !== 'unemployed') {
    await setEmploymentStatus(c.db, { residentId: r.id, status: 'unemployed', reason: '再就业帮扶：失业登记', now: c.now, audit: c.audit });
  }
  const zero = await zeroEmploymentHouseholds(c.db, c.today, [r.household_id]);
  const zeroId = zero.has(r.household_id) ? await certifyHousehold(c, r.household_id, input.registeredOn) : ((await openTracking(c.db, r.household_id))?.id ?? null);
  const id = uuidv7();
  const at = c.now.toISOString();
  await c.db
    .insertInto('employment_case', [
      {
        id,
        resident_id: r.id,
        household_id: r.household_id,
        registered_on: input.registeredOn,
        skills: input.skills ?? null,
        wishes: input.wishes ?? null,
        barriers: input.barriers ?? null,
        notes: input.notes ?? null,
        status: 'open',
        closed_on: null,
        close_reason: null,
        zero_household_id: zeroId,
        created_by: c.userId,
        created_at: at,
        updated_at: at,
      },
    ])
    .execute();
  await c.audit({ action: 'employment.register-case', entityType: 'employment_case', entityId: id, after: { ...input, zeroHouseholdId: zeroId } });
  return id;
}

async function loadOpen(c: Cmd, caseId: string) {
  const k = await c.db.selectFrom('employment_case').selectAll().where('employment_case.id', '=', caseId).executeTakeFirst();
  if (!k) throw notFound();
  return k;
}

/**
 * Adds a step to a case. A placement closes the case, sets the resident employed at the employer in
 * the registry, and clears the household's zero-employment record when someone in it now works.
 * Follow-ups belong to placed cases, one per stage; one finding the person has left the job sets
 * them unemployed in the registry again (a household left without work shows as zero-employment
 * again, for the staff to certify anew).
 */
export async function recordAction(c: Cmd, caseId: string, a: ActionInputT): Promise<string> {
  const k = await loadOpen(c, caseId);
  if (a.kind === 'followup') {
    if (k.status !== 'placed') throw new AppError(409, 'EMPLOYMENT_NOT_PLACED');
    const dup = await c.db
      .selectFrom('employment_action')
      .select('employment_action.id')
      .where('employment_action.case_id', '=', caseId)
      .where('employment_action.kind', '=', 'followup')
      .where('employment_action.stage', '=', a.stage)
      .executeTakeFirst();
    if (dup) throw fieldError('stage', 'EMPLOYMENT_FOLLOWUP_DONE', { stage: a.stage });
  } else if (k.status !== 'open') throw new AppError(409, 'EMPLOYMENT_CASE_CLOSED');
  if (a.date < k.registered_on) throw fieldError('date', 'EMPLOYMENT_BEFORE_REGISTRATION', { date: k.registered_on });
  if (a.date > c.today) throw fieldError('date', 'EMPLOYMENT_DATE_FUTURE');
  const id = uuidv7();
  await c.db
    .insertInto('employment_action', [
      {
        id,
        case_id: caseId,
        kind: a.kind,
        date: a.date,
        employer: 'employer' in a ? a.employer : null,
        post: 'post' in a ? (a.post ?? null) : null,
        course: a.kind === 'training' ? a.course : null,
        provider: a.kind === 'training' ? (a.provider ?? null) : null,
        placement_kind: a.kind === 'placement' ? a.placementKind : null,
        result: a.kind === 'interview' ? a.result : a.kind === 'followup' ? a.outcome : null,
        stage: a.kind === 'followup' ? a.stage : null,
        note: a.note ?? null,
        created_by: c.userId,
        created_at: c.now.toISOString(),
      },
    ])
    .execute();
  if (a.kind === 'placement') {
    await c.db.updateTable('employment_case').set({ status: 'placed', closed_on: a.date, updated_at: c.now.toISOString() }).where('employment_case.id', '=', caseId).execute();
    const r = await c.db.selectFrom('resident').select(['resident.household_id']).where('resident.id', '=', k.resident_id).executeTakeFirstOrThrow();
    await setEmploymentStatus(c.db, { residentId: k.resident_id, status: 'employed', workUnit: a.employer, reason: `再就业安置：${a.employer}`, now: c.now, audit: c.audit });
    const tracking = await openTracking(c.db, r.household_id);
    if (tracking && !(await zeroEmploymentHouseholds(c.db, c.today, [r.household_id])).has(r.household_id)) {
      await c.db.updateTable('zero_employment_household').set({ cleared_on: a.date, cleared_case_id: caseId }).where('zero_employment_household.id', '=', tracking.id).execute();
      await c.audit({ action: 'employment.clear-zero', entityType: 'zero_employment_household', entityId: tracking.id, after: { clearedOn: a.date, caseId } });
    }
  }
  if (a.kind === 'followup' && a.outcome === 'left_job') {
    // the registry says what the follow-up found: no longer at the job the placement gave
    const r = await c.db.selectFrom('resident').select(['resident.employment_status', 'resident.status']).where('resident.id', '=', k.resident_id).executeTakeFirstOrThrow();
    if (r.status === 'active' && r.employment_status === 'employed') {
      await setEmploymentStatus(c.db, { residentId: k.resident_id, status: 'unemployed', workUnit: null, reason: `再就业回访：已离职（安置后第${a.stage}个月）`, now: c.now, audit: c.audit });
    }
  }
  await c.audit({ action: `employment.${a.kind}`, entityType: 'employment_case', entityId: caseId, after: a });
  return id;
}

/** Closes a case without a placement (no longer looking, moved away …); the registry is left as it is. */
export async function closeCase(c: Cmd, caseId: string, input: { date: string; reason: string; note?: string | null }): Promise<void> {
  const k = await loadOpen(c, caseId);
  if (k.status !== 'open') throw new AppError(409, 'EMPLOYMENT_CASE_CLOSED');
  if (input.date < k.registered_on) throw fieldError('date', 'EMPLOYMENT_BEFORE_REGISTRATION', { date: k.registered_on });
  await c.db
    .updateTable('employment_case')
    .set({ status: 'closed', closed_on: input.date, close_reason: input.reason, notes: input.note ? [k.notes, input.note].filter(Boolean).join('\n') : k.notes, updated_at: c.now.toISOString() })
    .where('employment_case.id', '=', caseId)
    .execute();
  await c.audit({ action: 'employment.close-case', entityType: 'employment_case', entityId: caseId, before: { status: k.status }, after: input });
}

/** Confirms that a certified household is no longer zero-employment for a reason other than a placement here. */
export async function resolveHousehold(c: Cmd, trackingId: string, input: { date: string; note: string }): Promise<void> {
  const t = await c.db.selectFrom('zero_employment_household').selectAll().where('zero_employment_household.id', '=', trackingId).executeTakeFirst();
  if (!t) throw notFound();
  if (t.cleared_on) throw new AppError(409, 'EMPLOYMENT_ZERO_CLEARED');
  if ((await zeroEmploymentHouseholds(c.db, c.today, [t.household_id])).has(t.household_id)) throw new AppError(409, 'EMPLOYMENT_STILL_ZERO');
  await c.db.updateTable('zero_employment_household').set({ cleared_on: input.date, note: input.note }).where('zero_employment_household.id', '=', trackingId).execute();
  await c.audit({ action: 'employment.clear-zero', entityType: 'zero_employment_household', entityId: trackingId, after: input });
}
