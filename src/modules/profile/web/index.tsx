import { HomeOutlined } from '@ant-design/icons';
import type { WebManifest } from '../../../web/manifest.ts';
import { ProfilePage } from './ProfilePage.tsx';
import { text } from './text.ts';

/** 社区概况 — the community profile module's web side. */
export const profileWeb: WebManifest = {
  name: 'profile',
  nav: [{ key: 'profile', path: 'profile', label: text.nav, icon: <HomeOutlined />, permission: 'profile.read', scope: 'community' }],
  routes: [{ path: 'profile', scope: 'community', element: <ProfilePage />, permission: 'profile.read' }],
};
