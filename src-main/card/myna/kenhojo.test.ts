import { describe, expect, it } from 'vitest';
import { concatBytes, tlv } from '../../crypto/der.ts';
import { parseBasicInfo, parseMyNumber, sexOf } from './kenhojo.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const t2 = (tag: number, v: Uint8Array) => tlv(Uint8Array.of(tag >> 8, tag & 0xff), v);

function ef0002(f: { name: string; address: string; birth: string; sex: string }, filler = 32): Uint8Array {
  const body = concatBytes([
    t2(0xdf21, new Uint8Array(8)),
    t2(0xdf22, utf8(f.name)),
    t2(0xdf23, utf8(f.address)),
    t2(0xdf24, utf8(f.birth)),
    t2(0xdf25, utf8(f.sex)),
  ]);
  return concatBytes([t2(0xff20, body), new Uint8Array(filler).fill(0xff)]);
}

describe('parseBasicInfo (EF 0002)', () => {
  it('parses the four attributes and trims the filler', () => {
    const info = parseBasicInfo(
      ef0002({ name: '山田　太郎', address: '東京都千代田区１－２－３', birth: '19800217', sex: '1' }),
    );
    expect(info).toEqual({
      name: '山田　太郎',
      address: '東京都千代田区１－２－３',
      birthDate: '1980-02-17',
      sex: 'male',
      sexCode: '1',
    });
  });

  it('keeps characters outside the BMP (𠮷) and handles long-form lengths (> 256 bytes)', () => {
    const address = '北海道' + '十勝'.repeat(120);
    const file = ef0002({ name: '𠮷田　花子', address, birth: '20200224', sex: '2' });
    expect(file[2]).toBe(0x82); // FF20 82 HH LL
    const info = parseBasicInfo(file);
    expect(info.name).toBe('𠮷田　花子');
    expect([...info.name].length).toBe(5);
    expect(info.address).toBe(address);
    expect(info.sex).toBe('female');
  });

  it("maps sex codes: '1' male, '2' female, everything else other", () => {
    expect(['1', '2', '9', '0', '3'].map(sexOf)).toEqual(['male', 'female', 'other', 'other', 'other']);
    expect(parseBasicInfo(ef0002({ name: 'a', address: 'b', birth: '20000101', sex: '9' })).sex).toBe(
      'other',
    );
  });

  it('parses by tag, not by position (DF21 offsets are ignored, order may vary)', () => {
    const body = concatBytes([
      t2(0xdf25, utf8('2')),
      t2(0xdf24, utf8('19991231')),
      t2(0xdf23, utf8('住所')),
      t2(0xdf22, utf8('名前')),
    ]);
    expect(parseBasicInfo(t2(0xff20, body))).toMatchObject({
      name: '名前',
      address: '住所',
      birthDate: '1999-12-31',
    });
  });

  it('hostile content is BAD_RESPONSE', () => {
    const bad = [
      ef0002({ name: 'a', address: 'b', birth: '1980021', sex: '1' }),
      ef0002({ name: 'a', address: 'b', birth: '19800230', sex: '1' }),
      ef0002({ name: 'a', address: 'b', birth: '19800217', sex: '12' }),
      t2(0xff21, new Uint8Array(0)),
      t2(0xff20, concatBytes([t2(0xdf22, utf8('a')), t2(0xdf23, utf8('b'))])),
      t2(
        0xff20,
        concatBytes([
          t2(0xdf22, Uint8Array.of(0xe3, 0x81)),
          t2(0xdf23, utf8('b')),
          t2(0xdf24, utf8('19800217')),
          t2(0xdf25, utf8('1')),
        ]),
      ),
      Uint8Array.of(0xff, 0x20, 0x82, 0x01),
    ];
    for (const file of bad) {
      expect(() => parseBasicInfo(file)).toThrow(expect.objectContaining({ code: 'BAD_RESPONSE' }));
    }
  });
});

describe('parseMyNumber (EF 0001)', () => {
  const file = (digits: string) =>
    concatBytes([t2(0xff10, Buffer.from(digits, 'latin1')), Uint8Array.of(0xff, 0xff)]);

  it('reads 12 digits with a valid check digit', () => {
    expect(parseMyNumber(file('123456789018'))).toBe('123456789018');
  });

  it('a wrong check digit or non-digits is INVALID_MY_NUMBER', () => {
    for (const d of ['123456789017', '12345678901', '12345678901A']) {
      expect(() => parseMyNumber(file(d))).toThrow(expect.objectContaining({ code: 'INVALID_MY_NUMBER' }));
    }
  });

  it('a wrong tag is BAD_RESPONSE', () => {
    expect(() => parseMyNumber(concatBytes([t2(0xff11, utf8('123456789018'))]))).toThrow(
      expect.objectContaining({ code: 'BAD_RESPONSE' }),
    );
  });
});
