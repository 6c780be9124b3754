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
export const useMeetings = (c: string, page: number) =>
  useQuery({ queryKey: [...govKeys.meetings(c), page], queryFn: get<Paged<Meeting>>(withQuery(`${govBase(c)}/meetings`, { page, pageSize: 10 })), placeholderData: keepPreviousData });
export const useMeeting = (c: string, id: string) => useQuery({ queryKey: govKeys.meeting(c, id), queryFn: get<MeetingDetail>(`${govBase(c)}/meetings/${encodeURIComponent(id)}`) });
export const useProposals = (c: string, q: { state?: string; q?: string; page: number; pageSize: number }) =>
  useQuery({
    queryKey: [...govKeys.proposals(c), q],
    queryFn: get<Paged<Proposal> & { counts: Record<string, number> }>(withQuery(`${govBase(c)}/proposals`, q)),
    placeholderData: keepPreviousData,
  });
export const useProposal = (c: string, id: string | null) =>
  useQuery({ queryKey: govKeys.proposal(c, id ?? ''), queryFn: get<ProposalDetail>(`${govBase(c)}/proposals/${encodeURIComponent(id ?? '')}`), enabled: Boolean(id) });
export const useResolutions = (c: string) => useQuery({ queryKey: govKeys.resolutions(c), queryFn: get<Resolution[]>(`${govBase(c)}/resolutions`) });
export const useNotices = (c: string, q: { phase?: string; page: number; pageSize: number }) =>
  useQuery({ queryKey: [...govKeys.notices(c), q], queryFn: get<Paged<Notice>>(withQuery(`${govBase(c)}/notices`, q)), placeholderData: keepPreviousData });
export const useNotice = (c: string, id: string | null) =>
  useQuery({ queryKey: govKeys.notice(c, id ?? ''), queryFn: get<NoticeDetail>(`${govBase(c)}/notices/${encodeURIComponent(id ?? '')}`), enabled: Boolean(id) });
export const usePartners = (c: string, year: number) => useQuery({ queryKey: [...govKeys.partners(c), year], queryFn: get<Partner[]>(withQuery(`${govBase(c)}/partners`, { year })) });
export const useJointMeetings = (c: string) => useQuery({ queryKey: govKeys.jointMeetings(c), queryFn: get<JointMeeting[]>(`${govBase(c)}/joint-meetings`) });
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
