/**
 * Builds the X.509 certificates of the emulator's test PKI with the project's DER encoder:
 * self-signed roots that mimic JPKI's DNs (but say TEST), and per-persona auth and signing
 * certificates carrying the JPKI subjectAltName fields. Used by scripts/gen-test-pki.ts.
 */
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import {
  bitString,
  boolean,
  concatBytes,
  explicit,
  implicitConstructed,
  implicitPrimitive,
  integer,
  nullValue,
  octetString,
  oid,
  printableString,
  sequence,
  setOf,
  tlv,
  time,
  utf8String,
  type Der,
} from '../../crypto/der.ts';
import { jpkiBirthDate, jpkiSex, substitutionFlags } from './derived.ts';
import type { Persona } from './persona.ts';

export const OID = {
  sha256WithRSA: '1.2.840.113549.1.1.11',
  country: '2.5.4.6',
  org: '2.5.4.10',
  orgUnit: '2.5.4.11',
  commonName: '2.5.4.3',
  subjectKeyId: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyId: '2.5.29.35',
  jpkiName: '1.2.392.200149.8.5.5.1',
  jpkiNameFlags: '1.2.392.200149.8.5.5.2',
  jpkiSex: '1.2.392.200149.8.5.5.3',
  jpkiBirthDate: '1.2.392.200149.8.5.5.4',
  jpkiAddress: '1.2.392.200149.8.5.5.5',
  jpkiAddressFlags: '1.2.392.200149.8.5.5.6',
} as const;

export type Purpose = 'sign' | 'auth';

const TEST_OU = 'Kakanai Kiosk TEST CA - not J-LIS';
const PURPOSE_OU: Record<Purpose, string> = {
  sign: 'JPKI for digital signature',
  auth: 'JPKI for user authentication',
};

/** [attributeOID, value] pairs, one RDN each, in order. */
export type DistinguishedName = ReadonlyArray<readonly [string, string]>;

export function rootDn(purpose: Purpose): DistinguishedName {
  return [
    [OID.country, 'JP'],
    [OID.org, 'JPKI'],
    [OID.orgUnit, PURPOSE_OU[purpose]],
    [OID.orgUnit, TEST_OU],
  ];
}

function encodeName(dn: DistinguishedName): Der {
  return sequence(
    ...dn.map(([o, v]) => {
      const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(v);
      return setOf(sequence(oid(o), printable ? printableString(v) : utf8String(v)));
    }),
  );
}

const algorithm = (): Der => sequence(oid(OID.sha256WithRSA), nullValue());

function extension(id: string, critical: boolean, value: Der): Der {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** KeyUsage as a DER named-bit BIT STRING (trailing zero bits dropped). */
function keyUsage(bits: number[]): Der {
  let byte = 0;
  for (const b of bits) byte |= 0x80 >> b;
  let unused = 0;
  while (unused < 7 && !(byte & (1 << unused))) unused++;
  return tlv(0x03, Uint8Array.of(unused, byte));
}

export const KU = { digitalSignature: 0, nonRepudiation: 1, keyCertSign: 5, cRLSign: 6 } as const;

/** RFC 5280 key identifier: SHA-1 of the subjectPublicKey bits. */
export function keyIdentifier(key: KeyObject): Uint8Array {
  const pkcs1 = key.export({ type: 'pkcs1', format: 'der' });
  return createHash('sha1').update(pkcs1).digest();
}

/** A random positive 16-byte serial number. */
export function randomSerial(): Uint8Array {
  const s = randomBytes(16);
  s[0] = (s[0]! & 0x7f) | 0x01;
  return s;
}

export interface CertificateSpec {
  serial: Uint8Array;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  notBefore: Date;
  notAfter: Date;
  /** Public key of the subject. */
  subjectKey: KeyObject;
  /** Private key of the issuer (the subject's own for a self-signed root). */
  issuerKey: KeyObject;
  /** Public key of the issuer, for the authority key identifier. */
  issuerPublicKey: KeyObject;
  ca: boolean;
  keyUsage: number[];
  /** subjectAltName otherName entries: [OID, UTF-8 value]. */
  otherNames?: ReadonlyArray<readonly [string, string]>;
}

export function buildCertificate(spec: CertificateSpec): Uint8Array {
  const exts: Der[] = [];
  if (spec.ca) exts.push(extension(OID.basicConstraints, true, sequence(boolean(true))));
  exts.push(extension(OID.keyUsage, true, keyUsage(spec.keyUsage)));
  exts.push(extension(OID.subjectKeyId, false, octetString(keyIdentifier(spec.subjectKey))));
  if (!spec.ca) {
    exts.push(
      extension(
        OID.authorityKeyId,
        false,
        sequence(implicitPrimitive(0, keyIdentifier(spec.issuerPublicKey))),
      ),
    );
  }
  if (spec.otherNames?.length) {
    const names = spec.otherNames.map(([o, v]) =>
      implicitConstructed(0, concatBytes([oid(o), explicit(0, utf8String(v))])),
    );
    exts.push(extension(OID.subjectAltName, false, sequence(...names)));
  }
  const spki = new Uint8Array(spec.subjectKey.export({ type: 'spki', format: 'der' }));
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(spec.serial),
    algorithm(),
    encodeName(spec.issuer),
    sequence(time(spec.notBefore), time(spec.notAfter)),
    encodeName(spec.subject),
    spki,
    explicit(3, sequence(...exts)),
  );
  const signature = sign('sha256', tbs, spec.issuerKey);
  return sequence(tbs, algorithm(), bitString(new Uint8Array(signature)));
}

/** The JPKI subjectAltName fields of a signing certificate, from the persona. */
export function jpkiOtherNames(persona: Persona): Array<[string, string]> {
  const r = persona.resident;
  const certName = r.certName ?? r.name;
  const certAddress = r.certAddress ?? r.address;
  return [
    [OID.jpkiName, certName],
    [OID.jpkiNameFlags, substitutionFlags(r.name, certName)],
    [OID.jpkiSex, jpkiSex(r.sexCode)],
    [OID.jpkiBirthDate, jpkiBirthDate(r.birthDate)],
    [OID.jpkiAddress, certAddress],
    [OID.jpkiAddressFlags, substitutionFlags(r.address, certAddress)],
  ];
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export function fromPem(pem: string): Uint8Array {
  const m = /-----BEGIN [A-Z ]+-----([\s\S]*?)-----END [A-Z ]+-----/.exec(pem);
  if (!m) throw new RangeError('no PEM block found');
  return new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
}
