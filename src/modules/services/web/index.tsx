import { AppstoreOutlined, CalendarOutlined, CarryOutOutlined, CustomerServiceOutlined, FileTextOutlined, HomeOutlined, PhoneOutlined } from '@ant-design/icons';
import type { WebManifest } from '../../../web/manifest.ts';
import { CataloguePage } from './CataloguePage.tsx';
import { ChecklistPage, DayPage } from './DayPage.tsx';
import { DoorPage } from './DoorPage.tsx';
import { HotlinePage } from './HotlinePage.tsx';
import { LogPage } from './LogPage.tsx';
import { OverviewPage } from './OverviewPage.tsx';
import { TicketsPage } from './TicketsPage.tsx';
import { text } from './text.ts';
import './services.css';

/** 民生服务 — the hotline desk and tickets, door-to-door services, the hall and station catalogue. */
export const servicesWeb: WebManifest = {
  name: 'services',
  nav: [
    { key: 'services', path: 'services', label: text.navOverview, group: text.navGroup, icon: <CustomerServiceOutlined />, permission: 'services.read', scope: 'community' },
    { key: 'services-hotline', path: 'services/hotline', label: text.navHotline, group: text.navGroup, icon: <PhoneOutlined />, permission: 'services.manage', scope: 'community' },
    { key: 'services-tickets', path: 'services/tickets', label: text.navTickets, group: text.navGroup, icon: <FileTextOutlined />, permission: 'services.read', scope: 'community' },
    { key: 'services-door', path: 'services/door', label: text.navDoor, group: text.navGroup, icon: <HomeOutlined />, permission: 'services.read', scope: 'community' },
    { key: 'services-checklist', path: 'services/door/checklist', label: text.navChecklist, group: text.navGroup, icon: <CarryOutOutlined />, permission: 'services.deliver', scope: 'community' },
    { key: 'services-log', path: 'services/door/log', label: text.navLog, group: text.navGroup, icon: <CalendarOutlined />, permission: 'services.read', scope: 'community' },
    { key: 'services-catalogue', path: 'services/catalogue', label: text.navCatalogue, group: text.navGroup, icon: <AppstoreOutlined />, permission: 'services.read', scope: 'community' },
  ],
  routes: [
    { path: 'services', scope: 'community', element: <OverviewPage />, permission: 'services.read' },
    { path: 'services/hotline', scope: 'community', element: <HotlinePage />, permission: 'services.manage' },
    { path: 'services/tickets', scope: 'community', element: <TicketsPage />, permission: 'services.read' },
    { path: 'services/door', scope: 'community', element: <DoorPage />, permission: 'services.read' },
    { path: 'services/door/day', scope: 'community', element: <DayPage />, permission: 'services.deliver' },
    { path: 'services/door/checklist', scope: 'community', element: <ChecklistPage />, permission: 'services.deliver' },
    { path: 'services/door/log', scope: 'community', element: <LogPage />, permission: 'services.read' },
    { path: 'services/catalogue', scope: 'community', element: <CataloguePage />, permission: 'services.read' },
  ],
};
