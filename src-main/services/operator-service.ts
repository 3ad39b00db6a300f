/**
 * Operator (staff) login: the operator PIN, checked against its scrypt hash, gives a random token
 * valid for `operator.sessionMinutes`. Five wrong PINs in a row lock logins for five minutes, so
 * a resident cannot guess the PIN at an unattended kiosk. Tokens live in memory only.
 */
import { randomBytes } from 'node:crypto';
import { fail } from '../contract/errors.ts';
import { withSecret, type Secret } from '../card/secret.ts';
import type { ConfigService } from './config-service.ts';
import { verifyOperatorPin } from './operator-pin.ts';

export const MAX_OPERATOR_TRIES = 5;
export const OPERATOR_LOCK_MS = 5 * 60_000;

export class OperatorService {
  readonly #config: ConfigService;
  readonly #now: () => number;
  readonly #tokens = new Map<string, number>();
  #failures = 0;
  #lockedUntil = 0;

  constructor(config: ConfigService, now: () => number = Date.now) {
    this.#config = config;
    this.#now = now;
  }

  /** Takes ownership of the PIN secret (disposed here). */
  async login(pin: Secret): Promise<{ token: string; expiresAt: string }> {
    return withSecret(pin, async (p) => {
      const now = this.#now();
      if (now < this.#lockedUntil) {
        const retryAfterSec = Math.ceil((this.#lockedUntil - now) / 1000);
        throw fail(
          'OPERATOR_LOCKED',
          `Too many wrong operator PINs. Try again in ${retryAfterSec} s.`,
          `職員用暗証番号の誤りが続いたため、${Math.ceil(retryAfterSec / 60)}分後まで入力できません。`,
          { details: { retryAfterSec } },
        );
      }
      const hash = this.#config.config.operator.pinHash;
      if (!hash) {
        throw fail(
          'UNAUTHORIZED',
          'No operator PIN is set on this terminal. Set one with `kakanai config set-pin`.',
          'この端末には職員用暗証番号が設定されていません（kakanai config set-pin で設定）。',
        );
      }
      if (!(await verifyOperatorPin(p, hash))) {
        this.#failures++;
        const retriesLeft = Math.max(0, MAX_OPERATOR_TRIES - this.#failures);
        if (retriesLeft === 0) {
          this.#lockedUntil = now + OPERATOR_LOCK_MS;
          this.#failures = 0;
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
      this.#failures = 0;
      const token = randomBytes(24).toString('base64url');
      const expires = now + this.#config.config.operator.sessionMinutes * 60_000;
      this.#tokens.set(token, expires);
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
