/**
 * Runs the real `kakanai` command as a user would: a child process, secrets on stdin, JSON on
 * stdout, and every log line appended to one file so a test can grep it afterwards.
 */
import { spawn } from 'node:child_process';
import { REPO_ROOT } from './services.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON when it is one JSON object. */
  json: Record<string, unknown> | undefined;
}

export interface CliOptions {
  stdin?: string;
  logFile?: string;
  timeoutMs?: number;
  env?: Record<string, string>;
}

export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${REPO_ROOT}/bin/kakanai.mjs`, ...args], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...(opts.logFile ? { KAKANAI_LOG_FILE: opts.logFile, KAKANAI_LOG_LEVEL: 'debug' } : {}),
        ...opts.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kakanai ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      resolve({ code: code ?? -1, stdout, stderr, json });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** The CLI's JSON, read loosely by tests (its shapes are typed in the services). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseJson = any;

/** Runs `kakanai` in this process (fast: no child, no recompilation), stdin given as text. */
export async function runMain(
  argv: string[],
  stdinText: string,
): Promise<{ code: number; out: string; err: string; json: LooseJson }> {
  const { PassThrough } = await import('node:stream');
  const { main } = await import('../../src-main/cli/main.ts');
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const code = await main(argv, { stdout, stderr, stdin });
  let json: LooseJson;
  try {
    json = JSON.parse(out);
  } catch {
    json = undefined;
  }
  return { code, out, err, json };
}
