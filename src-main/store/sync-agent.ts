/**
 * Pulls events from the configured peers about once a second (and at once when a peer pokes
 * us), so an action at one desk is visible at the others within a few seconds.
 *
 * Partitions: each terminal keeps working on its own when peers are unreachable — it records
 * against what it knows, and its peer status shows "unreachable". When the link comes back, the
 * per-terminal cursors make each side fetch exactly what it missed; both sides then hold the same
 * event set and (by the projector contract) the same projections. Anything that became
 * contradictory during the partition — e.g. one voter recorded as voted on both sides — is not
 * resolved silently: the mode's projection reports it as a conflict for staff to handle.
 */
import { z } from 'zod';
import { StoreError, isStoreError } from './errors.ts';
import type { IngestReport } from './event-log.ts';
import type { Store } from './store.ts';
import { SYNC_HEADERS, openResponse, signRequest } from './sync-auth.ts';

/** The envelope of a pull reply; the events themselves are validated by EventLog.ingest. */
const PullReplySchema = z.object({
  terminalId: z.string(),
  groupId: z.string(),
  vector: z.record(z.string(), z.number()),
  hlc: z.string(),
  info: z.record(z.string(), z.string()),
  events: z.array(z.unknown()),
  more: z.boolean(),
});

export type PeerState = 'unknown' | 'ok' | 'unreachable' | 'refused' | 'tampered' | 'wrong-group';

export interface PeerStatus {
  url: string;
  state: PeerState;
  terminalId?: string;
  lastAttemptAt?: number;
  lastOkAt?: number;
  lastError?: string;
  /** The peer's per-terminal cursor at the last successful pull. */
  vector?: Record<string, number>;
  info?: Record<string, string>;
  /** Events received from this peer since the agent started. */
  received: number;
}

export interface SyncAgentOptions {
  peers: readonly string[];
  intervalMs?: number;
  timeoutMs?: number;
  /** Called after a pull added events (the UI refreshes; the mode checks for conflicts). */
  onIngest?: (report: IngestReport, peer: PeerStatus) => void;
}

const MAX_ROUNDS_PER_PULL = 50;

function normaliseUrl(u: string): string {
  const withScheme = /^https?:\/\//.test(u) ? u : `http://${u}`;
  return withScheme.replace(/\/+$/, '');
}

/**
 * The largest reply a peer may send: a full batch (1,000 events of at most a few KB each) sealed,
 * with room to spare. A peer that sends more is refused, not buffered.
 */
const MAX_REPLY_BYTES = 16 * 1024 * 1024;

async function readReply(res: Response, max: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await res.body?.cancel();
    throw new StoreError('PEER_REFUSED', `reply of ${declared} bytes is over ${max}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (!res.body) return Buffer.alloc(0);
  // Leaving the loop early cancels the stream: the rest is never read.
  for await (const chunk of res.body) {
    size += chunk.length;
    if (size > max) break;
    chunks.push(Buffer.from(chunk));
  }
  if (size > max) throw new StoreError('PEER_REFUSED', `reply over ${max} bytes`);
  return Buffer.concat(chunks);
}

async function post(
  store: Store,
  baseUrl: string,
  path: string,
  body: object,
  timeoutMs: number,
): Promise<unknown> {
  const text = JSON.stringify(body);
  const h = signRequest(store, 'POST', path, text);
  let res: Response;
  try {
    res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SYNC_HEADERS.group]: h.group,
        [SYNC_HEADERS.terminal]: h.terminal,
        [SYNC_HEADERS.time]: h.time,
        [SYNC_HEADERS.nonce]: h.nonce,
        [SYNC_HEADERS.mac]: h.mac,
      },
      body: text,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new StoreError('PEER_UNREACHABLE', (e as Error).message);
  }
  const buf = await readReply(res, MAX_REPLY_BYTES);
  if (res.status === 403) throw new StoreError('WRONG_GROUP', 'the peer belongs to another group');
  if (res.status === 401) {
    if (buf.toString('utf8').includes('CLOCK_SKEW'))
      throw new StoreError('CLOCK_SKEW', 'the peer refused our time');
    throw new StoreError('PEER_REFUSED', 'the peer rejected our MAC (different passphrase?)');
  }
  if (res.status !== 200) throw new StoreError('PEER_REFUSED', `HTTP ${res.status}`);
  return openResponse(store, path, h.nonce, buf);
}

export class SyncAgent {
  readonly #store: Store;
  readonly #peers: Map<string, PeerStatus>;
  readonly #inflight = new Map<string, Promise<void>>();
  readonly #interval: number;
  readonly #timeout: number;
  readonly #onIngest: SyncAgentOptions['onIngest'];
  #running = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;

  constructor(store: Store, opts: SyncAgentOptions) {
    this.#store = store;
    this.#peers = new Map(
      opts.peers.map((p) => [normaliseUrl(p), { url: normaliseUrl(p), state: 'unknown', received: 0 }]),
    );
    this.#interval = opts.intervalMs ?? 1000;
    this.#timeout = opts.timeoutMs ?? 2000;
    this.#onIngest = opts.onIngest;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = (async () => {
      while (this.#running) {
        await this.pullOnce();
        if (!this.#running) break;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.#interval);
          this.#wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.#wake = undefined;
      }
    })();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    await Promise.allSettled([...this.#inflight.values()]);
  }

  /** Pull now instead of at the next tick (e.g. a peer just poked us). */
  kick(): void {
    this.#wake?.();
  }

  /**
   * One pull from every peer, in parallel; resolves when all have answered or timed out. Used
   * by the loop and as the last-mile check right before recording an action (`reachableOnly`:
   * skip peers already known to be down, so a dead desk never slows the queue).
   */
  async pullOnce(timeoutMs = this.#timeout, opts: { reachableOnly?: boolean } = {}): Promise<void> {
    const urls = [...this.#peers.values()]
      .filter((p) => !opts.reachableOnly || p.state === 'ok')
      .map((p) => p.url);
    await Promise.allSettled(urls.map((url) => this.#pullPeer(url, timeoutMs)));
  }

  #pullPeer(url: string, timeoutMs: number): Promise<void> {
    const running = this.#inflight.get(url);
    if (running) return running;
    const p = this.#doPull(url, timeoutMs).finally(() => this.#inflight.delete(url));
    this.#inflight.set(url, p);
    return p;
  }

  async #doPull(url: string, timeoutMs: number): Promise<void> {
    const peer = this.#peers.get(url)!;
    peer.lastAttemptAt = Date.now();
    try {
      for (let round = 0; round < MAX_ROUNDS_PER_PULL; round++) {
        if (this.#store.closed) return;
        const parsed = PullReplySchema.safeParse(
          await post(this.#store, url, '/v1/pull', { vector: this.#store.events.vector() }, timeoutMs),
        );
        if (!parsed.success) throw new StoreError('PEER_REFUSED', 'malformed pull reply');
        const reply = parsed.data;
        if (this.#store.closed) return;
        if (reply.groupId !== this.#store.groupId) throw new StoreError('WRONG_GROUP', reply.groupId);
        const report = this.#store.events.ingest(reply.events);
        peer.state = 'ok';
        peer.terminalId = reply.terminalId;
        peer.vector = reply.vector;
        peer.info = reply.info;
        peer.lastOkAt = Date.now();
        peer.lastError = undefined;
        peer.received += report.added;
        if (report.added > 0 || report.forks.length > 0) this.#onIngest?.(report, peer);
        if (!reply.more || report.added === 0) break;
      }
    } catch (e) {
      peer.lastError = (e as Error).message;
      peer.state = isStoreError(e, 'PEER_UNREACHABLE')
        ? 'unreachable'
        : isStoreError(e, 'WRONG_GROUP')
          ? 'wrong-group'
          : isStoreError(e, 'TAMPERED')
            ? 'tampered'
            : 'refused';
    }
  }

  /** Pokes every peer so they pull from us now (fire and forget; failures are harmless). */
  notifyPeers(): void {
    for (const url of this.#peers.keys()) {
      post(this.#store, url, '/v1/notify', {}, this.#timeout).catch(() => undefined);
    }
  }

  status(): PeerStatus[] {
    return [...this.#peers.values()].map((p) => ({ ...p }));
  }
}
