/**
 * X.509 certificate reading: a summary (serial, subject, issuer, validity, public key) via
 * node:crypto's X509Certificate, plus what node does not expose, decoded with the tolerant TLV
 * parser: subjectAltName otherNames (JPKI personal data), the raw issuer/serial for CMS, and the
 * serial from a truncated DER prefix (tap-only identification reads only ~40 bytes).
 *
 * Certificates come from the card: malformed ones are CardError BAD_RESPONSE, never a crash.
 */
import { X509Certificate, createHash, type KeyObject } from 'node:crypto';
import { CardError } from '../card/errors.ts';
import { childrenOf, parseTlv, tryParseHeader, type Tlv } from '../card/tlv.ts';

/** The JSON-friendly facts about a certificate. */
export interface CertificateInfo {
  /** Serial number as uppercase hex without sign padding, e.g. "1A2B3C". */
  serial: string;
  /** "C=JP, O=JPKI, …" in the certificate's order. */
  subject: string;
  issuer: string;
  /** ISO 8601 UTC. */
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, uppercase hex. */
  sha256: string;
}

export interface CertificateSummary extends CertificateInfo {
  der: Uint8Array;
  publicKey: KeyObject;
  /** basicConstraints cA. */
  isCa: boolean;
}

/** Drops the DER and key object (for JSON output). */
export function certificateInfo(c: CertificateSummary): CertificateInfo {
  return {
    serial: c.serial,
    subject: c.subject,
    issuer: c.issuer,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    sha256: c.sha256,
  };
}

/** The parts of a certificate CMS and chain building need as raw DER. */
export interface CertificateParts {
  /** The whole tbsCertificate element (what the issuer signed). */
  tbs: Tlv;
  /** The serialNumber INTEGER element (tag + length + value). */
  serialElement: Uint8Array;
  /** The issuer Name element (SEQUENCE). */
  issuerElement: Uint8Array;
  subjectElement: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** extnID (dotted) → extnValue (the OCTET STRING's content). */
  extensions: Map<string, Uint8Array>;
}

export interface OtherName {
  oid: string;
  value: string;
}

export const OID_SUBJECT_ALT_NAME = '2.5.29.17';

function bad(detail: string): CardError {
  return new CardError('BAD_RESPONSE', { detail: `certificate: ${detail}` });
}

function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw bad(`expected ${what}`);
  return t;
}

/** Decodes an OBJECT IDENTIFIER's content bytes to dotted form. */
export function decodeOid(bytes: Uint8Array): string {
  if (bytes.length === 0) throw bad('empty OID');
  const arcs: number[] = [];
  let v = 0;
  let n = 0;
  for (const b of bytes) {
    if (++n > 7) throw bad('OID arc too large');
    v = v * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(v);
      v = 0;
      n = 0;
    }
  }
  if (n !== 0) throw bad('truncated OID');
  const first = arcs.shift()!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** Decodes the string types certificates use (UTF8, Printable, IA5, Visible, Teletex, BMP, Universal). */
export function decodeDerString(t: Tlv): string {
  const v = t.value;
  switch (t.tag) {
    case 0x0c:
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(v);
      } catch {
        throw bad('invalid UTF8String');
      }
    case 0x13:
    case 0x16:
    case 0x1a:
      if (v.some((b) => b > 0x7f)) throw bad('non-ASCII byte in an ASCII string type');
      return Buffer.from(v).toString('latin1');
    case 0x14:
      return Buffer.from(v).toString('latin1');
    case 0x1e: {
      if (v.length % 2 !== 0) throw bad('odd-length BMPString');
      const units: number[] = [];
      for (let i = 0; i < v.length; i += 2) units.push((v[i]! << 8) | v[i + 1]!);
      return String.fromCharCode(...units);
    }
    case 0x1c: {
      if (v.length % 4 !== 0) throw bad('bad UniversalString length');
      let s = '';
      for (let i = 0; i < v.length; i += 4) {
        const cp = ((v[i]! << 24) | (v[i + 1]! << 16) | (v[i + 2]! << 8) | v[i + 3]!) >>> 0;
        if (cp > 0x10ffff) throw bad('bad UniversalString code point');
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      throw bad(`unsupported string tag ${t.tag.toString(16)}`);
  }
}

/** Hex of an INTEGER's content without sign/leading zero bytes (at least one byte). */
export function integerHex(content: Uint8Array): string {
  let i = 0;
  while (i < content.length - 1 && content[i] === 0) i++;
  return Buffer.from(content.subarray(i)).toString('hex').toUpperCase();
}

const TIME_RE = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;

function decodeTime(t: Tlv): Date {
  if (t.tag !== 0x17 && t.tag !== 0x18) throw bad('expected a Time');
  const s = Buffer.from(t.value).toString('latin1');
  const m = TIME_RE.exec(s);
  if (!m || (t.tag === 0x17) !== (m[1]!.length === 2)) throw bad(`bad time ${JSON.stringify(s)}`);
  let year = Number(m[1]);
  if (t.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const d = new Date(
    Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])),
  );
  if (Number.isNaN(d.getTime())) throw bad(`bad time ${JSON.stringify(s)}`);
  return d;
}

/** Splits a certificate into the raw parts CMS and chain checks need. */
export function certificateParts(der: Uint8Array): CertificateParts {
  const cert = expectTag(parseTlv(der), 0x30, 'Certificate SEQUENCE');
  const [tbsEl] = childrenOf(cert);
  const tbs = expectTag(tbsEl, 0x30, 'tbsCertificate');
  const f = childrenOf(tbs);
  let i = 0;
  if (f[0]?.tag === 0xa0) i++; // [0] EXPLICIT version
  const serial = expectTag(f[i++], 0x02, 'serialNumber');
  expectTag(f[i++], 0x30, 'signature AlgorithmIdentifier');
  const issuer = expectTag(f[i++], 0x30, 'issuer Name');
  const [notBefore, notAfter] = childrenOf(expectTag(f[i++], 0x30, 'validity'));
  if (!notBefore || !notAfter) throw bad('validity needs two times');
  const subject = expectTag(f[i++], 0x30, 'subject Name');
  expectTag(f[i++], 0x30, 'subjectPublicKeyInfo');
  const extensions = new Map<string, Uint8Array>();
  for (; i < f.length; i++) {
    if (f[i]!.tag !== 0xa3) continue;
    const [seq] = childrenOf(f[i]!);
    for (const ext of childrenOf(expectTag(seq, 0x30, 'Extensions'))) {
      const parts = childrenOf(expectTag(ext, 0x30, 'Extension'));
      const id = decodeOid(expectTag(parts[0], 0x06, 'extnID').value);
      const value = expectTag(parts[parts.length - 1], 0x04, 'extnValue');
      extensions.set(id, value.value);
    }
  }
  return {
    tbs,
    serialElement: serial.raw,
    issuerElement: issuer.raw,
    subjectElement: subject.raw,
    notBefore: decodeTime(notBefore),
    notAfter: decodeTime(notAfter),
    extensions,
  };
}

function nodeCert(der: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(der));
  } catch (e) {
    throw bad(e instanceof Error ? e.message : 'unparseable');
  }
}

/** Node prints a DN as "C=JP\nO=JPKI\n…"; we show it on one line. */
function dn(s: string): string {
  return s.split('\n').join(', ');
}

export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  const parts = certificateParts(der);
  const x = nodeCert(der);
  // Node parses some fields only when asked (a damaged key throws from the publicKey getter).
  let publicKey: KeyObject;
  try {
    publicKey = x.publicKey;
  } catch (e) {
    throw bad(`public key: ${e instanceof Error ? e.message : 'unparseable'}`);
  }
  return {
    der,
    serial: integerHex(parseTlv(parts.serialElement).value),
    subject: dn(x.subject),
    issuer: dn(x.issuer),
    notBefore: parts.notBefore.toISOString(),
    notAfter: parts.notAfter.toISOString(),
    publicKey,
    isCa: x.ca,
    sha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
  };
}

/** Parses a certificate with node, as a BAD_RESPONSE when it is not one. */
export function toX509(der: Uint8Array): X509Certificate {
  return nodeCert(der);
}

export type SerialFromPrefix = { ok: true; serial: string } | { ok: false; needBytes: number };

/**
 * The serial number from the first bytes of a certificate's DER (30 82 LLLL 30 82 LLLL [A0 03 02 01 02]
 * 02 len serial…). When the prefix is too short, says how many more bytes are needed.
 */
export function serialFromDerPrefix(prefix: Uint8Array): SerialFromPrefix {
  let p = 0;
  const header = (tag: number, what: string) => {
    const h = tryParseHeader(prefix, p);
    if (!h.ok) return h;
    if (h.header.tag !== tag) throw bad(`expected ${what}`);
    return h;
  };
  const outer = header(0x30, 'Certificate SEQUENCE');
  if (!outer.ok) return outer;
  p += outer.header.headerLength;
  const tbs = header(0x30, 'tbsCertificate');
  if (!tbs.ok) return tbs;
  p += tbs.header.headerLength;
  const first = tryParseHeader(prefix, p);
  if (!first.ok) return first;
  if (first.header.tag === 0xa0) {
    if (first.header.length > 16) throw bad('implausible version field');
    p += first.header.headerLength + first.header.length;
  }
  const serial = header(0x02, 'serialNumber');
  if (!serial.ok) return serial;
  const { headerLength, length } = serial.header;
  if (length === 0 || length > 64) throw bad(`implausible serial length ${length}`);
  const end = p + headerLength + length;
  if (end > prefix.length) return { ok: false, needBytes: end - prefix.length };
  return { ok: true, serial: integerHex(prefix.subarray(p + headerLength, end)) };
}

/** The subjectAltName otherName entries whose value is `[0] EXPLICIT` a string; other kinds are skipped. */
export function subjectAltNameOtherNames(der: Uint8Array): OtherName[] {
  const ext = certificateParts(der).extensions.get(OID_SUBJECT_ALT_NAME);
  if (!ext) return [];
  const names = expectTag(parseTlv(ext), 0x30, 'GeneralNames');
  const out: OtherName[] = [];
  for (const gn of childrenOf(names)) {
    if (gn.tag !== 0xa0) continue; // otherName [0] (constructed, IMPLICIT SEQUENCE)
    const [typeId, explicitValue] = childrenOf(gn);
    const oid = decodeOid(expectTag(typeId, 0x06, 'otherName type-id').value);
    const inner = childrenOf(expectTag(explicitValue, 0xa0, 'otherName [0] value'));
    if (inner.length !== 1) throw bad('otherName value must hold one element');
    out.push({ oid, value: decodeDerString(inner[0]!) });
  }
  return out;
}

/** What a tap reads: the auth certificate's serial, issuer and validity, from its first bytes. */
export interface CertificateHead {
  serial: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
}

export type CertificateHeadFromPrefix = ({ ok: true } & CertificateHead) | { ok: false; needBytes: number };

/** Fields before the subject are short; a longer one means the data is not a certificate. */
const MAX_HEAD_ELEMENT = 1024;

const DN_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

/** "C=JP, O=JPKI, …" from a Name SEQUENCE, in the certificate's order (as node prints it). */
export function formatName(name: Tlv): string {
  const parts: string[] = [];
  for (const rdn of childrenOf(expectTag(name, 0x30, 'Name'))) {
    for (const atv of childrenOf(expectTag(rdn, 0x31, 'RelativeDistinguishedName'))) {
      const [type, value] = childrenOf(expectTag(atv, 0x30, 'AttributeTypeAndValue'));
      const oid = decodeOid(expectTag(type, 0x06, 'attribute type').value);
      if (!value) throw bad('attribute without a value');
      parts.push(`${DN_NAMES[oid] ?? oid}=${decodeDerString(value)}`);
    }
  }
  return parts.join(', ');
}

/**
 * Serial, issuer and validity from the first bytes of a certificate's DER: they come before the
 * subject and the key, within the first ~200 bytes of a JPKI certificate, so one READ BINARY of
 * 256 bytes holds them. When the prefix is too short, says how many more bytes are needed.
 */
export function certificateHeadFromPrefix(prefix: Uint8Array): CertificateHeadFromPrefix {
  let p = 0;
  // Into the Certificate and tbsCertificate SEQUENCEs (their lengths are not needed).
  for (const what of ['Certificate SEQUENCE', 'tbsCertificate']) {
    const h = tryParseHeader(prefix, p);
    if (!h.ok) return h;
    if (h.header.tag !== 0x30) throw bad(`expected ${what}`);
    p += h.header.headerLength;
  }
  // Then whole elements: [0] version (optional), serial, signature algorithm, issuer, validity.
  const elements: Tlv[] = [];
  while (elements.length < 4) {
    const h = tryParseHeader(prefix, p);
    if (!h.ok) return h;
    if (h.header.length > MAX_HEAD_ELEMENT)
      throw bad(`implausible certificate field of ${h.header.length} bytes`);
    const end = p + h.header.headerLength + h.header.length;
    if (end > prefix.length) return { ok: false, needBytes: end - prefix.length };
    const element = parseTlv(prefix.subarray(p, end));
    if (!(element.tag === 0xa0 && elements.length === 0)) elements.push(element);
    p = end;
  }
  const [serial, alg, issuer, validity] = elements as [Tlv, Tlv, Tlv, Tlv];
  expectTag(serial, 0x02, 'serialNumber');
  if (serial.value.length === 0 || serial.value.length > 64) throw bad('implausible serial length');
  expectTag(alg, 0x30, 'signature AlgorithmIdentifier');
  const [notBefore, notAfter] = childrenOf(expectTag(validity, 0x30, 'validity'));
  if (!notBefore || !notAfter) throw bad('validity needs two times');
  return {
    ok: true,
    serial: integerHex(serial.value),
    issuer: formatName(issuer),
    notBefore: decodeTime(notBefore).toISOString(),
    notAfter: decodeTime(notAfter).toISOString(),
  };
}
