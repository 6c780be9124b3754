/**
 * Notice periods. A notice runs either a number of calendar days (default 7) or a number of working
 * days (the disclosure catalogue's 20-working-day rule). Working days skip weekends and the
 * State Council's public holidays, and count the make-up Saturdays and Sundays (调休) as working days.
 * The first day of the period is the day it is published.
 */

import { addDays, isWorkingDay } from '../../core/calendar';

export { addDays, isWorkingDay };

const DAY = 86_400_000;

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
