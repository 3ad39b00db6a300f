/**
 * Hybrid logical clock (Kulkarni et al., 2014): a timestamp that stays close to wall time but
 * never goes backwards on a terminal and always orders an event after every event the terminal
 * had seen when it was made — even when the terminal's own clock jumps back or lags a peer's.
 *
 * Encoded as a fixed-width string so SQLite and plain string comparison sort it correctly:
 * `WWWWWWWWWWWWWWW.CCCCCC@node` — 15-digit wall milliseconds, 6-digit counter, terminal id as the
 * final tie-break (two terminals never share an id, so two events never share a timestamp).
 */
import { StoreError } from './errors.ts';

export interface Hlc {
  /** Milliseconds since the epoch (the largest wall time seen). */
  wall: number;
  /** Orders events within one millisecond (or while the wall clock stands still/goes back). */
  counter: number;
  /** The terminal that made the timestamp. */
  node: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const HLC_RE = /^(\d{15})\.(\d{6})@(.+)$/;

export function formatHlc(h: Hlc): string {
  return `${String(h.wall).padStart(WALL_DIGITS, '0')}.${String(h.counter).padStart(COUNTER_DIGITS, '0')}@${h.node}`;
}

export function parseHlc(s: string): Hlc {
  const m = HLC_RE.exec(s);
  if (!m) throw new StoreError('BAD_EVENT_FILE', `malformed HLC timestamp ${JSON.stringify(s.slice(0, 40))}`);
  return { wall: Number(m[1]), counter: Number(m[2]), node: m[3]! };
}

export function isHlc(s: unknown): s is string {
  return typeof s === 'string' && HLC_RE.test(s);
}

export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** A terminal's clock. `now` is injectable so tests can make the wall clock stall or jump. */
export class HlcClock {
  #wall = 0;
  #counter = 0;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The last timestamp issued or observed (not a new one). */
  peek(): Hlc {
    return { wall: this.#wall, counter: this.#counter, node: this.node };
  }

  /** A timestamp for a new local event: later than everything issued or received so far. */
  tick(): Hlc {
    const pt = this.now();
    if (pt > this.#wall) {
      this.#wall = pt;
      this.#counter = 0;
    } else {
      this.#bump();
    }
    return this.peek();
  }

  /**
   * Folds in a timestamp seen on another terminal's event, so the next local event orders after
   * it. Returns how far ahead of this terminal's wall clock the remote wall time was (ms, ≥ 0):
   * callers flag a large value as clock skew.
   */
  receive(remote: Hlc): number {
    const pt = this.now();
    const wall = Math.max(this.#wall, remote.wall, pt);
    if (wall === this.#wall && wall === remote.wall) {
      this.#counter = Math.max(this.#counter, remote.counter) + 1;
    } else if (wall === this.#wall) {
      this.#counter += 1;
    } else if (wall === remote.wall) {
      this.#counter = remote.counter + 1;
    } else {
      this.#counter = 0;
    }
    this.#wall = wall;
    this.#normalise();
    return Math.max(0, remote.wall - pt);
  }

  /** Starts from a persisted timestamp (the newest in the log) without issuing a new one. */
  restore(last: Hlc): void {
    if (last.wall > this.#wall || (last.wall === this.#wall && last.counter > this.#counter)) {
      this.#wall = last.wall;
      this.#counter = last.counter;
    }
  }

  #bump(): void {
    this.#counter += 1;
    this.#normalise();
  }

  /** The counter has a fixed width: on overflow borrow the next millisecond (still monotonic). */
  #normalise(): void {
    if (this.#counter > MAX_COUNTER) {
      this.#wall += 1;
      this.#counter = 0;
    }
  }
}
