/**
 * The system services the journeys drive: pcscd + vpcd (virtual card) and CUPS + cups-pdf
 * (printing). Started here when they are missing and we may; otherwise the run fails with what
 * to do — never silently skipped.
 */
import { execFileSync } from 'node:child_process';
import { ensurePcscd } from '../../test/helpers/services.ts';
import { CUPS_PDF_PPD, PRINT_QUEUE, REPO_ROOT } from './env.ts';

export { ensurePcscd };

/** Starts CUPS with the cups-pdf queue if needed; returns the folder cups-pdf writes into. */
export function ensureCups(): string {
  let out: string;
  try {
    out = execFileSync('sh', [`${REPO_ROOT}/scripts/ci/start-cups.sh`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(
      `CUPS + cups-pdf are needed for the e2e journeys and could not be started: ${err.stderr?.toString() || err.message}\n` +
        'Install and start them: bash scripts/ci/install-system-deps.sh && sh scripts/ci/start-cups.sh',
      { cause: e },
    );
  }
  const m = /^CUPS_PDF_OUT=(.+)$/m.exec(out);
  if (!m) throw new Error(`start-cups.sh did not say where PDFs land:\n${out}`);
  return m[1]!.trim();
}

const SBIN_PATH = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` };

/** Runs a CUPS admin tool, failing with its stderr. */
export function cupsAdmin(tool: string, args: string[]): void {
  try {
    execFileSync(tool, args, { stdio: 'pipe', env: SBIN_PATH });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`${tool} ${args.join(' ')} failed: ${err.stderr?.toString() || err.message}`, {
      cause: e,
    });
  }
}

/** A cups-pdf queue for the journeys (idempotent): pdftocairo keeps the text extractable. */
export function ensureE2eQueue(name = PRINT_QUEUE): void {
  cupsAdmin('lpadmin', [
    '-p',
    name,
    '-v',
    'cups-pdf:/',
    '-m',
    CUPS_PDF_PPD,
    '-E',
    '-o',
    'pdftops-renderer-default=pdftocairo',
    '-o',
    'printer-error-policy=abort-job',
  ]);
  cupsAdmin('cupsenable', [name]);
  cupsAdmin('cupsaccept', [name]);
}
