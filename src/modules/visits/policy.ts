import { EDITORS, READERS } from '../../core/access/roles';
import type { PermissionDef } from '../../core/module';

/**
 * Who may do what with holiday visits. The lists name residents in difficulty: building leaders,
 * who see only their own buildings in the registry, do not read the community's plans.
 */
export const permissions: Record<string, PermissionDef> = {
  'visits.read': { label: { zh: '查看走访慰问', en: 'Read holiday visits' }, roles: READERS.filter((r) => r !== 'building_leader') },
  'visits.manage': { label: { zh: '安排和登记走访慰问', en: 'Plan and record holiday visits' }, roles: EDITORS },
};
