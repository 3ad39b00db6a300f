/**
 * 個人番号 (My Number) check digit (spec §5, the public rule): with P1..P11 the first eleven digits
 * counted from the right, Q = n+1 for n = 1..6 and n−5 for n = 7..11, r = Σ Pn·Qn mod 11;
 * the check digit is 0 when r ≤ 1, else 11 − r.
 */

/** Check digit for the first 11 digits. Throws RangeError if `first11` is not 11 digits. */
export function myNumberCheckDigit(first11: string): number {
  if (!/^\d{11}$/.test(first11)) throw new RangeError('expected 11 digits');
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = first11.charCodeAt(11 - n) - 0x30;
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

/** True for 12 ASCII digits whose last digit is the check digit of the first eleven. */
export function isValidMyNumber(value: string): boolean {
  return /^\d{12}$/.test(value) && myNumberCheckDigit(value.slice(0, 11)) === value.charCodeAt(11) - 0x30;
}
