import { applyFilters, listResidents, presentRows, residentsBase, selectRows, type RawResidentRow, type RegistryView } from './queries';
import { blindIndex, phoneDigits } from './pii';
import type { ResidentRow } from './schema';

/**
 * Finds residents the way a hotline desk needs to: a whole phone number (7 digits or more) is
 * matched exactly through its blind index — nothing is decrypted to search — and anything else
 * (a name in characters or pinyin, a phone or ID tail, an address) goes through the registry's
 * search box. Building leaders still see only their buildings. Rows are masked as in the lists.
 */
export async function findResidents(v: RegistryView, q: string, limit = 10): Promise<(ResidentRow & { byPhone: boolean })[]> {
  const digits = phoneDigits(q);
  if (digits.length >= 7 && /^[\d\s+()-]+$/.test(q.trim())) {
    const hash = blindIndex(digits, v.keyring.indexKey);
    const base = applyFilters(v, residentsBase(v), {}).where('resident.phone_hash', '=', hash);
    const rows = (await selectRows(base).limit(limit).execute()) as RawResidentRow[];
    const byPhone = (await presentRows(v, rows)).map((r) => ({ ...r, byPhone: true }));
    if (byPhone.length > 0 || digits.length >= 11) return byPhone;
  }
  const page = await listResidents(v, { q, status: 'active', page: 1, pageSize: limit });
  return page.items.map((r) => ({ ...r, byPhone: false }));
}
