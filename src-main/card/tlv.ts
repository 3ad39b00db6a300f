/**
 * A tolerant BER-TLV parser for card files and for X.509/CMS DER.
 *
 * Tolerant where the card is sloppy and strict where it is dangerous:
 * - multi-byte tags (FF20, DF21, 7F21, 1F-continued) up to 4 bytes, including `FF xx`, which
 *   strict DER parsers reject;
 * - long-form lengths 81–84 (non-minimal forms accepted); definite lengths only;
 * - FF (or 00) filler after the last TLV is ignored;
 * - truncated input, indefinite lengths and over-deep nesting are a CardError BAD_RESPONSE.
 * Every loop advances through a bounded buffer and recursion is depth-limited, so hostile input
 * can neither crash (with anything but a CardError) nor hang.
 */
import { CardError } from './errors.ts';

export interface TlvHeader {
  /** Tag bytes as one big-endian number, e.g. 0x30, 0xFF20, 0xDF21, 0x7F21. */
  tag: number;
  /** Bit 6 of the first tag byte. */
  constructed: boolean;
  /** Tag + length bytes. */
  headerLength: number;
  /** Value length. */
  length: number;
}

export interface Tlv extends TlvHeader {
  /** The value bytes (a view into the input). */
  value: Uint8Array;
  /** Offset of the first tag byte within the buffer the node was parsed from. */
  offset: number;
  /** The whole element, header included (a view into the input). */
  raw: Uint8Array;
}

export interface TlvTree extends Tlv {
  /** Parsed children of a constructed element. */
  children?: TlvTree[];
}

export const DEFAULT_MAX_DEPTH = 16;
const MAX_TAG_BYTES = 4;
const MAX_LENGTH_BYTES = 4;

function bad(detail: string): CardError {
  return new CardError('BAD_RESPONSE', { detail: `TLV: ${detail}` });
}

export type HeaderResult = { ok: true; header: TlvHeader } | { ok: false; needBytes: number };

/**
 * Parses a tag and length at `offset` without needing the value. When the header itself is cut
 * off, returns how many more bytes are needed (so a reader can fetch them); malformed headers
 * throw BAD_RESPONSE.
 */
export function tryParseHeader(buf: Uint8Array, offset = 0): HeaderResult {
  let p = offset;
  const need = (n: number): HeaderResult => ({ ok: false, needBytes: n });
  if (p >= buf.length) return need(1);
  const first = buf[p++]!;
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // Continued tag: following bytes until one with bit 8 clear.
    for (;;) {
      if (p >= buf.length) return need(1);
      const b = buf[p++]!;
      tag = tag * 256 + b;
      if (p - offset > MAX_TAG_BYTES) throw bad(`tag longer than ${MAX_TAG_BYTES} bytes at ${offset}`);
      if ((b & 0x80) === 0) break;
    }
  }
  if (p >= buf.length) return need(1);
  const l0 = buf[p++]!;
  let length: number;
  if (l0 < 0x80) {
    length = l0;
  } else if (l0 === 0x80) {
    throw bad(`indefinite length at ${offset}`);
  } else {
    const n = l0 & 0x7f;
    if (n > MAX_LENGTH_BYTES) throw bad(`length of ${n} bytes at ${offset}`);
    if (p + n > buf.length) return need(p + n - buf.length);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[p++]!;
  }
  return { ok: true, header: { tag, constructed: (first & 0x20) !== 0, headerLength: p - offset, length } };
}

/** Parses one TLV at `offset`; bytes after it are ignored. */
export function parseTlv(buf: Uint8Array, offset = 0): Tlv {
  const h = tryParseHeader(buf, offset);
  if (!h.ok) throw bad(`truncated header at ${offset}`);
  const { headerLength, length } = h.header;
  const start = offset + headerLength;
  if (length > buf.length - start) {
    throw bad(`length ${length} at ${offset} exceeds the ${buf.length - start} byte(s) available`);
  }
  return {
    ...h.header,
    offset,
    value: buf.subarray(start, start + length),
    raw: buf.subarray(offset, start + length),
  };
}

function onlyFiller(buf: Uint8Array, from: number): boolean {
  for (let i = from; i < buf.length; i++) {
    const b = buf[i]!;
    if (b !== 0xff && b !== 0x00) return false;
  }
  return true;
}

export interface ListOptions {
  /** Stop at trailing FF/00 filler (default true). Filler between elements is not skipped. */
  allowFiller?: boolean;
}

/** Parses consecutive TLVs filling `buf` (e.g. the value of a constructed element). */
export function parseTlvList(buf: Uint8Array, opts: ListOptions = {}): Tlv[] {
  const allowFiller = opts.allowFiller ?? true;
  const out: Tlv[] = [];
  let p = 0;
  while (p < buf.length) {
    if (allowFiller && onlyFiller(buf, p)) break;
    const t = parseTlv(buf, p);
    out.push(t);
    p += t.raw.length; // ≥ 2, so the loop always advances
  }
  return out;
}

/** The children of a constructed element (its value parsed as a TLV list, no filler allowed). */
export function childrenOf(node: Tlv): Tlv[] {
  return parseTlvList(node.value, { allowFiller: false });
}

/**
 * Parses a whole tree: constructed elements are descended into, up to `maxDepth` levels.
 * Use for data whose every constructed value is TLV (X.509, Kenhojo FF20); a constructed tag whose
 * value is not TLV (Kenhojo FF10 holds plain digits) must be read with `parseTlv` instead.
 */
export function parseTlvTree(buf: Uint8Array, maxDepth = DEFAULT_MAX_DEPTH): TlvTree {
  return descend(parseTlv(buf, 0), maxDepth, 1);
}

function descend(node: Tlv, maxDepth: number, depth: number): TlvTree {
  if (!node.constructed) return node;
  if (depth >= maxDepth) throw bad(`nesting deeper than ${maxDepth}`);
  return { ...node, children: childrenOf(node).map((c) => descend(c, maxDepth, depth + 1)) };
}

/** The first element with `tag` in `list`, or undefined. */
export function findTag<T extends Tlv>(list: readonly T[], tag: number): T | undefined {
  return list.find((t) => t.tag === tag);
}

/** Like findTag but a missing element is a BAD_RESPONSE naming `what`. */
export function requireTag<T extends Tlv>(list: readonly T[], tag: number, what: string): T {
  const t = findTag(list, tag);
  if (!t) throw bad(`missing ${what} (tag ${tag.toString(16).toUpperCase()})`);
  return t;
}

/** Total encoded size (header + value) of the TLV at offset 0, or how many more bytes are needed to know it. */
export function tlvTotalLength(
  buf: Uint8Array,
): { ok: true; total: number } | { ok: false; needBytes: number } {
  const h = tryParseHeader(buf, 0);
  if (!h.ok) return h;
  return { ok: true, total: h.header.headerLength + h.header.length };
}
