import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CardChannel } from './channel.ts';
import { CardError } from './errors.ts';
import type { CardTransport } from './transport.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const sw = (data: Uint8Array | number[], s: number) => Uint8Array.from([...data, s >> 8, s & 0xff]);

interface FakeOptions {
  extended?: boolean;
  /** Answer data-carrying responses as 61xx + GET RESPONSE chunks of this size. */
  chain61?: number;
  /** Answer reads whose Le exceeds the bytes left with 6Cxx instead of 6282. */
  le6C?: boolean;
  /** Simulate a reader that fails on exactly-256-byte responses. */
  break256?: 'throw' | '6700';
  /** Answer the first APDU with 6F00. */
  first6F00?: boolean;
  /** Throw CARD_REMOVED on the nth APDU (1-based). */
  removeAt?: number;
}

/** A tiny ISO 7816 file card: one AP, EFs by FID (SFI = low byte), READ BINARY with EOF. */
class FakeCard implements CardTransport {
  readonly readerName = 'fake';
  readonly log: string[] = [];
  pending: Uint8Array = new Uint8Array(0);
  current: number | null = null;
  n = 0;
  constructor(
    readonly files: Map<number, Uint8Array>,
    readonly opts: FakeOptions = {},
  ) {}
  get supportsExtendedApdu() {
    return this.opts.extended ?? false;
  }
  async close() {}
  #reply(data: Uint8Array, s = 0x9000): Uint8Array {
    const c = this.opts.chain61;
    if (c && data.length > c) {
      this.pending = data.subarray(c);
      return sw(data.subarray(0, c), 0x6100 | Math.min(this.pending.length, c));
    }
    return sw(data, s);
  }
  async transmit(cmd: Uint8Array): Promise<Uint8Array> {
    this.n++;
    this.log.push(hex(cmd));
    if (this.opts.removeAt === this.n) throw new CardError('CARD_REMOVED');
    if (this.opts.first6F00 && this.n === 1) return sw([], 0x6f00);
    const [, ins, p1, p2] = cmd;
    if (ins === 0xc0) {
      const le = cmd[4] === 0 ? 256 : cmd[4]!;
      const out = this.pending.subarray(0, le);
      this.pending = this.pending.subarray(le);
      return this.pending.length
        ? sw(out, 0x6100 | Math.min(this.pending.length, this.opts.chain61!))
        : sw(out, 0x9000);
    }
    if (ins === 0xa4 && p1 === 4) return cmd[5] === 0xd3 ? sw([], 0x9000) : sw([], 0x6a82);
    if (ins === 0xa4 && p1 === 2) {
      const fid = (cmd[5]! << 8) | cmd[6]!;
      if (!this.files.has(fid)) return sw([], 0x6a82);
      this.current = fid;
      return sw([], 0x9000);
    }
    if (ins === 0xb0) {
      let offset: number;
      if (p1! & 0x80) {
        this.current = p1! & 0x1f;
        offset = p2!;
      } else offset = (p1! << 8) | p2!;
      const ext = cmd.length === 7 && cmd[4] === 0;
      let le = ext ? (cmd[5]! << 8) | cmd[6]! || 65536 : cmd[4] === 0 ? 256 : cmd[4]!;
      if (!ext && le === 256 && this.opts.break256 === 'throw') throw new Error('reader: bad length');
      if (!ext && le === 256 && this.opts.break256 === '6700') return sw([], 0x6700);
      if (ext && !this.supportsExtendedApdu) return sw([], 0x6700);
      const file = this.current === null ? undefined : this.files.get(this.current);
      if (!file) return sw([], 0x6986);
      if (offset >= file.length) return sw([], 0x6b00);
      const left = file.length - offset;
      if (le > left) {
        if (this.opts.le6C && !ext) return sw([], 0x6c00 | left);
        le = left;
        return this.#reply(file.subarray(offset, offset + le), ext ? 0x9000 : 0x6282);
      }
      return this.#reply(file.subarray(offset, offset + le));
    }
    if (ins === 0x20) return sw([], 0x63c3);
    return sw([], 0x6d00);
  }
}

/** A TLV file of `valueLen` bytes plus FF filler up to `physical` bytes. */
function tlvFile(valueLen: number, physical: number): Uint8Array {
  const header = valueLen < 128 ? [0x04, valueLen] : [0x04, 0x82, valueLen >> 8, valueLen & 0xff];
  const out = new Uint8Array(Math.max(physical, header.length + valueLen)).fill(0xff);
  out.set(header, 0);
  for (let i = 0; i < valueLen; i++) out[header.length + i] = i & 0x7f;
  return out;
}

describe('CardChannel.send', () => {
  it('accumulates 61xx GET RESPONSE chains and counts every APDU', async () => {
    const card = new FakeCard(new Map([[2, tlvFile(100, 120)]]), { chain61: 40 });
    const ch = new CardChannel(card);
    const r = await ch.readBinary({ sfi: 2 }, 0, 103);
    expect(r.data.length).toBe(103);
    expect(card.log).toEqual(['00B0820067', '00C0000028', '00C0000017']);
    expect(ch.apduCount).toBe(3);
  });

  it('resends with the card-announced Le on 6Cxx', async () => {
    const card = new FakeCard(new Map([[1, tlvFile(15, 17)]]), { le6C: true });
    const ch = new CardChannel(card);
    const r = await ch.readBinary({ sfi: 1 }, 0, 256);
    expect(r.data.length).toBe(17);
    expect(card.log).toEqual(['00B0810000', '00B0810011']);
  });

  it('retries a 6F00 once, only as the first answer after power-up', async () => {
    const card = new FakeCard(new Map(), { first6F00: true });
    const ch = new CardChannel(card);
    const aid = Uint8Array.of(0xd3, 1);
    await ch.selectAp(aid);
    expect(card.log).toHaveLength(2);
    const later = new FakeCard(new Map());
    const ch2 = new CardChannel(later);
    await ch2.selectAp(aid);
    expect(later.log).toHaveLength(1);
  });

  it('passes CardErrors through and wraps other transport failures as CARD_IO', async () => {
    const removed = new CardChannel(new FakeCard(new Map(), { removeAt: 1 }));
    await expect(removed.selectAp(Uint8Array.of(0xd3))).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    const broken: CardTransport = {
      readerName: 'x',
      supportsExtendedApdu: false,
      transmit: async () => {
        throw new Error('SCARD_E_COMM');
      },
      close: async () => {},
    };
    await expect(new CardChannel(broken).selectAp(Uint8Array.of(0xd3))).rejects.toMatchObject({
      code: 'CARD_IO',
    });
    const short: CardTransport = { ...broken, transmit: async () => Uint8Array.of(0x90) };
    await expect(new CardChannel(short).selectAp(Uint8Array.of(0xd3))).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    });
  });
});

describe('CardChannel selection', () => {
  it('skips a redundant SELECT AP and reports 6A82', async () => {
    const card = new FakeCard(new Map());
    const ch = new CardChannel(card);
    const aid = Uint8Array.of(0xd3, 0x92);
    await ch.selectAp(aid);
    await ch.selectAp(aid);
    expect(card.log).toEqual(['00A4040C02D392']);
    expect(await ch.trySelectAp(Uint8Array.of(0x01, 0x02))).toBe(false);
    expect(ch.selectedAp).toBeNull();
    await expect(ch.selectAp(Uint8Array.of(0x01))).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('selects an EF by FID with P1=02', async () => {
    const card = new FakeCard(new Map([[0x0a, tlvFile(10, 10)]]));
    const ch = new CardChannel(card);
    await ch.selectEf(0x000a);
    expect(card.log).toEqual(['00A4020C02000A']);
    await expect(ch.selectEf(0x0009)).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      details: { sw: '6A82' },
    });
  });
});

describe('CardChannel.readTlvFile', () => {
  it('reads a small file in one SFI read and trims the FF filler', async () => {
    const card = new FakeCard(new Map([[2, tlvFile(180, 400)]]));
    const ch = new CardChannel(card);
    const data = await ch.readTlvFile({ sfi: 2 });
    expect(data.length).toBe(184);
    expect(card.log).toEqual(['00B0820000']);
  });

  it('reads a file longer than 256 bytes: SFI first, then current-EF offsets, only what is missing', async () => {
    const card = new FakeCard(new Map([[2, tlvFile(596, 700)]]));
    const ch = new CardChannel(card);
    const data = await ch.readTlvFile({ sfi: 2 });
    expect(data.length).toBe(600);
    expect(data[599]).toBe(595 & 0x7f);
    expect(card.log).toEqual(['00B0820000', '00B0010000', '00B0020058']);
  });

  it('honours a first-chunk hint (EF 0001 is 17 bytes) and EOF with 6282', async () => {
    const card = new FakeCard(new Map([[1, tlvFile(12, 17)]]));
    const ch = new CardChannel(card);
    expect((await ch.readTlvFile({ sfi: 1 }, { firstChunk: 17 })).length).toBe(14);
    expect(card.log).toEqual(['00B0810011']);
    // without the hint the card answers 6282 with the 17 bytes: still one APDU
    const card2 = new FakeCard(new Map([[1, tlvFile(12, 17)]]));
    expect((await new CardChannel(card2).readTlvFile({ sfi: 1 })).length).toBe(14);
    expect(card2.log).toHaveLength(1);
  });

  it('uses one extended read when the transport supports it', async () => {
    const card = new FakeCard(new Map([[0x0a, tlvFile(1500, 2000)]]), { extended: true });
    const ch = new CardChannel(card);
    const data = await ch.readTlvFile({ sfi: 0x0a });
    expect(data.length).toBe(1504);
    expect(card.log).toEqual(['00B08A00000000']);
  });

  it('falls back to 255-byte chunks when a reader fails on 256-byte responses', async () => {
    for (const mode of ['throw', '6700'] as const) {
      const card = new FakeCard(new Map([[2, tlvFile(596, 700)]]), { break256: mode });
      const ch = new CardChannel(card);
      const data = await ch.readTlvFile({ sfi: 2 });
      expect(data.length).toBe(600);
      expect(ch.maxShortLe).toBe(255);
      expect(card.log).toEqual(['00B0820000', '00B08200FF', '00B000FFFF', '00B001FE5A']);
    }
  });

  it('a TLV that claims more than the file holds is BAD_RESPONSE, not a hang', async () => {
    const file = tlvFile(596, 300).subarray(0, 300); // header says 600, file has 300
    const card = new FakeCard(new Map([[2, file]]));
    await expect(new CardChannel(card).readTlvFile({ sfi: 2 })).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    });
    expect(card.log.length).toBeLessThanOrEqual(3);
    const empty = new FakeCard(new Map([[2, new Uint8Array(0)]]));
    await expect(new CardChannel(empty).readTlvFile({ sfi: 2 })).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    });
  });

  it('refuses absurd lengths before reading them', async () => {
    const file = Uint8Array.from([0x04, 0x84, 0x7f, 0xff, 0xff, 0xff, 0, 0]);
    const card = new FakeCard(new Map([[2, file]]));
    await expect(new CardChannel(card).readTlvFile({ sfi: 2 })).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    });
    expect(card.log).toHaveLength(1);
  });

  it('CARD_REMOVED mid-read passes through', async () => {
    const card = new FakeCard(new Map([[2, tlvFile(596, 700)]]), { removeAt: 2 });
    await expect(new CardChannel(card).readTlvFile({ sfi: 2 })).rejects.toMatchObject({
      code: 'CARD_REMOVED',
    });
  });

  it('reads after SELECT EF address the current EF', async () => {
    const card = new FakeCard(new Map([[0x0a, tlvFile(300, 300)]]));
    const ch = new CardChannel(card);
    await ch.selectEf(0x0a);
    const d = await ch.readTlvFile({ current: true });
    expect(d.length).toBe(304);
    expect(card.log).toEqual(['00A4020C02000A', '00B0000000', '00B0010030']);
  });
});

describe('APDU logging', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chlog-'));
    process.env.KAKANAI_LOG_FILE = join(dir, 'log.jsonl');
    process.env.KAKANAI_LOG_LEVEL = 'debug';
  });
  afterEach(() => {
    delete process.env.KAKANAI_LOG_FILE;
    delete process.env.KAKANAI_LOG_LEVEL;
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs header, lengths and SW only — never the VERIFY data', async () => {
    const card = new FakeCard(new Map());
    const ch = new CardChannel(card);
    const pin = Uint8Array.from(Buffer.from('4826'));
    await ch.send({ cla: 0, ins: 0x20, p1: 0, p2: 0x91, data: pin }, { what: 'VERIFY' });
    const text = readFileSync(join(dir, 'log.jsonl'), 'utf8');
    expect(text).toContain('"header":"00200091"');
    expect(text).toContain('"sw":"63C3"');
    expect(text).toContain('"lc":4');
    expect(text).not.toContain('4826');
    expect(text).not.toContain('34383236');
  });
});
