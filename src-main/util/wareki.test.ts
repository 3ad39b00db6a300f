import { describe, expect, it } from 'vitest';
import {
  ageOn,
  eraOf,
  findEra,
  formatWareki,
  fromWareki,
  resolveRelativeDate,
  toWareki,
  todayInJapan,
} from './wareki.ts';

describe('和暦', () => {
  it('switches era exactly on the promulgated first day', () => {
    expect(toWareki('1989-01-07')).toMatchObject({ era: { name: '昭和' }, year: 64 });
    expect(toWareki('1989-01-08')).toMatchObject({ era: { name: '平成' }, year: 1 });
    expect(toWareki('2019-04-30')).toMatchObject({ era: { name: '平成' }, year: 31 });
    expect(toWareki('2019-05-01')).toMatchObject({ era: { name: '令和' }, year: 1 });
    expect(eraOf('1926-12-24').name).toBe('大正');
    expect(eraOf('1926-12-25').name).toBe('昭和');
  });

  it('converts both ways and rejects dates outside the era', () => {
    expect(fromWareki('showa', 55, 2, 17)).toBe('1980-02-17');
    expect(fromWareki('reiwa', 2, 2, 24)).toBe('2020-02-24');
    expect(() => fromWareki('showa', 64, 1, 8)).toThrow(RangeError);
    expect(() => fromWareki('reiwa', 1, 4, 30)).toThrow(RangeError);
    expect(() => fromWareki('heisei', 0, 1, 1)).toThrow(RangeError);
  });

  it('formats with 元年 on request and finds eras by any label', () => {
    expect(formatWareki('2019-05-01')).toBe('令和1年5月1日');
    expect(formatWareki('2019-05-01', { gannen: true })).toBe('令和元年5月1日');
    expect(findEra('昭')?.key).toBe('showa');
    expect(findEra('h')?.key).toBe('heisei');
    expect(findEra('令和')?.jpkiDigit).toBe(5);
    expect(findEra('X')).toBeUndefined();
  });

  it('rejects impossible dates', () => {
    expect(() => toWareki('2023-02-29')).toThrow(RangeError);
    expect(() => toWareki('1980/02/17')).toThrow(RangeError);
    expect(() => toWareki('1868-01-24')).toThrow(RangeError);
  });

  it('computes age in full years, 29 February included', () => {
    expect(ageOn('1980-02-17', '2026-02-16')).toBe(45);
    expect(ageOn('1980-02-17', '2026-02-17')).toBe(46);
    expect(ageOn('2000-02-29', '2023-02-28')).toBe(22);
    expect(ageOn('2000-02-29', '2023-03-01')).toBe(23);
  });

  it('takes today in Japan whatever the machine timezone', () => {
    expect(todayInJapan(new Date('2026-11-21T15:30:00Z'))).toBe('2026-11-22');
    expect(todayInJapan(new Date('2026-11-21T14:59:00Z'))).toBe('2026-11-21');
  });
});

describe('dates relative to the visit', () => {
  it('counts days, months and years, keeping the day of the month where it exists', () => {
    expect(resolveRelativeDate('today', '2026-11-22')).toBe('2026-11-22');
    expect(resolveRelativeDate('-14d', '2026-03-05')).toBe('2026-02-19');
    expect(resolveRelativeDate('+1m', '2026-01-31')).toBe('2026-02-28');
    expect(resolveRelativeDate('+1m', '2027-12-31')).toBe('2028-01-31');
    expect(resolveRelativeDate('-1y', '2028-02-29')).toBe('2027-02-28');
    expect(() => resolveRelativeDate('soon', '2026-11-22')).toThrow(/not a relative date/);
  });
});
