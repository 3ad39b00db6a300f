/**
 * Real PC/SC readers through pcsc-mini (pcsc-lite on Linux/macOS, winscard on Windows).
 *
 * - Watches every reader (hot-plug) and keeps its last known state, so `connect` can pick the
 *   reader that actually holds a card instead of readers[0] (spec §7), passing over readers
 *   already tried (open-card.ts tries each card until one is a My Number Card).
 * - Connects EXCLUSIVE with T=0|T=1 (the card answers T=1) and disconnects with UNPOWER, so
 *   verified PINs never outlive our session (spec §3, pitfall 1).
 * - Starts monitoring again when the PC/SC service fails or is not there yet (pcscd restarted on
 *   Linux, Windows stopping its smart-card service when the last reader is unplugged): readers
 *   report removed, then added as they come back; 'service-lost' / 'service-back' in between.
 * - Keeps the exclusive connect, but retries it for up to 2 s while another program holds the
 *   card (Windows middleware and some drivers grab a freshly inserted card for a moment).
 * - Extended-length APDUs (one READ BINARY per file) when the reader announces a receive size
 *   for them (SCARD_ATTR_MAXINPUT), or always/never by configuration; the channel falls back to
 *   short reads on the first refusal, so a wrong guess costs one APDU.
 * - Translates pcsc-mini's error codes into CardError codes; a transmit that fails while the
 *   reader goes empty is CARD_REMOVED.
 */
import * as pcsc from 'pcsc-mini';
import { CardError } from '../errors.ts';
import {
  readerMatches,
  type CardEvent,
  type CardReaderProvider,
  type CardTransport,
  type ConnectOptions,
  type ReaderInfo,
} from '../transport.ts';
import { log } from '../../util/log.ts';

const { CardDisposition, CardMode, Protocol, ReaderStatus } = pcsc;

/** How long to wait for the monitor thread to report readers already attached at start. */
const ENUMERATION_SETTLE_MS = 60;
const ENUMERATION_MAX_MS = 600;
/** After a failed transmit, how long to wait for the reader to report the card gone. */
const REMOVAL_CONFIRM_MS = 800;

const NO_SERVICE_CODES = new Set(['NoService', 'ServiceStopped', 'NoReadersAvailable', 'NotStarted']);
const REMOVED_CODES = new Set(['RemovedCard', 'NoSmartCard', 'UnpoweredCard']);
/** Another program holds the card (middleware grabbing a freshly inserted card, for a moment). */
const IN_USE_CODES = new Set(['SharingViolation', 'CardIsBusy']);
/** Restarting monitoring after the PC/SC service failed: the first wait, doubling up to the most. */
const RESTART_MIN_MS = 250;
const RESTART_MAX_MS = 5000;
/** How long an exclusive connect keeps trying while another program holds the card. */
const IN_USE_RETRY_MS = 2000;
const IN_USE_STEP_MS = 100;

/** The largest response: 65,536 bytes of an extended read and the status word. */
const EXTENDED_RESPONSE_LEN = 65536 + 2;

/**
 * When to use extended-length APDUs: 'auto' when the reader says it can carry them, 'always' (the
 * card's refusal or a transport error still falls back to short reads), or 'never'.
 */
export type ExtendedApduPolicy = 'auto' | 'always' | 'never';

export interface PcscProviderOptions {
  extendedApdu?: ExtendedApduPolicy;
}

interface ReaderEntry {
  reader: pcsc.Reader;
  present: boolean;
  mute: boolean;
  /** Set once the monitor thread reported this reader's state at least once. */
  known: boolean;
  /** Whether the reader announced room for extended APDUs (asked once, at its first card). */
  announcesExtended?: boolean;
}

function errCode(e: unknown): string {
  return typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'Unknown';
}

/**
 * pcsc-mini clients that met a failed service. A client whose service failed under it cannot be
 * started again, and when such a client (or one that never started) is garbage-collected, its
 * finalizer throws and takes the process down. So each is kept for the life of the process (a
 * few hundred bytes per service restart), on globalThis so that a module loaded twice (test
 * runners) still keeps them.
 */
const RETIRED = Symbol.for('kakanai.pcsc.retiredClients');
function retire(client: pcsc.Client): void {
  const g = globalThis as { [RETIRED]?: pcsc.Client[] };
  (g[RETIRED] ??= []).push(client);
}

export class PcscProvider implements CardReaderProvider {
  #client: pcsc.Client;
  readonly #readers = new Map<string, ReaderEntry>();
  readonly #listeners = new Set<(e: CardEvent) => void>();
  #lastEventAt = Date.now();
  #serviceError: string | undefined;
  #startedAt = Date.now();
  #restartTimer: ReturnType<typeof setTimeout> | undefined;
  #restartDelay = RESTART_MIN_MS;
  #closed = false;

  readonly #extendedApdu: ExtendedApduPolicy;

  constructor(options: PcscProviderOptions = {}) {
    this.#extendedApdu = options.extendedApdu ?? 'auto';
    this.#client = this.#newClient();
    this.#start('start');
  }

  #newClient(): pcsc.Client {
    const client = new pcsc.Client();
    client.on('reader', (reader) => {
      if (client === this.#client) this.#onReader(reader);
    });
    client.on('error', (e) => {
      if (client === this.#client) this.#serviceFailed(e, 'monitor');
    });
    return client;
  }

  /** Starts monitoring; when the service is not there (yet), tries again with backoff. */
  #start(phase: 'start' | 'restart'): void {
    try {
      this.#client.start();
    } catch (e) {
      this.#noteServiceError(e, phase);
      this.#scheduleRestart();
    }
  }

  #noteServiceError(e: unknown, phase: string): void {
    const code = errCode(e);
    // The first failure is news; the retries while the service stays away are not.
    if (this.#serviceError === undefined) log.warn('pcsc.error', { code, phase });
    else log.debug('pcsc.error', { code, phase });
    this.#serviceError = code;
  }

  /**
   * The PC/SC service failed under a running client (pcscd restarted, Windows stopped its smart-card
   * service): pcsc-mini's monitoring has ended for good. Every reader is gone (the screens say so);
   * a new client starts monitoring again with backoff, and the readers come back as they report.
   */
  #serviceFailed(e: unknown, phase: string): void {
    const lost = this.#serviceError === undefined;
    this.#noteServiceError(e, phase);
    for (const [name, entry] of [...this.#readers]) {
      this.#readers.delete(name);
      if (entry.present) this.#emit({ type: 'card-removed', reader: name });
      this.#emit({ type: 'reader-removed', reader: name });
    }
    if (lost) this.#emit({ type: 'service-lost', reader: '' });
    retire(this.#client);
    this.#client = this.#newClient();
    this.#scheduleRestart();
  }

  #scheduleRestart(): void {
    if (this.#closed || this.#restartTimer) return;
    const delay = this.#restartDelay;
    this.#restartDelay = Math.min(delay * 2, RESTART_MAX_MS);
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = undefined;
      if (this.#closed) return;
      this.#startedAt = Date.now();
      this.#start('restart');
    }, delay);
    this.#restartTimer.unref?.();
  }

  /** A reader reported: the service works (again). */
  #serviceWorks(): void {
    if (this.#serviceError === undefined) return;
    log.info('pcsc.service', { state: 'back', after: this.#serviceError });
    this.#serviceError = undefined;
    this.#restartDelay = RESTART_MIN_MS;
    this.#emit({ type: 'service-back', reader: '' });
  }

  #emit(event: CardEvent): void {
    this.#lastEventAt = Date.now();
    for (const l of this.#listeners) l(event);
  }

  #onReader(reader: pcsc.Reader): void {
    this.#serviceWorks();
    const name = reader.name();
    const entry: ReaderEntry = { reader, present: false, mute: false, known: false };
    this.#readers.set(name, entry);
    this.#lastEventAt = Date.now();
    log.info('pcsc.reader', { reader: name, change: 'added' });
    this.#emit({ type: 'reader-added', reader: name });
    // A reader of a client whose service failed is gone; its late reports are not news.
    const current = () => this.#readers.get(name) === entry;
    reader.on('change', (status) => {
      if (!current()) return;
      const present = status.has(ReaderStatus.PRESENT);
      const mute = status.has(ReaderStatus.MUTE);
      const was = entry.present && entry.known;
      entry.present = present;
      entry.mute = mute;
      entry.known = true;
      this.#lastEventAt = Date.now();
      if (present !== was) log.info('pcsc.card', { reader: name, present });
      if (present && !was) this.#emit({ type: 'card-inserted', reader: name });
      if (!present && was) this.#emit({ type: 'card-removed', reader: name });
    });
    reader.on('disconnect', () => {
      if (!current()) return;
      this.#readers.delete(name);
      log.info('pcsc.reader', { reader: name, change: 'removed' });
      if (entry.present) this.#emit({ type: 'card-removed', reader: name });
      this.#emit({ type: 'reader-removed', reader: name });
    });
  }

  /** Resolves once readers present at start-up have reported their state. */
  async #settled(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const allKnown = [...this.#readers.values()].every((r) => r.known);
      const quiet = now - this.#lastEventAt >= ENUMERATION_SETTLE_MS;
      if ((allKnown && quiet) || now - this.#startedAt >= ENUMERATION_MAX_MS) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async #firstReport(filter: string | undefined): Promise<void> {
    while (typeof this.#candidate(filter) !== 'object') {
      const now = Date.now();
      const allKnown = this.#readers.size > 0 && [...this.#readers.values()].every((r) => r.known);
      if (
        (allKnown && now - this.#lastEventAt >= ENUMERATION_SETTLE_MS) ||
        now - this.#startedAt >= ENUMERATION_MAX_MS
      ) {
        return;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async listReaders(): Promise<ReaderInfo[]> {
    await this.#settled();
    if (this.#readers.size === 0 && this.#serviceError && NO_SERVICE_CODES.has(this.#serviceError)) {
      return [];
    }
    return [...this.#readers.entries()].map(([name, r]) => ({ name, cardPresent: r.present && !r.mute }));
  }

  #candidate(
    filter: string | undefined,
    skip: readonly string[] = [],
  ): { name: string; entry: ReaderEntry } | 'no-reader' | 'no-card' {
    const matching = [...this.#readers.entries()].filter(([name]) => readerMatches(name, filter));
    if (matching.length === 0) return 'no-reader';
    const withCard = matching.find(([name, r]) => r.present && !r.mute && !skip.includes(name));
    return withCard ? { name: withCard[0], entry: withCard[1] } : 'no-card';
  }

  async connect(options: ConnectOptions = {}): Promise<CardTransport> {
    // Connect as soon as a matching reader reports a card; only when none has yet do we wait for
    // the readers attached at start-up to finish reporting before concluding "no card".
    await this.#firstReport(options.readerFilter);
    const deadline = Date.now() + (options.waitMs ?? 0);
    for (;;) {
      const c = this.#candidate(options.readerFilter, options.skipReaders);
      if (typeof c === 'object') return this.#open(c.name, c.entry);
      if (Date.now() >= deadline || options.signal?.aborted) {
        if ((options.waitMs ?? 0) > 0) throw new CardError('TIMEOUT');
        throw new CardError(c === 'no-reader' ? 'NO_READER' : 'NO_CARD');
      }
      await this.#nextEvent(deadline, options.signal);
    }
  }

  #nextEvent(deadline: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
      const unsubscribe = this.onEvent(done);
      signal?.addEventListener('abort', done);
    });
  }

  async #open(name: string, entry: ReaderEntry): Promise<CardTransport> {
    let card: pcsc.Card | undefined;
    const giveUpAt = Date.now() + IN_USE_RETRY_MS;
    let waited = false;
    while (!card) {
      try {
        card = await entry.reader.connect(CardMode.EXCLUSIVE, Protocol.T0 | Protocol.T1);
      } catch (e) {
        if (!IN_USE_CODES.has(errCode(e)) || Date.now() >= giveUpAt || !entry.present) {
          throw this.#mapError(e, 'connect');
        }
        if (!waited)
          log.info('card.connect', { reader: name, detail: 'card in use by another program; waiting' });
        waited = true;
        await new Promise((r) => setTimeout(r, IN_USE_STEP_MS));
      }
    }
    const extended = await this.#extendedSupport(card, entry);
    log.info('card.connect', { reader: name, protocol: pcsc.protocolString(card.protocol()), extended });
    return new PcscTransport(name, card, entry, extended, (e, phase) => this.#mapError(e, phase));
  }

  /** Whether to try extended-length APDUs on this connection (see ExtendedApduPolicy). */
  async #extendedSupport(card: pcsc.Card, entry: ReaderEntry): Promise<boolean> {
    if (this.#extendedApdu !== 'auto') return this.#extendedApdu === 'always';
    if (entry.announcesExtended === undefined) {
      try {
        const v = await card.attributeGet(pcsc.attributes.ids.MAX_INPUT);
        entry.announcesExtended = v.length >= 4 && Buffer.from(v).readUInt32LE(0) >= EXTENDED_RESPONSE_LEN;
      } catch (e) {
        // The driver does not say (vpcd answers UnsupportedFeature): short APDUs work everywhere.
        log.debug('card.connect', { detail: `reader receive size unknown: ${errCode(e)}` });
        entry.announcesExtended = false;
      }
    }
    return entry.announcesExtended;
  }

  #mapError(e: unknown, phase: string): CardError {
    const code = errCode(e);
    if (NO_SERVICE_CODES.has(code)) return new CardError('NO_READER', { detail: `PC/SC service: ${code}` });
    if (REMOVED_CODES.has(code)) return new CardError('CARD_REMOVED', { detail: code });
    if (IN_USE_CODES.has(code)) {
      return new CardError('CARD_IO', { detail: 'the card is in use by another program' });
    }
    return new CardError('CARD_IO', { detail: `${phase}: ${code}` });
  }

  onEvent(listener: (event: CardEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#restartTimer);
    this.#listeners.clear();
    try {
      if (this.#client.running()) this.#client.stop();
      else retire(this.#client); // never started: the service was away all along
    } catch (e) {
      retire(this.#client);
      log.warn('pcsc.error', { code: errCode(e), phase: 'stop' });
    }
  }
}

class PcscTransport implements CardTransport {
  #closed = false;
  #removed = false;
  readonly #buffer: ArrayBuffer;

  constructor(
    readonly readerName: string,
    private readonly card: pcsc.Card,
    private readonly entry: ReaderEntry,
    readonly supportsExtendedApdu: boolean,
    private readonly mapError: (e: unknown, phase: string) => CardError,
  ) {
    // pcsc-mini's default buffer (MAX_BUFFER_LEN, 264 bytes) holds only short responses.
    this.#buffer = new ArrayBuffer(supportsExtendedApdu ? EXTENDED_RESPONSE_LEN : pcsc.MAX_BUFFER_LEN);
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (this.#closed) throw new CardError('CARD_IO', { detail: 'transport closed' });
    if (this.#removed) throw new CardError('CARD_REMOVED');
    let response: Uint8Array;
    try {
      response = await this.card.transmit(command, this.#buffer);
    } catch (e) {
      throw await this.#failure(e);
    }
    // pcsc-lite answers an empty buffer when the card vanished mid-exchange.
    if (response.length < 2) throw await this.#failure(Object.assign(new Error('empty'), { code: 'Empty' }));
    return response.slice();
  }

  /** Decides between CARD_REMOVED and another I/O error; reconnects after a reset by another process. */
  async #failure(e: unknown): Promise<CardError> {
    const code = errCode(e);
    if (code === 'ResetCard') {
      try {
        await this.card.reconnect(CardMode.EXCLUSIVE, CardDisposition.LEAVE);
      } catch {
        // The next transmit reports the real state.
      }
      return new CardError('CARD_IO', {
        detail: 'the card was reset by another program; verified secrets are lost, start again',
        reset: true,
      });
    }
    const mapped = this.mapError(e, 'transmit');
    if (mapped.code === 'CARD_REMOVED' || (await this.#readerWentEmpty())) {
      this.#removed = true;
      return new CardError('CARD_REMOVED', { detail: code });
    }
    return mapped;
  }

  async #readerWentEmpty(): Promise<boolean> {
    const until = Date.now() + REMOVAL_CONFIRM_MS;
    while (Date.now() < until) {
      if (!this.entry.present) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return !this.entry.present;
  }

  async close(disposition: 'unpower' | 'leave' = 'unpower'): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.card.disconnect(disposition === 'unpower' ? CardDisposition.UNPOWER : CardDisposition.LEAVE);
    } catch (e) {
      // Disconnecting a removed card fails; there is nothing left to release.
      log.debug('card.disconnect', { reader: this.readerName, code: errCode(e) });
      return;
    }
    log.info('card.disconnect', { reader: this.readerName, disposition });
  }
}
