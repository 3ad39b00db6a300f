/**
 * A minimal DER encoder: just what certificates and CMS SignedData need.
 * Decoding goes through the tolerant BER-TLV parser in card/tlv.ts.
 */

export type Der = Uint8Array;

function encodeLength(len: number): Uint8Array {
  if (len < 0x80) return Uint8Array.of(len);
  const bytes: number[] = [];
  for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Any tag (one byte, or a pre-encoded multi-byte tag) with raw content. */
export function tlv(tag: number | Uint8Array, content: Uint8Array): Der {
  const t = typeof tag === 'number' ? Uint8Array.of(tag) : tag;
  return concat([t, encodeLength(content.length), content]);
}

export const sequence = (...items: Der[]): Der => tlv(0x30, concat(items));

/** SET OF, sorted by encoding as DER requires. */
export function setOf(...items: Der[]): Der {
  const sorted = [...items].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return tlv(0x31, concat(sorted));
}

/** INTEGER from a non-negative bigint, number or big-endian unsigned bytes. */
export function integer(value: bigint | number | Uint8Array): Der {
  let bytes: Uint8Array;
  if (value instanceof Uint8Array) {
    let i = 0;
    while (i < value.length - 1 && value[i] === 0) i++;
    bytes = value.subarray(i);
  } else {
    let v = BigInt(value);
    if (v < 0n) throw new RangeError('negative INTEGER not supported');
    const arr: number[] = [];
    do {
      arr.unshift(Number(v & 0xffn));
      v >>= 8n;
    } while (v > 0n);
    bytes = Uint8Array.from(arr);
  }
  if (bytes.length === 0) bytes = Uint8Array.of(0);
  if (bytes[0]! & 0x80) bytes = concat([Uint8Array.of(0), bytes]);
  return tlv(0x02, bytes);
}

export function oid(dotted: string): Der {
  const parts = dotted.split('.').map((p) => {
    if (!/^\d+$/.test(p)) throw new RangeError(`bad OID: ${dotted}`);
    return BigInt(p);
  });
  if (parts.length < 2) throw new RangeError(`bad OID: ${dotted}`);
  const out: number[] = [];
  const arcs = [parts[0]! * 40n + parts[1]!, ...parts.slice(2)];
  for (let arc of arcs) {
    const enc: number[] = [Number(arc & 0x7fn)];
    arc >>= 7n;
    while (arc > 0n) {
      enc.unshift(Number(arc & 0x7fn) | 0x80);
      arc >>= 7n;
    }
    out.push(...enc);
  }
  return tlv(0x06, Uint8Array.from(out));
}

export const nullValue = (): Der => Uint8Array.of(0x05, 0x00);
export const octetString = (bytes: Uint8Array): Der => tlv(0x04, bytes);
export const bitString = (bytes: Uint8Array): Der => tlv(0x03, concat([Uint8Array.of(0), bytes]));
export const utf8String = (s: string): Der => tlv(0x0c, new TextEncoder().encode(s));
export const printableString = (s: string): Der => tlv(0x13, new TextEncoder().encode(s));
export const ia5String = (s: string): Der => tlv(0x16, new TextEncoder().encode(s));
export const boolean = (v: boolean): Der => Uint8Array.of(0x01, 0x01, v ? 0xff : 0x00);

/** [n] EXPLICIT: constructed context-specific tag wrapping one or more encodings. */
export const explicit = (n: number, ...inner: Der[]): Der => tlv(0xa0 | n, concat(inner));
/** [n] IMPLICIT on a constructed type (replaces the SEQUENCE/SET tag). */
export const implicitConstructed = (n: number, content: Uint8Array): Der => tlv(0xa0 | n, content);
/** [n] IMPLICIT on a primitive type. */
export const implicitPrimitive = (n: number, content: Uint8Array): Der => tlv(0x80 | n, content);

/** UTCTime before 2050, GeneralizedTime from 2050 on (RFC 5280 §4.1.2.5). */
export function time(date: Date): Der {
  const iso = date.toISOString();
  const y = date.getUTCFullYear();
  const rest = iso.slice(5, 19).replace(/[-T:]/g, '') + 'Z';
  if (y >= 1950 && y < 2050) return tlv(0x17, new TextEncoder().encode(iso.slice(2, 4) + rest));
  return tlv(0x18, new TextEncoder().encode(String(y).padStart(4, '0') + rest));
}

/** Returns the content bytes of a DER element whose header we produced (definite length). */
export function contentOf(der: Der): Uint8Array {
  const first = der[1]!;
  const headerLen = first < 0x80 ? 2 : 2 + (first & 0x7f);
  return der.subarray(headerLen);
}

export { concat as concatBytes };
