/**
 * The counter's check of its inbox: every received application with its signature status, who
 * signed (name and birth date from the JPKI certificate's subjectAltName), when, whether the
 * certificate was valid then, and the form's data decoded from the QR on the page. A tampered
 * file is flagged, never silently accepted: its bytes no longer match the signature, or the
 * manifest's hash, or something was appended after signing.
 *
 * Revocation: JPKI certificates are checked online through J-LIS, which a municipality reaches
 * from its own network. The check is a hook (`revocation`, e.g. a command the CLI runs with the
 * certificate on stdin); without one the result says so: "signature valid; revocation not
 * checked".
 */
import { X509Certificate, createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { jpkiSubjectAltName } from '../card/myna/san.ts';
import type { QrPayload } from '../forms/qr.ts';
import { verifyPdf } from '../forms/pades.ts';
import { MANIFEST_FILE, ManifestSchema, type Manifest, type ManifestApplication } from './manifest.ts';
import { qrPayloadsOf } from './pdf-qr.ts';

export type SignatureStatus =
  /** Intact, chains to a configured JPKI root, the certificate valid at the signing time. */
  | 'valid'
  /** The bytes changed after signing (or differ from the manifest), or bytes were appended. */
  | 'tampered'
  /** Intact, but the certificate does not chain to a configured root. */
  | 'unknown-ca'
  /** Intact and trusted, but signed outside the certificate's validity. */
  | 'certificate-not-valid-then'
  | 'unsigned';

export type RevocationResult = 'good' | 'revoked' | 'unknown';

export interface ApplicationReport {
  visitId: string;
  file: string;
  formId?: string;
  title?: string;
  status: SignatureStatus;
  /** Why it is not valid, for staff (English). */
  problems: string[];
  signedAt?: string;
  signer?: {
    name?: string;
    birthDate?: string;
    serial: string;
    issuer: string;
    notBefore: string;
    notAfter: string;
  };
  revocation: { checked: boolean; result?: RevocationResult; note: string };
  /** The form's data from the QR on its page (what the clerk's system would read). */
  form?: QrPayload;
  /** Not listed in (or no) manifest.json. */
  unlisted?: boolean;
}

export interface InboxReport {
  dir: string;
  visits: number;
  applications: ApplicationReport[];
  /** Folders or files that are not a visit (a manifest that does not parse, …). */
  problems: Array<{ path: string; problem: string }>;
}

export interface VerifyInboxOptions {
  trustRoots: readonly X509Certificate[];
  /** Asks the municipality's revocation service about a certificate (PEM). */
  revocation?: (certificatePem: string) => Promise<RevocationResult>;
}

async function verifyApplication(
  visitId: string,
  path: string,
  listed: ManifestApplication | undefined,
  o: VerifyInboxOptions,
): Promise<ApplicationReport> {
  const bytes = readFileSync(path);
  const file = path.slice(path.lastIndexOf('/') + 1);
  const problems: string[] = [];
  const base = {
    visitId,
    file,
    ...(listed ? { formId: listed.formId, title: listed.title } : { unlisted: true }),
  };
  if (listed && createHash('sha256').update(bytes).digest('hex') !== listed.sha256)
    problems.push('the file differs from the one the kiosk sent (manifest hash)');
  const first = verifyPdf(bytes, { trustRoots: o.trustRoots }).signatures[0];
  if (!first)
    return {
      ...base,
      status: 'unsigned',
      problems: [...problems, 'no signature'],
      revocation: notChecked('unsigned'),
    };
  // The chain judged at the signing time: a certificate that expired since still signed validly then.
  const at = first.signingTime ? new Date(first.signingTime) : undefined;
  const sig = at ? (verifyPdf(bytes, { trustRoots: o.trustRoots, at }).signatures[0] ?? first) : first;
  const san = sig.signer?.pem ? jpkiSubjectAltName(new X509Certificate(sig.signer.pem).raw) : undefined;
  const signer = sig.signer
    ? {
        ...(san?.name ? { name: san.name } : {}),
        ...(san?.birthDate ? { birthDate: san.birthDate } : {}),
        serial: sig.signer.serial,
        issuer: sig.signer.issuer,
        notBefore: sig.signer.notBefore,
        notAfter: sig.signer.notAfter,
      }
    : undefined;
  let status: SignatureStatus;
  if (!sig.intact || !sig.coversWholeDocument || problems.length > 0) {
    status = 'tampered';
    if (sig.problem) problems.push(sig.problem);
  } else if (!sig.chainTrusted) {
    status = 'unknown-ca';
    problems.push(sig.problem ?? 'the certificate does not chain to a configured JPKI root');
  } else if (signer && at && (at.toISOString() < signer.notBefore || at.toISOString() > signer.notAfter)) {
    status = 'certificate-not-valid-then';
    problems.push(`signed at ${at.toISOString()}, outside the certificate's validity`);
  } else status = 'valid';
  let form: QrPayload | undefined;
  try {
    form = (await qrPayloadsOf(bytes))[0];
  } catch {
    problems.push('the page could not be read for its QR code');
  }
  const revocation =
    status !== 'valid'
      ? notChecked(status)
      : o.revocation && sig.signer?.pem
        ? await checkRevocation(o.revocation, sig.signer.pem)
        : { checked: false, note: 'signature valid; revocation not checked' };
  return {
    ...base,
    status,
    problems,
    ...(first.signingTime ? { signedAt: first.signingTime } : {}),
    ...(signer ? { signer } : {}),
    revocation,
    ...(form ? { form } : {}),
  };
}

function notChecked(status: SignatureStatus): ApplicationReport['revocation'] {
  return { checked: false, note: `not checked: the signature is ${status}` };
}

async function checkRevocation(
  hook: NonNullable<VerifyInboxOptions['revocation']>,
  pem: string,
): Promise<ApplicationReport['revocation']> {
  try {
    const result = await hook(pem);
    return {
      checked: result !== 'unknown',
      result,
      note:
        result === 'good'
          ? 'signature valid; certificate not revoked'
          : result === 'revoked'
            ? 'the certificate is REVOKED'
            : 'signature valid; the revocation service gave no answer',
    };
  } catch (e) {
    return { checked: false, result: 'unknown', note: `revocation check failed: ${(e as Error).message}` };
  }
}

function readManifest(dir: string): Manifest | string {
  try {
    return ManifestSchema.parse(JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')));
  } catch (e) {
    return `manifest.json: ${(e as Error).message.split('\n')[0]}`;
  }
}

/** Every visit folder of the inbox (hidden `.partial-…` folders are deliveries in progress). */
export async function verifyInbox(dir: string, o: VerifyInboxOptions): Promise<InboxReport> {
  const report: InboxReport = { dir, visits: 0, applications: [], problems: [] };
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const visitDir = join(dir, name);
    if (!statSync(visitDir).isDirectory()) {
      if (name.endsWith('.pdf'))
        report.applications.push(await verifyApplication('', visitDir, undefined, o));
      continue;
    }
    report.visits++;
    const manifest = existsSync(join(visitDir, MANIFEST_FILE)) ? readManifest(visitDir) : 'no manifest.json';
    if (typeof manifest === 'string') report.problems.push({ path: visitDir, problem: manifest });
    const listed = new Map(typeof manifest === 'string' ? [] : manifest.applications.map((a) => [a.file, a]));
    for (const a of listed.values())
      if (!existsSync(join(visitDir, a.file)))
        report.problems.push({ path: join(visitDir, a.file), problem: 'listed in the manifest but missing' });
    for (const f of readdirSync(visitDir).sort()) {
      if (!f.endsWith('.pdf')) continue;
      report.applications.push(await verifyApplication(name, join(visitDir, f), listed.get(f), o));
    }
  }
  return report;
}
