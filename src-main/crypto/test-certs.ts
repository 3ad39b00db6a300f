/**
 * Test-only X.509 builder for the crypto unit tests: RSA certificates with chosen names, serials,
 * validity and subjectAltName otherNames, signed with node:crypto. Not used by production code.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  integer,
  nullValue,
  octetString,
  oid,
  printableString,
  sequence,
  setOf,
  time,
  tlv,
  utf8String,
  type Der,
} from './der.ts';

const ATTR_OID: Record<string, string> = { C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3' };

export type DnSpec = [keyof typeof ATTR_OID | string, string][];

export function encodeName(dn: DnSpec): Der {
  return sequence(
    ...dn.map(([k, v]) => setOf(sequence(oid(ATTR_OID[k]!), k === 'C' ? printableString(v) : utf8String(v)))),
  );
}

export interface TestCertSpec {
  subject: DnSpec;
  /** Defaults to the subject (self-signed). */
  issuer?: DnSpec;
  serial: bigint | number | Uint8Array;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  signingKey: KeyObject;
  ca?: boolean;
  /** otherName entries: OID and an already-encoded string element (UTF8String, BMPString…). */
  otherNames?: { oid: string; value: Der }[];
}

export function rsaKeyPair(bits = 2048): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: bits });
}

const SHA256_WITH_RSA = () => sequence(oid('1.2.840.113549.1.1.11'), nullValue());

export function buildTestCertificate(spec: TestCertSpec): Uint8Array {
  const exts: Der[] = [];
  if (spec.ca) exts.push(sequence(oid('2.5.29.19'), boolean(true), octetString(sequence(boolean(true)))));
  if (spec.otherNames?.length) {
    const names = spec.otherNames.map((o) => explicit(0, oid(o.oid), explicit(0, o.value)));
    exts.push(sequence(oid('2.5.29.17'), octetString(sequence(...names))));
  }
  const spki = new Uint8Array(spec.publicKey.export({ type: 'spki', format: 'der' }));
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(spec.serial),
    SHA256_WITH_RSA(),
    encodeName(spec.issuer ?? spec.subject),
    sequence(time(spec.notBefore), time(spec.notAfter)),
    encodeName(spec.subject),
    spki,
    ...(exts.length ? [explicit(3, sequence(...exts))] : []),
  );
  const sig = createSign('sha256').update(tbs).sign(spec.signingKey);
  return sequence(tbs, SHA256_WITH_RSA(), bitString(new Uint8Array(sig)));
}

export function toPem(der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

/** BMPString (UTF-16BE); JPKI SAN values may use it. */
export function bmpString(s: string): Der {
  const b = Buffer.from(s, 'utf16le');
  b.swap16();
  return tlv(0x1e, new Uint8Array(b));
}
