import { describe, expect, it } from 'vitest';
import { jstDay, jstDayStart, jstHour } from './clock.ts';

describe('Japan time for rides', () => {
  it('a ride counts in the JST day and hour, across midnight and back again', () => {
    const t = Date.parse('2026-12-07T23:59:59.999+09:00');
    expect(jstDay(t)).toBe('2026-12-07');
    expect(jstDay(t + 1)).toBe('2026-12-08');
    expect(jstDay(t)).toBe('2026-12-07');
    expect(jstDay(Date.parse('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
    expect(jstHour(t)).toBe(23);
    expect(jstHour(t + 1)).toBe(0);
    expect(jstDayStart('2026-12-08')).toBe(t + 1);
  });
});
