/**
 * The boundary between the card protocol and whatever carries APDUs: a real PC/SC reader
 * (pcsc/pcsc-provider.ts) or the in-process virtual card (emulator/in-process.ts).
 * Protocol code depends only on these interfaces.
 */

/** A connected card, exclusively held until `close`. */
export interface CardTransport {
  readonly readerName: string;
  /** Whether the reader and card accept extended-length APDUs (false unless known). */
  readonly supportsExtendedApdu: boolean;
  /**
   * Sends one raw command APDU and returns the raw response (data ‖ SW1 SW2).
   * Throws CardError CARD_REMOVED when the card left, CARD_IO for other transport failures.
   */
  transmit(command: Uint8Array): Promise<Uint8Array>;
  /**
   * Releases the card. 'unpower' (the default) powers it down so every verified PIN is forgotten.
   */
  close(disposition?: 'unpower' | 'leave'): Promise<void>;
}

export interface ReaderInfo {
  name: string;
  cardPresent: boolean;
}

export interface ConnectOptions {
  /** Only readers whose name contains this substring (case-insensitive). */
  readerFilter?: string;
  /**
   * How long to wait for a card. 0 (the default) fails at once with NO_READER or NO_CARD.
   * A timeout fails with TIMEOUT.
   */
  waitMs?: number;
  /** Aborts the wait. */
  signal?: AbortSignal;
  /** Readers already tried (holding a card that is not a My Number Card): passed over. */
  skipReaders?: readonly string[];
}

export type CardEvent =
  | { type: 'reader-added'; reader: string }
  | { type: 'reader-removed'; reader: string }
  | { type: 'card-inserted'; reader: string }
  | { type: 'card-removed'; reader: string }
  /** The PC/SC service failed (every reader is gone meanwhile), and when it answers again. */
  | { type: 'service-lost'; reader: '' }
  | { type: 'service-back'; reader: '' };

/** A source of readers and cards: the PC/SC system or the virtual card. */
export interface CardReaderProvider {
  listReaders(): Promise<ReaderInfo[]>;
  /** Waits (per options) for the reader that has a card, and connects to it exclusively with T=1. */
  connect(options?: ConnectOptions): Promise<CardTransport>;
  /** Subscribes to reader and card events; returns the unsubscribe function. */
  onEvent(listener: (event: CardEvent) => void): () => void;
  close(): Promise<void>;
}

export function readerMatches(name: string, filter: string | undefined): boolean {
  return !filter || name.toLowerCase().includes(filter.toLowerCase());
}
