/**
 * The file system of the virtual card, built from a persona: the five applications, their EFs
 * (content padded with FF to a fixed physical size), their key EFs and their access rules,
 * laid out as card-protocol.md §1–§6 describe.
 */
import { constants, createHash, createPublicKey, privateEncrypt, sign, type KeyObject } from 'node:crypto';
import { concatBytes, tlv } from '../../crypto/der.ts';
import { birthDateKey, codeA, codeB } from './derived.ts';
import type { Persona } from './persona.ts';
import type { PersonaKeys } from './persona-keys.ts';
import { blankPng, placeholderJp2 } from './png.ts';

export type ApName = 'jpki' | 'kenhojo' | 'kenkaku' | 'juki' | 'common';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

export const AIDS: Record<ApName, Uint8Array> = {
  jpki: hex('D3 92 F0 00 26 01 00 00 00 01'),
  kenhojo: hex('D3 92 10 00 31 00 01 01 04 08'),
  kenkaku: hex('D3 92 10 00 31 00 01 01 04 02'),
  juki: hex('D3 92 10 00 31 00 01 01 04 01'),
  common: hex('D3 92 10 00 31 00 01 01 01 00'),
};

/** Who may read a binary EF: anyone, or whoever verified one of these key EFs of the same AP. */
export type ReadAccess = 'free' | readonly number[];

export interface BinaryEf {
  type: 'binary';
  /** Content followed by FF filler: what READ BINARY sees. */
  physical: Uint8Array;
  read: ReadAccess;
}

/** A PIN / password / 照合番号 reference. `secret` null = never verifiable (ships blocked). */
export interface KeyEf {
  type: 'key';
  secret: Uint8Array | null;
  maxTries: number;
  initialTries: number;
}

export interface PrivateKeyEf {
  type: 'private-key';
  key: KeyObject;
  /** The key EF that must be verified before this key signs. */
  unlockedBy: number;
}

export type Ef = BinaryEf | KeyEf | PrivateKeyEf;

export interface Application {
  name: ApName;
  aid: Uint8Array;
  files: ReadonlyMap<number, Ef>;
}

const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'ascii'));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const tag2 = (t: number, content: Uint8Array): Uint8Array => tlv(Uint8Array.of(t >> 8, t & 0xff), content);
const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest());

/** Pads `content` with FF to `size`, or to the next multiple of 256 if it is larger. */
export function padded(content: Uint8Array, size: number): Uint8Array {
  const physical = content.length <= size ? size : Math.ceil(content.length / 256) * 256;
  const out = new Uint8Array(physical).fill(0xff);
  out.set(content);
  return out;
}

const binary = (content: Uint8Array, size: number, read: ReadAccess): BinaryEf => ({
  type: 'binary',
  physical: padded(content, size),
  read,
});

const keyEf = (secret: string | null, maxTries: number, initialTries: number): KeyEf => ({
  type: 'key',
  secret: secret === null ? null : ascii(secret),
  maxTries,
  initialTries,
});

/** RSA public key as the 券面 APs store it: 90 exponent, 91 modulus. */
function cardPublicKey(key: KeyObject): Uint8Array {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  const n = new Uint8Array(Buffer.from(jwk.n!, 'base64url'));
  const e = new Uint8Array(Buffer.from(jwk.e!, 'base64url'));
  return concatBytes([tlv(0x90, e), tlv(0x91, n)]);
}

/** 16-byte key identifier: 7 digits, 08 05, 3 digits, 4 zero bytes. Ours start with 9 (test). */
const keyId = (number: string): Uint8Array =>
  concatBytes([ascii(number), Uint8Array.of(0x08, 0x05), ascii('001'), new Uint8Array(4)]);

/** Card-verifiable certificate (7F21) of the AP key, self-issued by the test card-issuer key. */
function cvCertificate(issuer: KeyObject, subjectNumber: string): Uint8Array {
  const body = concatBytes([keyId('9000033'), keyId(subjectNumber), cardPublicKey(issuer)]);
  const signature = new Uint8Array(sign('sha256', body, issuer));
  return tag2(0x7f21, concatBytes([tag2(0x5f4e, body), tag2(0x5f37, signature)]));
}

/** Outer tag + [offset table] + fields, the offsets counted from the first byte of the file. */
function withOffsetTable(outerTag: number, tableTag: number, fields: Uint8Array[]): Uint8Array {
  const tableLen = 3 + 2 * fields.length;
  const innerLen = tableLen + fields.reduce((n, f) => n + f.length, 0);
  const headerLen = tag2(outerTag, new Uint8Array(innerLen)).length - innerLen;
  const table = new Uint8Array(2 * fields.length);
  let off = headerLen + tableLen;
  fields.forEach((f, i) => {
    table[2 * i] = off >> 8;
    table[2 * i + 1] = off & 0xff;
    off += f.length;
  });
  return tag2(outerTag, concatBytes([tag2(tableTag, table), ...fields]));
}

export interface KenhojoContent {
  myNumberFile: Uint8Array;
  attributesFile: Uint8Array;
}

/** EF 0001 (17 physical bytes) and EF 0002 (4 attributes) of the Kenhojo AP, trimmed content. */
export function kenhojoContent(persona: Persona): KenhojoContent {
  const r = persona.resident;
  const attributesFile = withOffsetTable(0xff20, 0xdf21, [
    tag2(0xdf22, utf8(r.name)),
    tag2(0xdf23, utf8(r.address)),
    tag2(0xdf24, ascii(r.birthDate.replace(/-/g, ''))),
    tag2(0xdf25, ascii(r.sexCode)),
  ]);
  return { myNumberFile: tag2(0xff10, ascii(r.myNumber)), attributesFile };
}

/** Fixed physical sizes (bytes) of the EFs, before growth for unusually large content. */
export const EF_SIZES = {
  kenhojoMyNumber: 17,
  kenhojoAttributes: 0x300,
  kenhojoIntegrity: 0x200,
  cvCertificate: 0x240,
  kenhojoApInfo: 0x100,
  jpkiToken: 32,
  jpkiCertificate: 0x800,
  kenkakuAge: 0x240,
  kenkakuFace: 0x800,
  kenkakuMyNumber: 0x300,
} as const;

function kenhojo(persona: Persona, keys: PersonaKeys): Application {
  const { myNumberFile, attributesFile } = kenhojoContent(persona);
  const myNumberPhysical = padded(myNumberFile, EF_SIZES.kenhojoMyNumber);
  // DF32 covers the outer value with the offset table skipped (11 bytes: DF21 08 + 8).
  const lengthByte = attributesFile[2]!;
  const outerHeader = 3 + (lengthByte < 0x80 ? 0 : lengthByte & 0x7f);
  const digests = concatBytes([
    tag2(0xdf31, sha256(myNumberPhysical)),
    tag2(0xdf32, sha256(attributesFile.subarray(outerHeader + 11))),
  ]);
  const integrity = tag2(
    0xff30,
    concatBytes([digests, tag2(0xdf33, new Uint8Array(sign('sha256', digests, keys.cardIssuerKey)))]),
  );
  const apInfo = tag2(
    0xff40,
    concatBytes([
      // spec version, extended Lc/Le support, vendor id, vendor byte
      tag2(0xdf41, Uint8Array.of(0x01, persona.extendedApdu ? 0x03 : 0x00, 0x0e, 0x01)),
      tag2(0xdf42, keyId('9000034')),
      tag2(0xdf43, padded(sha256(ascii(`kakanai-test-${persona.id}`)), 128).subarray(0, 128)),
    ]),
  );
  const t = persona.retries;
  const PIN = 0x0011;
  const A = 0x0014;
  const B = 0x0015;
  return {
    name: 'kenhojo',
    aid: AIDS.kenhojo,
    files: new Map<number, Ef>([
      [0x0001, { type: 'binary', physical: myNumberPhysical, read: [PIN, A] }],
      [0x0002, binary(attributesFile, EF_SIZES.kenhojoAttributes, [PIN, B])],
      [0x0003, binary(integrity, EF_SIZES.kenhojoIntegrity, [PIN, A, B])],
      [0x0004, binary(cvCertificate(keys.cardIssuerKey, '9131034'), EF_SIZES.cvCertificate, 'free')],
      [0x0005, binary(apInfo, EF_SIZES.kenhojoApInfo, 'free')],
      [PIN, keyEf(persona.secrets.kenhojoPin, 3, t.kenhojoPin)],
      [0x0012, keyEf(null, 3, 0)],
      [A, keyEf(codeA(persona), 10, t.kenhojoA)],
      [B, keyEf(codeB(persona), 10, t.kenhojoB)],
    ]),
  };
}

function jpki(persona: Persona, keys: PersonaKeys): Application {
  const token = ascii(persona.token.padEnd(32, ' '));
  const cert = (der: Uint8Array, read: ReadAccess) => binary(der, EF_SIZES.jpkiCertificate, read);
  const t = persona.retries;
  // The signing certificate, its key and password (absent on a card issued without them).
  const signing: Array<[number, Ef]> = [
    [0x0001, cert(keys.signCert, [0x001b])],
    [0x001a, { type: 'private-key', key: keys.signKey, unlockedBy: 0x001b }],
    [0x001b, keyEf(persona.secrets.jpkiSignPassword, 5, t.jpkiSignPassword)],
  ];
  return {
    name: 'jpki',
    aid: AIDS.jpki,
    files: new Map<number, Ef>([
      ...(persona.signingCertificate ? signing : []),
      [0x0002, cert(keys.signCaCert, 'free')],
      [0x0006, binary(token, EF_SIZES.jpkiToken, 'free')],
      [0x000a, cert(keys.authCert, 'free')],
      [0x000b, cert(keys.authCaCert, 'free')],
      [0x0017, { type: 'private-key', key: keys.authKey, unlockedBy: 0x0018 }],
      [0x0018, keyEf(persona.secrets.jpkiAuthPin, 3, t.jpkiAuthPin)],
    ]),
  };
}

/** SHA-256 DigestInfo over the concatenation of several digests (the card-face record does this). */
function digestInfo(digest: Uint8Array): Uint8Array {
  const alg = hex('30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00');
  return tlv(0x30, concatBytes([alg, tlv(0x04, digest)]));
}

function kenkaku(persona: Persona, keys: PersonaKeys): Application {
  const r = persona.resident;
  const issuer = keys.cardIssuerKey;
  const pub = cardPublicKey(issuer);
  const signBefore = (fields: Uint8Array) => new Uint8Array(sign('sha256', fields, issuer));

  const ageFields = concatBytes([tag2(0xdf11, ascii(r.birthDate.replace(/-/g, ''))), tag2(0xdf12, pub)]);
  const age = tag2(0xff10, concatBytes([ageFields, tag2(0xdf13, signBefore(ageFields))]));

  const seg1 = [
    tag2(0xdf22, ascii(r.birthDate.replace(/-/g, ''))),
    tag2(0xdf23, ascii(r.sexCode)),
    tag2(0xdf24, pub),
  ];
  const width = (s: string) => Math.min(8 * Math.max(1, [...s].length), 1600);
  const seg2 = [tag2(0xdf25, blankPng(width(r.name), 24)), tag2(0xdf26, blankPng(width(r.address), 24))];
  const seg3 = [tag2(0xdf27, placeholderJp2())];
  const digest = concatBytes([concatBytes(seg1), concatBytes(seg2), concatBytes(seg3)].map(sha256));
  const faceSig = new Uint8Array(
    privateEncrypt({ key: issuer, padding: constants.RSA_PKCS1_PADDING }, digestInfo(digest)),
  );
  const face = withOffsetTable(0xff20, 0xdf21, [
    ...seg1,
    ...seg2,
    ...seg3,
    tag2(0xdf28, faceSig),
    tag2(0xdf29, ascii(persona.card.expiryDate.replace(/-/g, ''))),
    tag2(0xdf2a, blankPng(24, 12)),
  ]);

  const mnFields = concatBytes([tag2(0xdf41, blankPng(72, 12)), tag2(0xdf42, pub)]);
  const myNumberImage = tag2(0xff40, concatBytes([mnFields, tag2(0xdf43, signBefore(mnFields))]));

  const BIRTH = 0x0011;
  const B = 0x0012;
  const A = 0x0013;
  return {
    name: 'kenkaku',
    aid: AIDS.kenkaku,
    files: new Map<number, Ef>([
      [0x0001, binary(age, EF_SIZES.kenkakuAge, [BIRTH])],
      [0x0002, binary(face, EF_SIZES.kenkakuFace, [A, B])],
      [0x0004, binary(cvCertificate(issuer, '9131023'), EF_SIZES.cvCertificate, 'free')],
      [0x0005, binary(myNumberImage, EF_SIZES.kenkakuMyNumber, [A])],
      [BIRTH, keyEf(birthDateKey(persona), 10, 10)],
      [B, keyEf(codeB(persona), 10, 10)],
      [A, keyEf(codeA(persona), 10, 10)],
    ]),
  };
}

/** Every application of the persona's card; a card of kind 'other' has none of them. */
export function buildApplications(persona: Persona, keys: PersonaKeys | undefined): Application[] {
  if (persona.kind !== 'mynumber') return [];
  if (!keys) throw new TypeError(`persona ${persona.id} is a My Number Card and needs its keys`);
  return [
    jpki(persona, keys),
    kenhojo(persona, keys),
    kenkaku(persona, keys),
    // 住基AP and 共通AP: selectable; their files are outside this project's scope.
    { name: 'juki', aid: AIDS.juki, files: new Map() },
    { name: 'common', aid: AIDS.common, files: new Map() },
  ];
}
