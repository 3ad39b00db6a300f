import { describe, expect, it } from 'vitest';
import { classifySw, encodeApdu, parseResponse, swError, swHex } from './apdu.ts';
import { CardError } from './errors.ts';

const h = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

describe('encodeApdu', () => {
  it('case 1: header only (empty VERIFY for a retry counter)', () => {
    expect(h(encodeApdu({ cla: 0, ins: 0x20, p1: 0, p2: 0x91 }))).toBe('00200091');
  });

  it('case 2 short: Le 256 is encoded as 00, others as themselves', () => {
    expect(h(encodeApdu({ cla: 0, ins: 0xb0, p1: 0x82, p2: 0, le: 256 }))).toBe('00B0820000');
    expect(h(encodeApdu({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 0x11 }))).toBe('00B0810011');
    expect(h(encodeApdu({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 255 }))).toBe('00B08100FF');
  });

  it('case 3 short: SELECT AP with Lc and no Le', () => {
    const aid = Uint8Array.from([0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01]);
    expect(h(encodeApdu({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: aid }))).toBe(
      '00A4040C0AD392F000260100000001',
    );
  });

  it('case 4 short: sign command with Lc, data and Le 00', () => {
    const data = new Uint8Array(51).fill(0xaa);
    const enc = encodeApdu({ cla: 0x80, ins: 0x2a, p1: 0, p2: 0x80, data, le: 256 });
    expect(enc.length).toBe(4 + 1 + 51 + 1);
    expect(enc[4]).toBe(51);
    expect(enc[enc.length - 1]).toBe(0);
  });

  it('case 2 extended: Le 65536 is 00 00 00 (the whole-file read of spec §5)', () => {
    expect(h(encodeApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65536, extended: true }))).toBe(
      '00B00000000000',
    );
    expect(h(encodeApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 257 }))).toBe('00B00000000101');
  });

  it('case 3 and 4 extended: 3-byte Lc and 2-byte Le', () => {
    const data = new Uint8Array(300).fill(1);
    const c3 = encodeApdu({ cla: 0, ins: 0x2a, p1: 0, p2: 0, data });
    expect(h(c3.subarray(0, 7))).toBe('002A000000012C');
    expect(c3.length).toBe(7 + 300);
    const c4 = encodeApdu({ cla: 0, ins: 0x2a, p1: 0, p2: 0, data, le: 65536 });
    expect(c4.length).toBe(7 + 300 + 2);
    expect(h(c4.subarray(-2))).toBe('0000');
    const small = encodeApdu({
      cla: 0,
      ins: 0x2a,
      p1: 0,
      p2: 0,
      data: Uint8Array.of(9),
      le: 512,
      extended: true,
    });
    expect(h(small)).toBe('002A0000000001090200');
  });

  it('rejects impossible commands', () => {
    expect(() => encodeApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0 })).toThrow(RangeError);
    expect(() => encodeApdu({ cla: 256, ins: 0xb0, p1: 0, p2: 0 })).toThrow(RangeError);
    expect(() => encodeApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65537 })).toThrow(RangeError);
    expect(() => encodeApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, data: new Uint8Array(65536) })).toThrow(
      RangeError,
    );
  });
});

describe('parseResponse', () => {
  it('splits data and SW', () => {
    const r = parseResponse(Uint8Array.of(1, 2, 3, 0x90, 0x00));
    expect([...r.data]).toEqual([1, 2, 3]);
    expect(r.sw).toBe(0x9000);
    expect(swHex(0x63c2)).toBe('63C2');
  });

  it('a response without a status word is BAD_RESPONSE', () => {
    for (const raw of [new Uint8Array(0), Uint8Array.of(0x90)]) {
      expect(() => parseResponse(raw)).toThrow(expect.objectContaining({ code: 'BAD_RESPONSE' }));
    }
  });
});

describe('classifySw', () => {
  it.each([
    [0x9000, { kind: 'ok' }],
    [0x63c3, { kind: 'retries', retriesLeft: 3 }],
    [0x63c1, { kind: 'retries', retriesLeft: 1 }],
    [0x63c0, { kind: 'blocked' }],
    [0x6984, { kind: 'blocked' }],
    [0x6983, { kind: 'blocked' }],
    [0x6300, { kind: 'no-count' }],
    [0x6982, { kind: 'security-status' }],
    [0x6a82, { kind: 'not-found' }],
    [0x6a86, { kind: 'rejected' }],
    [0x6700, { kind: 'rejected' }],
    [0x6985, { kind: 'rejected' }],
    [0x6110, { kind: 'more-data', available: 0x10 }],
    [0x6100, { kind: 'more-data', available: 256 }],
    [0x6c11, { kind: 'wrong-le', le: 0x11 }],
    [0x6c00, { kind: 'wrong-le', le: 256 }],
    [0x6b00, { kind: 'eof' }],
    [0x6282, { kind: 'eof' }],
    [0x6f00, { kind: 'no-diagnosis' }],
    [0x6a88, { kind: 'unknown' }],
  ])('%s', (sw, expected) => {
    expect(classifySw(sw)).toEqual(expected);
  });
});

describe('swError', () => {
  it('maps status words to typed errors', () => {
    const wrong = swError(0x63c2, 'VERIFY', 'kenhojoPin');
    expect(wrong).toBeInstanceOf(CardError);
    expect(wrong.code).toBe('WRONG_SECRET');
    expect(wrong.retriesLeft).toBe(2);
    expect(wrong.details.secret).toBe('kenhojoPin');
    expect(swError(0x6984, 'VERIFY').code).toBe('BLOCKED');
    expect(swError(0x63c0, 'VERIFY').code).toBe('BLOCKED');
    expect(swError(0x6982, 'READ').code).toBe('SECURITY_STATUS');
    expect(swError(0x6f00, 'READ').code).toBe('CARD_IO');
    const other = swError(0x6a86, 'SELECT');
    expect(other.code).toBe('BAD_RESPONSE');
    expect(other.details.sw).toBe('6A86');
  });
});
