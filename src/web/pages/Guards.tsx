import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import type { WebScope } from '../manifest.ts';
import { canGlobally, canInCommunity, rememberCommunity, useCommunityId, useCurrentCommunity, useMe } from '../session.ts';
import { ForbiddenPage } from './ResultPages.tsx';

/** `/c/:communityId/…` — only for communities the user can see; remembers the last one. */
export function CommunityGate() {
  const community = useCurrentCommunity();
  const id = useCommunityId();
  if (!community) return <ForbiddenPage />;
  if (id) rememberCommunity(id);
  return <Outlet />;
}

/** A module route that declares a permission: the 403 page for users without it. */
export function PermissionGate({
  permission,
  scope,
  children,
}: {
  permission?: string;
  scope: WebScope;
  children: ReactNode;
}) {
  const { data: me } = useMe();
  const community = useCurrentCommunity();
  if (!permission) return <>{children}</>;
  const allowed = scope === 'community' ? canInCommunity(community, permission) : canGlobally(me, permission);
  return allowed ? <>{children}</> : <ForbiddenPage />;
}
