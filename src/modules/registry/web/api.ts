import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../web/api.ts';
import type { Message } from '../../../core/i18n.ts';
import type { RosterField, RosterMapping } from '../import/types.ts';
import type { HouseholdCard, PlaceTree, ResidentDetail, ResidentFilters, ResidentRow, SavedList } from '../schema.ts';

/** `/api/v1/communities/:id` — every registry path hangs under it. */
export const communityBase = (communityId: string) => `/api/v1/communities/${encodeURIComponent(communityId)}`;

/** The filters of the residents list as the page keeps them (all optional, all strings). */
export type ListFilters = Partial<Record<Exclude<keyof ResidentFilters, 'page' | 'pageSize'>, string>>;

export const FILTER_KEYS = [
  'q',
  'compoundId',
  'buildingId',
  'entranceId',
  'dwellingId',
  'tag',
  'ageBand',
  'registrationType',
  'gender',
  'employmentStatus',
  'status',
  'moved',
  'from',
  'to',
  'savedListId',
] as const satisfies readonly (keyof ListFilters)[];

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type { ImportPreview, ImportStatus } from '../import/schema.ts';

export type { HouseholdCard, Message, PlaceTree, ResidentDetail, ResidentRow, RosterField, RosterMapping, SavedList };

export const registryKeys = {
  all: (c: string) => ['registry', c] as const,
  places: (c: string) => ['registry', c, 'places'] as const,
  residents: (c: string) => ['registry', c, 'residents'] as const,
  resident: (c: string, id: string) => ['registry', c, 'resident', id] as const,
  household: (c: string, id: string) => ['registry', c, 'household', id] as const,
  savedLists: (c: string) => ['registry', c, 'saved-lists'] as const,
};

export function usePlaceTree(communityId: string) {
  return useQuery({
    queryKey: registryKeys.places(communityId),
    queryFn: () => api<PlaceTree>('GET', `${communityBase(communityId)}/registry/places`),
    staleTime: 60_000,
  });
}

export function useResidents(communityId: string, filters: ListFilters, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: [...registryKeys.residents(communityId), filters, page, pageSize],
    queryFn: () => api<Paged<ResidentRow>>('GET', withQuery(`${communityBase(communityId)}/residents`, { ...filters, page, pageSize })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useResident(communityId: string, id: string) {
  return useQuery({
    queryKey: registryKeys.resident(communityId, id),
    queryFn: () => api<ResidentDetail>('GET', `${communityBase(communityId)}/residents/${encodeURIComponent(id)}`),
  });
}

export function useHousehold(communityId: string, id: string | undefined) {
  return useQuery({
    queryKey: registryKeys.household(communityId, id ?? ''),
    queryFn: () => api<HouseholdCard>('GET', `${communityBase(communityId)}/households/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function useSavedLists(communityId: string) {
  return useQuery({
    queryKey: registryKeys.savedLists(communityId),
    queryFn: () => api<SavedList[]>('GET', `${communityBase(communityId)}/saved-lists`),
  });
}

/** The export link for the current filters; `full` only when the user may reveal (the server checks again). */
export function exportHref(communityId: string, filters: ListFilters, full = false): string {
  return withQuery(`${communityBase(communityId)}/residents/export.xlsx`, { ...filters, full: full ? 1 : undefined });
}

/** POSTs a file as multipart (form field `file`), with api()'s errors and redirects. */
export function uploadFile<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<T>('POST', path, form);
}
