import { ApartmentOutlined, AuditOutlined, NotificationOutlined, SolutionOutlined } from '@ant-design/icons';
import type { WebManifest } from '../../../web/manifest.ts';
import { AssemblyPage } from './AssemblyPage.tsx';
import { MeetingPage } from './MeetingPage.tsx';
import { MinutesPrintPage } from './MinutesPrintPage.tsx';
import { NoticePrintPage } from './NoticePrintPage.tsx';
import { NoticesPage } from './NoticesPage.tsx';
import { PartnersPage } from './PartnersPage.tsx';
import { ProposalsPage } from './ProposalsPage.tsx';
import { PublicBoardPage, PublicNoticePage } from './PublicPages.tsx';
import { text } from './text.ts';
import './governance.css';

const read = 'governance.read';

/** 居民自治 — the assembly and its meetings, proposals, public notices, partner units and groups; the public notice board. */
export const governanceWeb: WebManifest = {
  name: 'governance',
  nav: [
    { key: 'gov-assembly', path: 'governance', label: text.navAssembly, group: text.navGroup, icon: <AuditOutlined />, permission: read, scope: 'community' },
    { key: 'gov-proposals', path: 'governance/proposals', label: text.navProposals, group: text.navGroup, icon: <SolutionOutlined />, permission: read, scope: 'community' },
    { key: 'gov-notices', path: 'governance/notices', label: text.navNotices, group: text.navGroup, icon: <NotificationOutlined />, permission: read, scope: 'community' },
    { key: 'gov-partners', path: 'governance/partners', label: text.navPartners, group: text.navGroup, icon: <ApartmentOutlined />, permission: read, scope: 'community' },
  ],
  routes: [
    { path: 'governance', scope: 'community', element: <AssemblyPage />, permission: read },
    { path: 'governance/meetings/:meetingId', scope: 'community', element: <MeetingPage />, permission: read },
    { path: 'governance/meetings/:meetingId/print', scope: 'community', element: <MinutesPrintPage />, permission: read },
    { path: 'governance/proposals', scope: 'community', element: <ProposalsPage />, permission: read },
    { path: 'governance/notices', scope: 'community', element: <NoticesPage />, permission: read },
    { path: 'governance/notices/:noticeId/print', scope: 'community', element: <NoticePrintPage />, permission: read },
    { path: 'governance/partners', scope: 'community', element: <PartnersPage />, permission: read },
    { path: '/gov/:token', scope: 'public', element: <PublicBoardPage /> },
    { path: '/gov/:token/notices/:id', scope: 'public', element: <PublicNoticePage /> },
  ],
};
