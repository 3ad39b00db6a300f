import { describe, expect, it } from 'vitest';
import { isValidMyNumber, myNumberCheckDigit } from './my-number.ts';

describe('My Number check digit', () => {
  it('computes the published rule digit by digit', () => {
    // 12345678901x: P1..P11 from the right = 1,0,9,8,7,6,5,4,3,2,1; Q = 2,3,4,5,6,7,2,3,4,5,6
    // Σ = 2+0+36+40+42+42+10+12+12+10+6 = 212; 212 mod 11 = 3 → check 8
    expect(myNumberCheckDigit('12345678901')).toBe(8);
    expect(isValidMyNumber('123456789018')).toBe(true);
    expect(isValidMyNumber('123456789017')).toBe(false);
  });

  it('r ≤ 1 gives 0', () => {
    // all zeros: r = 0 → 0
    expect(myNumberCheckDigit('00000000000')).toBe(0);
    // 00000000005: P1 = 5, Q1 = 2 → 10 mod 11 = 10 → 1
    expect(myNumberCheckDigit('00000000005')).toBe(1);
    // 00000000050: P2 = 5, Q2 = 3 → 15 mod 11 = 4 → 7
    expect(myNumberCheckDigit('00000000050')).toBe(7);
    // 50000000000: P11 = 5, Q11 = 6 → 30 mod 11 = 8 → 3
    expect(myNumberCheckDigit('50000000000')).toBe(3);
    // 10000000000 + 00000000005: 6 + 10 = 16 mod 11 = 5 → 6; r = 1 case: 00000000600 → P3=6,Q3=4 → 24 mod 11 = 2 → 9
    expect(myNumberCheckDigit('00000000600')).toBe(9);
    // r = 1: P1 = 6 → 12 mod 11 = 1 → 0
    expect(myNumberCheckDigit('00000000006')).toBe(0);
  });

  it('every single-digit change of a valid number is detected', () => {
    const base = '123456789018';
    for (let i = 0; i < 12; i++) {
      for (let d = 0; d <= 9; d++) {
        const c = String(d);
        if (c === base[i]) continue;
        const mutated = base.slice(0, i) + c + base.slice(i + 1);
        expect(isValidMyNumber(mutated), mutated).toBe(false);
      }
    }
  });

  it('rejects non-digit and wrong-length input', () => {
    expect(isValidMyNumber('12345678901')).toBe(false);
    expect(isValidMyNumber('1234567890188')).toBe(false);
    expect(isValidMyNumber('12345678901８')).toBe(false);
    expect(() => myNumberCheckDigit('1234')).toThrow(RangeError);
  });
});
