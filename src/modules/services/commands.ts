import { uuidv7 } from '../../core/ids';
import type { ScopedDb } from '../../core/access';
import { AppError, fieldError, notFound } from '../../core/errors';
import { phoneDigits, seal } from '../registry';
import type { Keyring } from './queries';
import { STATUS_LABEL } from './export';
import { OPEN_STATUSES, type ScheduleInputT, type TicketStatus } from './schema';
import './tables';

/** Who is acting, as the history and the log name them. */
export interface Doer {
  userId: string | null;
  name: string;
}

export const sealPhone = (phone: string | null | undefined, k: Keyring) => {
  if (!phone) return { phone_enc: null, phone_hash: null, phone_tail: null };
  const digits = phoneDigits(phone);
  // a mobile number is kept as its 11 digits ("139-0000-1234" → 13900001234), so it masks as 139****1234
  const s = seal(/^1\d{10}$/.test(digits) ? digits : phone.trim(), k, digits);
  return { phone_enc: s.enc, phone_hash: s.hash, phone_tail: s.tail };
};

// ---- the ticket's states ----

/** What may happen to a ticket in each state. */
const TRANSITIONS: Record<string, Partial<Record<TicketStatus, TicketStatus[]>>> = {
  assign: { accepted: ['assigned'], assigned: ['assigned'], in_progress: ['assigned'] },
  start: { assigned: ['in_progress'] },
  done: { assigned: ['done'], in_progress: ['done'] },
  follow_up: { done: ['followed_up'] },
  close: { accepted: ['closed'], assigned: ['closed'], in_progress: ['closed'] },
  // the resident calls back: the problem came back, or was not solved after all
  reopen: { done: ['assigned'], followed_up: ['assigned'], closed: ['assigned'] },
};
export type TicketAction = keyof typeof TRANSITIONS;

export function nextStatus(action: TicketAction, from: TicketStatus): TicketStatus {
  const to = TRANSITIONS[action][from]?.[0];
  // the message names the state in both languages: the error's params are not translated
  if (!to) throw new AppError(409, 'TICKET_WRONG_STATE', { status: `${STATUS_LABEL[from]?.zh ?? from} / ${STATUS_LABEL[from]?.en ?? from}` });
  return to;
}

export async function ticketEvent(db: ScopedDb, e: { ticketId: string; at: string; kind: string; from?: string | null; to?: string | null; note?: string | null; by: Doer }) {
  await db
    .insertInto('service_ticket_event', [{ id: uuidv7(), ticket_id: e.ticketId, at: e.at, kind: e.kind, from_status: e.from ?? null, to_status: e.to ?? null, note: e.note ?? null, by_user: e.by.userId, by_name: e.by.name }])
    .execute();
}

export async function ticketRow(db: ScopedDb, id: string) {
  const t = await db.selectFrom('service_ticket').selectAll().where('service_ticket.id', '=', id).executeTakeFirst();
  if (!t) throw notFound();
  return t;
}

/** The next number of the year in this community: 2026-0001, 2026-0002 … */
export async function nextTicketNumber(db: ScopedDb, year: string): Promise<string> {
  const last = await db
    .selectFrom('service_ticket')
    .select('service_ticket.number')
    .where('service_ticket.number', 'like', `${year}-%`)
    .orderBy('service_ticket.number', 'desc')
    .limit(1)
    .executeTakeFirst();
  const n = last ? Number(last.number.slice(5)) + 1 : 1;
  return `${year}-${String(n).padStart(4, '0')}`;
}

/** The deadline of a ticket: accepted plus the service's time limit. */
export const dueAt = (acceptedAt: string, hours: number) => new Date(Date.parse(acceptedAt) + hours * 3_600_000).toISOString();

export interface Assignee {
  userId: string | null;
  providerId: string | null;
  name: string;
}

/**
 * Who a ticket may go to: a staff member or the secretary of this community, or a provider that
 * joined the station and has not left.
 */
export async function resolveAssignee(
  db: ScopedDb,
  users: { id: string; displayName: string }[],
  input: { userId?: string | null; providerId?: string | null },
  field = 'userId',
): Promise<Assignee> {
  if (input.userId && input.providerId) throw fieldError(field, 'TICKET_ONE_ASSIGNEE');
  if (input.userId) {
    const u = users.find((x) => x.id === input.userId);
    if (!u) throw fieldError('userId', 'TICKET_UNKNOWN_ASSIGNEE');
    return { userId: u.id, providerId: null, name: u.displayName };
  }
  if (input.providerId) {
    const p = await db
      .selectFrom('service_provider')
      .select(['service_provider.id', 'service_provider.name'])
      .where('service_provider.id', '=', input.providerId)
      .where('service_provider.left_date', 'is', null)
      .executeTakeFirst();
    if (!p) throw fieldError('providerId', 'TICKET_UNKNOWN_ASSIGNEE');
    return { userId: null, providerId: p.id, name: p.name };
  }
  throw fieldError(field, 'TICKET_NO_ASSIGNEE');
}

export async function assignTicket(db: ScopedDb, id: string, a: Assignee, at: string, by: Doer, note?: string | null) {
  const t = await ticketRow(db, id);
  const to = nextStatus('assign', t.status as TicketStatus);
  await db
    .updateTable('service_ticket')
    .set({ status: to, assignee_user_id: a.userId, assignee_provider_id: a.providerId, assignee_name: a.name, assigned_at: at, started_at: null, updated_at: at })
    .where('service_ticket.id', '=', id)
    .execute();
  await ticketEvent(db, { ticketId: id, at, kind: 'assigned', from: t.status, to, note: note ? `${a.name}：${note}` : a.name, by });
  return { before: t, to };
}

export async function moveTicket(
  db: ScopedDb,
  id: string,
  action: 'start' | 'done' | 'follow_up' | 'close' | 'reopen',
  at: string,
  by: Doer,
  data: { result?: string; satisfaction?: number; comment?: string | null; reason?: string },
) {
  const t = await ticketRow(db, id);
  let to = nextStatus(action, t.status as TicketStatus);
  // a ticket closed before anyone was sent goes back to the desk, not to nobody
  if (action === 'reopen' && !t.assignee_name) to = 'accepted';
  const set =
    action === 'start'
      ? { started_at: at }
      : action === 'done'
        ? { done_at: at, result: data.result ?? null }
        : action === 'follow_up'
          ? { followed_up_at: at, satisfaction: data.satisfaction ?? null, follow_up_comment: data.comment ?? null }
          : action === 'close'
            ? { closed_at: at, close_reason: data.reason ?? null }
            : // reopened: the last round's outcome stays in the history, the ticket is open again
              { started_at: null, done_at: null, result: null, followed_up_at: null, satisfaction: null, follow_up_comment: null, closed_at: null, close_reason: null };
  await db.updateTable('service_ticket').set({ ...set, status: to, updated_at: at }).where('service_ticket.id', '=', id).execute();
  const note =
    action === 'done'
      ? data.result
      : action === 'follow_up'
        ? `满意度 ${data.satisfaction}/5${data.comment ? `：${data.comment}` : ''}`
        : action === 'close' || action === 'reopen'
          ? data.reason
          : null;
  const kind = { start: 'started', done: 'done', follow_up: 'followed_up', close: 'closed', reopen: 'reopened' }[action];
  await ticketEvent(db, { ticketId: id, at, kind, from: t.status, to, note, by });
  return { before: t, to };
}

export const isOpen = (s: string) => (OPEN_STATUSES as readonly string[]).includes(s);

// ---- door-to-door ----

/** Checks a schedule and turns it into the stored row's columns. */
export async function scheduleColumns(db: ScopedDb, s: ScheduleInputT, field: string) {
  const item = await db.selectFrom('service_item').select(['service_item.id', 'service_item.door']).where('service_item.id', '=', s.itemId).executeTakeFirst();
  if (!item) throw fieldError(`${field}.itemId`, 'DOOR_UNKNOWN_SERVICE');
  if (s.providerId) {
    const p = await db.selectFrom('door_provider').select('door_provider.id').where('door_provider.id', '=', s.providerId).executeTakeFirst();
    if (!p) throw fieldError(`${field}.providerId`, 'DOOR_UNKNOWN_PROVIDER');
  }
  const weekdays = [...new Set(s.weekdays ?? [])].sort();
  if ((s.freq === 'weekly' || s.freq === 'biweekly') && weekdays.length === 0) throw fieldError(`${field}.weekdays`, 'DOOR_WEEKDAYS_REQUIRED');
  if (s.freq === 'monthly' && !s.monthDay) throw fieldError(`${field}.monthDay`, 'DOOR_MONTH_DAY_REQUIRED');
  if (s.endDate && s.endDate < s.startDate) throw fieldError(`${field}.endDate`, 'DOOR_END_BEFORE_START');
  return {
    item_id: s.itemId,
    provider_id: s.providerId ?? null,
    freq: s.freq,
    weekdays: s.freq === 'weekly' || s.freq === 'biweekly' ? weekdays.join(',') : null,
    month_day: s.freq === 'monthly' ? (s.monthDay ?? null) : null,
    start_date: s.startDate,
    end_date: s.endDate ?? null,
    time_slot: s.timeSlot ?? null,
    note: s.note ?? null,
  };
}

/**
 * Logs one visit. A scheduled visit has one entry per day (ticking again corrects it); a visit made
 * on request is a new entry. The household is taken as it is on the day the visit is logged.
 */
export async function logVisit(
  db: ScopedDb,
  input: { needId?: string | null; clientId?: string | null; itemId?: string | null; date: string; outcome: string; note?: string | null },
  at: string,
  by: Doer,
  allowedProviders: string[] | null,
) {
  let clientId: string;
  let itemId: string;
  let providerId: string | null;
  if (input.needId) {
    const n = await db.selectFrom('door_need').selectAll().where('door_need.id', '=', input.needId).executeTakeFirst();
    if (!n) throw fieldError('needId', 'DOOR_UNKNOWN_SCHEDULE');
    clientId = n.client_id;
    itemId = n.item_id;
    providerId = n.provider_id;
  } else {
    if (!input.clientId) throw fieldError('clientId', 'FIELD_REQUIRED');
    if (!input.itemId) throw fieldError('itemId', 'FIELD_REQUIRED');
    const item = await db.selectFrom('service_item').select('service_item.id').where('service_item.id', '=', input.itemId).executeTakeFirst();
    if (!item) throw fieldError('itemId', 'DOOR_UNKNOWN_SERVICE');
    clientId = input.clientId;
    itemId = input.itemId;
    // a visit on request is made by the volunteer logging it, when they are one of ours
    providerId = allowedProviders?.[0] ?? null;
  }
  if (allowedProviders && (!providerId || !allowedProviders.includes(providerId))) throw new AppError(403, 'DOOR_NOT_YOUR_LIST');
  const client = await db
    .selectFrom('door_client')
    .innerJoin('resident', (j) => j.onRef('resident.community_id', '=', 'door_client.community_id').onRef('resident.id', '=', 'door_client.resident_id'))
    .select(['door_client.id', 'door_client.resident_id', 'resident.household_id', 'door_client.registered_date', 'door_client.ended_date'])
    .where('door_client.id', '=', clientId)
    .executeTakeFirst();
  if (!client) throw fieldError('clientId', 'DOOR_UNKNOWN_CLIENT');
  if (input.date < client.registered_date || (client.ended_date !== null && input.date >= client.ended_date)) throw fieldError('date', 'DOOR_NOT_ON_REGISTER');
  const existing = input.needId
    ? await db.selectFrom('door_delivery').selectAll().where('door_delivery.need_id', '=', input.needId).where('door_delivery.date', '=', input.date).executeTakeFirst()
    : undefined;
  const row = {
    outcome: input.outcome,
    logged_at: at,
    logged_by: by.userId,
    logged_by_name: by.name,
    note: input.note ?? null,
  };
  if (existing) {
    await db.updateTable('door_delivery').set(row).where('door_delivery.id', '=', existing.id).execute();
    return { id: existing.id, before: existing };
  }
  const id = uuidv7();
  await db
    .insertInto('door_delivery', [
      {
        id,
        client_id: client.id,
        need_id: input.needId ?? null,
        resident_id: client.resident_id,
        household_id: client.household_id,
        item_id: itemId,
        provider_id: providerId,
        date: input.date,
        created_at: at,
        ...row,
      },
    ])
    .execute();
  return { id, before: null };
}
