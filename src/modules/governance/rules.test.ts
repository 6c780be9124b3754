import { describe, expect, it } from 'vitest';
import { isWorkingDay, noticeEnd } from './calendar';
import { quorum, resolutionNumber, tally } from './rules';

describe('quorum: more than half of the representatives in office', () => {
  it('needs 13 of 24, 3 of 5, 2 of 2; a higher setting needs more', () => {
    expect(quorum(24, 12)).toMatchObject({ needed: 13, met: false });
    expect(quorum(24, 13)).toMatchObject({ needed: 13, met: true });
    expect(quorum(5, 3).met).toBe(true);
    expect(quorum(5, 2).met).toBe(false);
    expect(quorum(2, 1).met).toBe(false);
    expect(quorum(24, 16, 66)).toMatchObject({ needed: 16, met: true });
    expect(quorum(0, 0).met).toBe(false);
  });
});

describe('thresholds: a majority of those present, two-thirds for major matters', () => {
  it('counts abstentions and silent representatives among those present', () => {
    expect(tally(3, ['for', 'for', 'abstain'], false).passed).toBe(true);
    expect(tally(3, ['for', 'against', 'abstain'], false).passed).toBe(false);
    // 10 present, 5 for: half is not more than half
    expect(tally(10, ['for', 'for', 'for', 'for', 'for', 'abstain', 'abstain', 'abstain', 'abstain', 'abstain'], false).passed).toBe(false);
    const silent = tally(5, ['for', 'for'], false);
    expect(silent).toMatchObject({ notVoting: 3, needed: 3, passed: false });
  });
  it('a major matter needs two-thirds of those present', () => {
    expect(tally(5, ['for', 'for', 'for', 'against', 'against'], true)).toMatchObject({ needed: 4, passed: false, threshold: 'two_thirds' });
    expect(tally(5, ['for', 'for', 'for', 'for', 'abstain'], true).passed).toBe(true);
    expect(tally(6, ['for', 'for', 'for', 'for', 'against', 'against'], true).passed).toBe(true);
    expect(tally(20, Array(13).fill('for'), true).passed).toBe(false);
    expect(tally(20, Array(14).fill('for'), true).passed).toBe(true);
  });
  it('numbers resolutions as the office writes them', () => {
    expect(resolutionNumber('怡丽居代决', 2026, 3)).toBe('怡丽居代决〔2026〕3号');
  });
});

describe('notice periods', () => {
  it('a 7-day notice published on a Wednesday ends the next Tuesday', () => {
    expect(noticeEnd('2026-11-25', 'days', 7)).toBe('2026-12-01');
  });
  it('20 working days skip weekends', () => {
    expect(noticeEnd('2026-11-25', 'working_days', 20)).toBe('2026-12-22');
  });
  it('20 working days skip the National Day holiday and count the make-up Saturday', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(noticeEnd('2026-09-28', 'working_days', 20)).toBe('2026-10-29');
  });
  it('a notice published on a Saturday starts counting working days on Monday', () => {
    expect(noticeEnd('2026-11-28', 'working_days', 1)).toBe('2026-11-30');
  });
});
