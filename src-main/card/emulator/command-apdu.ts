/**
 * Card-side parsing of command APDUs (ISO/IEC 7816-3 cases 1–4, short and extended). The card
 * must answer anything a host sends, so this never throws: a malformed APDU comes back as null.
 */

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data (empty for cases 1 and 2). */
  data: Uint8Array;
  /** Expected response length: undefined when absent, 256/65536 for a zero Le. */
  le: number | undefined;
  /** Whether Lc/Le used the extended (3-byte / 2-byte) form. */
  extended: boolean;
}

export function parseCommandApdu(apdu: Uint8Array): CommandApdu | null {
  if (apdu.length < 4) return null;
  const [cla, ins, p1, p2] = [apdu[0]!, apdu[1]!, apdu[2]!, apdu[3]!];
  const base = { cla, ins, p1, p2 };
  const none = new Uint8Array(0);
  const n = apdu.length;
  if (n === 4) return { ...base, data: none, le: undefined, extended: false };
  const b4 = apdu[4]!;
  if (n === 5) return { ...base, data: none, le: b4 === 0 ? 256 : b4, extended: false };
  if (b4 !== 0) {
    const lc = b4;
    if (n === 5 + lc) return { ...base, data: apdu.slice(5, 5 + lc), le: undefined, extended: false };
    if (n === 6 + lc) {
      const le = apdu[n - 1]!;
      return { ...base, data: apdu.slice(5, 5 + lc), le: le === 0 ? 256 : le, extended: false };
    }
    return null;
  }
  // b4 = 00: extended length
  if (n < 7) return null;
  const x = (apdu[5]! << 8) | apdu[6]!;
  if (n === 7) return { ...base, data: none, le: x === 0 ? 65536 : x, extended: true };
  if (x === 0) return null;
  const lc = x;
  if (n === 7 + lc) return { ...base, data: apdu.slice(7, 7 + lc), le: undefined, extended: true };
  if (n === 9 + lc) {
    const le = (apdu[n - 2]! << 8) | apdu[n - 1]!;
    return { ...base, data: apdu.slice(7, 7 + lc), le: le === 0 ? 65536 : le, extended: true };
  }
  return null;
}
