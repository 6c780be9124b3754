import { READERS } from '../../core/access/roles';
import type { PermissionDef } from '../../core/module';

/** Readers read drives and gifts; the secretary and staff open drives and record gifts. */
export const permissions: Record<string, PermissionDef> = {
  'donations.read': { label: { zh: '查看捐款捐物', en: 'Read donation drives' }, roles: READERS },
  'donations.manage': {
    label: { zh: '发起募捐、登记捐款捐物', en: 'Open drives and record gifts' },
    roles: ['system_admin', 'subdistrict_admin', 'secretary', 'staff'],
  },
};
