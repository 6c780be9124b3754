import type { LinliModule } from './module';
import { coreMigrations } from './db/core-migrations';
import { authRoutes } from './auth/routes';
import { orgRoutes } from './org/routes';
import { userRoutes } from './users/routes';
import { auditRoutes } from './audit/routes';

/** The core's own routes and tables, declared the way every module declares its own. */
export const coreModule: LinliModule = {
  name: 'core',
  label: { zh: '系统', en: 'System' },
  migrations: coreMigrations,
  permissions: {
    'users.manage': {
      label: { zh: '管理用户和角色', en: 'Manage users and roles' },
      roles: ['system_admin', 'subdistrict_admin', 'secretary'],
    },
    'audit.read': {
      label: { zh: '查看审计日志', en: 'Read the audit log' },
      roles: ['system_admin', 'subdistrict_admin', 'secretary', 'auditor'],
    },
    'org.manage': {
      label: { zh: '管理街道和社区', en: 'Manage sub-districts and communities' },
      roles: ['system_admin', 'subdistrict_admin'],
    },
  },
  routes: [...authRoutes, ...orgRoutes, ...userRoutes, ...auditRoutes],
};
