import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../web/api.ts';
import type { Case, CaseDetail, FollowupRow, Summary, ZeroBoard, ZeroHousehold } from '../schema.ts';

export type { Case, CaseDetail, FollowupRow, Summary, ZeroBoard, ZeroHousehold };
export interface CasePage {
  items: Case[];
  total: number;
  page: number;
  pageSize: number;
}
/** The case list's filters as the page keeps them (strings from the URL). */
export type CaseListFilters = Partial<Record<'q' | 'status' | 'zero' | 'from' | 'to' | 'placedFrom' | 'placedTo' | 'placedKind', string>>;
/** the filters kept in the page's address; the registration period (from/to) comes through the period picker */
export const CASE_FILTER_KEYS = ['q', 'status', 'zero', 'placedFrom', 'placedTo', 'placedKind'] as const;

/** `/api/v1/communities/:id/employment` — every path of the module hangs under it. */
export const employmentBase = (c: string) => `/api/v1/communities/${encodeURIComponent(c)}/employment`;
export const employmentKeys = { all: (c: string) => ['employment', c] as const };

const get = <T,>(path: string) => () => api<T>('GET', path);

export function useCases(c: string, filters: CaseListFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...employmentKeys.all(c), 'cases', filters, page, pageSize],
    queryFn: get<CasePage>(withQuery(`${employmentBase(c)}/cases`, { ...filters, page, pageSize })),
    placeholderData: keepPreviousData,
  });
}
export const casesExportHref = (c: string, filters: CaseListFilters) => withQuery(`${employmentBase(c)}/cases/export.xlsx`, filters);
export function useCase(c: string, id: string) {
  return useQuery({ queryKey: [...employmentKeys.all(c), 'case', id], queryFn: get<CaseDetail>(`${employmentBase(c)}/cases/${encodeURIComponent(id)}`) });
}
export function useSummary(c: string) {
  return useQuery({ queryKey: [...employmentKeys.all(c), 'summary'], queryFn: get<Summary>(`${employmentBase(c)}/summary`) });
}
export function useFollowups(c: string) {
  return useQuery({ queryKey: [...employmentKeys.all(c), 'followups'], queryFn: get<FollowupRow[]>(`${employmentBase(c)}/followups`) });
}
/** The board, or over a period the households certified (by=identified) or cleared (by=cleared) in it. */
export type ZeroFilter = { from?: string; to?: string; by?: string };
export function useZeroBoard(c: string, f: ZeroFilter = {}) {
  return useQuery({ queryKey: [...employmentKeys.all(c), 'zero', f], queryFn: get<ZeroBoard>(withQuery(`${employmentBase(c)}/zero-households`, f)), placeholderData: keepPreviousData });
}
export const zeroExportHref = (c: string, f: ZeroFilter = {}) => withQuery(`${employmentBase(c)}/zero-households/export.xlsx`, f);

/** A resident found by the registry's search box, for the case form's picker. */
export interface ResidentHit {
  id: string;
  name: string;
  age: number | null;
  address: string;
  employmentStatus: string | null;
}
export async function searchResidents(c: string, q: string): Promise<ResidentHit[]> {
  const r = await api<{ items: ResidentHit[] }>('GET', withQuery(`/api/v1/communities/${encodeURIComponent(c)}/residents`, { q, pageSize: 20 }));
  return r.items;
}
