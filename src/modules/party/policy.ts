import { READERS } from '../../core/access/roles';
import type { PermissionDef } from '../../core/module';

/**
 * Who may do what in party building. The secretary and staff keep the records; a member with an
 * account (role 居民/党员本人) sees their own pledges, attendance and newsletters; residents use the public board.
 */
export const permissions: Record<string, PermissionDef> = {
  'party.read': { label: { zh: '查看党建工作', en: 'Read party building' }, roles: READERS },
  'party.manage': {
    label: { zh: '管理党建工作（党员、承诺、学习、简报）', en: 'Manage party building' },
    roles: ['system_admin', 'subdistrict_admin', 'secretary', 'staff'],
  },
  'party.self': { label: { zh: '查看本人的承诺、学习和简报', en: 'See one’s own pledges, attendance and newsletters' }, roles: ['resident'] },
};
