/**
 * The shelter entrance's screens, as values (the store decides which one shows). Staff with a
 * queue go ready → (tap | card | search | by hand) → the household → arrive / out / back / leave →
 * ready; the dashboard and safety inquiries are one button away.
 */
export type CardProblem = 'lastTry' | 'blocked' | 'wrongCard' | 'noReader' | 'removed' | 'error';

export type ShelterScreen =
  | { id: 'loading' }
  /** No store on this laptop, or not shelter mode: what to do. */
  | { id: 'unavailable' }
  /** Staff type the store passphrase. */
  | { id: 'open' }
  /** Waiting for the next family: the card reader watched, the other ways in. */
  | { id: 'ready' }
  | { id: 'placeCard' }
  | { id: 'cardReading' }
  | { id: 'cardBno' }
  | { id: 'cardPin' }
  | { id: 'cardProblem'; problem: CardProblem }
  /** Several people fit the card or a search: staff choose. */
  | { id: 'candidates' }
  /** The card holder is not on the resident list: register by hand (pre-filled from the card). */
  | { id: 'notOnList' }
  /** The household: who is here, tick who moves. */
  | { id: 'household' }
  /** One person's needs and 安否情報 consent. */
  | { id: 'person' }
  | { id: 'search' }
  | { id: 'register' }
  | { id: 'dashboard' }
  | { id: 'safety' };

export type ShelterScreenId = ShelterScreen['id'];

/** Screen id → the name of its diagnostics mark (lower case, as the contract requires). */
export function markName(id: ShelterScreenId): string {
  return `transition:shelter-${id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
