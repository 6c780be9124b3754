import { HeartOutlined } from '@ant-design/icons';
import type { WebManifest } from '../../../web/manifest.ts';
import { DrivePage } from './DrivePage.tsx';
import { DrivesPage } from './DrivesPage.tsx';
import { ReceiptPage } from './ReceiptPage.tsx';
import { text } from './text.ts';
import './donations.css';

/** 捐款捐物 — drives, gifts and the public notice, under the services group. */
export const donationsWeb: WebManifest = {
  name: 'donations',
  nav: [{ key: 'donations', path: 'donations', label: text.navDrives, group: text.navGroup, icon: <HeartOutlined />, permission: 'donations.read', scope: 'community' }],
  routes: [
    { path: 'donations', scope: 'community', element: <DrivesPage />, permission: 'donations.read' },
    { path: 'donations/drives/:id', scope: 'community', element: <DrivePage />, permission: 'donations.read' },
    { path: 'donations/drives/:id/receipt', scope: 'community', element: <ReceiptPage />, permission: 'donations.read' },
  ],
};
