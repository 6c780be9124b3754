import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../web/api.ts';
import type { Drive, Gift, Receipt, Totals } from '../schema.ts';

export type { Drive, Gift, Receipt, Totals };
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface ResidentHit {
  id: string;
  name: string;
  age: number | null;
  address: string;
}

/** `/api/v1/communities/:id/donations` — every path of the module hangs under it. */
export const donationsBase = (c: string) => `/api/v1/communities/${encodeURIComponent(c)}/donations`;
export const donationsKeys = { all: (c: string) => ['donations', c] as const };

const get = <T,>(path: string) => () => api<T>('GET', path);
/** A period of gift dates: the drives running or receiving gifts in it, with that period's gifts. */
export type Period = { from?: string; to?: string };
export const useDrives = (c: string, page: number, pageSize: number, period: Period = {}) => {
  const q = { page, pageSize, from: period.from, to: period.to };
  return useQuery({ queryKey: [...donationsKeys.all(c), 'drives', q], queryFn: get<Paged<Drive> & { totals: Totals }>(withQuery(`${donationsBase(c)}/drives`, q)), placeholderData: keepPreviousData });
};
export const drivesExportHref = (c: string, period: Period) => withQuery(`${donationsBase(c)}/drives/export.xlsx`, { from: period.from, to: period.to });
export const useDrive = (c: string, id: string) => useQuery({ queryKey: [...donationsKeys.all(c), 'drive', id], queryFn: get<Drive>(`${donationsBase(c)}/drives/${id}`) });
export const useGifts = (c: string, id: string, page: number, pageSize: number) =>
  useQuery({
    queryKey: [...donationsKeys.all(c), 'gifts', id, page, pageSize],
    queryFn: get<Paged<Gift>>(withQuery(`${donationsBase(c)}/drives/${id}/gifts`, { page, pageSize })),
    placeholderData: keepPreviousData,
  });
export const useReceipt = (c: string, id: string) => useQuery({ queryKey: [...donationsKeys.all(c), 'receipt', id], queryFn: get<Receipt>(`${donationsBase(c)}/drives/${id}/receipt`) });
export const searchResidents = (c: string, q: string) =>
  api<Paged<ResidentHit>>('GET', withQuery(`/api/v1/communities/${encodeURIComponent(c)}/residents`, { q, pageSize: 20 })).then((r) => r.items);
