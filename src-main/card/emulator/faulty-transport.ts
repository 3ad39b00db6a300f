/**
 * A transport over the virtual card that damages chosen answers: what a worn card, a cheap reader
 * or a driver bug hands the stack. The card itself behaves; only what reaches the host is changed
 * (except `reset`, which really resets the card, as another program or the reader would).
 *
 * Used by the seeded fuzz tests and `npm run fuzz:card` (test/helpers/card-fuzz.ts).
 */
import { CardError } from '../errors.ts';
import type { CardTransport } from '../transport.ts';
import type { VirtualMyNumberCard } from './virtual-card.ts';

export type Fault =
  /** The status word replaced. */
  | { kind: 'sw'; sw: number }
  /** The response cut to `length` bytes (below 2 the status word is gone too). */
  | { kind: 'truncate'; length: number }
  /** Extra bytes before the status word. */
  | { kind: 'extend'; bytes: Uint8Array }
  /** The data replaced by `length` FF bytes. */
  | { kind: 'filler'; length: number }
  /** One data byte XORed (a bit error the reader did not catch). */
  | { kind: 'flip'; at: number; xor: number }
  /** The data replaced by a TLV header that claims a huge body. */
  | { kind: 'long-tlv'; header: Uint8Array }
  /** From this answer on, every answer is 61xx with one byte: a GET RESPONSE loop. */
  | { kind: 'more-data-loop'; announce: number }
  /** The transmit fails in the transport. */
  | { kind: 'transport'; error: 'CARD_IO' | 'CARD_REMOVED' | 'untyped' }
  /** The card is reset before it answers (verified secrets and selections are lost). */
  | { kind: 'reset' };

export interface SentApdu {
  command: Uint8Array;
  fault: Fault | undefined;
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));

function damage(response: Uint8Array, fault: Fault): Uint8Array {
  const data = response.subarray(0, Math.max(0, response.length - 2));
  const sw = response.subarray(Math.max(0, response.length - 2));
  switch (fault.kind) {
    case 'sw':
      return concat(data, Uint8Array.of(fault.sw >> 8, fault.sw & 0xff));
    case 'truncate':
      return response.slice(0, Math.min(fault.length, response.length));
    case 'extend':
      return concat(data, fault.bytes, sw);
    case 'filler':
      return concat(new Uint8Array(fault.length).fill(0xff), sw);
    case 'flip': {
      const out = response.slice();
      if (data.length > 0) out[fault.at % data.length]! ^= fault.xor || 1;
      return out;
    }
    case 'long-tlv':
      return concat(fault.header, sw);
    case 'more-data-loop':
      return Uint8Array.of(0x00, 0x61, fault.announce & 0xff);
    default:
      return response;
  }
}

export class FaultyTransport implements CardTransport {
  readonly readerName = 'Faulty Virtual Reader';
  readonly supportsExtendedApdu: boolean;
  /** Every command sent, with the fault applied to its answer. */
  readonly sent: SentApdu[] = [];
  #loop: Fault | undefined;
  #closed = false;

  /** `faults` maps the index of an APDU (0 = first after power-up) to what happens to it. */
  constructor(
    private readonly card: VirtualMyNumberCard,
    private readonly faults: ReadonlyMap<number, Fault>,
    /** Whether the "reader" offers extended APDUs (default: what the card supports). */
    extendedApdu = card.persona.extendedApdu,
  ) {
    this.supportsExtendedApdu = extendedApdu;
    if (!card.powered) card.powerOn();
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (this.#closed) throw new CardError('CARD_IO', { detail: 'transport is closed' });
    await Promise.resolve();
    const fault = this.#loop ?? this.faults.get(this.sent.length);
    this.sent.push({ command: command.slice(), fault });
    if (fault?.kind === 'transport') {
      if (fault.error === 'untyped') throw new Error('driver failure');
      throw new CardError(fault.error, { detail: 'injected' });
    }
    if (fault?.kind === 'reset') {
      this.card.powerOff();
      this.card.powerOn();
      throw new CardError('CARD_IO', { detail: 'the card was reset', reset: true });
    }
    if (fault?.kind === 'more-data-loop') this.#loop = fault;
    const response = this.card.transmit(command);
    return fault ? damage(response, fault) : response;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.card.powerOff();
  }
}

/** Status words worth trying: chaining, EOF, security, lengths, and a few that mean nothing here. */
const NOTABLE_SW = [
  0x9000, 0x6100, 0x6101, 0x61ff, 0x6c00, 0x6c01, 0x6cff, 0x6f00, 0x6282, 0x6b00, 0x6700, 0x6981, 0x6982,
  0x6983, 0x6984, 0x6985, 0x6986, 0x6a80, 0x6a81, 0x6a82, 0x6a86, 0x6a88, 0x63c0, 0x63c1, 0x63c3, 0x63ca,
  0x6581, 0x6d00, 0x6e00, 0x9001,
];

/** TLV headers claiming far more than any file holds (and some that are cut short). */
const LONG_HEADERS = [
  '30 84 7F FF FF FF',
  '30 83 FF FF FF',
  '30 82 FF FF',
  'FF 20 82 7F FF',
  '7F 21 84',
  '5F 1F 81',
];

/** One random fault, from a `[0, 1)` random source. */
export function randomFault(rnd: () => number): Fault {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const int = (n: number) => Math.floor(rnd() * n);
  switch (int(10)) {
    case 0:
      return { kind: 'sw', sw: int(0x10000) };
    case 1:
      return { kind: 'sw', sw: pick(NOTABLE_SW) };
    case 2:
      return { kind: 'truncate', length: pick([0, 1, 2, 3, int(300)]) };
    case 3:
      return { kind: 'extend', bytes: Uint8Array.from({ length: 1 + int(300) }, () => int(256)) };
    case 4:
      return { kind: 'filler', length: pick([0, 1, 16, 255, 256, 257, int(1200)]) };
    case 5:
      return { kind: 'flip', at: int(4096), xor: 1 + int(255) };
    case 6:
      return {
        kind: 'long-tlv',
        header: Uint8Array.from(Buffer.from(pick(LONG_HEADERS).replace(/ /g, ''), 'hex')),
      };
    case 7:
      return { kind: 'more-data-loop', announce: int(256) };
    case 8:
      return { kind: 'transport', error: pick(['CARD_IO', 'CARD_REMOVED', 'untyped'] as const) };
    default:
      return { kind: 'reset' };
  }
}
