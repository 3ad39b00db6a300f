/**
 * Generates the virtual card's test PKI under assets/test-pki/ (committed, so tests are fast and
 * deterministic) and copies the two test roots to assets/trust/test/.
 *
 *   node bin/run-ts.mjs scripts/gen-test-pki.ts [--force]
 *
 * Existing keys are kept; a persona's certificates are re-issued only when the persona data they
 * carry changed (or with --force, which also makes new keys and roots). Test material only.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadPersona, listPersonas } from '../src-main/card/emulator/personas.ts';
import { PKI_FILES, TEST_PKI_DIR, TEST_TRUST_DIR } from '../src-main/card/emulator/persona-keys.ts';
import {
  buildCertificate,
  fromPem,
  jpkiOtherNames,
  KU,
  OID,
  randomSerial,
  rootDn,
  toPem,
  type Purpose,
} from '../src-main/card/emulator/test-pki.ts';
import type { Persona } from '../src-main/card/emulator/persona.ts';

const force = process.argv.includes('--force');
const out = TEST_PKI_DIR;

interface Manifest {
  generated: string;
  personas: Record<
    string,
    { inputHash: string; notBefore: string; notAfter: string; authCn: string; signCn: string }
  >;
}

const manifestPath = join(out, PKI_FILES.manifest);
const manifest: Manifest =
  !force && existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest)
    : { generated: '', personas: {} };

function write(rel: string, text: string): void {
  const file = join(out, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Loads a private key, or generates (and writes) an RSA-2048 one. */
function privateKey(rel: string): KeyObject {
  const file = join(out, rel);
  if (!force && existsSync(file)) return createPrivateKey(readFileSync(file, 'utf8'));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  write(rel, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  console.log(`new key ${rel}`);
  return privateKey;
}

/** 20 characters, upper-case letters and digits, starting TEST so nobody takes it for a real id. */
function certId(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return 'TEST' + [...randomBytes(16)].map((b) => alphabet[b % 36]).join('');
}

const ROOT_VALIDITY = {
  notBefore: new Date('2015-01-01T00:00:00Z'),
  notAfter: new Date('2045-12-31T23:59:59Z'),
};

function root(purpose: Purpose): { key: KeyObject; cert: Uint8Array } {
  const keyRel = purpose === 'sign' ? PKI_FILES.signRootKey : PKI_FILES.authRootKey;
  const certRel = purpose === 'sign' ? PKI_FILES.signRootCert : PKI_FILES.authRootCert;
  const key = privateKey(keyRel);
  const certFile = join(out, certRel);
  if (!force && existsSync(certFile)) return { key, cert: fromPem(readFileSync(certFile, 'utf8')) };
  const pub = createPublicKey(key);
  const cert = buildCertificate({
    serial: randomSerial(),
    issuer: rootDn(purpose),
    subject: rootDn(purpose),
    ...ROOT_VALIDITY,
    subjectKey: pub,
    issuerKey: key,
    issuerPublicKey: pub,
    ca: true,
    keyUsage: [KU.keyCertSign, KU.cRLSign],
  });
  write(certRel, toPem(cert));
  console.log(`new root ${certRel}`);
  return { key, cert };
}

function inputHash(p: Persona): string {
  return createHash('sha256')
    .update(JSON.stringify({ resident: p.resident, certificates: p.certificates ?? null, v: 1 }))
    .digest('hex')
    .slice(0, 16);
}

function addYears(d: Date, years: number): Date {
  const r = new Date(d);
  r.setUTCFullYear(r.getUTCFullYear() + years);
  return r;
}

const roots = { sign: root('sign'), auth: root('auth') };
privateKey(PKI_FILES.cardIssuerKey);

for (const id of listPersonas()) {
  const persona = loadPersona(id);
  if (persona.kind !== 'mynumber') continue;
  const authKey = privateKey(PKI_FILES.persona(id, 'auth.key.pem'));
  const signKey = privateKey(PKI_FILES.persona(id, 'sign.key.pem'));
  const hash = inputHash(persona);
  const prev = manifest.personas[id];
  const certsExist =
    existsSync(join(out, PKI_FILES.persona(id, 'auth.crt.pem'))) &&
    existsSync(join(out, PKI_FILES.persona(id, 'sign.crt.pem')));
  if (!force && prev && prev.inputHash === hash && certsExist) continue;

  const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  const notBefore = persona.certificates
    ? new Date(persona.certificates.notBefore + 'T00:00:00Z')
    : addYears(today, -1);
  const notAfter = persona.certificates
    ? new Date(persona.certificates.notAfter + 'T23:59:59Z')
    : addYears(today, 5);
  const entry = {
    inputHash: hash,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    authCn: certId(),
    signCn: certId(),
  };

  const common = { notBefore, notAfter, ca: false } as const;
  const authCert = buildCertificate({
    ...common,
    serial: randomSerial(),
    issuer: rootDn('auth'),
    subject: [
      [OID.country, 'JP'],
      [OID.commonName, entry.authCn],
    ],
    subjectKey: createPublicKey(authKey),
    issuerKey: roots.auth.key,
    issuerPublicKey: createPublicKey(roots.auth.key),
    keyUsage: [KU.digitalSignature],
  });
  const signCert = buildCertificate({
    ...common,
    serial: randomSerial(),
    issuer: rootDn('sign'),
    subject: [
      [OID.country, 'JP'],
      [OID.commonName, entry.signCn],
    ],
    subjectKey: createPublicKey(signKey),
    issuerKey: roots.sign.key,
    issuerPublicKey: createPublicKey(roots.sign.key),
    keyUsage: [KU.digitalSignature, KU.nonRepudiation],
    otherNames: jpkiOtherNames(persona),
  });
  write(PKI_FILES.persona(id, 'auth.crt.pem'), toPem(authCert));
  write(PKI_FILES.persona(id, 'sign.crt.pem'), toPem(signCert));
  manifest.personas[id] = entry;
  console.log(`issued certificates for ${id}`);
}

manifest.generated = manifest.generated || new Date().toISOString();
write(PKI_FILES.manifest, JSON.stringify(manifest, null, 2) + '\n');

mkdirSync(TEST_TRUST_DIR, { recursive: true });
writeFileSync(join(TEST_TRUST_DIR, 'jpki-sign-test-root.pem'), toPem(roots.sign.cert));
writeFileSync(join(TEST_TRUST_DIR, 'jpki-auth-test-root.pem'), toPem(roots.auth.cert));
console.log(`test PKI in ${out}; roots in ${TEST_TRUST_DIR}`);
