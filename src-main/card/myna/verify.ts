/**
 * VERIFY with lockout protection (spec §3). For every secret:
 *   1. the format is checked before anything is sent (INVALID_SECRET_FORMAT, the card untouched);
 *   2. the retry counter is known first — queried with an empty VERIFY `00 20 00 (80|SFI)`, which
 *      spends nothing, unless this session already learned it from a query or a VERIFY answer;
 *   3. 0 tries → BLOCKED; 1 try → LAST_TRY_NEEDS_CONFIRMATION unless the caller confirmed;
 *   4. exactly one VERIFY `00 20 00 (80|SFI) Lc <ASCII>` — never retried by itself;
 *      a wrong secret is WRONG_SECRET {retriesLeft}, a now-blocked one BLOCKED.
 * The counter cache is safe because the connection is exclusive: only our own VERIFYs change it,
 * and any transport failure (reset, removal) discards it.
 */
import { classifySw, swError, swHex } from '../apdu.ts';
import type { CardChannel } from '../channel.ts';
import { CardError, type SecretKind } from '../errors.ts';
import type { Secret } from '../secret.ts';
import { log } from '../../util/log.ts';
import { AID, SECRET_SPECS, sfiRef } from './aids.ts';

export type RetryState =
  /** `retriesLeft` tries remain (0 = blocked). */
  | { kind: 'count'; retriesLeft: number }
  /** Empty VERIFY answered 9000: verified in this power session (counter then at its maximum). */
  | { kind: 'verified' }
  /** 6300: the key has no retry limit. */
  | { kind: 'unlimited' };

/** As a number for display: tries left, or null when the card gives no count (verified / unlimited). */
export function retriesLeftOf(s: RetryState): number | null {
  return s.kind === 'count' ? s.retriesLeft : null;
}

/** Checks a secret's shape and returns the exact bytes to send (a copy the caller must zero). */
export function secretBytes(kind: SecretKind, secret: Secret): Buffer {
  const bad = (detail: string) => new CardError('INVALID_SECRET_FORMAT', { secret: kind, detail });
  if (secret.disposed) throw bad('the secret was already used');
  const digits = (n: number) => {
    if (secret.length !== n || !secret.isDigits()) throw bad(`expected ${n} digits`);
    return secret.use((b) => Buffer.from(b));
  };
  switch (kind) {
    case 'kenhojoPin':
    case 'jpkiAuthPin':
      return digits(4);
    case 'kenhojoB':
      return digits(14);
    case 'jpkiSignPassword': {
      // Compared byte-exact by the card: upper-case before sending.
      const out = secret.use((b) => Buffer.from(b));
      for (let i = 0; i < out.length; i++) if (out[i]! >= 0x61 && out[i]! <= 0x7a) out[i]! -= 0x20;
      const ok =
        out.length >= 6 &&
        out.length <= 16 &&
        out.every((c) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a));
      if (!ok) {
        out.fill(0);
        throw bad('expected 6–16 characters A–Z 0–9');
      }
      return out;
    }
  }
}

/** Throws INVALID_SECRET_FORMAT when `secret` cannot be a `kind` (nothing is sent). */
export function assertSecretFormat(kind: SecretKind, secret: Secret): void {
  secretBytes(kind, secret).fill(0);
}

export interface VerifyOptions {
  /** The user confirmed trying although only one try is left. */
  confirmLastTry?: boolean;
}

export class SecretGuard {
  readonly #channel: CardChannel;
  readonly #known = new Map<SecretKind, RetryState>();
  #generation: number;

  constructor(channel: CardChannel) {
    this.#channel = channel;
    this.#generation = channel.transportFailures;
  }

  #cache(): Map<SecretKind, RetryState> {
    if (this.#channel.transportFailures !== this.#generation) {
      this.#known.clear();
      this.#generation = this.#channel.transportFailures;
    }
    return this.#known;
  }

  /** Asks the card (empty VERIFY, spends nothing). Selects the secret's AP if needed. */
  async query(kind: SecretKind): Promise<RetryState> {
    const spec = SECRET_SPECS[kind];
    await this.#channel.selectAp(AID[spec.ap], `SELECT ${spec.ap}`);
    const what = `VERIFY (counter) ${spec.ef.toString(16).padStart(4, '0')}`;
    const res = await this.#channel.send({ cla: 0x00, ins: 0x20, p1: 0x00, p2: sfiRef(spec.ef) }, { what });
    const c = classifySw(res.sw);
    let state: RetryState;
    if (c.kind === 'retries') state = { kind: 'count', retriesLeft: c.retriesLeft };
    else if (c.kind === 'blocked') state = { kind: 'count', retriesLeft: 0 };
    else if (c.kind === 'ok') state = { kind: 'verified' };
    else if (c.kind === 'no-count') state = { kind: 'unlimited' };
    else throw swError(res.sw, what, kind);
    this.#cache().set(kind, state);
    return state;
  }

  /** The retry state known in this session, else queried. */
  async state(kind: SecretKind): Promise<RetryState> {
    return this.#cache().get(kind) ?? this.query(kind);
  }

  /**
   * Verifies `secret` for `kind` with lockout protection (see the file comment). Does not dispose
   * the secret: the caller owns it. Leaves the secret's AP selected.
   */
  async verify(kind: SecretKind, secret: Secret, opts: VerifyOptions = {}): Promise<void> {
    const bytes = secretBytes(kind, secret);
    try {
      const spec = SECRET_SPECS[kind];
      const state = await this.state(kind);
      if (state.kind === 'count' && state.retriesLeft === 0) {
        throw new CardError('BLOCKED', { secret: kind, retriesLeft: 0 });
      }
      if (state.kind === 'count' && state.retriesLeft === 1 && opts.confirmLastTry !== true) {
        throw new CardError('LAST_TRY_NEEDS_CONFIRMATION', { secret: kind, retriesLeft: 1 });
      }
      await this.#channel.selectAp(AID[spec.ap], `SELECT ${spec.ap}`);
      const what = `VERIFY ${spec.ef.toString(16).padStart(4, '0')}`;
      const res = await this.#channel.send(
        { cla: 0x00, ins: 0x20, p1: 0x00, p2: sfiRef(spec.ef), data: bytes },
        { what },
      );
      const c = classifySw(res.sw);
      log.info('card.verify', { key: kind, sw: swHex(res.sw) });
      if (c.kind === 'ok') {
        this.#cache().set(kind, { kind: 'verified' });
        return;
      }
      this.#cache().delete(kind);
      if (c.kind === 'retries') {
        this.#cache().set(kind, { kind: 'count', retriesLeft: c.retriesLeft });
        throw new CardError('WRONG_SECRET', { secret: kind, retriesLeft: c.retriesLeft, sw: swHex(res.sw) });
      }
      if (c.kind === 'blocked') {
        this.#cache().set(kind, { kind: 'count', retriesLeft: 0 });
        throw new CardError('BLOCKED', { secret: kind, retriesLeft: 0, sw: swHex(res.sw) });
      }
      if (c.kind === 'no-count') throw new CardError('WRONG_SECRET', { secret: kind, sw: swHex(res.sw) });
      throw swError(res.sw, what, kind);
    } finally {
      bytes.fill(0);
    }
  }
}
