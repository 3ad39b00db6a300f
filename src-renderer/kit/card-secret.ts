/**
 * The card-secret flow, once for every mode: identify the card → PIN or 照合番号B → tries left →
 * a last try needs a confirmation → blocked → card removed. A mode supplies what differs: its
 * screens for each step, its messages, and the call that reads the card with the secret (the
 * counter reads the resident's data, the election desk looks the voter up).
 *
 * The secret itself never enters any store: the entry screen passes it to submit(), which hands it
 * to the read call and forgets it.
 */
import type { KioskClient } from '../api/client.ts';
import type { ApiError, CallInput, Result } from '../../src-main/contract/index.ts';

type BnoParts = Extract<CallInput<'card.read'>, { method: 'bno' }>['bno'];

export type SecretMethod = 'pin' | 'bno';
export type Retries = { pin: number | null; bno: number | null };
export type Secret = { method: 'pin'; pin: string } | { method: 'bno'; bno: BnoParts };
export type CardProblem = 'noReader' | 'wrongCard' | 'removed' | 'blocked' | 'lastTry' | 'error';

/** Where the flow takes the person next; each mode shows its own screen for it. */
export type CardStep =
  | { step: 'reading' }
  | { step: 'placeCard' }
  | { step: 'entry'; method: SecretMethod }
  | { step: 'problem'; problem: CardProblem; method: SecretMethod };

/** The flow's own state, kept in the mode's store. */
export interface CardSecretState {
  retries: Retries | null;
  /** The person confirmed the last try; good for one attempt. */
  lastTryConfirmed: boolean;
}

export interface CardSecretHost<T> {
  client: Pick<KioskClient, 'call'>;
  /** The secret this person uses now. */
  method(): SecretMethod;
  state(): CardSecretState;
  update(patch: Partial<CardSecretState>): void;
  show(step: CardStep): void;
  /** The card is (not) being talked to: screens disable their buttons. */
  busy(on: boolean): void;
  /** An error with no step of its own (shown on the problem screen), or null to clear. */
  tell(error: ApiError | null): void;
  /** A wrong secret: tries left for that method (null = the card did not say). */
  wrongSecret(method: SecretMethod, left: number | null): void;
  /** Reads the card with the secret. */
  read(secret: Secret, confirmLastTry: boolean): Promise<Result<T>>;
  /** The read succeeded. */
  done(value: T): void;
  /** identify() found the card and its tries (before any entry screen): for timing marks. */
  identified?(retries: Retries): void;
  /** Errors the mode deals with itself (the desk's store was locked…); true = dealt with. */
  intercept?(error: ApiError): boolean;
  /** identify again (the mode's own action, with its guards): the card reader was busy. */
  identifyAgain(): void;
  /** Wait before identifying a just-placed card again after an I/O error. */
  settleMs?: number;
  sleep?: (ms: number) => Promise<void>;
  setTimeout?: (fn: () => void, ms: number) => void;
}

/** The card errors with a step of their own; the rest are problem 'error' with the message. */
const STEP_FOR: Partial<Record<ApiError['code'], (m: SecretMethod) => CardStep>> = {
  NO_CARD: () => ({ step: 'placeCard' }),
  NO_READER: (method) => ({ step: 'problem', problem: 'noReader', method }),
  NOT_MYNUMBER_CARD: (method) => ({ step: 'problem', problem: 'wrongCard', method }),
  CARD_REMOVED: (method) => ({ step: 'problem', problem: 'removed', method }),
  BLOCKED: (method) => ({ step: 'problem', problem: 'blocked', method }),
  LAST_TRY_NEEDS_CONFIRMATION: (method) => ({ step: 'problem', problem: 'lastTry', method }),
};

/** Errors of a card that was just placed and may not be seated yet: identify quietly again. */
const SETTLING = new Set<ApiError['code']>(['CARD_IO', 'BAD_RESPONSE', 'TIMEOUT']);
const SETTLE_RETRIES = 2;
const BUSY_RETRY_MS = 500;

export interface CardSecretFlow {
  /** Asks the card who it is and its tries left, then shows the entry (or why not). */
  identify(): Promise<Retries | null>;
  /** The entry for the current method, after checking its tries (fresh ones save a card call). */
  toEntry(fresh?: Retries): Promise<void>;
  /** The person confirmed the last try. */
  confirmLastTry(): void;
  submit(secret: Secret): Promise<void>;
  /** The card left the reader in the middle of the flow. */
  removed(): void;
}

export function createCardSecretFlow<T>(host: CardSecretHost<T>): CardSecretFlow {
  const sleep = host.sleep ?? ((ms: number) => new Promise<void>((res) => setTimeout(res, ms)));
  const later = host.setTimeout ?? ((fn: () => void, ms: number) => void setTimeout(fn, ms));

  const problem = (error: ApiError, method: SecretMethod = host.method()) => {
    host.busy(false);
    const to = STEP_FOR[error.code];
    if (to) return host.show(to(method));
    host.tell(error);
    host.show({ step: 'problem', problem: 'error', method });
  };

  const afterTries = (retries: Retries) => {
    const m = host.method();
    host.update({ retries });
    host.busy(false);
    const left = retries[m];
    if (left === 0) return host.show({ step: 'problem', problem: 'blocked', method: m });
    if (left === 1 && !host.state().lastTryConfirmed) {
      return host.show({ step: 'problem', problem: 'lastTry', method: m });
    }
    host.show({ step: 'entry', method: m });
  };

  const flow: CardSecretFlow = {
    async identify() {
      host.show({ step: 'reading' });
      let r = await host.client.call('card.identify', {});
      // Identifying spends no try: a card still being seated gets a quiet second chance.
      for (let i = 0; i < SETTLE_RETRIES && !r.ok && SETTLING.has(r.error.code); i++) {
        await sleep(host.settleMs ?? 400);
        r = await host.client.call('card.identify', {});
      }
      if (!r.ok) {
        if (r.error.code === 'CARD_BUSY') {
          host.busy(false);
          later(() => host.identifyAgain(), BUSY_RETRY_MS);
          return null;
        }
        problem(r.error);
        return null;
      }
      const retries = r.value.retries;
      host.identified?.(retries);
      await flow.toEntry(retries[host.method()] === null ? undefined : retries);
      return retries;
    },

    async toEntry(fresh) {
      if (fresh) return afterTries(fresh);
      const r = await host.client.call('card.retries', {});
      if (!r.ok) return problem(r.error);
      afterTries(r.value);
    },

    confirmLastTry() {
      host.update({ lastTryConfirmed: true });
      host.show({ step: 'entry', method: host.method() });
    },

    async submit(secret) {
      host.busy(true);
      const r = await host.read(secret, host.state().lastTryConfirmed);
      host.busy(false);
      if (r.ok) {
        host.update({ lastTryConfirmed: false });
        return host.done(r.value);
      }
      const error = r.error;
      if (host.intercept?.(error)) return;
      // A confirmation covers one attempt.
      host.update({ lastTryConfirmed: false });
      const m = secret.method;
      if (error.code !== 'WRONG_SECRET') return problem(error, m);
      const left = error.retriesLeft ?? null;
      host.update({ retries: { ...(host.state().retries ?? { pin: null, bno: null }), [m]: left } });
      host.wrongSecret(m, left);
      if (left === 0) return host.show({ step: 'problem', problem: 'blocked', method: m });
      if (left === 1) return host.show({ step: 'problem', problem: 'lastTry', method: m });
      host.show({ step: 'entry', method: m });
    },

    removed() {
      host.busy(false);
      host.update({ lastTryConfirmed: false });
      host.show({ step: 'problem', problem: 'removed', method: host.method() });
    },
  };
  return flow;
}
