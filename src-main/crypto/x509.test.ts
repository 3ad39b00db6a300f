import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentOf, ia5String, oid, printableString, utf8String, type Der } from './der.ts';
import { bmpString, buildTestCertificate, rsaKeyPair } from './test-certs.ts';
import {
  certificateParts,
  decodeOid,
  serialFromDerPrefix,
  subjectAltNameOtherNames,
  summarizeCertificate,
} from './x509.ts';

type Keys = ReturnType<typeof rsaKeyPair>;
let root: Keys;
let leafKeys: Keys;

beforeAll(() => {
  root = rsaKeyPair();
  leafKeys = rsaKeyPair();
});

const NB = new Date('2025-01-01T00:00:00Z');
const NA = new Date('2030-01-01T00:00:00Z');

function leaf(serial: bigint | Uint8Array, otherNames?: { oid: string; value: Der }[]): Uint8Array {
  return buildTestCertificate({
    subject: [
      ['C', 'JP'],
      ['CN', 'ABCDEFGHIJ0123456789'],
    ],
    issuer: [
      ['C', 'JP'],
      ['O', 'JPKI'],
      ['OU', 'TEST CA'],
    ],
    serial,
    notBefore: NB,
    notAfter: NA,
    publicKey: leafKeys.publicKey,
    signingKey: root.privateKey,
    ...(otherNames ? { otherNames } : {}),
  });
}

describe('summarizeCertificate', () => {
  it('gives serial, names, validity and key', () => {
    const der = leaf(0x1a2b3cn);
    const s = summarizeCertificate(der);
    expect(s.serial).toBe('1A2B3C');
    expect(s.subject).toBe('C=JP, CN=ABCDEFGHIJ0123456789');
    expect(s.issuer).toBe('C=JP, O=JPKI, OU=TEST CA');
    expect(s.notBefore).toBe('2025-01-01T00:00:00.000Z');
    expect(s.notAfter).toBe('2030-01-01T00:00:00.000Z');
    expect(s.publicKey.asymmetricKeyType).toBe('rsa');
    expect(s.isCa).toBe(false);
    expect(s.sha256).toMatch(/^[0-9A-F]{64}$/);
    expect(s.serial).toBe(new X509Certificate(der).serialNumber);
  });

  it('strips the sign byte of a serial with the high bit set', () => {
    const serial = Uint8Array.from([0x80, ...new Array(19).fill(0x11)]);
    const s = summarizeCertificate(leaf(serial));
    expect(s.serial).toBe('80' + '11'.repeat(19));
  });

  it('malformed input is BAD_RESPONSE', () => {
    for (const bad of [
      new Uint8Array(0),
      Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01),
      Uint8Array.of(0x04, 0x00),
    ]) {
      expect(() => summarizeCertificate(bad)).toThrow(expect.objectContaining({ code: 'BAD_RESPONSE' }));
    }
  });

  it('exposes the raw issuer and serial elements for CMS', () => {
    const der = leaf(7n);
    const p = certificateParts(der);
    expect([...p.serialElement]).toEqual([0x02, 0x01, 0x07]);
    expect(p.issuerElement[0]).toBe(0x30);
    expect(p.tbs.tag).toBe(0x30);
  });
});

describe('serialFromDerPrefix', () => {
  it('finds the serial in the first bytes and asks for more when cut short', () => {
    const serial = Uint8Array.from([0x80, ...new Array(19).fill(0xab)]); // 20 bytes → 21 with sign byte
    const der = leaf(serial);
    const full = summarizeCertificate(der).serial;
    let firstOk = -1;
    for (let n = 0; n <= 48; n++) {
      const r = serialFromDerPrefix(der.subarray(0, n));
      if (r.ok) {
        if (firstOk < 0) firstOk = n;
        expect(r.serial).toBe(full);
      } else {
        expect(firstOk).toBe(-1);
        expect(r.needBytes).toBeGreaterThan(0);
      }
    }
    // 30 82 LLLL 30 82 LLLL A0 03 02 01 02 02 15 <21 bytes> = 36 bytes
    expect(firstOk).toBe(36);
  });

  it('works for short serials within 32 bytes', () => {
    const der = leaf(0x0123456789n);
    const r = serialFromDerPrefix(der.subarray(0, 32));
    expect(r).toEqual({ ok: true, serial: '0123456789' });
    expect(new X509Certificate(der).serialNumber).toBe('0123456789');
  });

  it('rejects a prefix that is not a certificate', () => {
    expect(() => serialFromDerPrefix(Uint8Array.of(0x04, 0x02, 0, 0))).toThrow(
      expect.objectContaining({ code: 'BAD_RESPONSE' }),
    );
    expect(() =>
      serialFromDerPrefix(Uint8Array.of(0x30, 0x82, 1, 0, 0x30, 0x82, 1, 0, 0x04, 0x01, 0x00)),
    ).toThrow(expect.objectContaining({ code: 'BAD_RESPONSE' }));
  });
});

describe('subjectAltName otherNames', () => {
  it('decodes UTF8String, PrintableString, IA5String and BMPString values', () => {
    const der = leaf(1n, [
      { oid: '1.2.392.200149.8.5.5.1', value: utf8String('𠮷野　太郎') },
      { oid: '1.2.392.200149.8.5.5.3', value: printableString('1') },
      { oid: '1.2.392.200149.8.5.5.4', value: ia5String('319800217') },
      { oid: '1.2.392.200149.8.5.5.5', value: bmpString('東京都千代田区') },
    ]);
    expect(subjectAltNameOtherNames(der)).toEqual([
      { oid: '1.2.392.200149.8.5.5.1', value: '𠮷野　太郎' },
      { oid: '1.2.392.200149.8.5.5.3', value: '1' },
      { oid: '1.2.392.200149.8.5.5.4', value: '319800217' },
      { oid: '1.2.392.200149.8.5.5.5', value: '東京都千代田区' },
    ]);
  });

  it('no SAN gives an empty list', () => {
    expect(subjectAltNameOtherNames(leaf(2n))).toEqual([]);
  });
});

describe('decodeOid', () => {
  it('round-trips through the DER encoder', () => {
    for (const o of ['1.2.392.200149.8.5.5.1', '2.5.29.17', '1.2.840.113549.1.9.16.2.47', '2.999.3']) {
      expect(decodeOid(contentOf(oid(o)))).toBe(o);
    }
  });
  it('truncated arcs are BAD_RESPONSE', () => {
    expect(() => decodeOid(Uint8Array.of(0x2a, 0x86))).toThrow(
      expect.objectContaining({ code: 'BAD_RESPONSE' }),
    );
  });
});
