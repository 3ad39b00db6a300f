import { describe, expect, it } from 'vitest';
import { EmulatorProvider } from '../emulator/in-process.ts';
import { CardError } from '../errors.ts';
import type { CardReaderProvider, ConnectOptions } from '../transport.ts';
import { openMyNumberCard } from './open-card.ts';

/** Several virtual readers behind one provider, offered in order like pcscd lists them. */
function readers(...slots: EmulatorProvider[]): CardReaderProvider & { connects: string[] } {
  const connects: string[] = [];
  return {
    connects,
    listReaders: async () => slots.map((s) => ({ name: s.readerName, cardPresent: s.present })),
    async connect(options: ConnectOptions = {}) {
      const slot = slots.find((s) => s.present && !options.skipReaders?.includes(s.readerName));
      if (!slot) throw new CardError('NO_CARD');
      connects.push(slot.readerName);
      return slot.connect();
    },
    onEvent: () => () => undefined,
    close: async () => undefined,
  };
}

describe('openMyNumberCard', () => {
  it('passes over a card that is not a My Number Card (a SAM, a transit card) to the next reader', async () => {
    const sam = new EmulatorProvider({ persona: 'not-mynumber', readerName: 'ACS SAM slot' });
    const mine = new EmulatorProvider({ persona: 'ordinary', readerName: 'Sony RC-S300' });
    const p = readers(sam, mine);
    const card = await openMyNumberCard(p);
    expect(card.readerName).toBe('Sony RC-S300');
    expect(p.connects).toEqual(['ACS SAM slot', 'Sony RC-S300']);
    // The other program's card was left powered (closed with 'leave'), ours is in use.
    expect(sam.card.powered).toBe(true);
    await card.close();
  });

  it('with only other cards present, says the card is not a My Number Card', async () => {
    const p = readers(
      new EmulatorProvider({ persona: 'not-mynumber', readerName: 'A' }),
      new EmulatorProvider({ persona: 'not-mynumber', readerName: 'B' }),
    );
    await expect(openMyNumberCard(p)).rejects.toMatchObject({ code: 'NOT_MYNUMBER_CARD' });
    expect(p.connects).toEqual(['A', 'B']);
  });
});
