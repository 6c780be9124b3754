import type { ReactNode } from 'react';
import type { Bilingual } from './i18n.tsx';

/**
 * Where an entry lives: under `/c/:communityId/` (community), at the top (global), or at the top
 * outside the shell without sign-in (public: pages a community publishes for residents, by a token).
 */
export type WebScope = 'community' | 'global' | 'public';

export interface NavEntry {
  key: string;
  /** Relative to `/c/:communityId/`, or absolute when it starts with `/`. */
  path: string;
  label: Bilingual;
  icon?: ReactNode;
  /** Shown only with this permission — in the current community (community scope) or globally. */
  permission: string;
  scope: WebScope;
  /** the heading it is listed under (e.g. 人口管理); entries without one sit under 社区工作 / 系统管理 */
  group?: Bilingual;
}

export interface WebRoute {
  /** Relative to `/c/:communityId/` (community scope), or an absolute path (global scope). */
  path: string;
  scope: WebScope;
  element: ReactNode;
  /** When set, the shell shows the 403 page instead of the element to users without it. */
  permission?: string;
}

/** What a module gives the web shell: its navigation entries and its pages. */
export interface WebManifest {
  name: string;
  nav: NavEntry[];
  routes: WebRoute[];
}
