import { EDITORS, READERS } from '../../core/access/roles';
import type { PermissionDef } from '../../core/module';

/** Who may do what with a community's profile. */
export const permissions: Record<string, PermissionDef> = {
  'profile.read': { label: { zh: '查看社区概况', en: 'Read the community profile' }, roles: READERS },
  // the sub-district officer reads; the community's secretary (and the sub-district admin) keep it current
  'profile.update': {
    label: { zh: '编辑社区概况', en: 'Edit the community profile' },
    roles: EDITORS.filter((r) => r !== 'staff'),
  },
};
