/**
 * The virtual card as a vpcd client (vsmartcard), so pcscd shows it in a real PC/SC reader
 * ("Virtual PCD 00 00" for port 35963, "… 00 01" for 35964).
 *
 * Wire format (both ways): 2-byte big-endian length + payload. From vpcd, a 1-byte payload is a
 * control code — 0 power off, 1 power on, 2 reset (no answer), 4 get ATR (answer: the ATR) —
 * and anything longer is a command APDU, answered with the response APDU.
 *
 * Card presence is the TCP connection: vpcd polls presence by asking for the ATR, so closing
 * the socket makes pcscd report the reader EMPTY (and an open card handle fails with
 * "removed card"); connecting again is an insertion. While "inserted" and vpcd is not up yet,
 * the client reconnects with backoff.
 */
import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';
import { log } from '../../util/log.ts';
import { createVirtualCard } from './create-card.ts';
import type { Persona } from './persona.ts';
import type { PersonaKeys } from './persona-keys.ts';
import type { VirtualMyNumberCard } from './virtual-card.ts';

export const VPCD_DEFAULT_PORT = 35963;

const CTRL = { OFF: 0, ON: 1, RESET: 2, ATR: 4 } as const;

export interface VpcdCardOptions {
  host?: string;
  port?: number;
  persona: string | Persona;
  keys?: PersonaKeys;
  /** Whether the card starts inserted (connected to vpcd). Default true. */
  present?: boolean;
  /** Reconnect backoff bounds in ms (defaults 100 and 2000). */
  backoffMinMs?: number;
  backoffMaxMs?: number;
}

export interface VpcdCardEvents {
  /** The TCP connection to vpcd is up: pcscd will see a card. */
  connected: [];
  /** The connection went down (removal, vpcd restart, stop). */
  disconnected: [];
  'card-inserted': [];
  'card-removed': [];
  /** A connection attempt failed (vpcd not up yet); a retry follows. */
  'connect-failed': [message: string];
  /** One APDU was answered (header and SW only; never data). */
  apdu: [ins: number, sw: string];
}

export interface VpcdCard {
  /** The card currently in the reader (or last removed). */
  readonly card: VirtualMyNumberCard;
  readonly present: boolean;
  readonly connected: boolean;
  readonly events: EventEmitter<VpcdCardEvents>;
  /** Resolves once the card is connected to vpcd (after start or insert). */
  whenConnected(timeoutMs?: number): Promise<void>;
  /** Puts the card back (a new card of `persona` when given): connects to vpcd. */
  insert(persona?: string | Persona): void;
  /** Takes the card out: closes the connection, the card loses power. */
  remove(): void;
  /** The card is pulled out after n more APDUs have been answered (0 = now). */
  pullAfter(n: number): void;
  /** Disconnects for good. */
  stop(): Promise<void>;
}

export function startVpcdCard(options: VpcdCardOptions): VpcdCard {
  return new VpcdCardClient(options);
}

class VpcdCardClient implements VpcdCard {
  readonly events = new EventEmitter<VpcdCardEvents>();
  #card: VirtualMyNumberCard;
  #present: boolean;
  #stopped = false;
  #socket: Socket | undefined;
  #connected = false;
  #retryTimer: NodeJS.Timeout | undefined;
  #backoff: number;
  #pullAfter: number | undefined;
  #buffer = Buffer.alloc(0);
  readonly #host: string;
  readonly #port: number;
  readonly #minMs: number;
  readonly #maxMs: number;

  constructor(private readonly options: VpcdCardOptions) {
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? VPCD_DEFAULT_PORT;
    this.#minMs = options.backoffMinMs ?? 100;
    this.#maxMs = options.backoffMaxMs ?? 2000;
    this.#backoff = this.#minMs;
    this.#card = createVirtualCard(options.persona, options.keys);
    this.#present = options.present ?? true;
    log.info('emulator.start', { persona: this.#card.persona.id, host: this.#host, port: this.#port });
    if (this.#present) this.#connect();
  }

  get card(): VirtualMyNumberCard {
    return this.#card;
  }

  get present(): boolean {
    return this.#present;
  }

  get connected(): boolean {
    return this.#connected;
  }

  whenConnected(timeoutMs = 10_000): Promise<void> {
    if (this.#connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('connected', onConnected);
        reject(
          new Error(`vpcd at ${this.#host}:${this.#port} did not accept the card within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      const onConnected = () => {
        clearTimeout(timer);
        resolve();
      };
      this.events.once('connected', onConnected);
    });
  }

  insert(persona?: string | Persona): void {
    if (this.#stopped) return;
    if (persona !== undefined) {
      if (this.#present) this.remove();
      this.#card = createVirtualCard(
        persona,
        persona === this.options.persona ? this.options.keys : undefined,
      );
    }
    if (this.#present) return;
    this.#present = true;
    this.#backoff = this.#minMs;
    this.#connect();
  }

  remove(): void {
    this.#pullAfter = undefined;
    if (!this.#present) return;
    this.#present = false;
    this.#card.powerOff();
    clearTimeout(this.#retryTimer);
    this.#dropSocket();
    this.events.emit('card-removed');
  }

  pullAfter(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('pullAfter needs a non-negative integer');
    if (n === 0) this.remove();
    else this.#pullAfter = n;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#present = false;
    clearTimeout(this.#retryTimer);
    const socket = this.#socket;
    this.#dropSocket();
    if (socket && !socket.closed) await new Promise<void>((r) => socket.once('close', () => r()));
  }

  #connect(): void {
    if (this.#stopped || !this.#present || this.#socket) return;
    const socket = new Socket();
    this.#socket = socket;
    this.#buffer = Buffer.alloc(0);
    socket.setNoDelay(true);
    socket.on('connect', () => {
      this.#connected = true;
      this.#backoff = this.#minMs;
      log.info('emulator.power', { event: 'connected', port: this.#port });
      this.events.emit('connected');
      this.events.emit('card-inserted');
    });
    socket.on('data', (chunk: Buffer) => this.#onData(socket, chunk));
    socket.on('error', (e: Error) => {
      if (!this.#connected) this.events.emit('connect-failed', e.message);
    });
    socket.on('close', () => {
      const wasConnected = this.#connected && this.#socket === socket;
      if (this.#socket === socket) {
        this.#socket = undefined;
        this.#connected = false;
      }
      if (wasConnected) {
        // vpcd went away while the card was in: the card loses power.
        this.#card.powerOff();
        this.events.emit('disconnected');
      }
      this.#scheduleReconnect();
    });
    socket.connect(this.#port, this.#host);
  }

  #scheduleReconnect(): void {
    if (this.#stopped || !this.#present || this.#socket) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#connect(), this.#backoff);
    this.#backoff = Math.min(this.#backoff * 2, this.#maxMs);
  }

  #dropSocket(): void {
    const socket = this.#socket;
    if (!socket) return;
    this.#socket = undefined;
    const wasConnected = this.#connected;
    this.#connected = false;
    socket.destroy();
    if (wasConnected) this.events.emit('disconnected');
  }

  #onData(socket: Socket, chunk: Buffer): void {
    if (socket !== this.#socket) return;
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    while (this.#buffer.length >= 2 && this.#socket === socket) {
      const length = this.#buffer.readUInt16BE(0);
      if (this.#buffer.length < 2 + length) return;
      const payload = new Uint8Array(this.#buffer.subarray(2, 2 + length));
      this.#buffer = this.#buffer.subarray(2 + length);
      this.#handle(socket, payload);
    }
  }

  #handle(socket: Socket, payload: Uint8Array): void {
    if (payload.length === 0) return;
    if (payload.length === 1) {
      switch (payload[0]) {
        case CTRL.OFF:
          this.#card.powerOff();
          return;
        case CTRL.ON:
          this.#card.powerOn();
          return;
        case CTRL.RESET:
          this.#card.reset();
          return;
        case CTRL.ATR:
          this.#send(socket, this.#card.atr);
          return;
        default:
          log.warn('emulator.error', { message: `unknown vpcd control code ${payload[0]}` });
          return;
      }
    }
    const response = this.#card.transmit(payload);
    this.#send(socket, response);
    const sw = Buffer.from(response.subarray(-2)).toString('hex').toUpperCase();
    this.events.emit('apdu', payload[1]!, sw);
    if (this.#pullAfter !== undefined && --this.#pullAfter <= 0) this.remove();
  }

  #send(socket: Socket, payload: Uint8Array): void {
    const frame = Buffer.alloc(2 + payload.length);
    frame.writeUInt16BE(payload.length, 0);
    frame.set(payload, 2);
    socket.write(frame);
  }
}
