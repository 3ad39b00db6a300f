/**
 * Helpers for the emulator's own tests: build cards from personas, send hex APDUs, and walk
 * BER-TLV just enough to check what the card returns. (Not used by production code.)
 */
import { loadPersonaKeys } from './persona-keys.ts';
import { loadPersona } from './personas.ts';
import { VirtualMyNumberCard } from './virtual-card.ts';
import { AIDS, type ApName } from './card-files.ts';

export function cardFor(id: string): VirtualMyNumberCard {
  const persona = loadPersona(id);
  const card = new VirtualMyNumberCard(
    persona,
    persona.kind === 'mynumber' ? loadPersonaKeys(id) : undefined,
  );
  card.powerOn();
  return card;
}

export const bytes = (hex: string): Uint8Array =>
  Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));

export interface Answer {
  data: Uint8Array;
  sw: number;
  /** SW as 4 upper-case hex digits. */
  swHex: string;
}

export function send(card: VirtualMyNumberCard, apdu: string | Uint8Array): Answer {
  const r = card.transmit(typeof apdu === 'string' ? bytes(apdu) : apdu);
  const sw = (r[r.length - 2]! << 8) | r[r.length - 1]!;
  return { data: r.slice(0, -2), sw, swHex: sw.toString(16).toUpperCase().padStart(4, '0') };
}

export const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

export function selectAp(card: VirtualMyNumberCard, ap: ApName): Answer {
  return send(card, `00A4040C0A${hexOf(AIDS[ap])}`);
}

export function selectEf(card: VirtualMyNumberCard, fid: number): Answer {
  return send(card, `00A4020C02${fid.toString(16).padStart(4, '0')}`);
}

export function verify(card: VirtualMyNumberCard, value: string, p2 = 0x80): Answer {
  const data = Buffer.from(value, 'ascii');
  return send(card, Uint8Array.from([0x00, 0x20, 0x00, p2, data.length, ...data]));
}

/** Reads the current EF in short chunks of ≤ 256 bytes until EOF; returns the physical bytes. */
export function readAll(card: VirtualMyNumberCard): Uint8Array {
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (;;) {
    const a = send(card, Uint8Array.from([0x00, 0xb0, offset >> 8, offset & 0xff, 0x00]));
    if (a.sw === 0x6b00) break;
    parts.push(a.data);
    offset += a.data.length;
    if (a.sw === 0x6282) break;
    if (a.sw !== 0x9000) throw new Error(`READ BINARY answered ${a.swHex}`);
  }
  return Uint8Array.from(Buffer.concat(parts));
}

export interface Tlv {
  tag: number;
  header: number;
  length: number;
  value: Uint8Array;
  /** Header + value. */
  total: number;
}

/** Minimal BER-TLV reader for tests (tags up to 2 bytes, definite lengths). */
export function readTlv(buf: Uint8Array, at = 0): Tlv {
  let i = at;
  let tag = buf[i++]!;
  if ((tag & 0x1f) === 0x1f) tag = (tag << 8) | buf[i++]!;
  let length = buf[i++]!;
  if (length & 0x80) {
    const n = length & 0x7f;
    length = 0;
    for (let k = 0; k < n; k++) length = (length << 8) | buf[i++]!;
  }
  const header = i - at;
  return { tag, header, length, value: buf.subarray(i, i + length), total: header + length };
}

/** The children of a constructed value, stopping at FF/00 filler. */
export function children(value: Uint8Array): Array<Tlv & { offset: number }> {
  const out: Array<Tlv & { offset: number }> = [];
  let i = 0;
  while (i < value.length && value[i] !== 0xff && value[i] !== 0x00) {
    const t = readTlv(value, i);
    out.push({ ...t, offset: i });
    i += t.total;
  }
  return out;
}
