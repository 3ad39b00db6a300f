import { describe, expect, it } from 'vitest';
import { dayReaching, decideEligibility, programYear, subsidyFor } from './eligibility.ts';
import { EXAMPLE_PROGRAM, parseProgram, ProgramError } from './program.ts';

const program = parseProgram(EXAMPLE_PROGRAM);
const MAEBASHI = '群馬県前橋市大手町２丁目１２－１';

describe('a fare programme as data', () => {
  it('the example (前橋 マイタク) is valid; a broken one is refused with every path and reason', () => {
    expect(program.caps).toEqual({ perDay: 2, perYear: 70 });
    const broken = {
      ...EXAMPLE_PROGRAM,
      municipality: { code: '10201', name: '前橋市' },
      value: { kind: 'share', share: 1.5 },
      valid: { from: '2027-04-01', to: '2026-03-31' },
      eligibility: {
        categories: [
          { id: 'x', label: 'a' },
          { id: 'x', label: 'b' },
        ],
      },
      extra: true,
    };
    try {
      parseProgram(broken);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ProgramError);
      const paths = (e as ProgramError).problems.map((p) => p.path);
      expect(paths).toEqual(expect.arrayContaining(['municipality.code', 'value.share', '']));
      expect((e as ProgramError).message).toMatch(/municipality\.code: six digits/);
    }
    expect(() =>
      parseProgram({ ...EXAMPLE_PROGRAM, valid: { from: '2027-04-01', to: '2026-03-31' } }),
    ).toThrow(/valid: valid\.from is after valid\.to/);
    expect(() =>
      parseProgram({
        ...EXAMPLE_PROGRAM,
        eligibility: {
          categories: [
            { id: 'x', label: 'a' },
            { id: 'x', label: 'b' },
          ],
        },
      }),
    ).toThrow(/eligibility\.categories\.1\.id: category x twice/);
  });
});

describe('eligibility, explained', () => {
  it('age: reached the day before the birthday (29 February too)', () => {
    expect(dayReaching('1951-04-01', 75)).toBe('2026-03-31');
    expect(dayReaching('1952-02-29', 75)).toBe('2027-02-28');
    expect(decideEligibility(program, { birthDate: '1951-04-02', address: MAEBASHI }, '2026-04-01')).toEqual({
      eligible: true,
      rule: { kind: 'age', minAge: 75 },
      since: '2026-04-01',
    });
    expect(decideEligibility(program, { birthDate: '1951-04-03', address: MAEBASHI }, '2026-04-01')).toEqual({
      eligible: false,
      reason: 'TOO_YOUNG',
      from: '2026-04-02',
    });
  });

  it('a category a clerk registered: 65 or over with the licence returned', () => {
    const who = { birthDate: '1960-06-10', address: MAEBASHI, categories: ['licence-returned'] };
    expect(decideEligibility(program, who, '2026-07-01')).toMatchObject({
      eligible: true,
      rule: { kind: 'category', id: 'licence-returned', minAge: 65 },
      since: '2025-06-09',
    });
    expect(decideEligibility(program, { ...who, categories: [] }, '2026-07-01')).toMatchObject({
      eligible: false,
      reason: 'TOO_YOUNG',
    });
    expect(
      decideEligibility(program, { ...who, categories: ['pregnant'], birthDate: '1995-01-01' }, '2026-07-01'),
    ).toMatchObject({
      eligible: true,
      rule: { id: 'pregnant' },
    });
  });

  it('residency from the card address; the programme period', () => {
    const old = { birthDate: '1940-01-01', address: '群馬県高崎市高松町３５－１' };
    expect(decideEligibility(program, old, '2026-07-01')).toEqual({
      eligible: false,
      reason: 'NOT_RESIDENT',
    });
    expect(decideEligibility(program, { ...old, address: MAEBASHI }, '2027-04-01')).toEqual({
      eligible: false,
      reason: 'NOT_IN_PERIOD',
    });
  });

  it('a ride is worth half the fare up to ¥1,000; fixed and free never exceed the fare', () => {
    expect(subsidyFor(program.value, 1500)).toBe(750);
    expect(subsidyFor(program.value, 3001)).toBe(1000);
    expect(subsidyFor(program.value, 1)).toBe(0);
    expect(subsidyFor({ kind: 'fixed', yen: 500 }, 300)).toBe(300);
    expect(subsidyFor({ kind: 'free' }, 820)).toBe(820);
    expect(() => subsidyFor(program.value, -1)).toThrow(RangeError);
  });

  it('the programme year starts in April', () => {
    expect(programYear(program, '2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(programYear(program, '2026-04-01')).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(programYear({ ...program, yearStartsMonth: 1 }, '2026-12-31')).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
    });
  });
});
