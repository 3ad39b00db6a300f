/**
 * The event terminal every store-keeping mode shares (election desk now, shelter and fare next):
 * one encrypted store opened with the passphrase, this terminal's identity in its group, and the
 * three ways its events meet the other terminals' — encrypted files on a USB stick
 * (export/merge), LAN sync (serve own events, pull the peers'), and whatever the mode adds later.
 * The mode keeps its own tables, projections and conflict rules; this keeps the plumbing, once.
 *
 * LAN settings (port, peers) are stored in the store's meta under `<kind>.sync_port` and
 * `<kind>.sync_peers`, so the CLI sets them once and the screens start sync on open.
 */
import type { Secret } from '../card/secret.ts';
import { exportEventFile, importEventFile, type ExportResult } from './event-file.ts';
import type { IngestReport } from './event-log.ts';
import { StoreError } from './errors.ts';
import { HubError } from '../hub/errors.ts';
import { removeStoreFiles, Store, type StoreModule } from './store.ts';
import { SyncAgent, type PeerStatus } from './sync-agent.ts';
import { startSyncServer, type SyncServer } from './sync-server.ts';
import { exchangeOnce, HubAgent, type HubSettings, type HubStatus } from '../hub/agent.ts';
import { clientConfig } from '../hub/connection.ts';
import type { ExchangeReport } from '../hub/link.ts';
import { log } from '../util/log.ts';

/** What a mode tells the event terminal about its store. */
export interface TerminalKind {
  /** The store's kind ('election', 'shelter', 'fare'): a store of another kind is refused. */
  kind: string;
  modules: readonly StoreModule[];
  /** Facts peers should see to warn about mismatched set-ups (e.g. the roll's digest). */
  peerInfo?: (store: Store) => Record<string, string>;
}

export interface TerminalIdentity {
  terminalId: string;
  /** The group shares events and keys (every desk of one election, every laptop of one shelter). */
  groupId: string;
  /** The group's set-up code (keys.ts); absent when this is the group's first terminal. */
  groupSalt?: string;
}

export interface SyncSettings {
  port?: number;
  peers: string[];
}

export interface SyncOptions {
  port: number;
  /** Default 0.0.0.0 (the LAN); tests use 127.0.0.1. */
  host?: string;
  peers: string[];
  intervalMs?: number;
}

export interface SyncStatus {
  running: boolean;
  port?: number;
  peers: PeerStatus[];
  vector: Record<string, number>;
}

export interface TerminalStatus extends TerminalIdentity {
  kind: string;
  /** Events held, per terminal (the last sequence number seen from each). */
  vector: Record<string, number>;
  sync: SyncSettings;
}

export type MergeResult = IngestReport & { from: string };

/** How long a writing command waits for the hub after its commit (it never fails for it). */
export const HUB_PUSH_TIMEOUT_MS = 3000;

export class EventTerminal {
  readonly store: Store;
  readonly #kind: TerminalKind;
  #sync: { server: SyncServer; agent: SyncAgent } | undefined;
  #hub: HubAgent | undefined;
  readonly #listeners = new Set<() => void>();
  /** This terminal's own last seq when it was opened: more on close → push to the hub. */
  readonly #ownSeqAtOpen: number;

  private constructor(store: Store, kind: TerminalKind) {
    this.store = store;
    this.#kind = kind;
    this.#ownSeqAtOpen = store.events.head(store.terminalId);
  }

  /**
   * Creates the encrypted store of a new terminal. `setUp` writes the mode's configuration; if it
   * throws, the half-made store is removed so that a retry is not refused with STORE_EXISTS.
   */
  static async create(
    path: string,
    passphrase: Secret,
    kind: TerminalKind,
    identity: TerminalIdentity,
    deps: { now?: () => number; setUp?: (terminal: EventTerminal) => void } = {},
  ): Promise<EventTerminal> {
    const store = await Store.create(path, passphrase, {
      ...identity,
      kind: kind.kind,
      modules: kind.modules,
      ...(deps.now ? { now: deps.now } : {}),
    });
    const terminal = new EventTerminal(store, kind);
    try {
      deps.setUp?.(terminal);
    } catch (e) {
      store.close();
      removeStoreFiles(path);
      throw e;
    }
    return terminal;
  }

  /** Opens an existing terminal's store (WRONG_PASSPHRASE, WRONG_STORE for another mode's). */
  static async open(
    path: string,
    passphrase: Secret,
    kind: TerminalKind,
    deps: { now?: () => number } = {},
  ): Promise<EventTerminal> {
    const store = await Store.open(path, passphrase, {
      modules: kind.modules,
      kind: kind.kind,
      ...(deps.now ? { now: deps.now } : {}),
    });
    return new EventTerminal(store, kind);
  }

  get terminalId(): string {
    return this.store.terminalId;
  }

  get groupId(): string {
    return this.store.groupId;
  }

  status(): TerminalStatus {
    return {
      kind: this.store.kind,
      terminalId: this.terminalId,
      groupId: this.groupId,
      groupSalt: this.store.groupSalt,
      vector: this.store.events.vector(),
      sync: this.syncSettings(),
    };
  }

  // ── USB files ───────────────────────────────────────────────────────────────────────────────

  /** Writes every event this terminal holds to an encrypted, authenticated file. */
  exportEvents(path: string): ExportResult {
    return exportEventFile(this.store, path);
  }

  /** Merges another terminal's file (idempotent: known events are counted, not added twice). */
  mergeFile(path: string): MergeResult {
    const report = importEventFile(this.store, path);
    if (report.added > 0) this.#changed();
    return report;
  }

  /**
   * Merges several files in one write transaction: all of them or, if one is refused (tampered,
   * another group), none — the error names that file. One commit instead of one per file: at an
   * HQ merging a hundred shelters' files, each commit re-encrypts every page the merge touched.
   */
  mergeFiles(paths: readonly string[]): MergeResult[] {
    const reports = this.store.transaction(() =>
      paths.map((path) => {
        try {
          return importEventFile(this.store, path);
        } catch (e) {
          if (e instanceof StoreError)
            throw new StoreError(e.code, `${path}${e.detail ? `: ${e.detail}` : ''}`);
          throw e;
        }
      }),
    );
    if (reports.some((r) => r.added > 0)) this.#changed();
    return reports;
  }

  // ── LAN sync ────────────────────────────────────────────────────────────────────────────────

  /** The stored settings as they are: `peers` null when the stored value is not a list. */
  #storedSync(): { port?: number; peers: string[] | null } {
    const port = this.store.meta(`${this.#kind.kind}.sync_port`);
    return {
      ...(port ? { port: Number(port) } : {}),
      peers: storedPeers(this.store.meta(`${this.#kind.kind}.sync_peers`)),
    };
  }

  #badPeerList(): string {
    return `the stored peer list is not a JSON list of host:port (set it again with \`kakanai ${this.#kind.kind} peers\`)`;
  }

  /** The stored LAN settings; a peer list that is not a JSON list of strings is a typed error. */
  syncSettings(): SyncSettings {
    const { peers, ...rest } = this.#storedSync();
    if (peers === null) throw new StoreError('BAD_SYNC_SETTINGS', this.#badPeerList());
    return { ...rest, peers };
  }

  setSyncSettings(change: Partial<SyncSettings>): SyncSettings {
    if (change.port !== undefined) {
      if (!Number.isInteger(change.port) || change.port < 1 || change.port > 65535)
        throw new StoreError('BAD_SYNC_SETTINGS', 'the sync port must be 1–65535');
      this.store.setMeta(`${this.#kind.kind}.sync_port`, String(change.port));
    }
    if (change.peers !== undefined)
      this.store.setMeta(`${this.#kind.kind}.sync_peers`, JSON.stringify(change.peers));
    return this.syncSettings();
  }

  /**
   * Starts LAN sync with the stored settings when a port is stored. Standalone first: a busy port
   * or a bad peer list never keeps the terminal closed — the problem is returned for the screen
   * (with a bad list the terminal still serves its own events to the others).
   */
  async startStoredSync(): Promise<{ running: boolean; problem?: string; problemCode?: string }> {
    // The hub too, when one is configured: it connects in the background and never blocks.
    this.startHub();
    const { port, peers } = this.#storedSync();
    if (port === undefined) return { running: false };
    const problem =
      peers === null ? { problemCode: 'BAD_PEER_LIST', problem: this.#badPeerList() } : undefined;
    try {
      await this.startSync({ port, peers: peers ?? [] });
      return { running: true, ...problem };
    } catch (e) {
      return {
        running: false,
        problem: e instanceof Error ? e.message.slice(0, 200) : 'sync failed',
        problemCode: (e as { code?: string }).code ?? 'SYNC_FAILED',
      };
    }
  }

  /** Serves this terminal's events and pulls the peers' (every second, and at once when told). */
  async startSync(opts: SyncOptions): Promise<{ port: number }> {
    if (this.#sync) throw new StoreError('SYNC_RUNNING');
    const agent = new SyncAgent(this.store, {
      peers: opts.peers,
      ...(opts.intervalMs ? { intervalMs: opts.intervalMs } : {}),
      onIngest: () => this.#changed(),
    });
    const peerInfo = this.#kind.peerInfo;
    const server = await startSyncServer(this.store, {
      port: opts.port,
      ...(opts.host ? { host: opts.host } : {}),
      ...(peerInfo ? { info: () => peerInfo(this.store) } : {}),
      onNotify: () => agent.kick(),
    });
    agent.start();
    this.#sync = { server, agent };
    return { port: server.port };
  }

  async stopSync(): Promise<void> {
    const s = this.#sync;
    this.#sync = undefined;
    if (!s) return;
    await s.agent.stop();
    await s.server.close();
  }

  /** Tells the peers this terminal has new events (after a local append; they pull at once). */
  announce(): void {
    this.#sync?.agent.notifyPeers();
    this.#hub?.kick();
  }

  /**
   * Pulls what the reachable peers have now, waiting at most `timeoutMs` (the last-mile check
   * before a decision such as recording a vote). Without sync it returns at once.
   */
  async pullNow(timeoutMs: number): Promise<void> {
    await Promise.all([
      this.#sync ? this.#sync.agent.pullOnce(timeoutMs, { reachableOnly: true }) : undefined,
      this.#hub?.pullNow(timeoutMs),
    ]);
  }

  syncStatus(): SyncStatus {
    return {
      running: this.#sync !== undefined,
      ...(this.#sync ? { port: this.#sync.server.port } : {}),
      peers: this.#sync?.agent.status() ?? [],
      vector: this.store.events.vector(),
    };
  }

  /** Called when events from other terminals arrived (screens refresh, modes re-check). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const l of this.#listeners) l();
  }

  // ── the hub (PostgreSQL, hub/) ────────────────────────────────────────────────────────────────

  /** The hub settings stored in this terminal's encrypted store, if any. */
  hubSettings(): HubSettings | undefined {
    const url = this.store.meta(`${this.#kind.kind}.hub_url`);
    if (!url) return undefined;
    const ca = this.store.meta(`${this.#kind.kind}.hub_ca`);
    return { url, ...(ca ? { ca } : {}) };
  }

  /** Stores (or with null removes) the hub URL and CA; outside loopback TLS is verified (full). */
  setHub(settings: HubSettings | null): HubSettings | undefined {
    // The same rule the connection applies (a bad URL, no TLS outside loopback) refuses it here.
    if (settings) clientConfig(settings.url, {});
    this.store.setMeta(`${this.#kind.kind}.hub_url`, settings?.url ?? '');
    this.store.setMeta(`${this.#kind.kind}.hub_ca`, settings?.ca ?? '');
    return this.hubSettings();
  }

  /** Starts the hub agent when a hub is configured (never waits for the hub itself). */
  startHub(opts: { intervalMs?: number; reconnectMs?: number } = {}): boolean {
    const settings = this.hubSettings();
    if (!settings || this.#hub) return this.#hub !== undefined;
    this.#hub = new HubAgent(this.store, settings, { ...opts, onIngest: () => this.#changed() });
    this.#hub.start();
    return true;
  }

  async stopHub(): Promise<void> {
    const h = this.#hub;
    this.#hub = undefined;
    await h?.stop();
  }

  hubStatus(): HubStatus | undefined {
    return this.#hub?.status();
  }

  /** Pushes and pulls once with a connection of its own (`sync --once`). */
  async hubExchange(opts: { connectTimeoutMs?: number } = {}): Promise<ExchangeReport> {
    const settings = this.hubSettings();
    if (!settings) throw new HubError('HUB_NOT_CONFIGURED');
    const r = await exchangeOnce(this.store, settings, opts);
    if (r.ingest.added > 0) this.#changed();
    return r;
  }

  async close(): Promise<void> {
    await this.stopSync();
    await this.stopHub();
    await this.#pushAfterCommands();
    this.store.close();
  }

  /**
   * A command that recorded something pushes it to the hub before the store closes, waiting a few
   * seconds at most; a hub that is down or slow is logged, never an error (the events go with the
   * next exchange, LAN sync or USB file).
   */
  async #pushAfterCommands(): Promise<void> {
    const settings = this.hubSettings();
    if (!settings || this.store.events.head(this.store.terminalId) <= this.#ownSeqAtOpen) return;
    try {
      const push = exchangeOnce(this.store, settings, {
        connectTimeoutMs: HUB_PUSH_TIMEOUT_MS,
        pushOnly: true,
      });
      push.catch(() => undefined);
      const late = new Promise<never>((_, reject) => {
        setTimeout(() => reject(new Error('the hub is slow: pushed later')), 2 * HUB_PUSH_TIMEOUT_MS).unref();
      });
      const r = await Promise.race([push, late]);
      log.info('hub.push', { pushed: r.pushed });
    } catch (e) {
      log.warn('hub.push', { detail: (e as Error).message.slice(0, 200) });
    }
  }
}

/** A stored peer list, or null when the stored value is not a JSON list of strings. */
export function storedPeers(raw: string | undefined): string[] | null {
  if (raw === undefined) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) && value.every((p) => typeof p === 'string') ? value : null;
  } catch {
    return null;
  }
}
