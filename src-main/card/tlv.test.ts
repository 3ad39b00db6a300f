import { describe, expect, it } from 'vitest';
import { CardError } from './errors.ts';
import {
  childrenOf,
  findTag,
  parseTlv,
  parseTlvList,
  parseTlvTree,
  requireTag,
  tlvTotalLength,
  tryParseHeader,
  type TlvTree,
} from './tlv.ts';
import { prng } from '../../test/helpers/prng.ts';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
const expectBad = (fn: () => unknown) =>
  expect(fn).toThrow(expect.objectContaining({ code: 'BAD_RESPONSE' }));

describe('tags', () => {
  it('reads one-byte and multi-byte tags', () => {
    expect(parseTlv(bytes('30 00')).tag).toBe(0x30);
    expect(parseTlv(bytes('FF20 00')).tag).toBe(0xff20);
    expect(parseTlv(bytes('DF21 01 AA')).tag).toBe(0xdf21);
    expect(parseTlv(bytes('7F21 00')).tag).toBe(0x7f21);
    expect(parseTlv(bytes('5F4E 00')).tag).toBe(0x5f4e);
    // 1F-continued with a continuation byte (bit 8 set)
    expect(parseTlv(bytes('1F 81 02 00')).tag).toBe(0x1f8102);
  });

  it('records constructed-ness from bit 6 of the first byte', () => {
    expect(parseTlv(bytes('FF20 00')).constructed).toBe(true);
    expect(parseTlv(bytes('DF21 00')).constructed).toBe(false);
    expect(parseTlv(bytes('7F21 00')).constructed).toBe(true);
    expect(parseTlv(bytes('04 00')).constructed).toBe(false);
  });

  it('rejects over-long tags', () => {
    expectBad(() => parseTlv(bytes('1F 81 81 81 81 01 00')));
  });
});

describe('lengths', () => {
  it('short and long forms 81/82/83/84', () => {
    expect(parseTlv(bytes('04 03 010203')).length).toBe(3);
    const v200 = new Uint8Array(200);
    const t81 = parseTlv(new Uint8Array([0x04, 0x81, 200, ...v200]));
    expect(t81.length).toBe(200);
    expect(t81.headerLength).toBe(3);
    const t82 = parseTlv(new Uint8Array([0x04, 0x82, 0x01, 0x2c, ...new Uint8Array(300)]));
    expect(t82.length).toBe(300);
    expect(t82.headerLength).toBe(4);
    const t83 = parseTlv(new Uint8Array([0x04, 0x83, 0, 0, 2, 9, 9]));
    expect(t83.length).toBe(2);
    const t84 = parseTlv(new Uint8Array([0x04, 0x84, 0, 0, 0, 1, 7]));
    expect([...t84.value]).toEqual([7]);
  });

  it('rejects indefinite lengths and 85+', () => {
    expectBad(() => parseTlv(bytes('30 80 0000')));
    expectBad(() => parseTlv(bytes('04 85 0000000001 00')));
  });

  it('truncated input is a typed error', () => {
    expectBad(() => parseTlv(bytes('04 05 0102')));
    expectBad(() => parseTlv(bytes('04 82 01')));
    expectBad(() => parseTlv(bytes('FF')));
    expectBad(() => parseTlv(new Uint8Array(0)));
  });

  it('tryParseHeader reports how many bytes are missing', () => {
    expect(tryParseHeader(bytes('30'))).toEqual({ ok: false, needBytes: 1 });
    expect(tryParseHeader(bytes('30 82 05'))).toEqual({ ok: false, needBytes: 1 });
    expect(tryParseHeader(bytes('30 82 05 DC'))).toEqual({
      ok: true,
      header: { tag: 0x30, constructed: true, headerLength: 4, length: 0x5dc },
    });
    expect(tlvTotalLength(bytes('30 82 05 DC'))).toEqual({ ok: true, total: 0x5dc + 4 });
  });
});

describe('lists, filler and trees', () => {
  it('ignores FF filler after the TLV', () => {
    const list = parseTlvList(bytes('FF10 0C 313233343536373839303132 FFFF'));
    expect(list).toHaveLength(1);
    expect(new TextDecoder().decode(list[0]!.value)).toBe('123456789012');
  });

  it('Kenhojo-like FF20 file with long-form length and filler', () => {
    const name = Buffer.from('山田　太郎', 'utf8');
    const inner = Buffer.concat([
      bytes('DF21 08 0000000000000000'),
      Buffer.from([0xdf, 0x22, name.length]),
      name,
      bytes('DF24 08'),
      Buffer.from('19800217'),
      bytes('DF25 01 31'),
    ]);
    const file = Buffer.concat([
      Buffer.from([0xff, 0x20, 0x81, inner.length]),
      inner,
      Buffer.alloc(40, 0xff),
    ]);
    const tree = parseTlvTree(file);
    expect(tree.tag).toBe(0xff20);
    const kids = tree.children!;
    expect(kids.map((k) => k.tag)).toEqual([0xdf21, 0xdf22, 0xdf24, 0xdf25]);
    expect(new TextDecoder().decode(requireTag(kids, 0xdf22, 'name').value)).toBe('山田　太郎');
    expect(findTag(kids, 0xdf23)).toBeUndefined();
    expectBad(() => requireTag(kids, 0xdf23, 'address'));
  });

  it('children must exactly fill their parent', () => {
    expectBad(() => childrenOf(parseTlv(bytes('30 04 0201 05 FF'))));
  });

  it('limits nesting depth', () => {
    let deep: Uint8Array = bytes('0400');
    for (let i = 0; i < 40; i++) {
      const n = deep.length;
      deep = new Uint8Array([0x30, 0x82, n >> 8, n & 0xff, ...deep]);
    }
    expectBad(() => parseTlvTree(deep));
    expect(parseTlvTree(deep, 64).tag).toBe(0x30);
  });

  it('offset and raw point into the input', () => {
    const buf = bytes('0401AA 0402BBCC');
    const list = parseTlvList(buf);
    expect(list[1]!.offset).toBe(3);
    expect(Buffer.from(list[1]!.raw).toString('hex')).toBe('0402bbcc');
  });
});

// ---- Fuzz: random and mutated inputs either parse or throw CardError BAD_RESPONSE. ----

function walk(t: TlvTree): number {
  return 1 + (t.children ?? []).reduce((n, c) => n + walk(c), 0);
}

function tryAll(input: Uint8Array): 'ok' | 'err' {
  try {
    const list = parseTlvList(input);
    for (const t of list) {
      try {
        walk(parseTlvTree(t.raw));
      } catch (e) {
        if (!(e instanceof CardError) || e.code !== 'BAD_RESPONSE') throw e;
      }
    }
    tlvTotalLength(input);
    return 'ok';
  } catch (e) {
    if (e instanceof CardError && e.code === 'BAD_RESPONSE') return 'err';
    throw e;
  }
}

const SEEDS = [
  bytes('FF20 1E DF21 08 000A0010001A001E DF22 02 4142 DF23 02 4344 DF24 02 3132 DF25 01 31 FFFF'),
  bytes('FF10 0C 313233343536373839303132 FFFF'),
  bytes('30 82 00 0E 30 0A A0 03 02 01 02 02 03 01 02 03 05 00 FF'),
  bytes('7F21 0A 5F4E 02 0102 5F37 02 0304'),
  bytes('30 81 06 31 04 0C 02 E3 81'),
];

describe('fuzz', () => {
  it('random inputs never throw anything but BAD_RESPONSE and never hang', () => {
    const seed = 0x5eed1234;
    const rnd = prng(seed);
    const started = Date.now();
    let ok = 0;
    let err = 0;
    for (let i = 0; i < 3000; i++) {
      const len = Math.floor(rnd() * 64);
      const buf = new Uint8Array(len);
      for (let j = 0; j < len; j++) buf[j] = Math.floor(rnd() * 256);
      // bias towards interesting first bytes
      if (len > 0 && rnd() < 0.5) buf[0] = [0x30, 0xff, 0xdf, 0x7f, 0x1f, 0x04][Math.floor(rnd() * 6)]!;
      const r = tryAll(buf);
      if (r === 'ok') ok++;
      else err++;
    }
    expect(ok + err).toBe(3000);
    expect(ok).toBeGreaterThan(0);
    expect(err).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('mutated valid inputs (flips, truncations, insertions) never throw anything else', () => {
    const rnd = prng(0xc0ffee);
    let n = 0;
    for (const seedInput of SEEDS) {
      expect(tryAll(seedInput)).toBe('ok');
      for (let i = 0; i < 1200; i++) {
        const buf = Array.from(seedInput);
        const ops = 1 + Math.floor(rnd() * 4);
        for (let k = 0; k < ops; k++) {
          const pos = Math.floor(rnd() * (buf.length + 1));
          const op = rnd();
          if (op < 0.4 && buf.length > 0) buf[pos % buf.length] = Math.floor(rnd() * 256);
          else if (op < 0.6) buf.length = pos;
          else if (op < 0.8)
            buf.splice(pos, 0, [0x80, 0x81, 0x82, 0x84, 0xff, 0x1f, 0x00][Math.floor(rnd() * 7)]!);
          else if (buf.length > 0) buf.splice(pos % buf.length, 1);
        }
        tryAll(Uint8Array.from(buf));
        n++;
      }
    }
    expect(n).toBe(SEEDS.length * 1200);
  });

  it('a huge claimed length does not allocate or hang', () => {
    expectBad(() => parseTlv(bytes('04 84 FFFFFFFF 00')));
    expectBad(() => parseTlvTree(bytes('30 84 7FFFFFFF')));
  });
});
