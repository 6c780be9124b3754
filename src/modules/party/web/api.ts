import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery } from '../../../web/api.ts';
import type {
  ActivityDetailSchema,
  ActivitySchema,
  AttendanceTotalsSchema,
  BoardSettingsSchema,
  Branch,
  FeedbackSchema,
  HonourSchema,
  IssueDetailSchema,
  IssueSchema,
  Member,
  MemberFilters,
  ModelMemberSchema,
  NewsletterFiguresSchema,
  Pledge,
  PublicBoard,
  RecipientSchema,
} from '../schema.ts';

export type { Branch, Member, Pledge, PublicBoard };
export type Activity = z.infer<typeof ActivitySchema>;
export type ActivityDetail = z.infer<typeof ActivityDetailSchema>;
export type AttendanceTotals = z.infer<typeof AttendanceTotalsSchema>;
export type BoardSettings = z.infer<typeof BoardSettingsSchema>;
export type Feedback = z.infer<typeof FeedbackSchema>;
export type Honour = z.infer<typeof HonourSchema>;
export type Issue = z.infer<typeof IssueSchema>;
export type IssueDetail = z.infer<typeof IssueDetailSchema>;
export type ModelMember = z.infer<typeof ModelMemberSchema>;
export type NewsletterFigures = z.infer<typeof NewsletterFiguresSchema>;
export type Recipient = z.infer<typeof RecipientSchema>;

/** GET …/party/members/:id: a member with their pledges, attendance and honours. */
export interface MemberDetail extends Member {
  pledges: Pledge[];
  attendance: { activityId: string; date: string; topic: string; present: boolean; reason: string | null }[];
  honours: { title: string; date: string }[];
}
export interface MemberPage {
  items: Member[];
  total: number;
  page: number;
  pageSize: number;
}
/** The members list's filters as the page keeps them (strings from the URL). */
export type MemberListFilters = Partial<Record<'q' | 'groupId' | 'kind' | 'status', string>>;
export const MEMBER_FILTER_KEYS = ['q', 'groupId', 'kind', 'status'] as const satisfies readonly (keyof MemberFilters)[];

/** `/api/v1/communities/:id/party` — every path of the module hangs under it. */
export const partyBase = (communityId: string) => `/api/v1/communities/${encodeURIComponent(communityId)}/party`;
/** The signed-out page residents open; the API gives only the token and the JSON path. */
export const boardUrl = (token: string) => `${window.location.origin}/board/${encodeURIComponent(token)}`;

export const partyKeys = {
  all: (c: string) => ['party', c] as const,
  branch: (c: string) => ['party', c, 'branch'] as const,
  pledges: (c: string) => ['party', c, 'pledges'] as const,
  board: (c: string) => ['party', c, 'board'] as const,
  feedback: (c: string) => ['party', c, 'feedback'] as const,
  members: (c: string) => ['party', c, 'members'] as const,
  member: (c: string, id: string) => ['party', c, 'member', id] as const,
  newsletters: (c: string) => ['party', c, 'newsletters'] as const,
  issue: (c: string, id: string) => ['party', c, 'newsletter', id] as const,
  recipients: (c: string) => ['party', c, 'recipients'] as const,
  activities: (c: string) => ['party', c, 'activities'] as const,
  activity: (c: string, id: string) => ['party', c, 'activity', id] as const,
  /** per-member yearly totals; also every member's own attendance (`member` keys) changes with a sheet */
  attendance: (c: string) => ['party', c, 'attendance'] as const,
};

const get = <T,>(path: string) => () => api<T>('GET', path);

export function useBranch(c: string) {
  return useQuery({ queryKey: partyKeys.branch(c), queryFn: get<Branch>(`${partyBase(c)}/branch`) });
}
export function usePledges(c: string, year: number) {
  return useQuery({ queryKey: [...partyKeys.pledges(c), year], queryFn: get<Pledge[]>(withQuery(`${partyBase(c)}/pledges`, { year })), placeholderData: keepPreviousData });
}
export function useBoardSettings(c: string) {
  return useQuery({ queryKey: partyKeys.board(c), queryFn: get<BoardSettings>(`${partyBase(c)}/board`) });
}
export function useFeedback(c: string) {
  return useQuery({ queryKey: partyKeys.feedback(c), queryFn: get<Feedback[]>(`${partyBase(c)}/feedback`) });
}
export function useMembers(c: string, filters: MemberListFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...partyKeys.members(c), filters, page, pageSize],
    queryFn: get<MemberPage>(withQuery(`${partyBase(c)}/members`, { ...filters, page, pageSize })),
    placeholderData: keepPreviousData,
  });
}
/** Everyone on the books, for pickers (the API pages at 200). */
export function useAllMembers(c: string, enabled = true) {
  return useQuery({
    queryKey: [...partyKeys.members(c), 'all'],
    queryFn: get<MemberPage>(withQuery(`${partyBase(c)}/members`, { page: 1, pageSize: 200 })),
    enabled,
    staleTime: 60_000,
  });
}
export function useMember(c: string, id: string | null) {
  return useQuery({ queryKey: partyKeys.member(c, id ?? ''), queryFn: get<MemberDetail>(`${partyBase(c)}/members/${encodeURIComponent(id ?? '')}`), enabled: Boolean(id) });
}
export function membersExportHref(c: string, filters: MemberListFilters): string {
  return withQuery(`${partyBase(c)}/members/export.xlsx`, filters);
}
/** A year's activities, or a period's when one is given (a dashboard month, a report's two years). */
export function useActivities(c: string, year: number, period?: { from?: string; to?: string }) {
  const q = period?.from && period.to ? { from: period.from, to: period.to } : { year };
  return useQuery({ queryKey: [...partyKeys.activities(c), q], queryFn: get<Activity[]>(withQuery(`${partyBase(c)}/activities`, q)), placeholderData: keepPreviousData });
}
export function useActivity(c: string, id: string | null) {
  return useQuery({ queryKey: partyKeys.activity(c, id ?? ''), queryFn: get<ActivityDetail>(`${partyBase(c)}/activities/${encodeURIComponent(id ?? '')}`), enabled: Boolean(id) });
}
export function useAttendanceTotals(c: string, year: number, enabled = true) {
  return useQuery({
    queryKey: [...partyKeys.attendance(c), year],
    queryFn: get<AttendanceTotals>(withQuery(`${partyBase(c)}/attendance`, { year })),
    enabled,
    placeholderData: keepPreviousData,
  });
}
export function useHonours(c: string) {
  return useQuery({ queryKey: ['party', c, 'honours'], queryFn: get<Honour[]>(`${partyBase(c)}/honours`) });
}
export function useModelMembers(c: string) {
  return useQuery({ queryKey: ['party', c, 'model-members'], queryFn: get<ModelMember[]>(`${partyBase(c)}/model-members`) });
}
/** Every issue, or a period's: issues dated or delivered in it, with the copies delivered in it. */
export function useNewsletters(c: string, period?: { from?: string; to?: string }) {
  const q = period?.from && period.to ? { from: period.from, to: period.to } : {};
  return useQuery({ queryKey: [...partyKeys.newsletters(c), q], queryFn: get<Issue[]>(withQuery(`${partyBase(c)}/newsletters`, q)), placeholderData: keepPreviousData });
}
export function useIssue(c: string, id: string | null) {
  return useQuery({ queryKey: partyKeys.issue(c, id ?? ''), queryFn: get<IssueDetail>(`${partyBase(c)}/newsletters/${encodeURIComponent(id ?? '')}`), enabled: Boolean(id) });
}
export function useRecipients(c: string) {
  return useQuery({ queryKey: partyKeys.recipients(c), queryFn: get<Recipient[]>(`${partyBase(c)}/newsletter-recipients`) });
}
export function useNewsletterFigures(c: string, from: string, to: string) {
  return useQuery({ queryKey: [...partyKeys.newsletters(c), 'figures', from, to], queryFn: get<NewsletterFigures>(withQuery(`${partyBase(c)}/newsletter-figures`, { from, to })) });
}
export function usePublicBoard(token: string) {
  return useQuery({ queryKey: ['public-board', token], queryFn: get<PublicBoard>(`/api/v1/public/pledge-boards/${encodeURIComponent(token)}`) });
}
