/**
 * Operator (staff) login: the operator PIN, checked against its scrypt hash, gives a random token
 * valid for `operator.sessionMinutes`. Five wrong PINs in a row lock logins for five minutes, and
 * each further lockout without a right PIN in between doubles the lock (up to an hour), so a
 * resident cannot guess the PIN at an unattended kiosk. Logins are checked one at a time: many
 * requests sent at once cannot all pass the lock check before the first wrong PIN is counted.
 * Tokens live in memory only. Failed logins are logged (never the PIN).
 */
import { randomBytes } from 'node:crypto';
import { fail } from '../contract/errors.ts';
import { withSecret, type Secret } from '../card/secret.ts';
import { log } from '../util/log.ts';
import type { ConfigService } from './config-service.ts';
import { verifyOperatorPin } from './operator-pin.ts';

export const MAX_OPERATOR_TRIES = 5;
export const OPERATOR_LOCK_MS = 5 * 60_000;
export const OPERATOR_MAX_LOCK_MS = 60 * 60_000;

export class OperatorService {
  readonly #config: ConfigService;
  readonly #now: () => number;
  readonly #tokens = new Map<string, number>();
  #failures = 0;
  #lockedUntil = 0;
  /** Lockouts since the last right PIN: each doubles the next lock. */
  #lockouts = 0;
  /** The login in progress: the next one starts when it has settled. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(config: ConfigService, now: () => number = Date.now) {
    this.#config = config;
    this.#now = now;
  }

  /** Takes ownership of the PIN secret (disposed here). */
  login(pin: Secret): Promise<{ token: string; expiresAt: string }> {
    const run = this.#queue.then(() => this.#login(pin));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #lockedError(now: number): Error {
    const retryAfterSec = Math.ceil((this.#lockedUntil - now) / 1000);
    return fail(
      'OPERATOR_LOCKED',
      `Too many wrong operator PINs. Try again in ${retryAfterSec} s.`,
      `職員用暗証番号の誤りが続いたため、${Math.ceil(retryAfterSec / 60)}分後まで入力できません。`,
      { details: { retryAfterSec } },
    );
  }

  async #login(pin: Secret): Promise<{ token: string; expiresAt: string }> {
    return withSecret(pin, async (p) => {
      if (this.#now() < this.#lockedUntil) {
        log.warn('operator.login', { result: 'locked' });
        throw this.#lockedError(this.#now());
      }
      const hash = this.#config.config.operator.pinHash;
      if (!hash) {
        throw fail(
          'UNAUTHORIZED',
          'No operator PIN is set on this terminal. Set one with `kakanai config set-pin`.',
          'この端末には職員用暗証番号が設定されていません（kakanai config set-pin で設定）。',
        );
      }
      const right = await verifyOperatorPin(p, hash);
      const now = this.#now();
      if (!right) {
        this.#failures++;
        const retriesLeft = Math.max(0, MAX_OPERATOR_TRIES - this.#failures);
        if (retriesLeft === 0) {
          this.#lockouts++;
          const lockMs = Math.min(OPERATOR_LOCK_MS * 2 ** (this.#lockouts - 1), OPERATOR_MAX_LOCK_MS);
          this.#lockedUntil = now + lockMs;
          this.#failures = 0;
          log.warn('operator.login', { result: 'wrong', retriesLeft, lockedForSec: lockMs / 1000 });
        } else {
          log.warn('operator.login', { result: 'wrong', retriesLeft });
        }
        throw fail(
          'WRONG_OPERATOR_PIN',
          `The operator PIN is wrong. ${retriesLeft} attempt(s) left.`,
          `職員用暗証番号が違います。あと${retriesLeft}回入力できます。`,
          {
            retriesLeft,
          },
        );
      }
      // A lock set while this PIN was being checked still holds.
      if (now < this.#lockedUntil) throw this.#lockedError(now);
      this.#failures = 0;
      this.#lockouts = 0;
      const token = randomBytes(24).toString('base64url');
      const expires = now + this.#config.config.operator.sessionMinutes * 60_000;
      this.#tokens.set(token, expires);
      log.info('operator.login', { result: 'ok' });
      return { token, expiresAt: new Date(expires).toISOString() };
    });
  }

  logout(token: string): void {
    this.#tokens.delete(token);
  }

  /** Throws UNAUTHORIZED unless the token is live. */
  require(token: string): void {
    const expires = this.#tokens.get(token);
    if (expires === undefined || expires <= this.#now()) {
      if (expires !== undefined) this.#tokens.delete(token);
      throw fail('UNAUTHORIZED', 'Operator login required.', '職員の認証が必要です。');
    }
  }

  /** Ends every operator login (e.g. on PIN change). */
  logoutAll(): void {
    this.#tokens.clear();
  }
}
