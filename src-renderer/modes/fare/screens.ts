/**
 * The fare terminal's screens, as values (the store decides which one shows).
 *
 * In a vehicle: ready (tap the card) → green (the fare on the pad) → done, or red (why); a second
 * tap within a minute asks first (repeat). At city hall: ready (place the card) → the card's
 * numbers → eligibility explained, categories, consent → registered; a lost card is blocked.
 */
import type { FareRefusal } from '../../../src-main/contract/index.ts';
import type { DeskCardScreen } from '../../kit/desk-card.ts';

export type RideRefusal = FareRefusal | 'REPEAT_NEEDS_CONFIRMATION';

export type FareScreen =
  | { id: 'loading' }
  | { id: 'unavailable' }
  | { id: 'open' }
  /** Vehicle: waiting for a tap. City hall: waiting for a card. */
  | { id: 'ready' }
  | { id: 'tapping' }
  /** May ride: the driver enters the metered fare. */
  | { id: 'green' }
  /** The same card rode less than a minute ago: record a second ride? */
  | { id: 'repeat' }
  | { id: 'red'; reason: RideRefusal }
  /** The ride is recorded: subsidy and what the passenger pays. */
  | { id: 'done' }
  | DeskCardScreen
  | { id: 'eligibility' }
  | { id: 'registered' }
  | { id: 'block' };

export type FareScreenId = FareScreen['id'];

/** Screen id → the name of its diagnostics mark (lower case, as the contract requires). */
export function markName(id: FareScreenId): string {
  return `transition:fare-${id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
