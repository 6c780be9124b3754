import { EDITORS, READERS } from '../../core/access/roles';
import type { PermissionDef } from '../../core/module';

/**
 * Who may do what in self-governance. Staff keep the assembly's records (representatives, meetings,
 * attendance, votes, proposals, objections, partner units); publishing a notice, closing it and the
 * public board speak for the committee, so they are the secretary's. Residents use the public page.
 */
export const permissions: Record<string, PermissionDef> = {
  'governance.read': { label: { zh: '查看居民自治', en: 'Read self-governance' }, roles: READERS },
  'governance.manage': { label: { zh: '管理居民自治（代表、会议、议题、表决、异议、共建单位）', en: 'Manage self-governance' }, roles: EDITORS },
  'governance.publish': {
    label: { zh: '发布和结束公示、公开公示栏', en: 'Publish and close public notices' },
    roles: ['system_admin', 'subdistrict_admin', 'secretary'],
  },
};
