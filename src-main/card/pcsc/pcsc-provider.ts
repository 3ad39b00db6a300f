/**
 * Real PC/SC readers through pcsc-mini (pcsc-lite on Linux/macOS, winscard on Windows).
 *
 * - Watches every reader (hot-plug) and keeps its last known state, so `connect` can pick the
 *   reader that actually holds a card instead of readers[0] (spec §7), passing over readers
 *   already tried (open-card.ts tries each card until one is a My Number Card).
 * - Connects EXCLUSIVE with T=0|T=1 (the card answers T=1) and disconnects with UNPOWER, so
 *   verified PINs never outlive our session (spec §3, pitfall 1).
 * - Keeps the exclusive connect, but retries it for up to 2 s while another program holds the
 *   card (Windows middleware and some drivers grab a freshly inserted card for a moment).
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
/** How long an exclusive connect keeps trying while another program holds the card. */
const IN_USE_RETRY_MS = 2000;
const IN_USE_STEP_MS = 100;

interface ReaderEntry {
  reader: pcsc.Reader;
  present: boolean;
  mute: boolean;
  /** Set once the monitor thread reported this reader's state at least once. */
  known: boolean;
}

function errCode(e: unknown): string {
  return typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'Unknown';
}

export class PcscProvider implements CardReaderProvider {
  readonly #client: pcsc.Client;
  readonly #readers = new Map<string, ReaderEntry>();
  readonly #listeners = new Set<(e: CardEvent) => void>();
  #lastEventAt = Date.now();
  #serviceError: string | undefined;
  readonly #startedAt = Date.now();

  constructor() {
    this.#client = new pcsc.Client();
    this.#client.on('reader', (reader) => this.#onReader(reader));
    this.#client.on('error', (e) => {
      this.#serviceError = errCode(e);
      log.warn('pcsc.error', { code: errCode(e) });
    });
    try {
      this.#client.start();
    } catch (e) {
      this.#serviceError = errCode(e);
      log.warn('pcsc.error', { code: errCode(e), phase: 'start' });
    }
  }

  #emit(event: CardEvent): void {
    this.#lastEventAt = Date.now();
    for (const l of this.#listeners) l(event);
  }

  #onReader(reader: pcsc.Reader): void {
    const name = reader.name();
    const entry: ReaderEntry = { reader, present: false, mute: false, known: false };
    this.#readers.set(name, entry);
    this.#lastEventAt = Date.now();
    log.info('pcsc.reader', { reader: name, change: 'added' });
    this.#emit({ type: 'reader-added', reader: name });
    reader.on('change', (status) => {
      const present = status.has(ReaderStatus.PRESENT);
      const mute = status.has(ReaderStatus.MUTE);
      const was = entry.present && entry.known;
      entry.present = present;
      entry.mute = mute;
      entry.known = true;
      this.#lastEventAt = Date.now();
      if (present && !was) this.#emit({ type: 'card-inserted', reader: name });
      if (!present && was) this.#emit({ type: 'card-removed', reader: name });
    });
    reader.on('disconnect', () => {
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
    log.info('card.connect', { reader: name, protocol: pcsc.protocolString(card.protocol()) });
    return new PcscTransport(name, card, entry, (e, phase) => this.#mapError(e, phase));
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
    this.#listeners.clear();
    try {
      if (this.#client.running()) this.#client.stop();
    } catch (e) {
      log.warn('pcsc.error', { code: errCode(e), phase: 'stop' });
    }
  }
}

class PcscTransport implements CardTransport {
  readonly supportsExtendedApdu = false;
  #closed = false;
  #removed = false;
  readonly #buffer = new ArrayBuffer(pcsc.MAX_BUFFER_LEN);

  constructor(
    readonly readerName: string,
    private readonly card: pcsc.Card,
    private readonly entry: ReaderEntry,
    private readonly mapError: (e: unknown, phase: string) => CardError,
  ) {}

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
