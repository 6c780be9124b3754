import { READERS } from '../../core/access/roles';
import type { PermissionDef } from '../../core/module';

/**
 * Who may do what with the work report. Everyone who reads the community reads its report and
 * dashboard (building leaders too: the figures are totals); staff draft it; only the secretary (or an
 * administrator) signs it, after which nobody changes it.
 */
export const permissions: Record<string, PermissionDef> = {
  'report.read': { label: { zh: '查看工作汇报和数据看板', en: 'Read work reports and the dashboard' }, roles: READERS },
  'report.write': {
    label: { zh: '起草和修改工作汇报', en: 'Draft and edit work reports' },
    roles: ['system_admin', 'subdistrict_admin', 'secretary', 'staff'],
  },
  /** the sub-district's roll-up and community comparison; the routes further need a grant over the whole sub-district */
  'report.rollup': {
    label: { zh: '查看街道汇总和社区对比', en: 'Read the sub-district roll-up and comparisons' },
    roles: ['system_admin', 'subdistrict_admin', 'subdistrict_officer', 'auditor'],
  },
  'report.sign': { label: { zh: '签发工作汇报（签发后不可修改）', en: 'Sign work reports (frozen once signed)' }, roles: ['system_admin', 'secretary'] },
};
