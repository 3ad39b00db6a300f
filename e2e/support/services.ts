/**
 * The system services the journeys drive: pcscd + vpcd (virtual card) and CUPS + cups-pdf
 * (printing). Started here when they are missing and we may; otherwise the run fails with what
 * to do — never silently skipped.
 */
import { execFileSync } from 'node:child_process';
import { ensurePcscd } from '../../test/helpers/services.ts';
import { REPO_ROOT } from './env.ts';

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
