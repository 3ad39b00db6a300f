/**
 * Connects to the My Number Card among the readers holding a card. A kiosk may have a SAM slot, a
 * security key or a TPM virtual card that also "has a card": the first reader with a card is not
 * necessarily the resident's. Each is tried in turn (identification spends no try) until one is
 * a My Number Card; a reader filter (`--reader`, `reader.filter`) still narrows the choice.
 */
import { CardError, isCardError } from '../errors.ts';
import type { CardReaderProvider, ConnectOptions } from '../transport.ts';
import { log } from '../../util/log.ts';
import { MyNumberCard } from './my-number-card.ts';

/** A kiosk has a handful of readers; a provider that offers the same one again ends the search. */
const MAX_READERS = 8;

export async function openMyNumberCard(
  provider: CardReaderProvider,
  options: Omit<ConnectOptions, 'skipReaders'> = {},
): Promise<MyNumberCard> {
  const tried: string[] = [];
  let notMine: CardError | undefined;
  for (;;) {
    if (tried.length > MAX_READERS) throw notMine!;
    let transport;
    try {
      transport = await provider.connect({ ...options, ...(tried.length ? { skipReaders: tried } : {}) });
    } catch (e) {
      // Every card present was tried: say what the one we saw was, not "no card".
      if (notMine && (isCardError(e, 'NO_CARD') || isCardError(e, 'TIMEOUT'))) throw notMine;
      throw e;
    }
    try {
      return await MyNumberCard.open(transport);
    } catch (e) {
      // Not ours: leave that card as it was (no power-off of another program's card).
      await transport.close(isCardError(e, 'NOT_MYNUMBER_CARD') ? 'leave' : 'unpower').catch(() => undefined);
      if (!isCardError(e, 'NOT_MYNUMBER_CARD')) throw e;
      notMine ??= e;
      if (tried.includes(transport.readerName)) throw notMine;
      tried.push(transport.readerName);
      log.info('card.identify', {
        reader: transport.readerName,
        detail: 'not a My Number Card; trying the next reader',
      });
    }
  }
}
