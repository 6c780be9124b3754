import { EDITORS, READERS } from '../../core/access/roles';
import type { PermissionDef } from '../../core/module';

/**
 * Who may do what in services. Staff run the hall, the hotline and the register; sub-district roles
 * read. A building leader who volunteers sees only the delivery lists of the providers linked to
 * their account, and ticks them off — not the register of every vulnerable resident.
 */
export const permissions: Record<string, PermissionDef> = {
  'services.read': { label: { zh: '查看民生服务（工单、上门服务、服务目录）', en: 'Read services' }, roles: READERS.filter((r) => r !== 'building_leader') },
  'services.manage': { label: { zh: '受理工单，管理上门服务和服务目录', en: 'Handle tickets, door-to-door services and the catalogue' }, roles: EDITORS },
  'services.deliver': { label: { zh: '查看并勾选上门服务清单', en: 'Tick off door-to-door delivery lists' }, roles: [...EDITORS, 'building_leader'] },
  'services.reveal': {
    label: { zh: '查看来电人完整电话（留痕）', en: 'See callers’ phones in full (logged)' },
    roles: ['system_admin', 'subdistrict_admin', 'secretary', 'staff'],
  },
};
