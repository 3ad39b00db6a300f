import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestCertificate, rsaKeyPair, toPem, type DnSpec } from './test-certs.ts';
import { DEFAULT_TRUST_DIR, loadTrustRoots, verifyChain } from './trust.ts';

type Keys = ReturnType<typeof rsaKeyPair>;
const ROOT_DN: DnSpec = [
  ['C', 'JP'],
  ['O', 'JPKI'],
  ['OU', 'TEST root'],
];
const INTER_DN: DnSpec = [
  ['C', 'JP'],
  ['O', 'JPKI'],
  ['OU', 'TEST intermediate'],
];
const LEAF_DN: DnSpec = [
  ['C', 'JP'],
  ['CN', 'LEAF0000000000000001'],
];
const NB = new Date('2020-01-01T00:00:00Z');
const NA = new Date('2040-01-01T00:00:00Z');
const NOW = new Date('2026-06-01T00:00:00Z');

let rootKeys: Keys;
let interKeys: Keys;
let leafKeys: Keys;
let rootDer: Uint8Array;
let interDer: Uint8Array;
let leafDer: Uint8Array;
let leafViaInter: Uint8Array;
let roots: X509Certificate[];
let dir: string;

beforeAll(() => {
  [rootKeys, interKeys, leafKeys] = [rsaKeyPair(), rsaKeyPair(), rsaKeyPair()];
  rootDer = buildTestCertificate({
    subject: ROOT_DN,
    serial: 1n,
    notBefore: NB,
    notAfter: NA,
    publicKey: rootKeys.publicKey,
    signingKey: rootKeys.privateKey,
    ca: true,
  });
  interDer = buildTestCertificate({
    subject: INTER_DN,
    issuer: ROOT_DN,
    serial: 2n,
    notBefore: NB,
    notAfter: NA,
    publicKey: interKeys.publicKey,
    signingKey: rootKeys.privateKey,
    ca: true,
  });
  leafDer = buildTestCertificate({
    subject: LEAF_DN,
    issuer: ROOT_DN,
    serial: 3n,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2030-01-01T00:00:00Z'),
    publicKey: leafKeys.publicKey,
    signingKey: rootKeys.privateKey,
  });
  leafViaInter = buildTestCertificate({
    subject: LEAF_DN,
    issuer: INTER_DN,
    serial: 4n,
    notBefore: NB,
    notAfter: NA,
    publicKey: leafKeys.publicKey,
    signingKey: interKeys.privateKey,
  });
  roots = [new X509Certificate(Buffer.from(rootDer))];
  dir = mkdtempSync(join(tmpdir(), 'trust-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const certInvalid = (detail: RegExp) =>
  expect.objectContaining({
    code: 'CERT_INVALID',
    details: expect.objectContaining({ detail: expect.stringMatching(detail) }),
  });

describe('loadTrustRoots', () => {
  it('loads every certificate from *.pem files, recursively', () => {
    mkdirSync(join(dir, 'a/b'), { recursive: true });
    writeFileSync(join(dir, 'a/root.pem'), toPem(rootDer));
    writeFileSync(join(dir, 'a/b/two.pem'), toPem(interDer) + '\n' + toPem(leafDer));
    writeFileSync(join(dir, 'a/ignored.txt'), toPem(leafDer));
    const loaded = loadTrustRoots(dir);
    expect(loaded).toHaveLength(3);
    expect(loadTrustRoots(join(dir, 'missing'))).toEqual([]);
  });

  it('an unreadable certificate is CERT_INVALID', () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'x.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(() => loadTrustRoots(bad)).toThrow(expect.objectContaining({ code: 'CERT_INVALID' }));
  });

  it('the shipped assets/trust holds the virtual card test roots', () => {
    const shipped = loadTrustRoots(DEFAULT_TRUST_DIR);
    expect(shipped.length).toBeGreaterThanOrEqual(2);
    expect(shipped.every((c) => c.ca)).toBe(true);
  });
});

describe('verifyChain', () => {
  it('leaf → shipped root', () => {
    const { chain } = verifyChain(leafDer, { roots, at: NOW });
    expect(chain.map((c) => c.serial)).toEqual(['03', '01']);
  });

  it('leaf → intermediate (from the card) → shipped root', () => {
    const { chain } = verifyChain(leafViaInter, { roots, intermediates: [interDer], at: NOW });
    expect(chain.map((c) => c.serial)).toEqual(['04', '02', '01']);
    expect(() => verifyChain(leafViaInter, { roots, at: NOW })).toThrow(certInvalid(/no trusted root/));
  });

  it('a CA certificate read from the card is accepted only when it is a shipped root', () => {
    expect(verifyChain(rootDer, { roots, at: NOW }).chain).toHaveLength(1);
    // A forged CA with the same name but another key, presented by the card, is never trusted.
    const fakeKeys = rsaKeyPair();
    const fakeRoot = buildTestCertificate({
      subject: ROOT_DN,
      serial: 1n,
      notBefore: NB,
      notAfter: NA,
      publicKey: fakeKeys.publicKey,
      signingKey: fakeKeys.privateKey,
      ca: true,
    });
    const forgedLeaf = buildTestCertificate({
      subject: LEAF_DN,
      issuer: ROOT_DN,
      serial: 9n,
      notBefore: NB,
      notAfter: NA,
      publicKey: leafKeys.publicKey,
      signingKey: fakeKeys.privateKey,
    });
    expect(() => verifyChain(forgedLeaf, { roots, intermediates: [fakeRoot], at: NOW })).toThrow(
      certInvalid(/no trusted root/),
    );
    expect(() => verifyChain(fakeRoot, { roots, at: NOW })).toThrow(certInvalid(/no trusted root/));
    expect(() => verifyChain(leafDer, { roots: [], at: NOW })).toThrow(certInvalid(/no trusted root/));
  });

  it('validity is checked at the given time for every link', () => {
    expect(() => verifyChain(leafDer, { roots, at: new Date('2031-01-01T00:00:00Z') })).toThrow(
      certInvalid(/expired on 2030-01-01T00:00:00.000Z/),
    );
    expect(() => verifyChain(leafDer, { roots, at: new Date('2024-12-31T23:59:59Z') })).toThrow(
      certInvalid(/not valid before/),
    );
    expect(() =>
      verifyChain(leafViaInter, { roots, intermediates: [interDer], at: new Date('2041-01-01T00:00:00Z') }),
    ).toThrow(certInvalid(/expired/));
  });

  it('a non-CA issuer cannot extend the chain', () => {
    const byLeaf = buildTestCertificate({
      subject: [['CN', 'sub']],
      issuer: LEAF_DN,
      serial: 5n,
      notBefore: NB,
      notAfter: NA,
      publicKey: interKeys.publicKey,
      signingKey: leafKeys.privateKey,
    });
    expect(() => verifyChain(byLeaf, { roots, intermediates: [leafDer], at: NOW })).toThrow(
      certInvalid(/no trusted root/),
    );
  });

  it('garbage is BAD_RESPONSE', () => {
    expect(() => verifyChain(Uint8Array.of(1, 2, 3), { roots })).toThrow(
      expect.objectContaining({ code: 'BAD_RESPONSE' }),
    );
  });
});
