import { TeamOutlined } from '@ant-design/icons';
import type { WebManifest } from '../../manifest.ts';
import { text } from './text.ts';
import { UsersPage } from './UsersPage.tsx';

/** 用户与权限 — accounts and role grants (global, users.manage). */
export const usersWeb: WebManifest = {
  name: 'users',
  nav: [{ key: 'users', path: '/users', label: text.nav, icon: <TeamOutlined />, permission: 'users.manage', scope: 'global' }],
  routes: [{ path: '/users', scope: 'global', element: <UsersPage />, permission: 'users.manage' }],
};
