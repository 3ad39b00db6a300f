/**
 * The virtual card behind the CardReaderProvider interface, without pcscd: one virtual reader
 * ("Kakanai Virtual Card 00") whose card can be inserted, removed, or pulled out after n APDUs.
 * Used by the demo mode, the CLI's --emulator option and fast tests.
 */
import { CardError } from '../errors.ts';
import {
  readerMatches,
  type CardEvent,
  type CardReaderProvider,
  type CardTransport,
  type ConnectOptions,
  type ReaderInfo,
} from '../transport.ts';
import { createVirtualCard } from './create-card.ts';
import type { Persona } from './persona.ts';
import type { PersonaKeys } from './persona-keys.ts';
import type { VirtualMyNumberCard } from './virtual-card.ts';

export const EMULATOR_READER_NAME = 'Kakanai Virtual Card 00';

export interface EmulatorProviderOptions {
  /** Persona id or object of the card in the reader (default 'ordinary'). */
  persona?: string | Persona;
  /** Keys for a persona object that is not one of the shipped files. */
  keys?: PersonaKeys;
  /** Whether the card is in the reader from the start (default true). */
  present?: boolean;
  readerName?: string;
}

export class EmulatorProvider implements CardReaderProvider {
  readonly readerName: string;
  #card: VirtualMyNumberCard;
  #present: boolean;
  /** Counts insertions, so a connection made before a removal stays dead after re-insertion. */
  #insertion = 0;
  #closed = false;
  /** APDUs left before the card is pulled out; undefined = never. */
  #pullAfter: number | undefined;
  #session: EmulatorTransport | undefined;
  readonly #listeners = new Set<(e: CardEvent) => void>();
  readonly #insertWaiters = new Set<() => void>();

  constructor(options: EmulatorProviderOptions = {}) {
    this.readerName = options.readerName ?? EMULATOR_READER_NAME;
    this.#card = createVirtualCard(options.persona ?? 'ordinary', options.keys);
    this.#present = options.present ?? true;
  }

  /** The card object (present or not), e.g. to check its retry counters in tests. */
  get card(): VirtualMyNumberCard {
    return this.#card;
  }

  get present(): boolean {
    return this.#present;
  }

  /** Puts a card in the reader: the same one again, or a new card of `persona`. */
  insert(persona?: string | Persona, keys?: PersonaKeys): void {
    if (persona !== undefined) {
      if (this.#present) this.remove();
      this.#card = createVirtualCard(persona, keys);
    }
    if (this.#present) return;
    this.#present = true;
    this.#insertion++;
    this.#emit({ type: 'card-inserted', reader: this.readerName });
    for (const wake of [...this.#insertWaiters]) wake();
  }

  /** Takes the card out: it loses power, and an open transport fails with CARD_REMOVED. */
  remove(): void {
    this.#pullAfter = undefined;
    if (!this.#present) return;
    this.#present = false;
    this.#card.powerOff();
    this.#session = undefined;
    this.#emit({ type: 'card-removed', reader: this.readerName });
  }

  /** The card is pulled out after `n` more APDUs have been answered (0 = now). */
  pullAfter(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('pullAfter needs a non-negative integer');
    if (n === 0) this.remove();
    else this.#pullAfter = n;
  }

  async listReaders(): Promise<ReaderInfo[]> {
    if (this.#closed) return [];
    return [{ name: this.readerName, cardPresent: this.#present }];
  }

  async connect(options: ConnectOptions = {}): Promise<CardTransport> {
    if (this.#closed || !readerMatches(this.readerName, options.readerFilter)) {
      throw new CardError('NO_READER', { detail: 'no matching virtual reader' });
    }
    // Its one card was tried already (not a My Number Card): no other card here.
    if (options.skipReaders?.includes(this.readerName)) throw new CardError('NO_CARD');
    if (!this.#present) await this.#waitForCard(options);
    if (this.#session && !this.#session.closed) {
      throw new CardError('CARD_IO', { detail: 'the card is held exclusively by another connection' });
    }
    // Like pcscd: a card that is still powered (closed with 'leave') is not reset.
    if (!this.#card.powered) this.#card.powerOn();
    this.#session = new EmulatorTransport(this, this.#card, this.#insertion);
    return this.#session;
  }

  onEvent(listener: (event: CardEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#session = undefined;
    for (const wake of [...this.#insertWaiters]) wake();
    this.#listeners.clear();
  }

  /** @internal Called by the transport: answers one APDU, or fails if its card is gone. */
  exchange(insertion: number, command: Uint8Array): Uint8Array {
    if (!this.isInserted(insertion)) throw new CardError('CARD_REMOVED');
    const card = this.#card;
    const response = card.transmit(command);
    if (this.#pullAfter !== undefined && --this.#pullAfter <= 0) this.remove();
    return response;
  }

  /** @internal Whether the card of that insertion is still in the reader. */
  isInserted(insertion: number): boolean {
    return this.#present && insertion === this.#insertion;
  }

  #emit(event: CardEvent): void {
    for (const l of [...this.#listeners]) {
      try {
        l(event);
      } catch {
        // a listener's failure is its own business
      }
    }
  }

  #waitForCard(options: ConnectOptions): Promise<void> {
    const waitMs = options.waitMs ?? 0;
    if (waitMs <= 0) return Promise.reject(new CardError('NO_CARD'));
    return new Promise<void>((resolve, reject) => {
      const done = (err?: CardError) => {
        clearTimeout(timer);
        this.#insertWaiters.delete(wake);
        options.signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve();
      };
      const wake = () => {
        if (this.#closed) done(new CardError('NO_READER', { detail: 'provider closed' }));
        else if (this.#present) done();
      };
      const onAbort = () => done(new CardError('TIMEOUT', { detail: 'aborted' }));
      const timer = setTimeout(() => done(new CardError('TIMEOUT')), waitMs);
      this.#insertWaiters.add(wake);
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

class EmulatorTransport implements CardTransport {
  readonly readerName: string;
  readonly supportsExtendedApdu: boolean;
  closed = false;

  constructor(
    private readonly provider: EmulatorProvider,
    private readonly card: VirtualMyNumberCard,
    private readonly insertion: number,
  ) {
    this.readerName = provider.readerName;
    this.supportsExtendedApdu = card.persona.extendedApdu;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (this.closed) throw new CardError('CARD_IO', { detail: 'transport is closed' });
    // Answer asynchronously, like a real reader, so callers cannot rely on synchronous results.
    await new Promise<void>((r) => setImmediate(r));
    return this.provider.exchange(this.insertion, command);
  }

  async close(disposition: 'unpower' | 'leave' = 'unpower'): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (disposition === 'unpower' && this.provider.isInserted(this.insertion)) this.card.powerOff();
  }
}
