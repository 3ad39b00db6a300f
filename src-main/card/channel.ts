/**
 * CardChannel: the APDU layer over a CardTransport.
 *
 * - `send` handles 61xx (GET RESPONSE, accumulating), 6Cxx (resend with the card's Le) and a 6F00
 *   as the very first answer after power-up (retried once); it counts every APDU on the wire.
 * - SELECT helpers remember the selected AP so callers never pay for a redundant SELECT.
 * - READ BINARY helpers: SFI addressing for the first read (offsets < 256), then reads of the
 *   current EF; short chunks of ≤ 256 bytes, falling back to 255 when a reader mishandles exactly-256
 *   responses; one extended read when the transport supports it; EOF (6B00/6282) handling.
 * - `readTlvFile` learns the file's length from its BER header and reads only what is needed.
 *
 * Logging: header, lengths and SW only — never command or response data (so never VERIFY data).
 */
import {
  classifySw,
  encodeApdu,
  parseResponse,
  swError,
  swHex,
  type CommandApdu,
  type ResponseApdu,
} from './apdu.ts';
import { CardError, isCardError } from './errors.ts';
import { tlvTotalLength } from './tlv.ts';
import type { CardTransport } from './transport.ts';
import { log } from '../util/log.ts';

/** An EF addressed by short file identifier (first read) or the currently selected EF. */
export type EfRef = { sfi: number } | { current: true };

export interface ReadResult {
  data: Uint8Array;
  /** The card reported the end of the file (6282 with the last bytes, or 6B00). */
  eof: boolean;
}

export interface SendOptions {
  /** Short label for diagnostics ("SELECT JPKI", "VERIFY 0011"). */
  what?: string;
}

export interface ReadTlvOptions {
  /**
   * Bytes to ask for in the first short read (default 256). A file known to be small (EF 0001 is 17
   * bytes) can ask for exactly that, avoiding a 6Cxx round trip on cards that answer so.
   */
  firstChunk?: number;
  /** Refuse TLVs claiming more than this (default 32767, the largest READ BINARY offset). */
  maxLength?: number;
}

const MAX_OFFSET = 0x7fff;
const MAX_RESPONSE = 65536 + 256;
const INS_READ_BINARY = 0xb0;
const INS_GET_RESPONSE = 0xc0;
const INS_SELECT = 0xa4;
const INS_VERIFY = 0x20;
/**
 * GET RESPONSEs one command may take. The longest answer (an extended read, 65,536 bytes) comes in
 * 256 chunks of 256 bytes; a card that keeps announcing "more" beyond that is looping.
 */
const MAX_GET_RESPONSES = 260;
/** Answers to a read by offset that mean "which file?" (no current EF, file not found). */
const NOT_CURRENT = new Set([0x6986, 0x6a82]);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex').toUpperCase();
}

export class CardChannel {
  readonly #transport: CardTransport;
  #apduCount = 0;
  #transportFailures = 0;
  #firstExchange = true;
  #maxShortLe = 256;
  #selectedAp: string | null = null;
  /** FID of the current EF when known (an SFI read selects the EF whose FID low byte is the SFI). */
  #currentEf: number | null = null;
  /** How the current EF became current: an SFI read, or a SELECT. */
  #currentEfBy: 'sfi' | 'select' | null = null;
  /** Learned from this card: an SFI read does not select the file (reads by offset need SELECT). */
  #sfiLeavesNoCurrentEf = false;
  /** An extended read failed here (card answered 6700, or the reader could not carry it). */
  #extendedRefused = false;
  /** A secret was verified since power-up (a reset would have forgotten it). */
  #verified = false;
  /** Inside #afterReset: a second reset ends the flow. */
  #recovering = false;

  constructor(transport: CardTransport) {
    this.#transport = transport;
  }

  get transport(): CardTransport {
    return this.#transport;
  }

  /** APDUs exchanged with the card so far, including GET RESPONSE and resends. */
  get apduCount(): number {
    return this.#apduCount;
  }

  /**
   * How many transmits failed in the transport. State learned from the card (selection, retry
   * counters) is stale once this changes: the card may have been reset or replaced.
   */
  get transportFailures(): number {
    return this.#transportFailures;
  }

  /** Extended reads are in use: the transport offers them and the card has not refused one. */
  get supportsExtendedApdu(): boolean {
    return this.#transport.supportsExtendedApdu && !this.#extendedRefused;
  }

  /** Hex AID of the selected application, or null when unknown. */
  get selectedAp(): string | null {
    return this.#selectedAp;
  }

  /** Largest short Le in use: 256, or 255 after a reader mishandled a 256-byte response. */
  get maxShortLe(): number {
    return this.#maxShortLe;
  }

  async #exchange(cmd: CommandApdu, what: string): Promise<ResponseApdu> {
    const bytes = encodeApdu(cmd);
    const started = performance.now();
    let raw: Uint8Array;
    try {
      this.#apduCount++;
      raw = await this.#transport.transmit(bytes);
    } catch (e) {
      this.#transportFailures++;
      this.#selectedAp = null;
      this.#currentEf = null;
      log.debug('card.apdu', {
        what,
        header: hex(bytes.subarray(0, 4)),
        error: isCardError(e) ? e.code : 'io',
      });
      if (isCardError(e)) throw e;
      throw new CardError('CARD_IO', { detail: e instanceof Error ? e.message : String(e) });
    } finally {
      bytes.fill(0); // may hold VERIFY data
    }
    const res = parseResponse(raw);
    log.debug('card.apdu', {
      what,
      header: hex(Uint8Array.of(cmd.cla, cmd.ins, cmd.p1, cmd.p2)),
      lc: cmd.data?.length ?? 0,
      le: cmd.le ?? null,
      sw: swHex(res.sw),
      len: res.data.length,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    return res;
  }

  /**
   * Sends a command and returns the final response: 61xx is followed by GET RESPONSE until all data
   * has arrived, 6Cxx is resent once with the announced Le, and a 6F00 answering the first command
   * after power-up is retried once. Status words are otherwise returned, not thrown.
   */
  async send(cmd: CommandApdu, opts: SendOptions = {}): Promise<ResponseApdu> {
    const what = opts.what ?? `INS ${cmd.ins.toString(16).toUpperCase()}`;
    const before = { ap: this.#selectedAp, ef: this.#currentEf };
    try {
      return await this.#send(cmd, what);
    } catch (e) {
      if (!isCardError(e, 'CARD_IO') || !e.details.reset) throw e;
      return this.#afterReset(cmd, what, before);
    }
  }

  async #send(cmd: CommandApdu, what: string): Promise<ResponseApdu> {
    const first = this.#firstExchange;
    this.#firstExchange = false;
    if (cmd.ins !== INS_READ_BINARY && cmd.ins !== INS_GET_RESPONSE) this.#currentEf = null;
    // A VERIFY is never sent twice: a damaged answer must not cost the resident a try.
    const resendable = cmd.ins !== INS_VERIFY;
    let res = await this.#exchange(cmd, what);
    if (first && resendable && res.sw === 0x6f00)
      res = await this.#exchange(cmd, `${what} (retry after 6F00)`);
    let c = classifySw(res.sw);
    if (c.kind === 'wrong-le' && resendable) {
      res = await this.#exchange({ ...cmd, le: c.le }, `${what} (Le=${c.le})`);
      c = classifySw(res.sw);
    }
    if (c.kind === 'more-data') res = await this.#collect(res, what);
    if (cmd.ins === INS_VERIFY && (cmd.data?.length ?? 0) > 0 && res.sw === 0x9000) this.#verified = true;
    return res;
  }

  /**
   * The card was reset in the middle of a flow (by the reader, or by another program on a shared
   * connection): it forgot its selection, and any verified secret. Without a verified secret the
   * flow goes on: select again what was selected and send the command once more. With one, or for
   * a VERIFY itself, the flow stops: a VERIFY is never re-sent on the resident's behalf.
   */
  async #afterReset(
    cmd: CommandApdu,
    what: string,
    before: { ap: string | null; ef: number | null },
  ): Promise<ResponseApdu> {
    const lost = () =>
      new CardError('CARD_IO', {
        detail: 'the card was reset; verified secrets are lost, start again',
        reset: true,
      });
    if (this.#verified || cmd.ins === INS_VERIFY || this.#recovering) throw lost();
    this.#recovering = true;
    log.warn('card.read', { detail: `${what}: the card was reset — selecting again and retrying once` });
    try {
      const reselectAp = before.ap !== null && !(cmd.ins === INS_SELECT && cmd.p1 === 0x04);
      if (reselectAp)
        await this.selectAp(Uint8Array.from(Buffer.from(before.ap!, 'hex')), 'SELECT AP (after reset)');
      const byOffset = cmd.ins === INS_READ_BINARY && (cmd.p1 & 0x80) === 0;
      if (byOffset && before.ef !== null) await this.selectEf(before.ef, 'SELECT EF (after reset)');
      return await this.#send(cmd, `${what} (after reset)`);
    } catch (e) {
      if (isCardError(e, 'CARD_IO') && e.details.reset) throw lost();
      throw e;
    } finally {
      this.#recovering = false;
    }
  }

  async #collect(res: ResponseApdu, what: string): Promise<ResponseApdu> {
    let data = res.data;
    let c = classifySw(res.sw);
    for (let round = 1; c.kind === 'more-data'; round++) {
      if (round > MAX_GET_RESPONSES) {
        throw new CardError('BAD_RESPONSE', {
          detail: `${what}: more than ${MAX_GET_RESPONSES} GET RESPONSEs`,
        });
      }
      const next = await this.#exchange(
        { cla: 0x00, ins: INS_GET_RESPONSE, p1: 0, p2: 0, le: c.available },
        `${what} (GET RESPONSE)`,
      );
      data = concat(data, next.data);
      if (data.length > MAX_RESPONSE) {
        throw new CardError('BAD_RESPONSE', {
          detail: `${what}: GET RESPONSE chain exceeds ${MAX_RESPONSE} bytes`,
        });
      }
      if (next.data.length === 0 && classifySw(next.sw).kind === 'more-data') {
        throw new CardError('BAD_RESPONSE', { detail: `${what}: GET RESPONSE returned no data` });
      }
      res = next;
      c = classifySw(next.sw);
    }
    return { data, sw: res.sw };
  }

  /** Sends and requires 9000; other status words become the matching CardError. */
  async sendOk(cmd: CommandApdu, what: string): Promise<Uint8Array> {
    const res = await this.send(cmd, { what });
    if (res.sw !== 0x9000) throw swError(res.sw, what);
    return res.data;
  }

  /**
   * SELECT an application by its full AID (`00 A4 04 0C`, no FCI). Skipped when it is already
   * selected. Returns false when the card answers 6A82 (no such application).
   */
  async trySelectAp(aid: Uint8Array, what = 'SELECT AP'): Promise<boolean> {
    const key = hex(aid);
    if (this.#selectedAp === key) return true;
    this.#selectedAp = null;
    const res = await this.send({ cla: 0x00, ins: INS_SELECT, p1: 0x04, p2: 0x0c, data: aid }, { what });
    if (res.sw === 0x6a82) return false;
    if (res.sw !== 0x9000) throw swError(res.sw, what);
    this.#selectedAp = key;
    this.#currentEf = null;
    return true;
  }

  /** SELECT an application; 6A82 is a BAD_RESPONSE naming it. */
  async selectAp(aid: Uint8Array, what = 'SELECT AP'): Promise<void> {
    if (!(await this.trySelectAp(aid, what))) {
      throw new CardError('BAD_RESPONSE', { sw: '6A82', detail: `${what}: application not found` });
    }
  }

  /** SELECT EF by FID (`00 A4 02 0C 02 FID`) in the selected application. */
  async selectEf(fid: number, what = `SELECT EF ${fid.toString(16).padStart(4, '0')}`): Promise<void> {
    await this.sendOk(
      { cla: 0x00, ins: INS_SELECT, p1: 0x02, p2: 0x0c, data: Uint8Array.of(fid >> 8, fid & 0xff) },
      what,
    );
    this.#currentEf = fid;
    this.#currentEfBy = 'select';
  }

  /** Forget the selection state (e.g. after another process reset the card). */
  forgetSelection(): void {
    this.#selectedAp = null;
    this.#currentEf = null;
  }

  /**
   * One READ BINARY of up to `le` bytes (1–256 short, up to 65536 extended) at `offset`.
   * `{sfi}` works only for offsets < 256; later offsets read the current EF, which the SFI read
   * selected. EOF (6B00, 6282) is reported, not thrown.
   */
  async readBinary(ref: EfRef, offset: number, le: number, extended = false): Promise<ReadResult> {
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
      throw new CardError('BAD_RESPONSE', { detail: `READ BINARY offset ${offset} out of range` });
    }
    let p1: number;
    let p2: number;
    let fid: number | null;
    if ('sfi' in ref && offset < 256) {
      if (!Number.isInteger(ref.sfi) || ref.sfi < 1 || ref.sfi > 30)
        throw new RangeError(`bad SFI ${ref.sfi}`);
      [p1, p2, fid] = [0x80 | ref.sfi, offset, ref.sfi];
    } else {
      // SFI addressing reaches only offsets < 256; beyond that the SFI read must have selected the EF.
      if ('sfi' in ref && this.#currentEf !== ref.sfi) {
        throw new RangeError(`SFI ${ref.sfi} is not the current EF for offset ${offset}`);
      }
      [p1, p2, fid] = [offset >> 8, offset & 0xff, this.#currentEf];
      // This card keeps no current EF after an SFI read: select the file first.
      if (fid !== null && this.#currentEfBy === 'sfi' && this.#sfiLeavesNoCurrentEf) await this.selectEf(fid);
    }
    const what = `READ BINARY${'sfi' in ref ? ` SFI ${ref.sfi}` : ''} @${offset}`;
    const cmd: CommandApdu = {
      cla: 0x00,
      ins: INS_READ_BINARY,
      p1,
      p2,
      le,
      ...(extended ? { extended } : {}),
    };
    let res: ResponseApdu;
    try {
      res = await this.send(cmd, { what });
    } catch (e) {
      // A reader that cannot carry an extended APDU fails in transport: read short from now on.
      if (extended && isCardError(e, 'CARD_IO') && !e.details.reset)
        return this.#shortInstead(ref, offset, le);
      // Some readers fail on exactly-256-byte responses: drop to 255-byte chunks and retry once.
      if (!extended && le === 256 && isCardError(e, 'CARD_IO') && !e.details.reset) {
        return this.#retryWith255(ref, offset);
      }
      throw e;
    }
    if (extended && (res.sw === 0x6700 || res.sw === 0x6d00 || res.sw === 0x6e00)) {
      return this.#shortInstead(ref, offset, le);
    }
    if (!extended && le === 256 && (res.sw === 0x6700 || (res.sw === 0x9000 && res.data.length === 0))) {
      return this.#retryWith255(ref, offset);
    }
    if (fid !== null && !('sfi' in ref && offset < 256) && NOT_CURRENT.has(res.sw)) {
      res = await this.#reselectAndRead(fid, cmd, what, res.sw);
    }
    const c = classifySw(res.sw);
    if (c.kind === 'ok' || c.kind === 'eof') {
      if ('sfi' in ref && offset < 256) this.#currentEfBy = 'sfi';
      this.#currentEf = fid;
      if (res.data.length > le) {
        throw new CardError('BAD_RESPONSE', { detail: `${what}: ${res.data.length} bytes for Le ${le}` });
      }
      return { data: res.data, eof: c.kind === 'eof' };
    }
    throw swError(res.sw, what);
  }

  /**
   * A read by offset refused as if no EF were current: some cards do not let an SFI read select
   * the file. SELECT the EF (its FID is the SFI on this card, card-protocol.md) and read once more.
   */
  async #reselectAndRead(fid: number, cmd: CommandApdu, what: string, sw: number): Promise<ResponseApdu> {
    if (!this.#sfiLeavesNoCurrentEf) {
      this.#sfiLeavesNoCurrentEf = true;
      log.warn('card.read', { detail: `${what}: ${swHex(sw)} — selecting the EF and reading again` });
    }
    await this.selectEf(fid);
    return this.send(cmd, { what: `${what} (after SELECT EF)` });
  }

  /** The card or the reader refused an extended read: short reads for the rest of this session. */
  async #shortInstead(ref: EfRef, offset: number, le: number): Promise<ReadResult> {
    if (!this.#extendedRefused) {
      this.#extendedRefused = true;
      log.warn('card.read', { detail: 'extended READ BINARY refused; using short APDUs' });
    }
    return this.readBinary(ref, offset, Math.min(le, this.#maxShortLe));
  }

  async #retryWith255(ref: EfRef, offset: number): Promise<ReadResult> {
    if (this.#maxShortLe === 255)
      throw new CardError('CARD_IO', { detail: 'READ BINARY failed with Le=255 too' });
    log.warn('card.read', { detail: 'reader mishandled a 256-byte response; using 255-byte chunks' });
    this.#maxShortLe = 255;
    return this.readBinary(ref, offset, 255);
  }

  /**
   * Reads `length` bytes from `offset` (or fewer when the file ends first) in as few APDUs as the
   * transport allows.
   */
  async readBytes(ref: EfRef, length: number, offset = 0): Promise<ReadResult> {
    let data: Uint8Array = new Uint8Array(0);
    let cur: EfRef = ref;
    while (data.length < length) {
      const at = offset + data.length;
      const want = length - data.length;
      const r = this.supportsExtendedApdu
        ? await this.readBinary(cur, at, Math.min(want, 65536), want > 256)
        : await this.readBinary(cur, at, Math.min(want, this.#maxShortLe));
      data = concat(data, r.data);
      if (r.eof || r.data.length === 0) return { data, eof: true };
      cur = { current: true };
    }
    return { data: data.subarray(0, length), eof: false };
  }

  /**
   * Reads a file holding one BER-TLV (plus FF filler) and returns exactly the TLV's bytes.
   * Short APDUs: one read of `firstChunk` (256) bytes, which holds most files whole, then only the
   * missing bytes. Extended: one read of the whole file.
   */
  async readTlvFile(ref: EfRef, opts: ReadTlvOptions = {}): Promise<Uint8Array> {
    const maxLength = opts.maxLength ?? MAX_OFFSET;
    const ext = this.supportsExtendedApdu;
    const firstLe = ext ? 65536 : Math.min(opts.firstChunk ?? 256, this.#maxShortLe);
    const first = await this.readBinary(ref, 0, firstLe, ext);
    let data = first.data;
    let eof = first.eof;
    let total: number | undefined;
    while (total === undefined) {
      const t = tlvTotalLength(data);
      if (t.ok) {
        total = t.total;
        break;
      }
      if (eof) throw new CardError('BAD_RESPONSE', { detail: 'file ends inside its TLV header' });
      const more = await this.readBytes({ current: true }, Math.max(t.needBytes, 16), data.length);
      data = concat(data, more.data);
      eof = more.eof;
    }
    if (total > maxLength)
      throw new CardError('BAD_RESPONSE', { detail: `TLV of ${total} bytes exceeds ${maxLength}` });
    if (data.length < total) {
      if (eof)
        throw new CardError('BAD_RESPONSE', { detail: `file ends after ${data.length} of ${total} bytes` });
      const rest = await this.readBytes({ current: true }, total - data.length, data.length);
      data = concat(data, rest.data);
      if (data.length < total) {
        throw new CardError('BAD_RESPONSE', { detail: `file ends after ${data.length} of ${total} bytes` });
      }
    }
    return data.subarray(0, total);
  }

  /** Releases the card; 'unpower' (default) makes it forget every verified secret. */
  async close(disposition: 'unpower' | 'leave' = 'unpower'): Promise<void> {
    this.forgetSelection();
    if (disposition === 'unpower') this.#verified = false;
    await this.#transport.close(disposition);
  }
}
