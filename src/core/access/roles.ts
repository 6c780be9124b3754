import type { Message } from '../i18n';

/** The scope a role is held over. */
export type RoleScope = 'system' | 'subDistrict' | 'community';

export type Role =
  | 'system_admin'
  | 'subdistrict_admin'
  | 'subdistrict_officer'
  | 'secretary'
  | 'staff'
  | 'building_leader'
  | 'auditor'
  | 'resident';

export interface RoleDef {
  role: Role;
  label: Message;
  /** the scopes this role may be granted over */
  scopes: RoleScope[];
}

export const ROLES: RoleDef[] = [
  { role: 'system_admin', label: { zh: '平台管理员', en: 'System administrator' }, scopes: ['system'] },
  { role: 'subdistrict_admin', label: { zh: '街道管理员', en: 'Sub-district administrator' }, scopes: ['subDistrict'] },
  { role: 'subdistrict_officer', label: { zh: '街道干部（只读）', en: 'Sub-district officer (read)' }, scopes: ['subDistrict'] },
  { role: 'secretary', label: { zh: '社区书记 / 主任', en: 'Community secretary / director' }, scopes: ['community'] },
  { role: 'staff', label: { zh: '社区工作者', en: 'Community staff' }, scopes: ['community'] },
  { role: 'building_leader', label: { zh: '楼门组长 / 网格员', en: 'Building leader / grid worker' }, scopes: ['community'] },
  { role: 'auditor', label: { zh: '审计员（只读）', en: 'Auditor (read-only)' }, scopes: ['subDistrict', 'community'] },
  /** a person of the community signing in for themselves (a party member, a resident): sees only their own records */
  { role: 'resident', label: { zh: '居民 / 党员本人', en: 'Resident / member (self)' }, scopes: ['community'] },
];

export const ROLE_NAMES = ROLES.map((r) => r.role) as [Role, ...Role[]];

export function roleDef(role: string): RoleDef | undefined {
  return ROLES.find((r) => r.role === role);
}

/** Everyone who may read a community's ordinary records. */
export const READERS: Role[] = [
  'system_admin',
  'subdistrict_admin',
  'subdistrict_officer',
  'secretary',
  'staff',
  'building_leader',
  'auditor',
];
/** Everyone who may change a community's ordinary records. */
export const EDITORS: Role[] = ['system_admin', 'subdistrict_admin', 'secretary', 'staff'];
