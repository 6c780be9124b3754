import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../web/api.ts';
import type { Ledger, Plan, PlanDetail, Target } from '../schema.ts';

export type { Ledger, Plan, PlanDetail, Target };
export type Occasion = Plan['occasion'];

/** `/api/v1/communities/:id/visits` — every path of the module hangs under it. */
export const visitsBase = (c: string) => `/api/v1/communities/${encodeURIComponent(c)}/visits`;
export const visitsKeys = { all: (c: string) => ['visits', c] as const };
const get = <T,>(path: string) => () => api<T>('GET', path);

export function usePlans(c: string, f: { year?: number; occasion?: string }) {
  return useQuery({ queryKey: [...visitsKeys.all(c), 'plans', f], queryFn: get<Plan[]>(withQuery(`${visitsBase(c)}/plans`, f)), placeholderData: keepPreviousData });
}
export function usePlan(c: string, id: string) {
  return useQuery({ queryKey: [...visitsKeys.all(c), 'plan', id], queryFn: get<PlanDetail>(`${visitsBase(c)}/plans/${encodeURIComponent(id)}`) });
}
/** What the ledger covers: an occasion (or every one) and a year, or a period of visit dates. */
export type LedgerFilter = { occasion?: string; year?: number; from?: string; to?: string };
export function useLedger(c: string, f: LedgerFilter) {
  return useQuery({ queryKey: [...visitsKeys.all(c), 'ledger', f], queryFn: get<Ledger>(withQuery(`${visitsBase(c)}/ledger`, f)), placeholderData: keepPreviousData });
}
export function useAssignees(c: string) {
  return useQuery({ queryKey: [...visitsKeys.all(c), 'assignees'], queryFn: get<{ id: string; name: string; role: string }[]>(`${visitsBase(c)}/assignees`), staleTime: 60_000 });
}
/** The registry's saved lists (the plan is drawn from one). */
export function useSavedLists(c: string, enabled: boolean) {
  return useQuery({
    queryKey: ['registry', c, 'saved-lists'],
    queryFn: get<{ id: string; name: string; count: number }[]>(`/api/v1/communities/${encodeURIComponent(c)}/saved-lists`),
    enabled,
  });
}
export const planExportHref = (c: string, id: string) => `${visitsBase(c)}/plans/${encodeURIComponent(id)}/export.xlsx`;
export const ledgerExportHref = (c: string, f: LedgerFilter) => withQuery(`${visitsBase(c)}/ledger/export.xlsx`, f);
export const photoHref = (c: string, recordId: string) => `${visitsBase(c)}/records/${encodeURIComponent(recordId)}/photo`;
