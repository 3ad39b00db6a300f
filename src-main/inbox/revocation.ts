/**
 * The municipality's revocation hook. JPKI certificates are checked online through J-LIS
 * (失効情報), which only the municipality's own network reaches, so the check is a command the
 * municipality configures: it gets the signer's certificate (PEM) on stdin and answers with its
 * exit status — 0 not revoked, 1 revoked, anything else (or no answer in 10 s) unknown.
 */
import { spawn } from 'node:child_process';
import type { RevocationResult } from './verify.ts';

export const REVOCATION_TIMEOUT_MS = 10_000;

export function revocationCommand(
  command: string,
  timeoutMs = REVOCATION_TIMEOUT_MS,
): (certificatePem: string) => Promise<RevocationResult> {
  return (pem) =>
    new Promise((resolve) => {
      const child = spawn(command, { shell: true, stdio: ['pipe', 'ignore', 'ignore'] });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', () => resolve('unknown'));
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code === 0 ? 'good' : code === 1 ? 'revoked' : 'unknown');
      });
      child.stdin.on('error', () => undefined); // a command that does not read its stdin
      child.stdin.end(pem);
    });
}
