/**
 * Damaged answers from the card or the reader (faulty-transport.ts): each behaviour that once broke
 * the stack, then a seeded slice of the fuzz (`npm run fuzz:card` runs 100,000 cases). Every case
 * must end in a result or a typed CardError, in bounded time, and never send a VERIFY twice.
 */
import { describe, expect, it } from 'vitest';
import { countersIntact, runCase, type CaseResult } from '../../test/helpers/card-fuzz.ts';
import { createVirtualCard } from './emulator/create-card.ts';
import { FaultyTransport, type Fault } from './emulator/faulty-transport.ts';
import { MyNumberCard } from './myna/my-number-card.ts';
import { Secret } from './secret.ts';
import { CardError } from './errors.ts';

const headers = (t: FaultyTransport) =>
  t.sent.map((s) => Buffer.from(s.command.subarray(0, 4)).toString('hex'));
const verifiesWithData = (t: FaultyTransport) =>
  t.sent.filter((s) => s.command[1] === 0x20 && s.command.length > 5).length;

function transport(faults: Record<number, Fault>, persona = 'ordinary'): FaultyTransport {
  return new FaultyTransport(
    createVirtualCard(persona),
    new Map(Object.entries(faults).map(([k, v]) => [+k, v])),
  );
}

async function failure(p: Promise<unknown>): Promise<CardError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CardError);
  return e as CardError;
}

// APDU order without faults — cert: 0 SELECT JPKI, 1 token, 2 cert by SFI, 3–5 cert by offset.
// PIN read: 0 SELECT JPKI, 1 token, 2 SELECT Kenhojo, 3 counter, 4 VERIFY, 5 EF 0002, 6 EF 0001.
describe('damaged answers', () => {
  it('a reset in the middle of a certificate read: select again, read on, same certificate', async () => {
    const clean = await (await MyNumberCard.open(transport({}))).readCertificate('auth');
    const t = transport({ 3: { kind: 'reset' } });
    const cert = await (await MyNumberCard.open(t)).readCertificate('auth');
    expect(cert.sha256).toBe(clean.sha256);
    // The reset read, then SELECT JPKI, SELECT EF 000A, and the same read once more.
    expect(headers(t).slice(3, 7)).toEqual(['00b00100', '00a4040c', '00a4020c', '00b00100']);
  });

  it('a reset after the PIN was verified stops the read (the PIN is never sent again)', async () => {
    const t = transport({ 5: { kind: 'reset' } });
    const card = await MyNumberCard.open(t);
    const e = await failure(card.readWithPin(Secret.fromString('1234'), { myNumber: true }));
    expect(e.code).toBe('CARD_IO');
    expect(e.details.reset).toBe(true);
    expect(verifiesWithData(t)).toBe(1);
    expect(t.sent).toHaveLength(6);
  });

  it('6Cxx answering a VERIFY does not make the stack send the PIN again', async () => {
    const t = transport({ 4: { kind: 'sw', sw: 0x6c04 } });
    const card = await MyNumberCard.open(t);
    await failure(card.readWithPin(Secret.fromString('1234')));
    expect(verifiesWithData(t)).toBe(1);
  });

  it('a card that answers 61xx for ever is given up after a bounded number of GET RESPONSEs', async () => {
    const t = transport({ 2: { kind: 'more-data-loop', announce: 1 } });
    const card = await MyNumberCard.open(t);
    const e = await failure(card.readCertificate('auth'));
    expect(e.code).toBe('BAD_RESPONSE');
    expect(t.sent.length).toBeLessThan(270);
  });

  it('a garbled answer to SELECT JPKI is "place it again", a refusal is "not a My Number Card"', async () => {
    expect((await failure(MyNumberCard.open(transport({ 0: { kind: 'sw', sw: 0x1234 } })))).code).toBe(
      'BAD_RESPONSE',
    );
    expect((await failure(MyNumberCard.open(transport({ 0: { kind: 'sw', sw: 0x6d00 } })))).code).toBe(
      'NOT_MYNUMBER_CARD',
    );
  });

  it('a card that refuses extended reads (6700) is read with short APDUs, one refusal per session', async () => {
    const t = new FaultyTransport(createVirtualCard('ordinary'), new Map(), true);
    const card = await MyNumberCard.open(t);
    const info = await card.readWithPin(Secret.fromString('1234'), { myNumber: true });
    expect(info.name).toBe('山田　太郎');
    expect(card.channel.supportsExtendedApdu).toBe(false);
    const extendedReads = t.sent.filter((s) => s.command[1] === 0xb0 && s.command.length === 7);
    expect(extendedReads).toHaveLength(1);
  });

  it('a card and reader with extended APDUs read each Kenhojo file in one APDU', async () => {
    const t = new FaultyTransport(createVirtualCard('extended-apdu'), new Map());
    const card = await MyNumberCard.open(t);
    await card.readWithPin(Secret.fromString('8888'), { myNumber: true });
    expect(card.channel.supportsExtendedApdu).toBe(true);
    // SELECT JPKI, token, SELECT Kenhojo, counter, VERIFY, EF 0002, EF 0001.
    expect(t.sent).toHaveLength(7);
  });

  it('a certificate whose public key is damaged is BAD_RESPONSE, not an OpenSSL error', async () => {
    // Seed 3461: one flipped byte inside the key of a certificate that still parses.
    const r = await runCase(3461);
    expect([r.flow, r.outcome, r.detail]).toEqual(['cert', 'card-error', 'BAD_RESPONSE']);
  });
});

describe('card stack fuzz (seeded)', () => {
  it('3,000 cases: no crash, no hang, no re-sent VERIFY, counters untouched', async () => {
    const bad: CaseResult[] = [];
    const outcomes: Record<string, number> = {};
    for (let seed = 1; seed <= 3000; seed++) {
      const r = await runCase(seed, 3000);
      outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
      if (r.outcome !== 'ok' && r.outcome !== 'card-error') bad.push(r);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(countersIntact()).toEqual([]);
    // The faults must bite: many cases end in a typed error, many survive them.
    expect(outcomes['card-error']).toBeGreaterThan(800);
    expect(outcomes['ok']).toBeGreaterThan(800);
  }, 60_000);
});
