import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useMatch } from 'react-router';
import { api } from './api.ts';
import type { CommunityAccess, Me } from './types.ts';

export const meKey = ['auth', 'me'] as const;

/** The signed-in user; `error.code === 'AUTH_REQUIRED'` when nobody is. */
export function useMe(): UseQueryResult<Me, Error> {
  return useQuery({
    queryKey: meKey,
    queryFn: () => api<Me>('GET', '/api/v1/auth/me'),
    staleTime: 60_000,
    retry: false,
  });
}

/** The `:communityId` of a `/c/:communityId/…` URL, readable from any component (layout included). */
export function useCommunityId(): string | null {
  const match = useMatch('/c/:communityId/*');
  return match?.params.communityId ?? null;
}

/** The community in the URL (`/c/:communityId/…`) and what the user may do there. */
export function useCurrentCommunity(): CommunityAccess | null {
  const communityId = useCommunityId();
  const { data: me } = useMe();
  if (!me || !communityId) return null;
  return me.communities.find((c) => c.id === communityId) ?? null;
}

/** Whether the user holds a global permission (`me.permissions`). */
export function canGlobally(me: Me | undefined, permission: string): boolean {
  return me ? me.permissions.includes(permission) : false;
}

/** Whether the user holds a permission in this community (`me.communities[i].permissions`). */
export function canInCommunity(community: CommunityAccess | null | undefined, permission: string): boolean {
  return community ? community.permissions.includes(permission) : false;
}

const LAST_COMMUNITY_KEY = 'linli.community';

export function rememberCommunity(id: string): void {
  try {
    localStorage.setItem(LAST_COMMUNITY_KEY, id);
  } catch {
    // optional convenience only
  }
}

/** The community last worked in, if the user can still see it; else their first one. */
export function preferredCommunity(me: Me): CommunityAccess | null {
  let last: string | null = null;
  try {
    last = localStorage.getItem(LAST_COMMUNITY_KEY);
  } catch {
    last = null;
  }
  return me.communities.find((c) => c.id === last) ?? me.communities[0] ?? null;
}
