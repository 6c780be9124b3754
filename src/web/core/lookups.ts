import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { Community, Role, RoleScope, SubDistrict } from '../types.ts';

const long = { staleTime: 5 * 60_000 };

export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: () => api<Role[]>('GET', '/api/v1/roles'), ...long });
}

export function useSubDistricts() {
  return useQuery({ queryKey: ['sub-districts'], queryFn: () => api<SubDistrict[]>('GET', '/api/v1/sub-districts'), ...long });
}

export function useCommunities() {
  return useQuery({ queryKey: ['communities'], queryFn: () => api<Community[]>('GET', '/api/v1/communities'), ...long });
}

/** The levels a role may be granted at. */
export function scopesOf(role: Role | undefined): RoleScope[] {
  if (!role) return [];
  if (role.scopes && role.scopes.length) return role.scopes;
  return role.scope ? [role.scope] : [];
}
