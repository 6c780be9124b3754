import { BarChartOutlined, ClusterOutlined, FileTextOutlined } from '@ant-design/icons';
import type { WebManifest } from '../../../web/manifest.ts';
import { DashboardPage } from './DashboardPage.tsx';
import { ReportEditorPage } from './ReportEditorPage.tsx';
import { ReportPrintPage } from './ReportPrintPage.tsx';
import { ReportsPage } from './ReportsPage.tsx';
import { RollupPage } from './RollupPage.tsx';
import { text } from './text.ts';
import './report.css';

/** 工作汇报 — the reports composed from the records, the dashboard, and the sub-district's roll-up. */
export const reportWeb: WebManifest = {
  name: 'report',
  nav: [
    { key: 'reports', path: 'reports', label: text.navReports, group: text.navGroup, icon: <FileTextOutlined />, permission: 'report.read', scope: 'community' },
    { key: 'dashboard', path: 'dashboard', label: text.navDashboard, group: text.navGroup, icon: <BarChartOutlined />, permission: 'report.read', scope: 'community' },
    { key: 'rollup', path: '/report/rollup', label: text.navRollup, icon: <ClusterOutlined />, permission: 'report.rollup', scope: 'global' },
  ],
  routes: [
    { path: 'reports', scope: 'community', element: <ReportsPage />, permission: 'report.read' },
    { path: 'reports/:id', scope: 'community', element: <ReportEditorPage />, permission: 'report.read' },
    { path: 'reports/:id/print', scope: 'community', element: <ReportPrintPage />, permission: 'report.read' },
    { path: 'dashboard', scope: 'community', element: <DashboardPage />, permission: 'report.read' },
    { path: '/report/rollup', scope: 'global', element: <RollupPage />, permission: 'report.rollup' },
  ],
};
