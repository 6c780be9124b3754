import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../web/api.ts';
import type { Assignees, Caller, Candidate, Client, DayList, Delivery, DoorProvider, Item, Overview, Provider, Ticket, TicketDetail } from '../schema.ts';

export type { Assignees, Caller, Candidate, Client, DayList, Delivery, DoorProvider, Item, Overview, Provider, Ticket, TicketDetail };
export type { DayStop, Need, Freq, Outcome, Channel, TicketStatus } from '../schema.ts';

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface ReportFigure {
  key: string;
  label: { zh: string; en: string };
  value: number | string | null;
  unit?: { zh: string; en: string };
  link?: string;
}
export interface Report {
  title: { zh: string; en: string };
  figures: ReportFigure[];
  highlights?: { key: string; text: { zh: string; en: string }; link?: string }[];
}

/** `/api/v1/communities/:id/services` — every path of the module hangs under it. */
export const servicesBase = (c: string) => `/api/v1/communities/${encodeURIComponent(c)}/services`;

export const servicesKeys = {
  all: (c: string) => ['services', c] as const,
  items: (c: string) => ['services', c, 'items'] as const,
  providers: (c: string) => ['services', c, 'providers'] as const,
  door: (c: string) => ['services', c, 'door'] as const,
  tickets: (c: string) => ['services', c, 'tickets'] as const,
};

const get = <T,>(path: string) => () => api<T>('GET', path);
type Q = Record<string, string | number | null | undefined>;

export const useOverview = (c: string) => useQuery({ queryKey: [...servicesKeys.all(c), 'overview'], queryFn: get<Overview>(`${servicesBase(c)}/overview`) });
export const useReport = (c: string, from: string, to: string) =>
  useQuery({ queryKey: [...servicesKeys.all(c), 'report', from, to], queryFn: get<Report>(withQuery(`${servicesBase(c)}/report`, { from, to })) });
export const useItems = (c: string, enabled = true) => useQuery({ queryKey: servicesKeys.items(c), queryFn: get<Item[]>(`${servicesBase(c)}/items`), enabled, staleTime: 60_000 });
export const useProviders = (c: string, includeLeft = false) =>
  useQuery({ queryKey: [...servicesKeys.providers(c), includeLeft], queryFn: get<Provider[]>(withQuery(`${servicesBase(c)}/providers`, { includeLeft: includeLeft ? '1' : null })) });
export const useDoorProviders = (c: string) => useQuery({ queryKey: [...servicesKeys.door(c), 'providers'], queryFn: get<DoorProvider[]>(`${servicesBase(c)}/door/providers`) });
export const useAccounts = (c: string, enabled: boolean) =>
  useQuery({ queryKey: [...servicesKeys.door(c), 'accounts'], queryFn: get<{ id: string; name: string }[]>(`${servicesBase(c)}/door/accounts`), enabled, staleTime: 60_000 });
export const useClients = (c: string, q: Q) =>
  useQuery({ queryKey: [...servicesKeys.door(c), 'clients', q], queryFn: get<Paged<Client>>(withQuery(`${servicesBase(c)}/door/clients`, q)), placeholderData: keepPreviousData });
export const useCandidates = (c: string) => useQuery({ queryKey: [...servicesKeys.door(c), 'candidates'], queryFn: get<Candidate[]>(`${servicesBase(c)}/door/candidates`) });
export const useDay = (c: string, date: string, providerId?: string | null) =>
  useQuery({ queryKey: [...servicesKeys.door(c), 'day', date, providerId ?? ''], queryFn: get<DayList>(withQuery(`${servicesBase(c)}/door/day`, { date, providerId })), placeholderData: keepPreviousData });
export const useDeliveries = (c: string, q: Q) =>
  useQuery({
    queryKey: [...servicesKeys.door(c), 'log', q],
    queryFn: get<Paged<Delivery> & { householdTimes: number }>(withQuery(`${servicesBase(c)}/door/deliveries`, q)),
    placeholderData: keepPreviousData,
  });
export const useTickets = (c: string, q: Q) =>
  useQuery({ queryKey: [...servicesKeys.tickets(c), 'list', q], queryFn: get<Paged<Ticket>>(withQuery(`${servicesBase(c)}/tickets`, q)), placeholderData: keepPreviousData });
export const useTicket = (c: string, id: string | null) =>
  useQuery({ queryKey: [...servicesKeys.tickets(c), 'one', id ?? ''], queryFn: get<TicketDetail>(`${servicesBase(c)}/tickets/${encodeURIComponent(id ?? '')}`), enabled: Boolean(id) });
export const useAssignees = (c: string, enabled = true) =>
  useQuery({ queryKey: [...servicesKeys.tickets(c), 'assignees'], queryFn: get<Assignees>(`${servicesBase(c)}/assignees`), enabled, staleTime: 60_000 });
export const useCallers = (c: string, q: string) =>
  useQuery({ queryKey: [...servicesKeys.tickets(c), 'callers', q], queryFn: get<Caller[]>(withQuery(`${servicesBase(c)}/callers`, { q })), enabled: q.trim().length > 0 });

export const exportHref = (c: string, path: string, q: Q = {}) => withQuery(`${servicesBase(c)}/${path}`, q);
