import { READERS } from '../../core/access/roles';
import type { PermissionDef } from '../../core/module';

/**
 * Who may do what in party building. The secretary and staff keep the records; members will see
 * their own pledges and attendance once members have accounts; residents use the public board.
 */
export const permissions: Record<string, PermissionDef> = {
  'party.read': { label: { zh: '查看党建工作', en: 'Read party building' }, roles: READERS },
  'party.manage': {
    label: { zh: '管理党建工作（党员、承诺、学习、简报）', en: 'Manage party building' },
    roles: ['system_admin', 'subdistrict_admin', 'secretary', 'staff'],
  },
};
