/**
 * How a CLI command gets a card: the real PC/SC readers by default, or the in-process virtual
 * card with `--emulator PERSONA`; `--reader` filters readers, `--wait` waits for a card,
 * `--extended auto|always|never` chooses extended-length APDUs (default auto: when the reader says so).
 * The card is always released with power-off so verified secrets do not outlive the command.
 */
import type { MyNumberCard } from '../card/myna/my-number-card.ts';
import { openMyNumberCard } from '../card/myna/open-card.ts';
import { PcscProvider } from '../card/pcsc/pcsc-provider.ts';
import type { CardReaderProvider } from '../card/transport.ts';
import { optNumber, optString, UsageError, type CommandContext } from './command.ts';

/** Options every card command accepts. */
export const CARD_OPTIONS = {
  reader: { type: 'string' },
  wait: { type: 'string' },
  emulator: { type: 'string' },
  extended: { type: 'string' },
  'confirm-last-try': { type: 'boolean', default: false },
} as const;

export async function openProvider(ctx: CommandContext): Promise<CardReaderProvider> {
  const persona = optString(ctx, 'emulator');
  if (persona !== undefined) {
    const { EmulatorProvider } = await import('../card/emulator/in-process.ts');
    return new EmulatorProvider({ persona });
  }
  const extended = optString(ctx, 'extended') ?? 'auto';
  if (extended !== 'auto' && extended !== 'always' && extended !== 'never') {
    throw new UsageError(`--extended must be auto, always or never (got "${extended}")`);
  }
  return new PcscProvider({ extendedApdu: extended });
}

export function confirmLastTry(ctx: CommandContext): boolean {
  return ctx.values['confirm-last-try'] === true;
}

/** Connects (waiting if asked), identifies the My Number Card, runs `fn`, and always releases it. */
export async function withCard<T>(ctx: CommandContext, fn: (card: MyNumberCard) => Promise<T>): Promise<T> {
  const provider = await openProvider(ctx);
  try {
    const waitSeconds = optNumber(ctx, 'wait') ?? 0;
    const filter = optString(ctx, 'reader');
    const card = await openMyNumberCard(provider, {
      ...(filter ? { readerFilter: filter } : {}),
      waitMs: waitSeconds * 1000,
    });
    try {
      return await fn(card);
    } finally {
      await card.close();
    }
  } finally {
    await provider.close();
  }
}
