import crypto from 'node:crypto';
import type { ScopedDb } from '../../core/access';
import type { AuditEntry } from '../../core/audit/log';
import { notFound } from '../../core/errors';
import type { Keyring } from './lib/pii';
import { applyFilters, formatAddress, namesSensitiveTag, residentsBase, selectRows, type RawResidentRow } from './queries';
import { maskedPhone } from './pii';
import type { ResidentFilters } from './schema';
import './tables';

/**
 * The registry's doors for other modules: the one place they change a resident's facts, and how they
 * read who is on a saved list. A fact is entered once — here — and every module reads it back.
 */

export interface EmploymentChange {
  residentId: string;
  /** an EMPLOYMENT code (`employed`, `unemployed` …) */
  status: string;
  /** the employer, when the change says where the person now works; undefined leaves it as it is */
  workUnit?: string | null;
  /** why, in a few words staff will read in the audit log (再就业安置：北京银行) */
  reason: string;
  now: Date;
  /** the request's audit writer: the change is logged as the registry's own resident update */
  audit: (entry: AuditEntry) => Promise<void>;
}

/**
 * Sets a resident's employment status (and employer) in the registry, as an edit of the resident
 * would: `updated_at` moves and the audit log gets a `registry.update-resident` row with before and
 * after, so the resident's history reads the same whichever page made the change.
 */
export async function setEmploymentStatus(db: ScopedDb, c: EmploymentChange): Promise<{ before: { employmentStatus: string | null; workUnit: string | null } }> {
  const r = await db
    .selectFrom('resident')
    .select(['resident.employment_status', 'resident.work_unit', 'resident.status'])
    .where('resident.id', '=', c.residentId)
    .executeTakeFirst();
  if (!r) throw notFound();
  const before = { employmentStatus: r.employment_status, workUnit: r.work_unit };
  const after = { employmentStatus: c.status, workUnit: c.workUnit === undefined ? r.work_unit : c.workUnit };
  await db
    .updateTable('resident')
    .set({ employment_status: after.employmentStatus, work_unit: after.workUnit, updated_at: c.now.toISOString() })
    .where('resident.id', '=', c.residentId)
    .execute();
  await c.audit({ action: 'registry.update-resident', entityType: 'resident', entityId: c.residentId, before, after: { ...after, reason: c.reason } });
  return { before };
}

/** A resident on a saved list, as a plan drawn from the list keeps them. */
export interface SavedListResident {
  id: string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  householdId: string;
  address: string;
  phoneMasked: string | null;
}

/**
 * Everyone a saved list (离退休干部, 困难户 …) holds today, in roster order, with the list's name.
 * `sensitive` is whether the viewer may see sensitive tags: a list built on one does not exist for
 * them (404). The answer says whether the list is such a list, for what is drawn from it to keep.
 */
export async function savedListResidents(
  db: ScopedDb,
  listId: string,
  opts: { today: string; keyring: Keyring; sensitive: boolean; limit?: number },
): Promise<{ id: string; name: string; sensitive: boolean; residents: SavedListResident[] }> {
  const list = await db.selectFrom('saved_list').select(['saved_list.id', 'saved_list.name', 'saved_list.filters_json']).where('saved_list.id', '=', listId).executeTakeFirst();
  if (!list) throw notFound();
  const filters = JSON.parse(list.filters_json) as Partial<ResidentFilters>;
  const sensitive = namesSensitiveTag(filters);
  if (sensitive && !opts.sensitive) throw notFound();
  const v = { db, keyring: opts.keyring, today: opts.today, buildingIds: null, sensitive: opts.sensitive };
  const rows = (await selectRows(applyFilters(v, residentsBase(v), filters))
    .limit(opts.limit ?? 5000)
    .execute()) as RawResidentRow[];
  return {
    id: list.id,
    name: list.name,
    sensitive,
    residents: rows.map((r) => ({
      id: r.id,
      name: r.name,
      gender: r.gender,
      birthDate: r.birthDate,
      householdId: r.householdId,
      address: formatAddress({ compound: r.compoundName, building: r.buildingNumber, entrance: r.entranceNumber, room: r.room, address: r.plainAddress }),
      phoneMasked: maskedPhone(r.phoneEnc, opts.keyring),
    })),
  };
}

/**
 * A saved list by name, made when missing (demo data and set-up scripts; staff save lists on the
 * residents page). Returns its id.
 */
export async function ensureSavedList(db: ScopedDb, list: { name: string; filters: Partial<ResidentFilters>; by: string | null; now: Date }): Promise<string> {
  const found = await db.selectFrom('saved_list').select('saved_list.id').where('saved_list.name', '=', list.name).executeTakeFirst();
  if (found) return found.id;
  const id = crypto.randomUUID();
  await db.insertInto('saved_list', [{ id, name: list.name, filters_json: JSON.stringify(list.filters), created_by: list.by, created_at: list.now.toISOString() }]).execute();
  return id;
}
