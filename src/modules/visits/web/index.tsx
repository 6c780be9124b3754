import { BookOutlined, GiftOutlined } from '@ant-design/icons';
import type { WebManifest } from '../../../web/manifest.ts';
import { LedgerPage } from './LedgerPage.tsx';
import { PlanPage } from './PlanPage.tsx';
import { PlansPage } from './PlansPage.tsx';
import { text } from './text.ts';
import './visits.css';

/** 走访慰问 — visit plans over saved lists, the visits made, the ledger per occasion. */
export const visitsWeb: WebManifest = {
  name: 'visits',
  nav: [
    { key: 'visits', path: 'visits', label: text.navPlans, group: text.navGroup, icon: <GiftOutlined />, permission: 'visits.read', scope: 'community' },
    { key: 'visits-ledger', path: 'visits/ledger', label: text.navLedger, group: text.navGroup, icon: <BookOutlined />, permission: 'visits.read', scope: 'community' },
  ],
  routes: [
    { path: 'visits', scope: 'community', element: <PlansPage />, permission: 'visits.read' },
    { path: 'visits/plans/:id', scope: 'community', element: <PlanPage />, permission: 'visits.read' },
    { path: 'visits/ledger', scope: 'community', element: <LedgerPage />, permission: 'visits.read' },
  ],
};
