import { describe, expect, it } from 'vitest';
import { isoWeekday, occurrences, occursOn } from './schedule';

const rule = (r: Partial<Parameters<typeof occursOn>[0]>) => ({ freq: 'daily', weekdays: [], monthDay: null, startDate: '2026-01-01', endDate: null, ...r });

describe('recurring schedules', () => {
  it('knows the weekday of a date (2026-11-25 is a Wednesday)', () => {
    expect(isoWeekday('2026-11-25')).toBe(3);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });

  it('meals every weekday: Monday to Friday, not the weekend', () => {
    const days = occurrences(rule({ freq: 'weekdays' }), '2026-11-23', '2026-11-29');
    expect(days).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
  });

  it('every working day follows the State Council calendar: no visit on National Day, one on the make-up Saturday', () => {
    // 2026-10-01 to 10-07 are off (10-03 and 10-04 a weekend anyway); Saturday 10-10 is a working day
    const days = occurrences(rule({ freq: 'weekdays' }), '2026-09-28', '2026-10-11');
    expect(days).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
    // a weekly visit keeps its weekday: the calendar is for working-day services only
    expect(occursOn(rule({ freq: 'weekly', weekdays: [4] }), '2026-10-01')).toBe(true);
  });

  it('vegetables every Tuesday and Friday; waste collection every other Saturday counted from the start week', () => {
    expect(occurrences(rule({ freq: 'weekly', weekdays: [2, 5] }), '2026-11-23', '2026-12-06')).toEqual(['2026-11-24', '2026-11-27', '2026-12-01', '2026-12-04']);
    const fortnight = rule({ freq: 'biweekly', weekdays: [6], startDate: '2026-11-02' });
    expect(occurrences(fortnight, '2026-11-01', '2026-12-31')).toEqual(['2026-11-07', '2026-11-21', '2026-12-05', '2026-12-19']);
  });

  it('a haircut on the 31st of each month falls on the last day of shorter months', () => {
    const days = occurrences(rule({ freq: 'monthly', monthDay: 31 }), '2026-01-01', '2026-04-30');
    expect(days).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('nothing before the start, after the end, or for services on request', () => {
    expect(occursOn(rule({ startDate: '2026-11-25' }), '2026-11-24')).toBe(false);
    expect(occursOn(rule({ endDate: '2026-11-24' }), '2026-11-25')).toBe(false);
    expect(occurrences(rule({ freq: 'on_request' }), '2026-01-01', '2026-12-31')).toEqual([]);
  });
});
