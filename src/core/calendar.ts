/**
 * Working days (工作日) in China: Monday to Friday, except the State Council's public holidays, plus
 * the Saturdays and Sundays made working days in exchange (调休). Used wherever a rule counts
 * working days: notice periods, services given "every working day".
 *
 * The State Council publishes each year's calendar in the autumn before; a year not listed here
 * counts plain Mondays to Fridays until it is added.
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
/** The day `n` days after `date` (YYYY-MM-DD). */
export const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

export function isWorkingDay(date: string): boolean {
  if (MAKEUP_WORKDAYS.has(date)) return true;
  if (HOLIDAYS.has(date)) return false;
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/**
 * Lunar festivals (春节 = the 1st of the 1st month, 重阳节 = the 9th of the 9th month) as published for
 * the years below; other years are worked out from the Chinese calendar that ships with Node's ICU,
 * which puts a new moon within minutes of Beijing midnight on the wrong day now and then (2027's
 * Spring Festival, 2030's), so published dates are added here as years come near.
 */
const LUNAR_PUBLISHED: Record<LunarFestival, Record<number, string>> = {
  spring_festival: { 2023: '2023-01-22', 2024: '2024-02-10', 2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13', 2030: '2030-02-03' },
  double_ninth: { 2023: '2023-10-23', 2024: '2024-10-11', 2025: '2025-10-29', 2026: '2026-10-18', 2027: '2027-10-08', 2028: '2028-10-26', 2029: '2029-10-16', 2030: '2030-10-05' },
};
export type LunarFestival = 'spring_festival' | 'double_ninth';
const LUNAR_DAY: Record<LunarFestival, { month: string; day: string; from: string; to: string }> = {
  // the 1st of the 1st month falls between 21 January and 20 February, the 9th of the 9th between 1 October and 2 November
  spring_festival: { month: '1', day: '1', from: '01-20', to: '02-21' },
  double_ninth: { month: '9', day: '9', from: '09-30', to: '11-03' },
};
let chineseCalendar: Intl.DateTimeFormat | undefined;

/** The Gregorian day (YYYY-MM-DD) of a lunar festival in `year`. */
export function lunarFestivalDay(festival: LunarFestival, year: number): string {
  const published = LUNAR_PUBLISHED[festival][year];
  if (published) return published;
  chineseCalendar ??= new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric' });
  const { month, day, from, to } = LUNAR_DAY[festival];
  for (let d = `${year}-${from}`; d <= `${year}-${to}`; d = addDays(d, 1)) {
    const parts = chineseCalendar.formatToParts(new Date(`${d}T04:00:00Z`));
    if (parts.find((p) => p.type === 'month')?.value === month && parts.find((p) => p.type === 'day')?.value === day) return d;
  }
  throw new Error(`no ${festival} found in ${year}`);
}
