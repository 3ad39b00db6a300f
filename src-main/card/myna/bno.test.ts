import { describe, expect, it } from 'vitest';
import { bnoBirthDigits, bnoCandidates, buildBno } from './bno.ts';
import { Secret } from '../secret.ts';

const text = (s: Secret) => s.use((b) => b.toString('ascii'));

describe('照合番号B', () => {
  it("reproduces the spec's card-confirmed sample (1980-02-17, 2035, 2285)", () => {
    const bno = buildBno({ birth: { date: '1980-02-17' }, expiryYear: 2035, securityCode: '2285' });
    expect(bno.length).toBe(14);
    expect(text(bno)).toBe('55021720352285');
    const byEra = buildBno({
      birth: { era: '昭和', eraYear: 55, month: 2, day: 17 },
      expiryYear: 2035,
      securityCode: '2285',
    });
    expect(text(byEra)).toBe('55021720352285');
  });

  it('令和2年2月24日 → 020224', () => {
    expect(bnoBirthDigits({ era: 'reiwa', eraYear: 2, month: 2, day: 24 })).toBe('020224');
    expect(bnoBirthDigits({ date: '2020-02-24' })).toBe('020224');
  });

  it('era boundaries: 1989-01-07 is 昭和64, 1989-01-08 is 平成1', () => {
    expect(bnoBirthDigits({ date: '1989-01-07' })).toBe('640107');
    expect(bnoBirthDigits({ date: '1989-01-08' })).toBe('010108');
    expect(bnoBirthDigits({ era: 'S', eraYear: 64, month: 1, day: 7 })).toBe('640107');
    expect(bnoBirthDigits({ era: '平', eraYear: 1, month: 1, day: 8 })).toBe('010108');
  });

  it('era boundaries: 2019-04-30 is 平成31, 2019-05-01 is 令和1', () => {
    expect(bnoBirthDigits({ date: '2019-04-30' })).toBe('310430');
    expect(bnoBirthDigits({ date: '2019-05-01' })).toBe('010501');
    expect(bnoBirthDigits({ era: 'heisei', eraYear: 31, month: 4, day: 30 })).toBe('310430');
    expect(bnoBirthDigits({ era: '令和', eraYear: 1, month: 5, day: 1 })).toBe('010501');
  });

  it('rejects dates that do not exist in the given era, without building anything', () => {
    const bad = [
      { era: '昭和', eraYear: 64, month: 1, day: 8 },
      { era: '平成', eraYear: 31, month: 5, day: 1 },
      { era: '令和', eraYear: 1, month: 4, day: 30 },
      { era: '平成', eraYear: 3, month: 2, day: 30 },
      { era: '天保', eraYear: 3, month: 1, day: 1 },
    ];
    for (const birth of bad) {
      expect(() => buildBno({ birth, expiryYear: 2030, securityCode: '1234' })).toThrow(
        expect.objectContaining({
          code: 'INVALID_SECRET_FORMAT',
          details: expect.objectContaining({ secret: 'kenhojoB' }),
        }),
      );
    }
  });

  it('validates the expiry year and security code', () => {
    const birth = { date: '1980-02-17' };
    for (const [expiryYear, securityCode] of [
      [35, '2285'],
      [2035, '228'],
      [2035, '22a5'],
      [2035, '22855'],
    ] as const) {
      expect(() => buildBno({ birth, expiryYear, securityCode })).toThrow(
        expect.objectContaining({ code: 'INVALID_SECRET_FORMAT' }),
      );
    }
  });

  it('accepts the security code as a Secret and leaves it to its owner', () => {
    const code = Secret.fromString('2285');
    const bno = buildBno({ birth: { date: '1980-02-17' }, expiryYear: 2035, securityCode: code });
    expect(text(bno)).toBe('55021720352285');
    expect(code.disposed).toBe(false);
    expect(String(bno)).toBe('[secret]');
  });

  it('offers the Gregorian-YY variant for Gregorian birth dates (foreign residents)', () => {
    const c = bnoCandidates({ birth: { date: '1985-07-04' }, expiryYear: 2031, securityCode: '0042' });
    expect(c.map((x) => x.variant)).toEqual(['wareki', 'gregorian-yy']);
    expect(text(c[0]!.bno)).toBe('60070420310042');
    expect(text(c[1]!.bno)).toBe('85070420310042');
    // era input: one candidate only
    const e = bnoCandidates({
      birth: { era: '昭和', eraYear: 60, month: 7, day: 4 },
      expiryYear: 2031,
      securityCode: '0042',
    });
    expect(e).toHaveLength(1);
  });
});
