import { describe, expect, it } from 'vitest';
import { CardChannel } from '../channel.ts';
import { CardError } from '../errors.ts';
import { Secret } from '../secret.ts';
import type { CardTransport } from '../transport.ts';
import { SecretGuard, secretBytes } from './verify.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/** A card with key references only: tries per P2, the secret per P2, 9000 to a query once verified. */
class KeyCard implements CardTransport {
  readonly readerName = 'keys';
  readonly supportsExtendedApdu = false;
  readonly log: string[] = [];
  readonly verified = new Set<number>();
  failNext = false;
  constructor(
    readonly keys: Map<number, { secret: string; tries: number; max: number; queryAnswer?: number }>,
  ) {}
  async close() {}
  async transmit(cmd: Uint8Array): Promise<Uint8Array> {
    if (this.failNext) {
      this.failNext = false;
      throw new CardError('CARD_IO', { detail: 'reset' });
    }
    // Log VERIFY data as its length only, like a careful test harness.
    this.log.push(cmd[1] === 0x20 && cmd.length > 4 ? `${hex(cmd.subarray(0, 5))}+data` : hex(cmd));
    if (cmd[1] === 0xa4) return Uint8Array.of(0x90, 0x00);
    if (cmd[1] !== 0x20) return Uint8Array.of(0x6d, 0x00);
    const key = this.keys.get(cmd[3]!);
    if (!key) return Uint8Array.of(0x6a, 0x88);
    if (cmd.length === 4) {
      if (key.queryAnswer !== undefined) return Uint8Array.of(key.queryAnswer >> 8, key.queryAnswer & 0xff);
      if (key.tries === 0) return Uint8Array.of(0x63, 0xc0);
      if (this.verified.has(cmd[3]!)) return Uint8Array.of(0x90, 0x00);
      return Uint8Array.of(0x63, 0xc0 | key.tries);
    }
    if (key.tries === 0) return Uint8Array.of(0x69, 0x84);
    const given = Buffer.from(cmd.subarray(5, 5 + cmd[4]!)).toString('ascii');
    if (given === key.secret) {
      key.tries = key.max;
      this.verified.add(cmd[3]!);
      return Uint8Array.of(0x90, 0x00);
    }
    key.tries--;
    return Uint8Array.of(0x63, 0xc0 | key.tries);
  }
}

function setup(tries: number, opts: { queryAnswer?: number } = {}) {
  const card = new KeyCard(new Map([[0x91, { secret: '1234', tries, max: 3, ...opts }]]));
  const channel = new CardChannel(card);
  return { card, channel, guard: new SecretGuard(channel) };
}

const pin = (s: string) => Secret.fromString(s);

describe('secretBytes (format checks before the card is touched)', () => {
  it('PINs are 4 digits, 照合番号B 14 digits', () => {
    expect(secretBytes('kenhojoPin', pin('0000')).toString()).toBe('0000');
    expect(secretBytes('kenhojoB', pin('55021720352285')).length).toBe(14);
    for (const [kind, bad] of [
      ['kenhojoPin', '123'],
      ['kenhojoPin', '12345'],
      ['jpkiAuthPin', '12a4'],
      ['kenhojoB', '5502172035228'],
      ['kenhojoB', '5502172035228X'],
    ] as const) {
      expect(() => secretBytes(kind, pin(bad))).toThrow(
        expect.objectContaining({
          code: 'INVALID_SECRET_FORMAT',
          details: expect.objectContaining({ secret: kind }),
        }),
      );
    }
  });

  it('the signing password is upper-cased and must be 6–16 of A–Z 0–9', () => {
    expect(secretBytes('jpkiSignPassword', pin('abc123')).toString()).toBe('ABC123');
    expect(secretBytes('jpkiSignPassword', pin('A'.repeat(16))).length).toBe(16);
    for (const bad of ['ABC12', 'A'.repeat(17), 'ABC-123', 'ÄBC123', 'ABC 123']) {
      expect(() => secretBytes('jpkiSignPassword', Secret.fromBytes(Buffer.from(bad, 'utf8')))).toThrow(
        expect.objectContaining({ code: 'INVALID_SECRET_FORMAT' }),
      );
    }
  });

  it('a disposed secret is refused', () => {
    const s = pin('1234');
    s.dispose();
    expect(() => secretBytes('kenhojoPin', s)).toThrow(
      expect.objectContaining({ code: 'INVALID_SECRET_FORMAT' }),
    );
  });
});

describe('SecretGuard', () => {
  it('queries the counter (spending nothing), then verifies once', async () => {
    const { card, guard } = setup(3);
    await guard.verify('kenhojoPin', pin('1234'));
    expect(card.log).toEqual(['00A4040C0AD3921000310001010408', '00200091', '0020009104+data']);
  });

  it('a wrong secret is WRONG_SECRET with the count, and the next try needs no query', async () => {
    const { card, guard } = setup(3);
    await expect(guard.verify('kenhojoPin', pin('9999'))).rejects.toMatchObject({
      code: 'WRONG_SECRET',
      retriesLeft: 2,
      details: { secret: 'kenhojoPin' },
    });
    card.log.length = 0;
    await guard.verify('kenhojoPin', pin('1234'));
    expect(card.log).toEqual(['0020009104+data']);
  });

  it('one try left: LAST_TRY_NEEDS_CONFIRMATION without sending the secret, then with confirmation', async () => {
    const { card, guard } = setup(1);
    await expect(guard.verify('kenhojoPin', pin('1234'))).rejects.toMatchObject({
      code: 'LAST_TRY_NEEDS_CONFIRMATION',
      retriesLeft: 1,
    });
    expect(card.log.some((l) => l.endsWith('+data'))).toBe(false);
    await guard.verify('kenhojoPin', pin('1234'), { confirmLastTry: true });
    expect(card.keys.get(0x91)!.tries).toBe(3);
  });

  it('a wrong last try is BLOCKED; a blocked key is never tried', async () => {
    const { card, guard } = setup(1);
    await expect(guard.verify('kenhojoPin', pin('0000'), { confirmLastTry: true })).rejects.toMatchObject({
      code: 'BLOCKED',
      retriesLeft: 0,
    });
    card.log.length = 0;
    await expect(guard.verify('kenhojoPin', pin('1234'), { confirmLastTry: true })).rejects.toMatchObject({
      code: 'BLOCKED',
    });
    expect(card.log).toEqual([]);
    const fresh = setup(0);
    await expect(
      fresh.guard.verify('kenhojoPin', pin('1234'), { confirmLastTry: true }),
    ).rejects.toMatchObject({ code: 'BLOCKED' });
    expect(fresh.card.log.some((l) => l.endsWith('+data'))).toBe(false);
  });

  it('6984 / 6983 counter answers mean blocked', async () => {
    for (const sw of [0x6984, 0x6983]) {
      const { card, guard } = setup(3, { queryAnswer: sw });
      await expect(guard.verify('kenhojoPin', pin('1234'))).rejects.toMatchObject({ code: 'BLOCKED' });
      expect(card.log.some((l) => l.endsWith('+data'))).toBe(false);
    }
  });

  it('9000 to the query ("already verified") and 6300 ("no limit") allow the VERIFY', async () => {
    for (const queryAnswer of [0x9000, 0x6300]) {
      const { guard } = setup(3, { queryAnswer });
      const state = await guard.query('kenhojoPin');
      expect(state.kind).toBe(queryAnswer === 0x9000 ? 'verified' : 'unlimited');
      await guard.verify('kenhojoPin', pin('1234'));
    }
  });

  it('an invalid format touches nothing', async () => {
    const { card, guard } = setup(3);
    await expect(guard.verify('kenhojoPin', pin('12'))).rejects.toMatchObject({
      code: 'INVALID_SECRET_FORMAT',
    });
    expect(card.log).toEqual([]);
  });

  it('forgets what it learned after a transport failure (the card may have been reset)', async () => {
    const { card, channel, guard } = setup(3);
    await guard.query('kenhojoPin');
    card.failNext = true;
    await expect(channel.send({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1 })).rejects.toMatchObject({
      code: 'CARD_IO',
    });
    card.log.length = 0;
    await guard.verify('kenhojoPin', pin('1234'));
    expect(card.log).toEqual(['00A4040C0AD3921000310001010408', '00200091', '0020009104+data']);
  });

  it('an unexpected VERIFY status is a typed error', async () => {
    const card = new KeyCard(new Map());
    const guard = new SecretGuard(new CardChannel(card));
    await expect(guard.query('jpkiAuthPin')).rejects.toBeInstanceOf(CardError);
  });
});
