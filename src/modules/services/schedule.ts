import type { Freq } from './schema';
import { isWorkingDay } from '../../core/calendar';

/** A recurring schedule as stored on a door-to-door need. */
export interface Rule {
  freq: Freq | string;
  /** ISO weekdays, 1 = Monday */
  weekdays: number[];
  monthDay: number | null;
  startDate: string;
  endDate: string | null;
}

const DAY = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
export const addDays = (d: string, n: number) => new Date(ms(d) + n * DAY).toISOString().slice(0, 10);
/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (d: string) => ((new Date(ms(d)).getUTCDay() + 6) % 7) + 1;
const lastDayOfMonth = (d: string) => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0)).getUTCDate();

export function parseWeekdays(s: string | null): number[] {
  return (s ?? '')
    .split(',')
    .map((x) => Number(x))
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 7);
}

/**
 * Whether a schedule brings a visit on a day. Working-day visits follow the State Council's calendar
 * (core/calendar.ts). Weekly and fortnightly visits fall on the listed
 * weekdays (fortnightly counted from the week of the start date); a monthly visit on its day of the
 * month, or the month's last day when the month is shorter (31 → 30 April, 28/29 February).
 */
export function occursOn(rule: Rule, d: string): boolean {
  if (d < rule.startDate || (rule.endDate !== null && d > rule.endDate)) return false;
  const wd = isoWeekday(d);
  switch (rule.freq) {
    case 'daily':
      return true;
    case 'weekdays':
      // 工作日: the public holidays off, the make-up weekend days (调休) on
      return isWorkingDay(d);
    case 'weekly':
      return rule.weekdays.includes(wd);
    case 'biweekly': {
      if (!rule.weekdays.includes(wd)) return false;
      const weekStart = (x: string) => ms(x) - (isoWeekday(x) - 1) * DAY;
      const weeks = Math.round((weekStart(d) - weekStart(rule.startDate)) / (7 * DAY));
      return weeks % 2 === 0;
    }
    case 'monthly': {
      if (rule.monthDay === null) return false;
      const day = Number(d.slice(8, 10));
      return day === Math.min(rule.monthDay, lastDayOfMonth(d));
    }
    default:
      // on_request: only when someone asks; nothing is scheduled
      return false;
  }
}

/** Every day in [from, to] the schedule brings a visit. */
export function occurrences(rule: Rule, from: string, to: string): string[] {
  const out: string[] = [];
  const start = from > rule.startDate ? from : rule.startDate;
  const end = rule.endDate !== null && rule.endDate < to ? rule.endDate : to;
  for (let d = start; d <= end; d = addDays(d, 1)) if (occursOn(rule, d)) out.push(d);
  return out;
}
