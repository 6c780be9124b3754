import type { ReactNode } from 'react';
import type { Bilingual } from '../i18n.tsx';
import type { NavEntry, WebScope } from '../manifest.ts';
import { webModules } from '../modules.ts';
import { canGlobally, canInCommunity } from '../session.ts';
import type { CommunityAccess, Me } from '../types.ts';

export interface VisibleNav {
  key: string;
  to: string;
  label: Bilingual;
  icon?: ReactNode;
  scope: WebScope;
  group?: Bilingual;
}

export function resolvePath(entry: Pick<NavEntry, 'path'>, communityId: string): string {
  if (entry.path.startsWith('/')) return entry.path;
  return `/c/${communityId}/${entry.path.replace(/^\.?\//, '')}`;
}

/** The navigation the user may see right now: community entries for the given community, plus global ones. */
export function visibleNav(me: Me, community: CommunityAccess | null): VisibleNav[] {
  const out: VisibleNav[] = [];
  for (const m of webModules) {
    for (const entry of m.nav) {
      const allowed =
        entry.scope === 'community'
          ? community !== null && canInCommunity(community, entry.permission)
          : canGlobally(me, entry.permission);
      if (!allowed) continue;
      const to = entry.scope === 'community' && community ? resolvePath(entry, community.id) : entry.path;
      out.push({ key: `${m.name}:${entry.key}`, to, label: entry.label, icon: entry.icon, scope: entry.scope, group: entry.group });
    }
  }
  return out;
}

/** Where `/` sends the user: their community's first page, else their first global page. */
export function homePath(me: Me, community: CommunityAccess | null): string | null {
  const nav = visibleNav(me, community);
  const first = nav.find((n) => n.scope === 'community') ?? nav[0];
  if (first) return first.to;
  return community ? `/c/${community.id}/profile` : null;
}
