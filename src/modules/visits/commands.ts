import type { ScopedDb } from '../../core/access';
import type { AuditEntry } from '../../core/audit/log';
import { AppError, fieldError, notFound } from '../../core/errors';
import { deleteFile } from '../../core/files/store';
import { sent } from '../../core/http/edit';
import { uuidv7 } from '../../core/ids';
import { savedListResidents, type keyringFor } from '../registry';
import type { z } from 'zod';
import { visiblePlan } from './queries';
import type { AssignInput, PlanInput, VisitInput } from './schema';
import './tables';

export interface Cmd {
  db: ScopedDb;
  userId: string | null;
  now: Date;
  today: string;
  keyring: ReturnType<typeof keyringFor>;
  /** whether the viewer may see sensitive tags: a list built on one, and a plan drawn from it, is not there for them otherwise */
  sensitive: boolean;
  audit: (e: AuditEntry) => Promise<void>;
  /** the community's users who may be assigned (secretary, staff, building leaders) */
  assignable?: () => Promise<{ id: string }[]>;
}

/** A plan over a saved list: everyone the list holds today becomes someone to visit, in roster order. */
export async function createPlan(c: Cmd, input: z.infer<typeof PlanInput>): Promise<string> {
  if (input.plannedTo < input.plannedFrom) throw fieldError('plannedTo', 'VISITS_DATES_ORDER');
  let list;
  try {
    list = await savedListResidents(c.db, input.savedListId, { today: c.today, keyring: c.keyring, sensitive: c.sensitive });
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw fieldError('savedListId', 'VISITS_UNKNOWN_LIST');
    throw e;
  }
  if (list.residents.length === 0) throw fieldError('savedListId', 'VISITS_EMPTY_LIST', { name: list.name });
  // per household: the first member in roster order (the householder when listed) stands for the household
  const seen = new Set<string>();
  const people = input.perHousehold ? list.residents.filter((r) => !seen.has(r.householdId) && seen.add(r.householdId)) : list.residents;
  const id = uuidv7();
  const at = c.now.toISOString();
  await c.db
    .insertInto('visit_plan', [
      {
        id,
        occasion: input.occasion,
        year: input.year,
        title: input.title,
        saved_list_id: list.id,
        list_name: list.name,
        per_household: input.perHousehold ? 1 : 0,
        sensitive: list.sensitive ? 1 : 0,
        planned_from: input.plannedFrom,
        planned_to: input.plannedTo,
        money: input.money,
        gifts: input.gifts ?? null,
        notes: input.notes ?? null,
        created_by: c.userId,
        created_at: at,
        updated_at: at,
      },
    ])
    .execute();
  await c.db.insertMany(
    'visit_target',
    people.map((r, i) => ({
      id: uuidv7(),
      plan_id: id,
      resident_id: r.id,
      household_id: r.householdId,
      name: r.name,
      address: r.address,
      assignee_user_id: null,
      assignee_name: null,
      sort: i,
      created_at: at,
    })),
  );
  await c.audit({ action: 'visits.create-plan', entityType: 'visit_plan', entityId: id, after: { ...input, listName: list.name, targets: people.length } });
  return id;
}

/** Gives people of a plan to a staff member (with an account) or to anyone by name. */
export async function assign(c: Cmd, planId: string, input: z.infer<typeof AssignInput>): Promise<number> {
  await visiblePlan(c.db, planId, c.sensitive);
  if (input.assigneeUserId) {
    const users = (await c.assignable?.()) ?? [];
    if (!users.some((u) => u.id === input.assigneeUserId)) throw fieldError('assigneeUserId', 'VISITS_UNKNOWN_ASSIGNEE');
  }
  const res = await c.db
    .updateTable('visit_target')
    .set({ assignee_user_id: input.assigneeUserId ?? null, assignee_name: input.assigneeUserId ? null : (input.assigneeName ?? null) })
    .where('visit_target.plan_id', '=', planId)
    .where('visit_target.id', 'in', input.targetIds)
    .executeTakeFirst();
  const n = Number(res.numUpdatedRows);
  if (n !== new Set(input.targetIds).size) throw fieldError('targetIds', 'VISITS_UNKNOWN_TARGET');
  await c.audit({ action: 'visits.assign', entityType: 'visit_plan', entityId: planId, after: input });
  return n;
}

/** Records the visit made to someone on a plan (one per person; later corrections edit it). */
export async function recordVisit(c: Cmd, planId: string, targetId: string, input: z.infer<typeof VisitInput>): Promise<string> {
  await visiblePlan(c.db, planId, c.sensitive);
  const t = await c.db.selectFrom('visit_target').select(['visit_target.id', 'visit_target.name']).where('visit_target.id', '=', targetId).where('visit_target.plan_id', '=', planId).executeTakeFirst();
  if (!t) throw notFound();
  if (input.date > c.today) throw fieldError('date', 'VISITS_DATE_FUTURE');
  const existing = await c.db.selectFrom('visit_record').selectAll().where('visit_record.target_id', '=', targetId).executeTakeFirst();
  const at = c.now.toISOString();
  if (existing) {
    await c.db
      .updateTable('visit_record')
      .set({ date: input.date, visitors: input.visitors, ...sent({ money: input.money, gifts: input.gifts, notes: input.notes }), updated_at: at })
      .where('visit_record.id', '=', existing.id)
      .execute();
    await c.audit({
      action: 'visits.update-visit',
      entityType: 'visit_record',
      entityId: existing.id,
      before: { date: existing.date, visitors: existing.visitors, money: existing.money, gifts: existing.gifts, notes: existing.notes },
      after: input,
    });
    return existing.id;
  }
  const id = uuidv7();
  await c.db
    .insertInto('visit_record', [
      { id, plan_id: planId, target_id: targetId, date: input.date, visitors: input.visitors, money: input.money ?? 0, gifts: input.gifts ?? null, notes: input.notes ?? null, photo_file: null, photo_type: null, created_by: c.userId, created_at: at, updated_at: at },
    ])
    .execute();
  await c.audit({ action: 'visits.record-visit', entityType: 'visit_record', entityId: id, after: { ...input, name: t.name } });
  return id;
}

export const PHOTO_MAX_MB = 10;

/** Removes a visit made in error, with its photo. */
export async function deleteVisit(c: Cmd, recordId: string): Promise<void> {
  const r = await c.db.selectFrom('visit_record').selectAll().where('visit_record.id', '=', recordId).executeTakeFirst();
  if (!r) throw notFound();
  await visiblePlan(c.db, r.plan_id, c.sensitive);
  await c.db.deleteFrom('visit_record').where('visit_record.id', '=', recordId).execute();
  await c.audit({ action: 'visits.delete-visit', entityType: 'visit_record', entityId: recordId, before: { date: r.date, visitors: r.visitors, money: r.money, gifts: r.gifts } });
  if (r.photo_file) await deleteFile(c.db, r.photo_file);
}
