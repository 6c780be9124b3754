import type { Bilingual } from '../../i18n.tsx';
import type { Community, Grant, Role, SubDistrict } from '../../types.ts';

/** A grant as the form edits it: the place is one value, `sd:<id>` or `c:<id>` (none for system roles). */
export interface GrantRow {
  role?: string;
  place?: string;
}

export function toRow(g: Grant): GrantRow {
  if (g.communityId) return { role: g.role, place: `c:${g.communityId}` };
  if (g.subDistrictId) return { role: g.role, place: `sd:${g.subDistrictId}` };
  return { role: g.role };
}

export function toGrant(row: GrantRow): Grant {
  const place = row.place ?? '';
  return {
    role: row.role ?? '',
    subDistrictId: place.startsWith('sd:') ? place.slice(3) : null,
    communityId: place.startsWith('c:') ? place.slice(2) : null,
  };
}

/** "社区书记 / 主任 · 怡丽北园社区" — how a grant reads in lists. */
export function describeGrant(
  g: Grant,
  roles: Role[] | undefined,
  subDistricts: SubDistrict[] | undefined,
  communities: Community[] | undefined,
  pick: (b: Bilingual) => string,
  wholeSystem: string,
): string {
  const role = roles?.find((r) => r.role === g.role);
  const roleName = role ? pick(role.label) : g.role;
  if (g.communityId) {
    const c = communities?.find((x) => x.id === g.communityId);
    return `${roleName} · ${c?.name ?? g.communityId}`;
  }
  if (g.subDistrictId) {
    const sd = subDistricts?.find((x) => x.id === g.subDistrictId);
    return `${roleName} · ${sd?.name ?? g.subDistrictId}`;
  }
  return `${roleName} · ${wholeSystem}`;
}
