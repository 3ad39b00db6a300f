/**
 * A mode's event terminal as the screens use it: closed until an operator types the passphrase at
 * the terminal, then open with LAN sync started from its stored settings (a busy port or a peer
 * that is down is reported, never fatal: the terminal works on its own meanwhile). Every call of
 * the mode runs through run(): typed errors, one log line with the action, the result code and the
 * time — never personal data. The election desk uses it; shelter reception and the fare terminal
 * will.
 */
import { existsSync } from 'node:fs';
import { Secret } from '../card/secret.ts';
import type { ApiErrorCode } from '../contract/index.ts';
import { fail, type ApiFailure } from '../contract/errors.ts';
import { isCorruptStore, isSqliteCorruption, StoreError } from '../store/errors.ts';
import type { EventTerminal } from '../store/event-terminal.ts';
import type { PeerState } from '../store/sync-agent.ts';
import { log, type LogEvent } from '../util/log.ts';
import type { HubState } from '../hub/agent.ts';
import { hubLag } from '../hub/lag.ts';

/**
 * A store error as every desk reports it: a wrong passphrase, no store here (the mode's "not set
 * up"), a damaged store, or a store that cannot be used here (the mode's "store invalid" code with
 * the store's own code). Other store errors are returned as they are.
 */
export function storeFailure(
  e: StoreError,
  mode: { notSetUp: () => ApiFailure; invalid: ApiErrorCode },
): unknown {
  if (e.code === 'WRONG_PASSPHRASE')
    return fail('WRONG_PASSPHRASE', 'The passphrase is wrong.', 'パスフレーズが違います。');
  if (e.code === 'STORE_MISSING') return mode.notSetUp();
  if (e.code === 'STORE_CORRUPT') return fail('STORE_CORRUPT', e.message, e.messageJa);
  if (['NOT_ENCRYPTED', 'WRONG_STORE', 'SCHEMA_TOO_NEW'].includes(e.code))
    return fail(mode.invalid, e.message, e.messageJa, { details: { storeCode: e.code } });
  return e;
}

/** What a mode's service must offer to be hosted: its event terminal, and closing it. */
export interface HostedService {
  readonly terminal: EventTerminal;
  close(): Promise<void>;
}

export interface TerminalHostOptions<S extends HostedService> {
  /** The log event of the mode's calls ('election.desk'). */
  logEvent: LogEvent;
  /** Where this terminal's store file is. */
  storePath: () => string;
  open: (path: string, passphrase: Secret) => Promise<S>;
  /** The errors for "no store on this terminal" and "not opened yet", in the mode's codes. */
  notSetUp: () => Error;
  notOpen: () => Error;
  /** Turns any error into what the caller gets (an ApiFailure with the mode's code). */
  toFailure: (e: unknown) => unknown;
  /** The code of a failure, for the log line. */
  failureCode: (failure: unknown, original: unknown) => string;
  /** Non-personal fields of a result for the log line (a result or match code). */
  logFields?: (out: unknown) => Record<string, string>;
  now?: () => number;
}

/** Sync as the screens show it: running, why not, and each peer. */
export interface SyncView {
  running: boolean;
  error?: string;
  peers: Array<{ url: string; state: PeerState; terminalId?: string; lastOkAt?: number }>;
  hub?: {
    state: HubState;
    lastExchangeAt?: string;
    rejected: number;
    lag: Array<{ terminalId: string; lastEventAt: string; agoSeconds: number }>;
  };
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class TerminalHost<S extends HostedService> {
  readonly #o: TerminalHostOptions<S>;
  #svc: S | undefined;
  #syncProblem: string | undefined;
  /** Wrong passphrases in a row, and when the next try is allowed. */
  #wrongOpens = 0;
  #openAllowedAt = 0;

  constructor(options: TerminalHostOptions<S>) {
    this.#o = options;
  }

  get storePath(): string {
    return this.#o.storePath();
  }

  /** The open service, if any. */
  get current(): S | undefined {
    return this.#svc;
  }

  storeFound(): boolean {
    return this.#svc !== undefined || existsSync(this.storePath);
  }

  /** The open service, or the mode's "open it first" error. */
  service(): S {
    if (!this.#svc) throw this.#o.notOpen();
    return this.#svc;
  }

  async run<T>(action: string, fn: () => Promise<T> | T): Promise<T> {
    const t0 = performance.now();
    try {
      const out = await fn();
      log.info(this.#o.logEvent, {
        action,
        ...(this.#o.logFields?.(out) ?? {}),
        ms: Math.round(performance.now() - t0),
      });
      return out;
    } catch (e) {
      // A damaged store found by a read or a write is closed at once: nothing more lands in it.
      if (isCorruptStore(e)) {
        await this.shutdown().catch((closeError: unknown) =>
          log.warn(this.#o.logEvent, { action: 'close-corrupt', error: errText(closeError) }),
        );
      }
      const mapped = this.#o.toFailure(
        isSqliteCorruption(e) ? new StoreError('STORE_CORRUPT', errText(e)) : e,
      );
      log.warn(this.#o.logEvent, { action, error: this.#o.failureCode(mapped, e) });
      throw mapped;
    }
  }

  /**
   * Opens the store with the passphrase typed at the terminal (held as a Secret and wiped at
   * once) and starts LAN sync. `opened` is false when it was open already.
   */
  async open(passphrase: string): Promise<{ service: S; opened: boolean }> {
    if (this.#svc) return { service: this.#svc, opened: false };
    const now = (this.#o.now ?? Date.now)();
    if (now < this.#openAllowedAt) {
      const retryAfterSec = Math.ceil((this.#openAllowedAt - now) / 1000);
      throw fail(
        'PASSPHRASE_LOCKED',
        `Too many wrong passphrases. Try again in ${retryAfterSec} s.`,
        `パスフレーズの誤りが続いたため、${retryAfterSec}秒後まで入力できません。`,
        { details: { retryAfterSec } },
      );
    }
    const secret = Secret.fromString(passphrase);
    let service: S;
    try {
      const path = this.storePath;
      if (!existsSync(path)) throw this.#o.notSetUp();
      service = await this.#o.open(path, secret);
    } catch (e) {
      // The store's WRONG_PASSPHRASE, or the mode's error of the same code.
      if ((e as { code?: unknown })?.code === 'WRONG_PASSPHRASE') {
        // Three tries free, then a wait that doubles (1 s, 2 s, 4 s … a minute): guessing is slow.
        this.#wrongOpens++;
        if (this.#wrongOpens >= 3) {
          this.#openAllowedAt = now + Math.min(1000 * 2 ** (this.#wrongOpens - 3), 60_000);
        }
      }
      throw e;
    } finally {
      secret.dispose();
    }
    this.#wrongOpens = 0;
    let sync: Awaited<ReturnType<EventTerminal['startStoredSync']>>;
    try {
      sync = await service.terminal.startStoredSync();
    } catch (e) {
      // Never keep a half-opened store.
      await service
        .close()
        .catch((closeError: unknown) =>
          log.warn(this.#o.logEvent, { action: 'close-half-opened', error: errText(closeError) }),
        );
      throw e;
    }
    this.#svc = service;
    this.#syncProblem = sync.problem;
    if (sync.problemCode) log.warn(this.#o.logEvent, { action: 'sync', error: sync.problemCode });
    return { service, opened: true };
  }

  /** Closes the store and stops sync (also when the kiosk shuts down). */
  async shutdown(): Promise<void> {
    const svc = this.#svc;
    this.#svc = undefined;
    this.#syncProblem = undefined;
    await svc?.close();
  }

  syncView(): SyncView {
    const svc = this.#svc;
    if (!svc) return { running: false, peers: [] };
    const sync = svc.terminal.syncStatus();
    const hub = svc.terminal.hubStatus();
    return {
      running: sync.running,
      ...(this.#syncProblem ? { error: this.#syncProblem } : {}),
      peers: sync.peers.map((p) => ({
        url: p.url,
        state: p.state,
        ...(p.terminalId ? { terminalId: p.terminalId } : {}),
        ...(p.lastOkAt !== undefined ? { lastOkAt: p.lastOkAt } : {}),
      })),
      ...(hub
        ? {
            hub: {
              state: hub.state,
              ...(hub.lastExchangeAt ? { lastExchangeAt: hub.lastExchangeAt } : {}),
              rejected: hub.rejected.length,
              lag: hubLag(svc.terminal.store).map((l) => ({
                terminalId: l.terminalId,
                lastEventAt: l.lastEventAt,
                agoSeconds: l.agoSeconds,
              })),
            },
          }
        : {}),
    };
  }
}
