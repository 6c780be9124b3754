import crypto from 'node:crypto';
import { AppError, notFound } from '../../core/errors';
import type { RegistryView } from './queries';
import { checkAgainstEntered, parseIdNumber } from './lib/id-number';
import { phoneDigits, seal } from './pii';
import { searchKeys } from './search';
import type { ResidentInput } from './schema';
import './tables';

const uuid = () => crypto.randomUUID();

/** Validates an ID number and fills gender and birth date from it; field errors name the field. */
export function checkIdentity(input: Pick<ResidentInput, 'idNumber' | 'gender' | 'birthDate'>, today: Date) {
  if (!input.idNumber) return { idNumber: null, gender: input.gender ?? null, birthDate: input.birthDate ?? null };
  const parsed = parseIdNumber(input.idNumber, today);
  if (!parsed.ok) throw new AppError(400, 'VALIDATION_FAILED', {}, { idNumber: { code: parsed.code } });
  const disagreements = checkAgainstEntered(parsed, { birthDate: input.birthDate ?? undefined, gender: (input.gender ?? undefined) as 'male' | 'female' | undefined });
  if (disagreements.length) {
    const fields: Record<string, { code: string }> = {};
    for (const d of disagreements) fields[d.code === 'ID_GENDER_MISMATCH' ? 'gender' : 'birthDate'] = { code: d.code };
    throw new AppError(400, 'VALIDATION_FAILED', {}, fields);
  }
  return { idNumber: parsed.value, gender: parsed.gender, birthDate: parsed.birthDate };
}

/** Refuses a second person with the same ID number in the community (found through the blind index). */
export async function assertNotDuplicate(v: RegistryView, idHash: string | null, exceptId?: string): Promise<void> {
  if (!idHash) return;
  let q = v.db.selectFrom('resident').select(['resident.id', 'resident.name']).where('resident.id_number_hash', '=', idHash);
  if (exceptId) q = q.where('resident.id', '!=', exceptId);
  const dup = await q.executeTakeFirst();
  if (dup) throw new AppError(409, 'RESIDENT_DUPLICATE', { name: dup.name }, { idNumber: { code: 'RESIDENT_DUPLICATE', params: { name: dup.name } } });
}

export async function writeSearchKeys(v: RegistryView, residentId: string, name: string): Promise<void> {
  await v.db.deleteFrom('resident_search').where('resident_search.resident_id', '=', residentId).execute();
  const keys = searchKeys(name);
  if (keys.length) await v.db.insertInto('resident_search', keys.map((key) => ({ resident_id: residentId, key }))).execute();
}

export async function logEvent(
  v: RegistryView,
  e: { kind: string; date: string; residentId?: string | null; householdId?: string | null; details?: Record<string, unknown>; by: string | null; now: Date },
): Promise<void> {
  await v.db
    .insertInto('life_event', [
      {
        id: uuid(),
        resident_id: e.residentId ?? null,
        household_id: e.householdId ?? null,
        kind: e.kind,
        date: e.date,
        details_json: e.details ? JSON.stringify(e.details) : null,
        created_by: e.by,
        created_at: e.now.toISOString(),
      },
    ])
    .execute();
}

/** The sealed columns for the personal data in an input (only the fields present are returned). */
export function sealedColumns(v: RegistryView, input: { idNumber?: string | null; phone?: string | null; phone2?: string | null }) {
  const out: Record<string, string | null> = {};
  if (input.idNumber !== undefined) {
    const s = input.idNumber ? seal(input.idNumber, v.keyring) : null;
    out.id_number_enc = s?.enc ?? null;
    out.id_number_hash = s?.hash ?? null;
    out.id_number_tail = s?.tail ?? null;
  }
  if (input.phone !== undefined) {
    const s = input.phone ? seal(input.phone, v.keyring, phoneDigits(input.phone)) : null;
    out.phone_enc = s?.enc ?? null;
    out.phone_hash = s?.hash ?? null;
    out.phone_tail = s?.tail ?? null;
  }
  if (input.phone2 !== undefined) out.phone2_enc = input.phone2 ? seal(input.phone2, v.keyring).enc : null;
  return out;
}

export async function newHousehold(v: RegistryView, dwellingId: string, now: Date, number: string | null = null): Promise<string> {
  const dwelling = await v.db.selectFrom('dwelling').select(['dwelling.id', 'dwelling.building_id']).where('dwelling.id', '=', dwellingId).executeTakeFirst();
  if (!dwelling || (v.buildingIds && !v.buildingIds.includes(dwelling.building_id ?? ''))) throw notFound();
  const id = uuid();
  await v.db.insertInto('household', [{ id, dwelling_id: dwellingId, number, status: 'active', created_at: now.toISOString(), ended_at: null }]).execute();
  return id;
}

export async function findHousehold(v: RegistryView, householdId: string) {
  const h = await v.db
    .selectFrom('household')
    .innerJoin('dwelling', (j) => j.onRef('dwelling.community_id', '=', 'household.community_id').onRef('dwelling.id', '=', 'household.dwelling_id'))
    .select(['household.id', 'household.status', 'household.dwelling_id', 'dwelling.building_id'])
    .where('household.id', '=', householdId)
    .executeTakeFirst();
  if (!h || (v.buildingIds && !v.buildingIds.includes(h.building_id ?? ''))) throw notFound();
  return h;
}

/** Ends a household that no longer has anyone living in it. */
export async function closeIfEmpty(v: RegistryView, householdId: string, now: Date): Promise<void> {
  const left = await v.db.selectFrom('resident').select('resident.id').where('resident.household_id', '=', householdId).where('resident.status', '=', 'active').executeTakeFirst();
  if (!left) await v.db.updateTable('household').set({ status: 'ended', ended_at: now.toISOString() }).where('household.id', '=', householdId).execute();
}
