/**
 * Notice periods. A notice runs either a number of calendar days (default 7) or a number of working
 * days (the disclosure catalogue's 20-working-day rule). Working days skip weekends and the
 * State Council's public holidays, and count the make-up Saturdays and Sundays (调休) as working days.
 * The first day of the period is the day it is published.
 */

/** 国务院办公厅 holiday calendars: days off on weekdays, and weekend days that are working days. */
const HOLIDAYS = new Set([
  // 2025
  '2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04',
  '2025-04-04', '2025-05-01', '2025-05-02', '2025-05-05', '2025-06-02',
  '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08',
  // 2026
  '2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23',
  '2026-04-06', '2026-05-01', '2026-05-04', '2026-05-05', '2026-06-19', '2026-09-25',
  '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07',
]);
const MAKEUP_WORKDAYS = new Set([
  '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
  '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
]);

const DAY = 86_400_000;
export const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

export function isWorkingDay(date: string): boolean {
  if (MAKEUP_WORKDAYS.has(date)) return true;
  if (HOLIDAYS.has(date)) return false;
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}

export type PeriodRule = 'days' | 'working_days';

/** The last day of a notice published on `start` (inclusive). */
export function noticeEnd(start: string, rule: PeriodRule, length: number): string {
  if (rule === 'days') return addDays(start, Math.max(1, length) - 1);
  let d = start;
  let counted = 0;
  for (;;) {
    if (isWorkingDay(d)) counted++;
    if (counted >= length) return d;
    d = addDays(d, 1);
  }
}

/** Whole days from `a` to `b` (b − a). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
