import { EDITORS, READERS } from '../../core/access/roles';
import type { PermissionDef } from '../../core/module';

/**
 * Who may do what in re-employment. Unemployment is personal: building leaders, who see only their
 * own buildings in the registry, do not read the community's cases.
 */
export const permissions: Record<string, PermissionDef> = {
  'employment.read': { label: { zh: '查看再就业帮扶', en: 'Read re-employment cases' }, roles: READERS.filter((r) => r !== 'building_leader') },
  'employment.manage': { label: { zh: '登记和办理再就业帮扶', en: 'Register and work re-employment cases' }, roles: EDITORS },
};
