/**
 * The election desk's screens, as values (the store decides which one shows). A poll worker with
 * a queue goes ready → (card | barcode | manual search) → one result → record → ready.
 */
export type DeskScreen =
  | { id: 'loading' }
  /** No store on this terminal, or not election mode: what to do. */
  | { id: 'unavailable' }
  /** The operator types the store passphrase. */
  | { id: 'open' }
  /** Waiting for the next voter: barcode field focused, card reader watched. */
  | { id: 'ready' }
  | { id: 'placeCard' }
  | { id: 'cardReading' }
  | { id: 'cardBno' }
  | { id: 'cardPin' }
  /** Last try, blocked, not a My Number Card, no reader, card removed, other card errors. */
  | { id: 'cardProblem'; problem: CardProblem }
  | { id: 'search' }
  /** Several voters fit: side by side. */
  | { id: 'candidates' }
  /** The one unmistakable result. */
  | { id: 'result' }
  /** 期日前: the reason. */
  | { id: 'reason' }
  /** 期日前: the 宣誓書 printing; the worker confirms the ballot was handed over. */
  | { id: 'senseisho' }
  | { id: 'undo' }
  | { id: 'stats' }
  | { id: 'conflicts' };

export type DeskScreenId = DeskScreen['id'];

export type CardProblem = 'lastTry' | 'blocked' | 'wrongCard' | 'noReader' | 'removed' | 'error';

/** Which of the four result panels a voter (or no voter) gets. */
export type ResultKind = 'ok' | 'voted' | 'wrongStation' | 'none';

/** Screen id → the name used in diagnostics marks (lower case, as the contract requires). */
export function markName(id: DeskScreenId): string {
  return `transition:election-${id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
