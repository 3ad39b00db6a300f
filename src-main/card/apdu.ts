/**
 * ISO 7816-4 command and response APDUs: encoding (short and extended, cases 1–4), response
 * parsing, and the classification of status words the My Number Card uses (spec §3).
 *
 * `le` is the number of response bytes expected (1–256 short, 1–65536 extended); it is encoded
 * as 00 for 256 in short form and 00 00 for 65536 in extended form. No `le` means case 1/3.
 */
import { CardError, type SecretKind } from './errors.ts';

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data (Lc is its length). */
  data?: Uint8Array;
  /** Expected response length: 1–256 short, 1–65536 extended. */
  le?: number;
  /** Force the extended form (chosen automatically when data > 255 bytes or le > 256). */
  extended?: boolean;
}

export interface ResponseApdu {
  data: Uint8Array;
  /** SW1 << 8 | SW2 */
  sw: number;
}

export const SW_OK = 0x9000;

function checkByte(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`APDU ${name} must be a byte: ${v}`);
}

/** True when the command cannot be expressed in short form. */
export function needsExtended(cmd: CommandApdu): boolean {
  return (cmd.data?.length ?? 0) > 255 || (cmd.le ?? 0) > 256;
}

/** Encodes a command APDU; throws RangeError for impossible commands (a programming error). */
export function encodeApdu(cmd: CommandApdu): Uint8Array {
  checkByte('CLA', cmd.cla);
  checkByte('INS', cmd.ins);
  checkByte('P1', cmd.p1);
  checkByte('P2', cmd.p2);
  const data = cmd.data && cmd.data.length > 0 ? cmd.data : undefined;
  const le = cmd.le;
  const extended = cmd.extended === true || needsExtended(cmd);
  if (data && data.length > 65535) throw new RangeError(`APDU data too long: ${data.length}`);
  if (le !== undefined) {
    const max = extended ? 65536 : 256;
    if (!Number.isInteger(le) || le < 1 || le > max) throw new RangeError(`APDU Le out of range: ${le}`);
  }
  const out: number[] = [cmd.cla, cmd.ins, cmd.p1, cmd.p2];
  if (!extended) {
    if (data) out.push(data.length, ...data);
    if (le !== undefined) out.push(le === 256 ? 0 : le);
    return Uint8Array.from(out);
  }
  // Extended: one 00 marker byte, then 2-byte Lc and/or 2-byte Le (Le alone: 00 HH LL).
  if (!data && le === undefined) return Uint8Array.from(out);
  out.push(0);
  if (data) out.push(data.length >> 8, data.length & 0xff, ...data);
  if (le !== undefined) {
    const v = le === 65536 ? 0 : le;
    out.push(v >> 8, v & 0xff);
  }
  return Uint8Array.from(out);
}

/** Splits a raw response into data and status word; fewer than 2 bytes is a BAD_RESPONSE. */
export function parseResponse(raw: Uint8Array): ResponseApdu {
  if (raw.length < 2) {
    throw new CardError('BAD_RESPONSE', { detail: `response of ${raw.length} byte(s), no status word` });
  }
  const n = raw.length;
  return { data: raw.slice(0, n - 2), sw: (raw[n - 2]! << 8) | raw[n - 1]! };
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

export type SwClass =
  | { kind: 'ok' }
  /** 63Cx with x ≥ 1: wrong secret (or, for an empty VERIFY, the count), x tries left. */
  | { kind: 'retries'; retriesLeft: number }
  /** 6300 to an empty VERIFY: the key has no retry limit (to a real VERIFY: wrong, count unknown). */
  | { kind: 'no-count' }
  /** 63C0, 6983, 6984 */
  | { kind: 'blocked' }
  /** 6982 */
  | { kind: 'security-status' }
  /** 6A82 */
  | { kind: 'not-found' }
  /** 6A86, 6700, 6985, and other checking errors: the command was wrong (a bug on our side). */
  | { kind: 'rejected' }
  /** 61xx: xx (00 = 256) more bytes waiting for GET RESPONSE. */
  | { kind: 'more-data'; available: number }
  /** 6Cxx: resend with Le = xx (00 = 256). */
  | { kind: 'wrong-le'; le: number }
  /** 6B00, 6282: read past the end of the file (6282 may carry the bytes up to the end). */
  | { kind: 'eof' }
  /** 6F00: no precise diagnosis (seen once after a power cycle). */
  | { kind: 'no-diagnosis' }
  | { kind: 'unknown' };

export function classifySw(sw: number): SwClass {
  const sw1 = sw >> 8;
  const sw2 = sw & 0xff;
  if (sw === 0x9000) return { kind: 'ok' };
  if (sw === 0x63c0 || sw === 0x6983 || sw === 0x6984) return { kind: 'blocked' };
  if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) return { kind: 'retries', retriesLeft: sw2 & 0x0f };
  if (sw === 0x6300) return { kind: 'no-count' };
  if (sw === 0x6982) return { kind: 'security-status' };
  if (sw === 0x6a82) return { kind: 'not-found' };
  if (sw === 0x6b00 || sw === 0x6282) return { kind: 'eof' };
  if (sw1 === 0x61) return { kind: 'more-data', available: sw2 === 0 ? 256 : sw2 };
  if (sw1 === 0x6c) return { kind: 'wrong-le', le: sw2 === 0 ? 256 : sw2 };
  if (sw === 0x6f00) return { kind: 'no-diagnosis' };
  if (sw === 0x6a86 || sw === 0x6700 || sw === 0x6985 || sw1 === 0x6d || sw1 === 0x6e || sw === 0x6a81) {
    return { kind: 'rejected' };
  }
  return { kind: 'unknown' };
}

/**
 * The CardError for a status word that ended an operation. `secret` names the key involved (for
 * VERIFY answers); `what` says which operation, for the diagnostic detail.
 */
export function swError(sw: number, what: string, secret?: SecretKind): CardError {
  const c = classifySw(sw);
  const base = { sw: swHex(sw), ...(secret ? { secret } : {}) };
  switch (c.kind) {
    case 'retries':
      return new CardError('WRONG_SECRET', { ...base, retriesLeft: c.retriesLeft });
    case 'blocked':
      return new CardError('BLOCKED', { ...base, retriesLeft: 0 });
    case 'security-status':
      return new CardError('SECURITY_STATUS', { ...base, detail: `${what}: security status not satisfied` });
    case 'no-diagnosis':
      return new CardError('CARD_IO', { ...base, detail: `${what}: card answered 6F00` });
    default:
      return new CardError('BAD_RESPONSE', { ...base, detail: `${what}: unexpected status ${swHex(sw)}` });
  }
}
