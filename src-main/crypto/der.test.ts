import { describe, expect, it } from 'vitest';
import { integer, oid, sequence, setOf, time, tlv, utf8String } from './der.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('DER encoder', () => {
  it('encodes known values byte for byte', () => {
    expect(hex(oid('1.2.840.113549.1.1.11'))).toBe('06092a864886f70d01010b');
    // Reference encoding from `openssl asn1parse -genstr OID:1.2.392.200149.8.5.5.1`.
    expect(hex(oid('1.2.392.200149.8.5.5.1'))).toBe('060a2a83088c9b5508050501');
    expect(hex(integer(0))).toBe('020100');
    expect(hex(integer(128))).toBe('02020080');
    expect(hex(integer(Uint8Array.of(0, 0, 0x7f)))).toBe('02017f');
    expect(hex(utf8String('𠮷'))).toBe('0c04f0a0aeb7');
  });

  it('uses long-form lengths from 128 bytes on', () => {
    expect(hex(tlv(0x04, new Uint8Array(127))).slice(0, 4)).toBe('047f');
    expect(hex(tlv(0x04, new Uint8Array(128))).slice(0, 6)).toBe('048180');
    expect(hex(tlv(0x04, new Uint8Array(300))).slice(0, 8)).toBe('0482012c');
  });

  it('sorts SET OF by encoding and nests SEQUENCEs', () => {
    expect(hex(setOf(integer(2), integer(1)))).toBe('3106020101020102');
    expect(hex(sequence(integer(1)))).toBe('3003020101');
  });

  it('uses UTCTime before 2050 and GeneralizedTime from 2050', () => {
    expect(Buffer.from(time(new Date('2035-03-01T00:00:00Z')).subarray(2)).toString()).toBe('350301000000Z');
    expect(Buffer.from(time(new Date('2050-01-01T00:00:00Z')).subarray(2)).toString()).toBe(
      '20500101000000Z',
    );
  });

  it('rejects malformed OIDs and negative integers', () => {
    expect(() => oid('1')).toThrow(RangeError);
    expect(() => oid('1.2.x')).toThrow(RangeError);
    expect(() => integer(-1)).toThrow(RangeError);
  });
});
