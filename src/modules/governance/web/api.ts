import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery } from '../../../web/api.ts';
import type {
  Group,
  JointMeeting,
  Meeting,
  MeetingDetail,
  Notice,
  NoticeDetail,
  NoticePhase,
  Partner,
  Proposal,
  ProposalDetail,
  ProposalState,
  PublicBoard,
  PublicNotice,
  Representative,
  Resolution,
  Settings,
  TallyView,
  Tracking,
  ReportSchema,
} from '../schema.ts';

export type { Group, JointMeeting, Meeting, MeetingDetail, Notice, NoticeDetail, NoticePhase, Partner, Proposal, ProposalDetail, ProposalState, PublicBoard, PublicNotice, Representative, Resolution, Settings, TallyView, Tracking };
export type Report = z.infer<typeof ReportSchema>;
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** `/api/v1/communities/:id/governance` — every path of the module hangs under it. */
export const govBase = (c: string) => `/api/v1/communities/${encodeURIComponent(c)}/governance`;
export const publicBase = (token: string) => `/api/v1/public/notice-boards/${encodeURIComponent(token)}`;
/** The signed-out pages residents open. */
export const boardUrl = (token: string) => `${window.location.origin}/gov/${encodeURIComponent(token)}`;
export const publicNoticeUrl = (token: string, id: string) => `${boardUrl(token)}/notices/${encodeURIComponent(id)}`;

export const govKeys = {
  all: (c: string) => ['governance', c] as const,
  settings: (c: string) => ['governance', c, 'settings'] as const,
  reps: (c: string) => ['governance', c, 'reps'] as const,
  meetings: (c: string) => ['governance', c, 'meetings'] as const,
  meeting: (c: string, id: string) => ['governance', c, 'meeting', id] as const,
  proposals: (c: string) => ['governance', c, 'proposals'] as const,
  proposal: (c: string, id: string) => ['governance', c, 'proposal', id] as const,
  resolutions: (c: string) => ['governance', c, 'resolutions'] as const,
  notices: (c: string) => ['governance', c, 'notices'] as const,
  notice: (c: string, id: string) => ['governance', c, 'notice', id] as const,
  partners: (c: string) => ['governance', c, 'partners'] as const,
  jointMeetings: (c: string) => ['governance', c, 'joint-meetings'] as const,
  groups: (c: string) => ['governance', c, 'groups'] as const,
};

const get = <T,>(path: string) => () => api<T>('GET', path);

export const useSettings = (c: string) => useQuery({ queryKey: govKeys.settings(c), queryFn: get<Settings>(`${govBase(c)}/settings`) });
export const useReps = (c: string, all = false) => useQuery({ queryKey: [...govKeys.reps(c), all], queryFn: get<Representative[]>(withQuery(`${govBase(c)}/representatives`, { all: all ? 1 : null })) });
/** A period as the list routes take it: both days, or nothing (every period). */
export type Period = { from?: string; to?: string };
const periodOf = (p?: Period) => (p?.from && p.to ? { from: p.from, to: p.to } : {});

export const useMeetings = (c: string, page: number, f: Period & { status?: string } = {}) => {
  const q = { page, pageSize: 10, status: f.status, ...periodOf(f) };
  return useQuery({ queryKey: [...govKeys.meetings(c), q], queryFn: get<Paged<Meeting>>(withQuery(`${govBase(c)}/meetings`, q)), placeholderData: keepPreviousData });
};
export const useMeeting = (c: string, id: string) => useQuery({ queryKey: govKeys.meeting(c, id), queryFn: get<MeetingDetail>(`${govBase(c)}/meetings/${encodeURIComponent(id)}`) });
/** The proposals list's filters as the page keeps them; the period applies to the day submitted, or decided (`by`). */
export type ProposalFilters = { state?: string; q?: string; by?: string; source?: string; channel?: string } & Period;
export const useProposals = (c: string, q: ProposalFilters & { page: number; pageSize: number }) =>
  useQuery({
    queryKey: [...govKeys.proposals(c), q],
    queryFn: get<Paged<Proposal> & { counts: Record<string, number> }>(withQuery(`${govBase(c)}/proposals`, q)),
    placeholderData: keepPreviousData,
  });
export const useProposal = (c: string, id: string | null) =>
  useQuery({ queryKey: govKeys.proposal(c, id ?? ''), queryFn: get<ProposalDetail>(`${govBase(c)}/proposals/${encodeURIComponent(id ?? '')}`), enabled: Boolean(id) });
export const useResolutions = (c: string) => useQuery({ queryKey: govKeys.resolutions(c), queryFn: get<Resolution[]>(`${govBase(c)}/resolutions`) });
/** The notices list's filters as the page keeps them; the period applies to the notice's first day up. */
export type NoticeFilters = { phase?: string; outcome?: string; resolution?: string; objections?: string } & Period;
export const useNotices = (c: string, q: NoticeFilters & { page: number; pageSize: number }) =>
  useQuery({ queryKey: [...govKeys.notices(c), q], queryFn: get<Paged<Notice>>(withQuery(`${govBase(c)}/notices`, q)), placeholderData: keepPreviousData });
export const useNotice = (c: string, id: string | null) =>
  useQuery({ queryKey: govKeys.notice(c, id ?? ''), queryFn: get<NoticeDetail>(`${govBase(c)}/notices/${encodeURIComponent(id ?? '')}`), enabled: Boolean(id) });
/** Units with what they shared in a year, or in a period when one is given. */
export const usePartners = (c: string, year: number, period?: Period) => {
  const q = period?.from && period.to ? periodOf(period) : { year };
  return useQuery({ queryKey: [...govKeys.partners(c), q], queryFn: get<Partner[]>(withQuery(`${govBase(c)}/partners`, q)), placeholderData: keepPreviousData });
};
export const useJointMeetings = (c: string, period?: Period) =>
  useQuery({ queryKey: [...govKeys.jointMeetings(c), periodOf(period)], queryFn: get<JointMeeting[]>(withQuery(`${govBase(c)}/joint-meetings`, periodOf(period))), placeholderData: keepPreviousData });
export const useGroups = (c: string) => useQuery({ queryKey: govKeys.groups(c), queryFn: get<Group[]>(`${govBase(c)}/groups`) });
export const usePublicBoard = (token: string) => useQuery({ queryKey: ['public-notice-board', token], queryFn: get<PublicBoard>(publicBase(token)) });
export const usePublicNotice = (token: string, id: string) =>
  useQuery({ queryKey: ['public-notice-board', token, id], queryFn: get<PublicNotice>(`${publicBase(token)}/notices/${encodeURIComponent(id)}`) });

/** Registry residents for the pickers (name, pinyin or initials). */
export interface ResidentHit {
  id: string;
  name: string;
  age: number | null;
  address: string;
  buildingId: string | null;
}
export const searchResidents = (c: string, q: string) =>
  api<Paged<ResidentHit>>('GET', withQuery(`/api/v1/communities/${encodeURIComponent(c)}/residents`, { q, pageSize: 20 })).then((r) => r.items);
