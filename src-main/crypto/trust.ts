/**
 * Trusted roots and certificate-chain verification.
 *
 * Roots come only from PEM files shipped with the app (assets/trust/**\/*.pem: the virtual card's
 * test roots under test/, the real J-LIS roots under jlis/ when a deployment adds them). A CA
 * certificate read from the card is used only as an intermediate, or is accepted when it is
 * byte-identical to a shipped root — never trusted on its own (card-protocol.md §6).
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CardError } from '../card/errors.ts';
import { summarizeCertificate, toX509, type CertificateSummary } from './x509.ts';

export const DEFAULT_TRUST_DIR = fileURLToPath(new URL('../../assets/trust/', import.meta.url));

const PEM_RE = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

function invalid(detail: string): CardError {
  return new CardError('CERT_INVALID', { detail });
}

/** Every certificate in a PEM text (other PEM blocks are ignored). */
/** A DER certificate as PEM (64-character lines). */
export function certificatePem(der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export function parsePemCertificates(text: string, source = 'PEM'): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const m of text.matchAll(PEM_RE)) {
    const der = Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
    try {
      out.push(new X509Certificate(der));
    } catch {
      throw invalid(`unreadable certificate in ${source}`);
    }
  }
  return out;
}

function pemFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...pemFiles(p));
    else if (name.endsWith('.pem')) out.push(p);
  }
  return out;
}

/**
 * Loads the trusted roots from `dir` (default assets/trust), recursively. A missing directory
 * gives no roots (every chain then fails); an unreadable certificate is CERT_INVALID.
 */
export function loadTrustRoots(dir: string = DEFAULT_TRUST_DIR): X509Certificate[] {
  if (!existsSync(dir)) return [];
  return pemFiles(dir).flatMap((f) => parsePemCertificates(readFileSync(f, 'utf8'), f));
}

export interface ChainOptions {
  /** Trusted roots (from loadTrustRoots). */
  roots: readonly X509Certificate[];
  /** Untrusted CA certificates that may link the leaf to a root (e.g. read from the card). */
  intermediates?: readonly Uint8Array[];
  /** The moment validity is checked at (default now). */
  at?: Date;
}

export interface VerifiedChain {
  /** Leaf first, trusted root last (a single element when the leaf itself is a shipped root). */
  chain: CertificateSummary[];
}

const MAX_CHAIN = 6;

function checkValidity(c: CertificateSummary, at: Date): void {
  if (at < new Date(c.notBefore)) {
    throw invalid(`certificate ${c.subject} (serial ${c.serial}) is not valid before ${c.notBefore}`);
  }
  if (at > new Date(c.notAfter)) {
    throw invalid(`certificate ${c.subject} (serial ${c.serial}) expired on ${c.notAfter}`);
  }
}

function issuedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return issuer.ca && child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * Verifies leaf → (intermediates…) → shipped root: every signature, every validity period at
 * `at`, and that each issuer is a CA. Throws CERT_INVALID with a detail naming the failure.
 */
export function verifyChain(leafDer: Uint8Array, opts: ChainOptions): VerifiedChain {
  const at = opts.at ?? new Date();
  const chain: CertificateSummary[] = [summarizeCertificate(leafDer)];
  let current = toX509(leafDer);
  const pool = (opts.intermediates ?? []).map((d) => toX509(d));
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    const summary = chain[chain.length - 1]!;
    checkValidity(summary, at);
    if (opts.roots.some((r) => r.raw.equals(current.raw))) return { chain };
    const root = opts.roots.find((r) => issuedBy(current, r));
    if (root) {
      const rootSummary = summarizeCertificate(new Uint8Array(root.raw));
      checkValidity(rootSummary, at);
      chain.push(rootSummary);
      return { chain };
    }
    const next = pool.find((c) => !c.raw.equals(current.raw) && issuedBy(current, c));
    if (!next) {
      throw invalid(`no trusted root for ${summary.subject} (issuer ${summary.issuer})`);
    }
    current = next;
    chain.push(summarizeCertificate(new Uint8Array(next.raw)));
  }
  throw invalid(`certificate chain longer than ${MAX_CHAIN}`);
}
