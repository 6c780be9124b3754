import { describe, expect, it } from 'vitest';
import { lunarFestivalDay } from './calendar';

describe('lunar festivals', () => {
  it('gives the published Spring Festival and Double Ninth days', () => {
    expect(lunarFestivalDay('spring_festival', 2026)).toBe('2026-02-17');
    expect(lunarFestivalDay('spring_festival', 2027)).toBe('2027-02-06');
    expect(lunarFestivalDay('double_ninth', 2026)).toBe('2026-10-18');
  });

  it('works out the years after the published ones from the Chinese calendar', () => {
    expect(lunarFestivalDay('spring_festival', 2031)).toBe('2031-01-23');
    expect(lunarFestivalDay('spring_festival', 2032)).toBe('2032-02-11');
    expect(lunarFestivalDay('spring_festival', 2033)).toBe('2033-01-31');
    expect(lunarFestivalDay('spring_festival', 2035)).toBe('2035-02-08');
    for (let y = 2031; y <= 2100; y++) {
      expect(lunarFestivalDay('spring_festival', y) >= `${y}-01-21`).toBe(true);
      expect(lunarFestivalDay('double_ninth', y) > lunarFestivalDay('spring_festival', y)).toBe(true);
    }
  });
});
