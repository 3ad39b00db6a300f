import { describe, expect, it } from 'vitest';
import { draftProblems, EMPTY_DRAFT, gregorianYear, toParts, type BnoDraft } from './bno-parts.ts';

const showa: BnoDraft = {
  era: 'showa',
  year: '55',
  month: '2',
  day: '17',
  expiryYear: '2035',
  securityCode: '2285',
};
const today = new Date('2026-11-22T00:00:00Z');

describe('照合番号B draft', () => {
  it('turns the spec sample (昭和55年2月17日, 2035, 2285) into the contract parts', () => {
    expect(draftProblems(showa, today)).toEqual([]);
    expect(toParts(showa)).toEqual({
      birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
      expiryYear: 2035,
      securityCode: '2285',
      variant: 'wareki',
    });
    expect(gregorianYear(showa)).toBe(1980);
  });

  it('sends a Gregorian birth date as a date, with the chosen rule', () => {
    const d: BnoDraft = { ...showa, era: 'gregorian', year: '1990', month: '4', day: '1' };
    expect(toParts(d, 'gregorian-yy')).toEqual({
      birth: { date: '1990-04-01' },
      expiryYear: 2035,
      securityCode: '2285',
      variant: 'gregorian-yy',
    });
  });

  it('names each wrong part', () => {
    expect(draftProblems(EMPTY_DRAFT, today)).toEqual(['year', 'month', 'day', 'expiryYear', 'securityCode']);
    expect(draftProblems({ ...showa, year: '65' }, today)).toContain('year'); // 昭和 ended in year 64
    expect(draftProblems({ ...showa, era: 'heisei', year: '31', month: '2', day: '30' }, today)).toEqual([
      'date',
    ]);
    expect(draftProblems({ ...showa, era: 'reiwa', year: '9', month: '1', day: '1' }, today)).toEqual([
      'date',
    ]);
    expect(draftProblems({ ...showa, securityCode: '228' }, today)).toEqual(['securityCode']);
    expect(draftProblems({ ...showa, expiryYear: '1999' }, today)).toEqual(['expiryYear']);
    expect(toParts({ ...showa, month: '13' })).toBeNull();
  });
});
