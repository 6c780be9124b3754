import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../web/api.ts';
import type { Compare, Composition, Dashboard, Narrative, Rollup, Series, WorkReport, WorkReportRow } from '../schema.ts';

export type { Compare, Composition, Dashboard, Narrative, Rollup, Series, WorkReport, WorkReportRow };
export type { Chapter, Figure, HighlightEdits, Section } from '../schema.ts';

export const reportBase = (communityId: string) => `/api/v1/communities/${encodeURIComponent(communityId)}`;
export const subDistrictBase = (id: string) => `/api/v1/sub-districts/${encodeURIComponent(id)}`;

export const reportKeys = {
  list: (c: string) => ['report', c, 'list'] as const,
  one: (c: string, id: string) => ['report', c, 'one', id] as const,
  dashboard: (c: string, year: number) => ['report', c, 'dashboard', year] as const,
  series: (c: string, figure: string, year: number) => ['report', c, 'series', figure, year] as const,
};

const get = <T,>(path: string) => () => api<T>('GET', path);

export interface ReportPage {
  items: WorkReportRow[];
  total: number;
  page: number;
  pageSize: number;
}

export function useReports(c: string, page: number, pageSize: number) {
  return useQuery({ queryKey: [...reportKeys.list(c), page, pageSize], queryFn: get<ReportPage>(withQuery(`${reportBase(c)}/reports`, { page, pageSize })), placeholderData: keepPreviousData });
}
export function useReport(c: string, id: string) {
  return useQuery({ queryKey: reportKeys.one(c, id), queryFn: get<WorkReport>(`${reportBase(c)}/reports/${encodeURIComponent(id)}`) });
}
export function useDashboard(c: string, year: number) {
  return useQuery({ queryKey: reportKeys.dashboard(c, year), queryFn: get<Dashboard>(withQuery(`${reportBase(c)}/report/dashboard`, { year })), placeholderData: keepPreviousData });
}
export function useSeries(c: string, figure: string, year: number, enabled: boolean) {
  return useQuery({ queryKey: reportKeys.series(c, figure, year), queryFn: get<Series>(withQuery(`${reportBase(c)}/report/series`, { figure, year })), enabled, staleTime: 5 * 60_000 });
}
export function useRollupSubDistricts() {
  return useQuery({ queryKey: ['report', 'sub-districts'], queryFn: get<{ id: string; name: string }[]>('/api/v1/report/sub-districts') });
}
export function useRollup(sd: string | null, from: string, to: string) {
  return useQuery({ queryKey: ['report', 'rollup', sd, from, to], queryFn: get<Rollup>(withQuery(`${subDistrictBase(sd ?? '')}/report`, { from, to })), enabled: Boolean(sd), placeholderData: keepPreviousData });
}
export function useCompare(sd: string, figure: string, year: number, enabled: boolean, month?: number | null) {
  return useQuery({
    queryKey: ['report', 'compare', sd, figure, year, month ?? null],
    queryFn: get<Compare>(withQuery(`${subDistrictBase(sd)}/report/compare`, month ? { figure, year, month } : { figure, year })),
    enabled,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}
/** One figure summed over the sub-district's communities, by month and by year. */
export function useSubDistrictSeries(sd: string, figure: string, year: number, enabled: boolean) {
  return useQuery({ queryKey: ['report', 'sd-series', sd, figure, year], queryFn: get<Series>(withQuery(`${subDistrictBase(sd)}/report/series`, { figure, year })), enabled, staleTime: 5 * 60_000 });
}

/** `party/pledges?year=2026` → `/c/<id>/party/pledges?year=2026`: a figure's records page. */
export const recordsPath = (communityId: string, link: string) => `/c/${encodeURIComponent(communityId)}/${link.replace(/^\/+/, '')}`;
