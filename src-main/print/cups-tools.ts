/**
 * Runs the CUPS command-line tools (lp, lpstat, cancel) in the C locale with a time limit. CUPS
 * translates its output by LANG/LC_MESSAGES even when the locale is not installed (a Japanese
 * desktop prints "プリンター PDF は待機中です"), so LC_ALL=C is forced for every call.
 */
import { spawn } from 'node:child_process';
import { PrintError } from './errors.ts';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type ToolRunner = (tool: string, args: string[], input?: Uint8Array) => Promise<ToolResult>;

/** The environment the tools run with: the caller's, minus every locale override. */
export function cLocaleEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (k === 'LANG' || k === 'LANGUAGE' || k.startsWith('LC_')) continue;
    out[k] = v;
  }
  out.LANG = 'C';
  out.LC_ALL = 'C';
  return out;
}

const MAX_OUTPUT = 4 * 1024 * 1024;

export function makeToolRunner(timeoutMs = 15_000): ToolRunner {
  return (tool, args, input) =>
    new Promise((resolve, reject) => {
      const child = spawn(tool, args, { env: cLocaleEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(() =>
          reject(
            new PrintError('CUPS_UNAVAILABLE', { detail: `${tool} did not answer within ${timeoutMs} ms` }),
          ),
        );
      }, timeoutMs);
      const collect = (into: Buffer[]) => (c: Buffer) => {
        size += c.length;
        if (size > MAX_OUTPUT) {
          child.kill('SIGKILL');
          finish(() =>
            reject(new PrintError('CUPS_UNAVAILABLE', { detail: `${tool} printed too much output` })),
          );
          return;
        }
        into.push(c);
      };
      child.stdout.on('data', collect(out));
      child.stderr.on('data', collect(err));
      child.on('error', (e: NodeJS.ErrnoException) => {
        const detail = e.code === 'ENOENT' ? `${tool} is not installed` : `${tool}: ${e.message}`;
        finish(() => reject(new PrintError('CUPS_UNAVAILABLE', { detail })));
      });
      child.on('close', (code) => {
        finish(() =>
          resolve({
            code: code ?? -1,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
          }),
        );
      });
      // lp may exit early (unknown printer) before reading all input: ignore EPIPE.
      child.stdin.on('error', () => {});
      if (input) child.stdin.end(input);
      else child.stdin.end();
    });
}
