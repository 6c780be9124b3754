import { EDITORS, READERS } from '../../core/access/roles';
import type { PermissionDef } from '../../core/module';

/** Who may do what in the registry. Building leaders work only in the buildings they look after. */
export const permissions: Record<string, PermissionDef> = {
  'registry.read': { label: { zh: '查看居民信息', en: 'Read the registry' }, roles: READERS },
  'registry.read.all': {
    label: { zh: '查看全社区居民（不限楼栋）', en: 'Read every building of the community' },
    roles: READERS.filter((r) => r !== 'building_leader'),
  },
  'registry.edit': { label: { zh: '登记和修改居民', en: 'Register and edit residents' }, roles: [...EDITORS, 'building_leader'] },
  'registry.places': { label: { zh: '维护小区、楼栋和房屋', en: 'Keep compounds, buildings and dwellings' }, roles: EDITORS },
  'registry.reveal': {
    label: { zh: '查看完整身份证号和电话（留痕）', en: 'See ID numbers and phones in full (logged)' },
    roles: ['system_admin', 'subdistrict_admin', 'secretary', 'staff'],
  },
  'registry.sensitive': {
    label: { zh: '查看敏感标签（归正人员等）', en: 'See sensitive tags' },
    roles: ['system_admin', 'subdistrict_admin', 'secretary'],
  },
  'registry.export': {
    label: { zh: '导出居民名单', en: 'Export resident lists' },
    roles: READERS.filter((r) => r !== 'building_leader'),
  },
  'registry.import': { label: { zh: '导入花名册', en: 'Import rosters' }, roles: EDITORS },
};
