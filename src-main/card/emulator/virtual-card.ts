/**
 * The virtual My Number Card: a state machine that answers command APDUs the way the card does
 * (card-protocol.md): SELECT of the five APs and their EFs, READ BINARY with SFI, offsets, FF
 * filler and end-of-file status words, VERIFY with retry counters that block, COMPUTE DIGITAL
 * SIGNATURE with the persona's RSA keys, and optional transport quirks (61xx, 6Cxx, 6F00, an SFI
 * read that leaves no current EF).
 *
 * It is the card, so it never imports host-side protocol code and never throws on what a host
 * sends: anything malformed gets a status word.
 */
import { constants, privateEncrypt, timingSafeEqual } from 'node:crypto';
import { log } from '../../util/log.ts';
import { AIDS, buildApplications, type ApName, type Application, type Ef } from './card-files.ts';
import { parseCommandApdu, type CommandApdu } from './command-apdu.ts';
import type { Persona } from './persona.ts';
import type { PersonaKeys } from './persona-keys.ts';

/** T=1 ATR of a contact My Number Card; identification never relies on it. */
export const DEFAULT_ATR = Uint8Array.from([0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14]);

export const SW = {
  OK: 0x9000,
  EOF_WARNING: 0x6282,
  WRONG_LENGTH: 0x6700,
  INCOMPATIBLE_FILE: 0x6981,
  SECURITY_STATUS: 0x6982,
  BLOCKED: 0x6984,
  CONDITIONS: 0x6985,
  NO_CURRENT_EF: 0x6986,
  WRONG_DATA: 0x6a80,
  NOT_FOUND: 0x6a82,
  WRONG_P1P2: 0x6a86,
  REF_NOT_FOUND: 0x6a88,
  OFFSET_BEYOND_END: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_DIAGNOSIS: 0x6f00,
} as const;

interface Reply {
  data?: Uint8Array;
  sw: number;
}

/** Which persona secret a key EF is, for `triesLeft`. */
export type CardSecret = 'kenhojoPin' | 'kenhojoA' | 'kenhojoB' | 'jpkiAuthPin' | 'jpkiSignPassword';

const SECRET_KEYS: Record<CardSecret, [ApName, number]> = {
  kenhojoPin: ['kenhojo', 0x0011],
  kenhojoA: ['kenhojo', 0x0014],
  kenhojoB: ['kenhojo', 0x0015],
  jpkiAuthPin: ['jpki', 0x0018],
  jpkiSignPassword: ['jpki', 0x001b],
};

const keyOf = (ap: ApName, fid: number): string => `${ap}:${fid.toString(16).padStart(4, '0')}`;
const swHex = (sw: number): string => sw.toString(16).toUpperCase().padStart(4, '0');

export class VirtualMyNumberCard {
  readonly persona: Persona;
  readonly atr: Uint8Array;
  readonly #apps: Application[];
  /** Retry counters: card state, kept across power cycles. */
  readonly #tries = new Map<string, number>();
  /** Verified key EFs: volatile, forgotten at power-off. */
  readonly #verified = new Set<string>();
  #powered = false;
  #ap: Application | undefined;
  #ef: number | undefined;
  #pending: { data: Uint8Array; sw: number } | undefined;
  #failNextApdu = false;

  constructor(persona: Persona, keys?: PersonaKeys) {
    this.persona = persona;
    this.atr = persona.atr ? Uint8Array.from(Buffer.from(persona.atr, 'hex')) : DEFAULT_ATR;
    this.#apps = buildApplications(persona, keys);
    for (const app of this.#apps) {
      for (const [fid, ef] of app.files) {
        if (ef.type === 'key') this.#tries.set(keyOf(app.name, fid), ef.initialTries);
      }
    }
  }

  get powered(): boolean {
    return this.#powered;
  }

  /** Cold reset: answers the ATR and forgets the selection and every verification. */
  powerOn(): Uint8Array {
    this.#clearVolatile();
    this.#powered = true;
    this.#failNextApdu = this.persona.quirks.firstApduError;
    log.debug('emulator.power', { persona: this.persona.id, on: true });
    return this.atr;
  }

  powerOff(): void {
    this.#clearVolatile();
    this.#powered = false;
    log.debug('emulator.power', { persona: this.persona.id, on: false });
  }

  /** Warm reset: forgets the selection; verification survives until power-off (spec §3). */
  reset(): Uint8Array {
    if (!this.#powered) return this.powerOn();
    this.#ap = undefined;
    this.#ef = undefined;
    this.#pending = undefined;
    return this.atr;
  }

  /** Tries left on one of the persona's secrets (undefined on a card without it). */
  triesLeft(secret: CardSecret): number | undefined {
    const [ap, fid] = SECRET_KEYS[secret];
    return this.#tries.get(keyOf(ap, fid));
  }

  /** Answers one command APDU with data ‖ SW1 SW2. Never throws. */
  transmit(apdu: Uint8Array): Uint8Array {
    let reply: Reply;
    try {
      if (!this.#powered) this.powerOn();
      reply = this.#process(apdu);
    } catch (e) {
      log.error('emulator.error', { message: (e as Error).message });
      reply = { sw: SW.NO_DIAGNOSIS };
    }
    // Only the header and status word: VERIFY data must never reach a log.
    log.debug('emulator.apdu', { ins: apdu[1], p1: apdu[2], p2: apdu[3], sw: swHex(reply.sw) });
    const data = reply.data ?? new Uint8Array(0);
    const out = new Uint8Array(data.length + 2);
    out.set(data);
    out[data.length] = reply.sw >> 8;
    out[data.length + 1] = reply.sw & 0xff;
    return out;
  }

  #clearVolatile(): void {
    this.#verified.clear();
    this.#ap = undefined;
    this.#ef = undefined;
    this.#pending = undefined;
  }

  #process(raw: Uint8Array): Reply {
    const cmd = parseCommandApdu(raw);
    if (!cmd) return { sw: SW.WRONG_LENGTH };
    if (this.#failNextApdu) {
      this.#failNextApdu = false;
      return { sw: SW.NO_DIAGNOSIS };
    }
    if (cmd.extended && !this.persona.extendedApdu) return { sw: SW.WRONG_LENGTH };
    if (cmd.cla === 0x00 && cmd.ins === 0xc0) return this.#getResponse(cmd);
    this.#pending = undefined;
    const reply = this.#dispatch(cmd);
    return this.#chain(reply);
  }

  #dispatch(cmd: CommandApdu): Reply {
    const { cla, ins } = cmd;
    const known = [0xa4, 0xb0, 0x20, 0x2a, 0xc0];
    if (!known.includes(ins)) return { sw: SW.INS_NOT_SUPPORTED };
    if (ins === 0x2a) return cla === 0x80 ? this.#sign(cmd) : { sw: SW.CLA_NOT_SUPPORTED };
    if (cla !== 0x00) return { sw: SW.CLA_NOT_SUPPORTED };
    if (ins === 0xa4) return this.#select(cmd);
    if (ins === 0xb0) return this.#readBinary(cmd);
    return this.#verify(cmd);
  }

  /** The chaining quirk: data waits behind 61xx until GET RESPONSE fetches it. */
  #chain(reply: Reply): Reply {
    if (!this.persona.quirks.chaining || !reply.data?.length) return reply;
    this.#pending = { data: reply.data, sw: reply.sw };
    return { sw: 0x6100 | (Math.min(reply.data.length, 256) & 0xff) };
  }

  #getResponse(cmd: CommandApdu): Reply {
    const pending = this.#pending;
    if (cmd.p1 !== 0 || cmd.p2 !== 0) return { sw: SW.WRONG_P1P2 };
    if (!pending) return { sw: SW.CONDITIONS };
    if (cmd.le === undefined || cmd.data.length) return { sw: SW.WRONG_LENGTH };
    const available = pending.data.length;
    if (cmd.le > available && this.persona.quirks.wrongLe && !cmd.extended) {
      return { sw: 0x6c00 | (Math.min(available, 256) & 0xff) };
    }
    const n = Math.min(cmd.le, available);
    const data = pending.data.slice(0, n);
    const rest = pending.data.subarray(n);
    if (rest.length) {
      this.#pending = { data: rest, sw: pending.sw };
      return { data, sw: 0x6100 | (Math.min(rest.length, 256) & 0xff) };
    }
    this.#pending = undefined;
    return { data, sw: pending.sw };
  }

  #select(cmd: CommandApdu): Reply {
    if (cmd.p2 !== 0x0c && cmd.p2 !== 0x00) return { sw: SW.WRONG_P1P2 };
    if (cmd.p1 === 0x04) {
      if (cmd.data.length === 0) return { sw: SW.WRONG_LENGTH };
      const app = this.#apps.find((a) => equal(a.aid, cmd.data));
      if (!app) return { sw: SW.NOT_FOUND };
      this.#ap = app;
      this.#ef = undefined;
      return { sw: SW.OK };
    }
    if (cmd.p1 === 0x02) {
      if (cmd.data.length !== 2) return { sw: SW.WRONG_LENGTH };
      const fid = (cmd.data[0]! << 8) | cmd.data[1]!;
      if (!this.#ap || !this.#ap.files.has(fid)) return { sw: SW.NOT_FOUND };
      this.#ef = fid;
      return { sw: SW.OK };
    }
    // P1=00 (the MF or by FID from it) and every other selection method: not on this card.
    return { sw: SW.WRONG_P1P2 };
  }

  /** Resolves P2-style addressing: 80 = current EF, 80|SFI = EF 00SFI of the current AP. */
  #addressed(p: number): { fid: number; ef: Ef } | Reply {
    if ((p & 0xe0) !== 0x80) return { sw: SW.WRONG_P1P2 };
    const sfi = p & 0x1f;
    if (sfi === 0x1f) return { sw: SW.WRONG_P1P2 };
    if (!this.#ap) return { sw: sfi ? SW.NOT_FOUND : SW.NO_CURRENT_EF };
    const fid = sfi === 0 ? this.#ef : sfi;
    if (fid === undefined) return { sw: SW.NO_CURRENT_EF };
    const ef = this.#ap.files.get(fid);
    if (!ef) return { sw: SW.NOT_FOUND };
    return { fid, ef };
  }

  #readBinary(cmd: CommandApdu): Reply {
    if (cmd.data.length) return { sw: SW.WRONG_LENGTH };
    if (cmd.le === undefined) return { sw: SW.WRONG_LENGTH };
    let fid: number | undefined;
    let offset: number;
    if (cmd.p1 & 0x80) {
      if (cmd.p1 === 0x80) return { sw: SW.WRONG_P1P2 }; // SFI 0
      const target = this.#addressed(cmd.p1);
      if ('sw' in target) return target;
      fid = target.fid;
      // SFI addressing selects the EF implicitly (ISO 7816-4), except on a strict card.
      if (!this.persona.quirks.strictCurrentEf) this.#ef = fid;
      offset = cmd.p2;
    } else {
      if (!this.#ap) return { sw: SW.NO_CURRENT_EF };
      fid = this.#ef;
      if (fid === undefined) return { sw: SW.NO_CURRENT_EF };
      offset = (cmd.p1 << 8) | cmd.p2;
    }
    const ef = this.#ap!.files.get(fid);
    if (!ef) return { sw: SW.NOT_FOUND };
    if (ef.type !== 'binary') return { sw: SW.INCOMPATIBLE_FILE };
    if (ef.read !== 'free' && !ef.read.some((k) => this.#verified.has(keyOf(this.#ap!.name, k)))) {
      return { sw: SW.SECURITY_STATUS };
    }
    const size = ef.physical.length;
    if (offset >= size) return { sw: SW.OFFSET_BEYOND_END };
    const left = size - offset;
    if (cmd.le > left) {
      if (this.persona.quirks.wrongLe && !cmd.extended) return { sw: 0x6c00 | (left & 0xff) };
      return { data: ef.physical.slice(offset), sw: SW.EOF_WARNING };
    }
    return { data: ef.physical.slice(offset, offset + cmd.le), sw: SW.OK };
  }

  #verify(cmd: CommandApdu): Reply {
    if (cmd.p1 !== 0x00) return { sw: SW.WRONG_P1P2 };
    const target = this.#addressed(cmd.p2);
    if ('sw' in target) return target.sw === SW.NOT_FOUND ? { sw: SW.REF_NOT_FOUND } : target;
    const { fid, ef } = target;
    if (ef.type !== 'key') return { sw: SW.INCOMPATIBLE_FILE };
    const id = keyOf(this.#ap!.name, fid);
    const tries = this.#tries.get(id) ?? 0;
    if (cmd.data.length === 0) {
      // Counter query: spends nothing.
      if (tries === 0) return { sw: 0x63c0 };
      if (this.#verified.has(id)) return { sw: SW.OK };
      return { sw: 0x63c0 | Math.min(tries, 15) };
    }
    if (tries === 0 || ef.secret === null) return { sw: SW.BLOCKED };
    const ok = ef.secret.length === cmd.data.length && timingSafeEqual(ef.secret, cmd.data);
    if (ok) {
      this.#tries.set(id, ef.maxTries);
      this.#verified.add(id);
      return { sw: SW.OK };
    }
    const left = tries - 1;
    this.#tries.set(id, left);
    this.#verified.delete(id);
    return { sw: 0x63c0 | Math.min(left, 15) };
  }

  #sign(cmd: CommandApdu): Reply {
    if (cmd.p1 !== 0x00) return { sw: SW.WRONG_P1P2 };
    const target = this.#addressed(cmd.p2);
    if ('sw' in target) return target;
    const { ef } = target;
    if (ef.type !== 'private-key') return { sw: SW.INCOMPATIBLE_FILE };
    if (cmd.data.length === 0) return { sw: SW.WRONG_LENGTH };
    if (cmd.le !== undefined && cmd.le < 256) {
      return { sw: this.persona.quirks.wrongLe ? 0x6c00 : SW.WRONG_LENGTH };
    }
    if (!this.#verified.has(keyOf(this.#ap!.name, ef.unlockedBy))) return { sw: SW.SECURITY_STATUS };
    // PKCS#1 v1.5 type 1 leaves room for at most k − 11 bytes of DigestInfo.
    if (cmd.data.length > 256 - 11) return { sw: SW.WRONG_DATA };
    const signature = privateEncrypt({ key: ef.key, padding: constants.RSA_PKCS1_PADDING }, cmd.data);
    return { data: new Uint8Array(signature), sw: SW.OK };
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export { AIDS };
export type { ApName };
