/**
 * Crash-safety harness: runs a child process that acknowledges each committed action with a line
 * "ACK <id>" on stdout, kills it with SIGKILL `afterMs` after its first ACK, and returns every id
 * it acknowledged — which the test then expects to find in the store.
 */
import { spawn } from 'node:child_process';
import { REPO_ROOT } from './services.ts';

export function runAndKill(
  script: string,
  args: string[],
  stdin: string,
  afterMs: number,
): Promise<{ acked: string[]; killed: boolean }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['bin/run-ts.mjs', script, ...args], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buf = '';
    let timer: NodeJS.Timeout | undefined;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('ACK ')) {
          acked.push(line.slice(4));
          timer ??= setTimeout(() => child.kill('SIGKILL'), afterMs);
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolvePromise({ acked, killed: signal === 'SIGKILL' });
    });
    child.stdin.end(stdin);
  });
}
