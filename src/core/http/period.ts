import { z } from 'zod';
import { fieldError } from '../errors';
import { defineMessages } from '../i18n';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a day written as the pages and exports write it that exists (2026-02-28), false for 2026-02-30 or 2026-3-1. */
export function isCalendarDay(d: string): boolean {
  const m = DAY.exec(d);
  if (!m) return false;
  const [y, mo, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === day;
}

/**
 * A calendar day as the pages and exports write it: 2026-03-01, and one the calendar has — 2026-02-30
 * or 2026-13-01 is refused with a message naming the field and the value (`DATE_NOT_A_DAY`), before a
 * handler could store it or do arithmetic on it. Every date field of every route is this type.
 */
export const isoDate = z.stringFormat('date', isCalendarDay);

/**
 * An optional period a list is limited to (`?from=2026-03-01&to=2026-03-31`), both ends included:
 * how a report figure or a dashboard chart opens the records behind its number. Spread it into a
 * route's query schema: `z.object({ ...periodFilter, status })`.
 */
export const periodFilter = { from: isoDate.optional(), to: isoDate.optional() };

/**
 * Where a day of the period begins and where the next one begins, as a UTC timestamp column
 * (`created_at`) holds them: the office's days are Beijing days (UTC+8), so a proposal submitted at
 * 00:30 on 1 April in Beijing (16:30 UTC on 31 March) belongs to April. A timestamp lies in the period
 * `from`–`to` when it is `>= dayStarts(from)` and `< dayStarts(nextDay(to))`, i.e. `< dayEnds(to)`.
 */
export const dayStarts = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
export const dayEnds = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();

/** The query string of a figure's link for a period. */
export const periodQuery = (from: string, to: string) => `from=${from}&to=${to}`;

defineMessages({
  DATE_NOT_A_DAY: { zh: '“{value}”不是日历上的日期', en: '“{value}” is not a day of the calendar' },
  PERIOD_ORDER: { zh: '时间段的结束日期（{to}）不能早于开始日期（{from}）', en: 'The period ends ({to}) before it starts ({from})' },
});

/**
 * The field error for a value a date field refused: a day the calendar does not have names it
 * (2026-02-30, also as the start of an instant, 2026-02-30T08:00:00Z); anything else is malformed.
 */
export function notADay(value: string): { code: string; params?: { value: string } } {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0];
  return day !== undefined && !isCalendarDay(day) ? { code: 'DATE_NOT_A_DAY', params: { value: day } } : { code: 'FIELD_INVALID' };
}

/**
 * A list's period as given (`?from=…&to=…`, or other names for its two ends): real days, the end not
 * before the start; otherwise a 400 naming the field. Returns the query unchanged.
 */
export function checkPeriod<Q extends object>(q: Q, ends: [string, string] = ['from', 'to']): Q {
  const v = q as Record<string, unknown>;
  for (const k of ends) {
    const day = v[k];
    if (typeof day === 'string' && !isCalendarDay(day)) {
      const e = notADay(day);
      throw fieldError(k, e.code, e.params);
    }
  }
  const [a, b] = [v[ends[0]], v[ends[1]]];
  if (typeof a === 'string' && typeof b === 'string' && b < a) throw fieldError(ends[1], 'PERIOD_ORDER', { from: a, to: b });
  return q;
}
