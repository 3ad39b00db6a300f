/**
 * Loads the committed test PKI (assets/test-pki, made by scripts/gen-test-pki.ts): each
 * My-Number persona's RSA-2048 auth and signing keys and certificates, the two test roots, and
 * the key that signs the Kenhojo/Kenkaku records. Test material only — never a real card's.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PersonaError } from './personas.ts';
import { fromPem } from './test-pki.ts';

export const TEST_PKI_DIR = fileURLToPath(new URL('../../../assets/test-pki/', import.meta.url));
export const TEST_TRUST_DIR = fileURLToPath(new URL('../../../assets/trust/test/', import.meta.url));

export interface PersonaKeys {
  /** 利用者証明用 private key (JPKI EF 0017). */
  authKey: KeyObject;
  /** 署名用 private key (JPKI EF 001A). */
  signKey: KeyObject;
  /** DER of the auth certificate (EF 000A). */
  authCert: Uint8Array;
  /** DER of the signing certificate (EF 0001). */
  signCert: Uint8Array;
  /** DER of the auth CA (test root) certificate (EF 000B). */
  authCaCert: Uint8Array;
  /** DER of the signing CA (test root) certificate (EF 0002). */
  signCaCert: Uint8Array;
  /** Signs the Kenhojo integrity record and the Kenkaku records (stands in for J-LIS's key). */
  cardIssuerKey: KeyObject;
}

export const PKI_FILES = {
  signRootKey: 'roots/sign-ca.key.pem',
  signRootCert: 'roots/sign-ca.crt.pem',
  authRootKey: 'roots/auth-ca.key.pem',
  authRootCert: 'roots/auth-ca.crt.pem',
  cardIssuerKey: 'card-issuer.key.pem',
  manifest: 'manifest.json',
  persona: (id: string, what: 'auth.key.pem' | 'auth.crt.pem' | 'sign.key.pem' | 'sign.crt.pem') =>
    `personas/${id}/${what}`,
} as const;

const cache = new Map<string, PersonaKeys>();

function read(dir: string, rel: string, id: string): string {
  const file = join(dir, rel);
  if (!existsSync(file)) {
    throw new PersonaError(
      'PERSONA_NOT_FOUND',
      `no test PKI file ${rel} for persona ${JSON.stringify(id)}: run node bin/run-ts.mjs scripts/gen-test-pki.ts`,
      file,
    );
  }
  return readFileSync(file, 'utf8');
}

/** Keys and certificate DERs of a My-Number persona (cached per process). */
export function loadPersonaKeys(id: string, dir: string = TEST_PKI_DIR): PersonaKeys {
  const key = `${dir}\0${id}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (!/^[a-z0-9-]+$/.test(id))
    throw new PersonaError('PERSONA_NOT_FOUND', `no persona named ${JSON.stringify(id)}`, id);
  const keys: PersonaKeys = {
    authKey: createPrivateKey(read(dir, PKI_FILES.persona(id, 'auth.key.pem'), id)),
    signKey: createPrivateKey(read(dir, PKI_FILES.persona(id, 'sign.key.pem'), id)),
    authCert: fromPem(read(dir, PKI_FILES.persona(id, 'auth.crt.pem'), id)),
    signCert: fromPem(read(dir, PKI_FILES.persona(id, 'sign.crt.pem'), id)),
    authCaCert: fromPem(read(dir, PKI_FILES.authRootCert, id)),
    signCaCert: fromPem(read(dir, PKI_FILES.signRootCert, id)),
    cardIssuerKey: createPrivateKey(read(dir, PKI_FILES.cardIssuerKey, id)),
  };
  cache.set(key, keys);
  return keys;
}

/** DERs of the two test roots, as the host's trust store would hold them. */
export function loadTestRoots(dir: string = TEST_PKI_DIR): { sign: Uint8Array; auth: Uint8Array } {
  return {
    sign: fromPem(read(dir, PKI_FILES.signRootCert, 'roots')),
    auth: fromPem(read(dir, PKI_FILES.authRootCert, 'roots')),
  };
}
