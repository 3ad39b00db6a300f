import { describe, expect, it } from 'vitest';
import { isCardError, type CardErrorCode } from '../errors.ts';
import type { CardEvent } from '../transport.ts';
import { AIDS } from './card-files.ts';
import { EMULATOR_READER_NAME, EmulatorProvider } from './in-process.ts';
import { bytes, hexOf } from './test-support.ts';

const SELECT_JPKI = bytes('00A4040C0A' + hexOf(AIDS.jpki));
const sw = (r: Uint8Array) => hexOf(r.subarray(-2));

async function expectCardError(p: Promise<unknown>, code: CardErrorCode): Promise<void> {
  await p.then(
    () => expect.fail(`expected ${code}`),
    (e: unknown) => expect(isCardError(e, code), String(e)).toBe(true),
  );
}

describe('EmulatorProvider', () => {
  it('lists its reader and connects to the card', async () => {
    const provider = new EmulatorProvider({ persona: 'ordinary' });
    expect(await provider.listReaders()).toEqual([{ name: EMULATOR_READER_NAME, cardPresent: true }]);
    const t = await provider.connect();
    expect(t.readerName).toBe(EMULATOR_READER_NAME);
    expect(t.supportsExtendedApdu).toBe(false);
    expect(sw(await t.transmit(SELECT_JPKI))).toBe('9000');
    await t.close();
    await provider.close();
  });

  it('fails at once with NO_CARD when empty and waitMs is 0, TIMEOUT after waiting', async () => {
    const provider = new EmulatorProvider({ present: false });
    await expectCardError(provider.connect(), 'NO_CARD');
    await expectCardError(provider.connect({ waitMs: 30 }), 'TIMEOUT');
    await expectCardError(provider.connect({ readerFilter: 'ACS' }), 'NO_READER');
  });

  it('waits for an insertion and emits events', async () => {
    const provider = new EmulatorProvider({ present: false });
    const events: CardEvent[] = [];
    provider.onEvent((e) => events.push(e));
    const pending = provider.connect({ waitMs: 2000 });
    setTimeout(() => provider.insert('extended-apdu'), 20);
    const t = await pending;
    expect(t.supportsExtendedApdu).toBe(true);
    provider.remove();
    expect(events.map((e) => e.type)).toEqual(['card-inserted', 'card-removed']);
  });

  it('an abort signal ends the wait', async () => {
    const provider = new EmulatorProvider({ present: false });
    const ac = new AbortController();
    const p = provider.connect({ waitMs: 10_000, signal: ac.signal });
    ac.abort();
    await expectCardError(p, 'TIMEOUT');
  });

  it('a removed card fails with CARD_REMOVED, also after re-insertion on the old connection', async () => {
    const provider = new EmulatorProvider();
    const t = await provider.connect();
    provider.remove();
    await expectCardError(t.transmit(SELECT_JPKI), 'CARD_REMOVED');
    provider.insert();
    await expectCardError(t.transmit(SELECT_JPKI), 'CARD_REMOVED');
    const t2 = await provider.connect();
    expect(sw(await t2.transmit(SELECT_JPKI))).toBe('9000');
  });

  it('pullAfter(n) answers n APDUs, then the card is gone', async () => {
    const provider = new EmulatorProvider();
    const removed: string[] = [];
    provider.onEvent((e) => removed.push(e.type));
    const t = await provider.connect();
    provider.pullAfter(2);
    expect(sw(await t.transmit(SELECT_JPKI))).toBe('9000');
    expect(sw(await t.transmit(bytes('00B0860020')))).toBe('9000');
    expect(removed).toEqual(['card-removed']);
    await expectCardError(t.transmit(SELECT_JPKI), 'CARD_REMOVED');
    expect(() => provider.pullAfter(-1)).toThrow(RangeError);
  });

  it("close('unpower') forgets verification; close('leave') keeps it; counters persist", async () => {
    const provider = new EmulatorProvider({ persona: 'ordinary' });
    const verifyPin = bytes('0020009804' + Buffer.from('1234').toString('hex'));
    const wrongPin = bytes('0020009804' + Buffer.from('0000').toString('hex'));
    const query = bytes('00200098');
    let t = await provider.connect();
    await t.transmit(SELECT_JPKI);
    expect(sw(await t.transmit(wrongPin))).toBe('63C2');
    expect(sw(await t.transmit(verifyPin))).toBe('9000');
    await t.close('leave');
    t = await provider.connect();
    await t.transmit(SELECT_JPKI);
    expect(sw(await t.transmit(query))).toBe('9000');
    expect(sw(await t.transmit(wrongPin))).toBe('63C2');
    await t.close('unpower');
    t = await provider.connect();
    await t.transmit(SELECT_JPKI);
    expect(sw(await t.transmit(query))).toBe('63C2');
    expect(provider.card.triesLeft('jpkiAuthPin')).toBe(2);
    await expectCardError(provider.connect(), 'CARD_IO'); // held exclusively
    await t.close();
    await expectCardError(t.transmit(query), 'CARD_IO');
  });

  it('insert(persona) swaps the card', async () => {
    const provider = new EmulatorProvider({ persona: 'ordinary' });
    provider.insert('not-mynumber');
    const t = await provider.connect();
    expect(sw(await t.transmit(SELECT_JPKI))).toBe('6A82');
  });
});
