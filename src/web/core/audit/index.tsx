import { AuditOutlined } from '@ant-design/icons';
import type { WebManifest } from '../../manifest.ts';
import { AuditPage } from './AuditPage.tsx';
import { text } from './text.ts';

/** 审计日志 — who changed what, when and from where (global, audit.read). */
export const auditWeb: WebManifest = {
  name: 'audit',
  nav: [{ key: 'audit', path: '/audit', label: text.nav, icon: <AuditOutlined />, permission: 'audit.read', scope: 'global' }],
  routes: [{ path: '/audit', scope: 'global', element: <AuditPage />, permission: 'audit.read' }],
};
