import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery, type HttpMethod } from '../../../../web/api.ts';
import type { ElectionRecord, ElectionWithTurnoutSchema } from '../../schema.ts';
import { partyBase, partyKeys, type MemberPage } from '../api.ts';

export type Election = z.infer<typeof ElectionWithTurnoutSchema>;
export type { ElectionRecord };

export const electionsKey = (c: string) => ['party', c, 'elections'] as const;

export function useElections(c: string) {
  return useQuery({ queryKey: electionsKey(c), queryFn: () => api<Election[]>('GET', `${partyBase(c)}/elections`) });
}

/** Members whose name holds `q` (the API searches in SQL), for pickers; a group's members when asked. */
export function useMemberSearch(c: string, q: string, groupId?: string) {
  return useQuery({
    queryKey: [...partyKeys.members(c), 'search', q, groupId ?? ''],
    queryFn: () => api<MemberPage>('GET', withQuery(`${partyBase(c)}/members`, { q: q || undefined, groupId, page: 1, pageSize: 30 })),
    staleTime: 30_000,
  });
}

export const exportHref = (c: string, what: 'leaders' | 'elections' | 'groups' | 'model-members' | 'honours', query: Record<string, string | number | undefined> = {}) =>
  withQuery(`${partyBase(c)}/${what}/export.xlsx`, query);

/**
 * A change to the branch's records. Everything the party pages show may follow from it (the
 * committee, counts, the board), so the whole module's queries are refreshed afterwards.
 */
export function useBranchChange<V>(c: string, request: (v: V) => { method: HttpMethod; path: string; body?: unknown }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => {
      const r = request(v);
      return api<unknown>(r.method, `${partyBase(c)}${r.path}`, r.body);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: partyKeys.all(c) }),
  });
}
