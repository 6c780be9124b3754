import { BookOutlined, FlagOutlined, HomeOutlined, ReadOutlined, ScheduleOutlined, TeamOutlined } from '@ant-design/icons';
import type { WebManifest } from '../../../web/manifest.ts';
import { ActivitiesPage } from './ActivitiesPage.tsx';
import { BranchPage } from './BranchPage.tsx';
import { MembersPage } from './MembersPage.tsx';
import { MePage } from './MePage.tsx';
import { NewslettersPage } from './NewslettersPage.tsx';
import { PledgesPage } from './PledgesPage.tsx';
import { text } from './text.ts';
import './party.css';

export { BoardPage } from './BoardPage.tsx';

/** 党建 — the branch, its pledges under residents' supervision, members, study and activities, newsletter. */
export const partyWeb: WebManifest = {
  name: 'party',
  nav: [
    { key: 'party-me', path: 'party/me', label: text.navMe, icon: <HomeOutlined />, permission: 'party.self', scope: 'community' },
    { key: 'party', path: 'party', label: text.navBranch, group: text.navGroup, icon: <FlagOutlined />, permission: 'party.read', scope: 'community' },
    { key: 'party-pledges', path: 'party/pledges', label: text.navPledges, group: text.navGroup, icon: <BookOutlined />, permission: 'party.read', scope: 'community' },
    { key: 'party-members', path: 'party/members', label: text.navMembers, group: text.navGroup, icon: <TeamOutlined />, permission: 'party.read', scope: 'community' },
    { key: 'party-activities', path: 'party/activities', label: text.navActivities, group: text.navGroup, icon: <ScheduleOutlined />, permission: 'party.read', scope: 'community' },
    { key: 'party-newsletters', path: 'party/newsletters', label: text.navNewsletters, group: text.navGroup, icon: <ReadOutlined />, permission: 'party.read', scope: 'community' },
  ],
  routes: [
    { path: 'party/me', scope: 'community', element: <MePage />, permission: 'party.self' },
    { path: 'party', scope: 'community', element: <BranchPage />, permission: 'party.read' },
    { path: 'party/pledges', scope: 'community', element: <PledgesPage />, permission: 'party.read' },
    { path: 'party/members', scope: 'community', element: <MembersPage />, permission: 'party.read' },
    { path: 'party/activities', scope: 'community', element: <ActivitiesPage />, permission: 'party.read' },
    { path: 'party/newsletters', scope: 'community', element: <NewslettersPage />, permission: 'party.read' },
  ],
};
