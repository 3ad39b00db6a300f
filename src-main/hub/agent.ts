/**
 * A terminal's link to the hub while it runs (a desk's screens, `serve-sync`): connects, LISTENs,
 * and exchanges — pushes right after each local commit (`kick`), pulls as soon as another terminal
 * of the group pushes (NOTIFY), and every few seconds anyway. It never makes the terminal wait:
 * when the hub is down, slow or refuses, the terminal goes on with its local store and the agent
 * reconnects and catches up by cursor (pushes are idempotent on (group, terminal, seq)).
 */
import type pg from 'pg';
import { log } from '../util/log.ts';
import type { Store } from '../store/store.ts';
import { connectHub, redactUrl } from './connection.ts';
import { HubError } from './errors.ts';
import { HubLink, type ExchangeReport, type RejectedRow } from './link.ts';
import { HUB_CHANNEL } from './schema.ts';

export interface HubSettings {
  url: string;
  /** PEM of the hub's CA (outside loopback, when the system's CAs do not know it). */
  ca?: string;
}

export type HubState = 'connecting' | 'connected' | 'unreachable' | 'refused' | 'stopped';

export interface HubStatus {
  url: string;
  state: HubState;
  lastError?: string;
  lastExchangeAt?: string;
  pushed: number;
  pulled: number;
  rejected: RejectedRow[];
}

export interface HubAgentOptions {
  /** Called when events from other terminals were added. */
  onIngest?: (report: ExchangeReport) => void;
  /** Exchange at least this often while connected (catch-up if a NOTIFY was missed). */
  intervalMs?: number;
  /** Wait between reconnection attempts. */
  reconnectMs?: number;
  connectTimeoutMs?: number;
}

/** One exchange with a connection made for it (the CLI's `sync --once`, a command's push). */
export async function exchangeOnce(
  store: Store,
  settings: HubSettings,
  opts: { connectTimeoutMs?: number; pushOnly?: boolean } = {},
): Promise<ExchangeReport> {
  const db = await connectHub(settings.url, {
    ...(settings.ca ? { ca: settings.ca } : {}),
    connectTimeoutMs: opts.connectTimeoutMs ?? 5000,
    statementTimeoutMs: 30_000,
  });
  try {
    const link = new HubLink(store);
    if (opts.pushOnly)
      return {
        pushed: await link.push(db),
        pulled: 0,
        rejected: [],
        ingest: { added: 0, duplicates: 0, forks: [], gaps: [] },
      };
    return await link.exchange(db);
  } finally {
    await db.end().catch(() => undefined);
  }
}

export class HubAgent {
  readonly #store: Store;
  readonly #settings: HubSettings;
  readonly #opts: Required<Omit<HubAgentOptions, 'onIngest'>> & Pick<HubAgentOptions, 'onIngest'>;
  readonly #link: HubLink;
  #client: pg.Client | undefined;
  #state: HubState = 'connecting';
  #lastError: string | undefined;
  #lastExchangeAt: string | undefined;
  #pushed = 0;
  #pulled = 0;
  #stopped = false;
  #wake: (() => void) | undefined;
  #pending = false;
  #exchanged: Array<() => void> = [];
  #timer: NodeJS.Timeout | undefined;
  #loop: Promise<void> | undefined;

  constructor(store: Store, settings: HubSettings, opts: HubAgentOptions = {}) {
    this.#store = store;
    this.#settings = settings;
    this.#opts = {
      intervalMs: opts.intervalMs ?? 5000,
      reconnectMs: opts.reconnectMs ?? 2000,
      connectTimeoutMs: opts.connectTimeoutMs ?? 3000,
      ...(opts.onIngest ? { onIngest: opts.onIngest } : {}),
    };
    this.#link = new HubLink(store);
  }

  start(): void {
    if (this.#loop) return;
    this.#timer = setInterval(() => this.kick(), this.#opts.intervalMs);
    this.#timer.unref?.();
    this.#loop = this.#run();
  }

  /** Something changed (a local commit, a NOTIFY): exchange as soon as possible. */
  kick(): void {
    this.#pending = true;
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Waits for the next exchange (at most `timeoutMs`): the last-mile check before a decision. */
  async pullNow(timeoutMs: number): Promise<void> {
    if (this.#state !== 'connected') return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, timeoutMs);
      this.#exchanged.push(() => {
        clearTimeout(t);
        resolve();
      });
      this.kick();
    });
  }

  status(): HubStatus {
    return {
      url: redactUrl(this.#settings.url),
      state: this.#stopped ? 'stopped' : this.#state,
      ...(this.#lastError ? { lastError: this.#lastError } : {}),
      ...(this.#lastExchangeAt ? { lastExchangeAt: this.#lastExchangeAt } : {}),
      pushed: this.#pushed,
      pulled: this.#pulled,
      rejected: this.#link.rejected(),
    };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.kick();
    await this.#loop;
    await this.#drop();
  }

  async #run(): Promise<void> {
    this.#pending = true;
    while (!this.#stopped) {
      if (!this.#client && !(await this.#connect())) {
        await this.#sleep(this.#opts.reconnectMs);
        continue;
      }
      if (!this.#pending) await this.#sleep();
      if (this.#stopped) break;
      this.#pending = false;
      try {
        const r = await this.#link.exchange(this.#client!);
        this.#pushed += r.pushed;
        this.#pulled += r.pulled;
        this.#lastExchangeAt = new Date().toISOString();
        for (const rej of r.rejected)
          log.warn('hub.rejected', { terminal: rej.terminalId, seq: rej.seq, detail: rej.reason });
        if (r.ingest.added > 0 || r.ingest.forks.length > 0) this.#opts.onIngest?.(r);
      } catch (e) {
        this.#fail(e);
        await this.#drop();
      }
      for (const done of this.#exchanged.splice(0)) done();
    }
  }

  async #connect(): Promise<boolean> {
    try {
      const client = await connectHub(this.#settings.url, {
        ...(this.#settings.ca ? { ca: this.#settings.ca } : {}),
        connectTimeoutMs: this.#opts.connectTimeoutMs,
        statementTimeoutMs: 30_000,
      });
      const self = this.#store.terminalId;
      const group = this.#store.groupId;
      client.on('notification', (n) => {
        const [g, t] = (n.payload ?? '').split(' ');
        if (g === group && t !== self) this.kick();
      });
      // The server went away under an open connection: reconnect, then catch up.
      const lost = () => {
        if (this.#client !== client) return;
        this.#client = undefined;
        this.#state = 'unreachable';
        this.kick();
      };
      client.on('error', lost);
      client.on('end', lost);
      await client.query(`LISTEN ${HUB_CHANNEL}`);
      this.#client = client;
      this.#state = 'connected';
      this.#lastError = undefined;
      this.#pending = true; // catch up at once
      return true;
    } catch (e) {
      this.#fail(e);
      return false;
    }
  }

  #fail(e: unknown): void {
    const err = e instanceof HubError ? e : new HubError('HUB_UNREACHABLE', (e as Error).message);
    this.#state =
      err.code === 'HUB_REFUSED' || err.code === 'HUB_NOT_INITIALISED' ? 'refused' : 'unreachable';
    this.#lastError = `${err.code}: ${err.detail ?? err.message}`.slice(0, 300);
  }

  async #drop(): Promise<void> {
    const c = this.#client;
    this.#client = undefined;
    await c?.end().catch(() => undefined);
  }

  /** Until kicked, or `ms` when given. */
  #sleep(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const t = ms !== undefined ? setTimeout(() => resolve(), ms) : undefined;
      this.#wake = () => {
        if (t) clearTimeout(t);
        resolve();
      };
    });
  }
}
