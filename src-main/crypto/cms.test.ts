import { constants, privateEncrypt, X509Certificate, type KeyObject } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDetachedCms, sha256, sha256DigestInfo, verifyDetachedCms, type CmsRawSigner } from './cms.ts';
import { utf8String } from './der.ts';
import { buildTestCertificate, rsaKeyPair, toPem, type DnSpec } from './test-certs.ts';

type Keys = ReturnType<typeof rsaKeyPair>;
const ROOT_DN: DnSpec = [
  ['C', 'JP'],
  ['O', 'JPKI'],
  ['OU', 'JPKI for digital signature'],
  ['OU', 'Kakanai TEST'],
];
const INTER_DN: DnSpec = [
  ['C', 'JP'],
  ['O', 'JPKI'],
  ['OU', 'TEST intermediate'],
];
const NOW = new Date('2026-06-01T00:00:00Z');

let rootKeys: Keys;
let interKeys: Keys;
let leafKeys: Keys;
let rootDer: Uint8Array;
let interDer: Uint8Array;
let leafDer: Uint8Array;
let leafViaInter: Uint8Array;
let dir: string;

/** What the card does for `80 2A`: PKCS#1 v1.5 type-1 padding over the DigestInfo, then RSA. */
function cardLike(key: KeyObject): CmsRawSigner {
  return {
    signDigestInfo: async (di) =>
      new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, di)),
  };
}

beforeAll(() => {
  [rootKeys, interKeys, leafKeys] = [rsaKeyPair(), rsaKeyPair(), rsaKeyPair()];
  const base = { notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') };
  rootDer = buildTestCertificate({
    ...base,
    subject: ROOT_DN,
    serial: 1n,
    publicKey: rootKeys.publicKey,
    signingKey: rootKeys.privateKey,
    ca: true,
  });
  interDer = buildTestCertificate({
    ...base,
    subject: INTER_DN,
    issuer: ROOT_DN,
    serial: 2n,
    publicKey: interKeys.publicKey,
    signingKey: rootKeys.privateKey,
    ca: true,
  });
  const leafBase = {
    ...base,
    subject: [
      ['C', 'JP'],
      ['CN', 'SIGN0000000000000001'],
    ] as DnSpec,
    publicKey: leafKeys.publicKey,
    otherNames: [{ oid: '1.2.392.200149.8.5.5.1', value: utf8String('𠮷野　花子') }],
  };
  leafDer = buildTestCertificate({
    ...leafBase,
    issuer: ROOT_DN,
    serial: 0x00c0ffeen,
    signingKey: rootKeys.privateKey,
  });
  leafViaInter = buildTestCertificate({
    ...leafBase,
    issuer: INTER_DN,
    serial: 0x1234n,
    signingKey: interKeys.privateKey,
  });
  dir = mkdtempSync(join(tmpdir(), 'cms-'));
  writeFileSync(join(dir, 'root.pem'), toPem(rootDer));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function opensslVerify(p7s: Uint8Array, content: Uint8Array, name: string): { ok: boolean; out: string } {
  const p7sPath = join(dir, `${name}.p7s`);
  const contentPath = join(dir, `${name}.bin`);
  writeFileSync(p7sPath, p7s);
  writeFileSync(contentPath, content);
  const r = spawnSync(
    'openssl',
    [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      p7sPath,
      '-content',
      contentPath,
      '-CAfile',
      join(dir, 'root.pem'),
      '-out',
      '/dev/null',
      '-attime',
      String(Math.floor(NOW.getTime() / 1000)),
    ],
    { encoding: 'utf8' },
  );
  if (r.error) throw new Error(`openssl is required for this test: ${r.error.message}`);
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

const roots = () => [new X509Certificate(Buffer.from(rootDer))];
const CONTENT = new TextEncoder().encode('転入届 — signed by the My Number Card\n');

describe('buildDetachedCms', () => {
  it('openssl cms -verify accepts it, and rejects a modified content byte', async () => {
    const p7s = await buildDetachedCms({
      content: CONTENT,
      signerCertificate: leafDer,
      signingTime: new Date('2026-05-31T12:00:00Z'),
      signer: cardLike(leafKeys.privateKey),
    });
    const good = opensslVerify(p7s, CONTENT, 'good');
    expect(good.out).toContain('Verification successful');
    expect(good.ok).toBe(true);
    const tampered = Uint8Array.from(CONTENT);
    tampered[3]! ^= 0x01;
    const bad = opensslVerify(p7s, tampered, 'bad');
    expect(bad.ok).toBe(false);
    expect(bad.out).not.toContain('Verification successful');
  });

  it('with an intermediate CA embedded, openssl builds the chain to the root', async () => {
    const p7s = await buildDetachedCms({
      content: CONTENT,
      signerCertificate: leafViaInter,
      extraCertificates: [interDer],
      signer: cardLike(leafKeys.privateKey),
    });
    expect(opensslVerify(p7s, CONTENT, 'inter').out).toContain('Verification successful');
    const r = verifyDetachedCms(p7s, CONTENT, { trustRoots: roots(), at: NOW });
    expect(r.valid && r.chain.map((c) => c.serial)).toEqual(['1234', '02', '01']);
  });

  it('signs a precomputed content digest (the PAdES path) with a hash-signing callback', async () => {
    const digest = sha256(CONTENT);
    const p7s = await buildDetachedCms({
      contentDigest: digest,
      signerCertificate: leafDer,
      signer: {
        signSha256: async (h) =>
          new Uint8Array(
            privateEncrypt(
              { key: leafKeys.privateKey, padding: constants.RSA_PKCS1_PADDING },
              sha256DigestInfo(h),
            ),
          ),
      },
    });
    expect(opensslVerify(p7s, CONTENT, 'digest').out).toContain('Verification successful');
    const r = verifyDetachedCms(p7s, { sha256: digest }, { trustRoots: roots(), at: NOW });
    expect(r.valid).toBe(true);
    if (r.valid) expect(r.signingTime).toBeUndefined();
  });

  it('a signature from the wrong key is caught before the CMS is returned', async () => {
    await expect(
      buildDetachedCms({
        content: CONTENT,
        signerCertificate: leafDer,
        signer: cardLike(interKeys.privateKey),
      }),
    ).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
  });

  it('rejects a digest that is not SHA-256 sized', async () => {
    await expect(
      buildDetachedCms({
        contentDigest: new Uint8Array(20),
        signerCertificate: leafDer,
        signer: cardLike(leafKeys.privateKey),
      }),
    ).rejects.toThrow(RangeError);
  });
});

describe('verifyDetachedCms', () => {
  let p7s: Uint8Array;
  beforeAll(async () => {
    p7s = await buildDetachedCms({
      content: CONTENT,
      signerCertificate: leafDer,
      signingTime: new Date('2026-05-31T12:00:00Z'),
      signer: cardLike(leafKeys.privateKey),
    });
  });

  it('accepts the signature and reports signer, chain and signing time', () => {
    const r = verifyDetachedCms(p7s, CONTENT, { trustRoots: roots(), at: NOW });
    expect(r).toMatchObject({
      valid: true,
      signer: { serial: 'C0FFEE', subject: 'C=JP, CN=SIGN0000000000000001' },
      signingTime: '2026-05-31T12:00:00.000Z',
      contentDigest: Buffer.from(sha256(CONTENT)).toString('hex'),
    });
  });

  it('a modified content byte is SIGNATURE_INVALID', () => {
    const t = Uint8Array.from(CONTENT);
    t[0]! ^= 0x80;
    expect(verifyDetachedCms(p7s, t, { trustRoots: roots(), at: NOW })).toMatchObject({
      valid: false,
      code: 'SIGNATURE_INVALID',
    });
  });

  it('a modified signature byte is SIGNATURE_INVALID', () => {
    const t = Uint8Array.from(p7s);
    t[t.length - 10]! ^= 0x01;
    expect(verifyDetachedCms(t, CONTENT, { trustRoots: roots(), at: NOW })).toMatchObject({
      valid: false,
      code: 'SIGNATURE_INVALID',
    });
  });

  it('an untrusted root or an expired certificate is CERT_INVALID', () => {
    expect(verifyDetachedCms(p7s, CONTENT, { trustRoots: [], at: NOW })).toMatchObject({
      valid: false,
      code: 'CERT_INVALID',
    });
    const r = verifyDetachedCms(p7s, CONTENT, { trustRoots: roots(), at: new Date('2031-01-01T00:00:00Z') });
    expect(r).toMatchObject({
      valid: false,
      code: 'CERT_INVALID',
      reason: expect.stringContaining('expired'),
    });
  });

  it('garbage and truncations are MALFORMED, never a crash', () => {
    expect(verifyDetachedCms(Uint8Array.of(1, 2, 3), CONTENT, { trustRoots: roots() })).toMatchObject({
      valid: false,
      code: 'MALFORMED',
    });
    for (let n = 0; n < p7s.length; n += 97) {
      const r = verifyDetachedCms(p7s.subarray(0, n), CONTENT, { trustRoots: roots(), at: NOW });
      expect(r.valid).toBe(false);
    }
  });
});
