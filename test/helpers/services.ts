/**
 * System services the integration tests drive. A test that needs one starts it here or fails
 * loudly with the reason; it never silently passes without it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Whether something listens on a loopback TCP port, read from /proc (Linux): a test connection to a
 * vpcd port would be taken for a virtual card, and with vpcd's backlog of one make the next wait.
 */
export function portListening(port: number): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const listening = new RegExp(`:${hex} [0-9A-F]+:0000 0A`);
  const tables = ['/proc/net/tcp', '/proc/net/tcp6'].map((f) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return '';
    }
  });
  return tables.some((t) => listening.test(t));
}

/**
 * Ensures pcscd with the vpcd driver is up and listening on this vpcd slot (starting it when we
 * may), or throws why not. Slot 0 (35963) and 1 (35964) come with the vpcd package; 35965/35966
 * only with the second reader (KAKANAI_VPCD_EXTRA=1 bash scripts/ci/start-pcscd.sh).
 */
export async function ensurePcscd(port = 35963): Promise<void> {
  if (portListening(port)) return;
  try {
    execFileSync('bash', [`${REPO_ROOT}/scripts/ci/start-pcscd.sh`], { stdio: 'pipe' });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(
      `pcscd + vsmartcard-vpcd are needed for this test and could not be started: ${err.stderr?.toString() || err.message}\n` +
        'Install and start them: bash scripts/ci/install-system-deps.sh && bash scripts/ci/start-pcscd.sh',
      { cause: e },
    );
  }
  if (!portListening(port)) {
    throw new Error(
      `pcscd is running but no vpcd slot listens on 127.0.0.1:${port}` +
        (port > 35964
          ? ' (this slot needs the second reader: KAKANAI_VPCD_EXTRA=1 bash scripts/ci/start-pcscd.sh)'
          : ''),
    );
  }
}
