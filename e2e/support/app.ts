/**
 * The kiosk in server mode, as an operator would run it: `kakanai serve --config FILE --port 0`,
 * with a fresh terminal configuration per journey (its own idle policy, reader, printer, operator
 * PIN) in a temporary folder that is removed afterwards.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATOR_PIN, PRINT_QUEUE, RENDERER_COPY, REPO_ROOT, VPCD_READER } from './env.ts';

export interface AppOptions {
  /** Run with the in-process virtual card (--demo) instead of the PC/SC reader. */
  demo?: boolean;
  idle?: { timeoutSec: number; warningSec: number };
  wipeOnCardRemoval?: boolean;
  /** Reader name filter (default: the e2e vpcd slot). */
  readerFilter?: string;
  languages?: { available: string[]; default: string };
  /** Extra top-level config fields. */
  extra?: Record<string, unknown>;
}

export interface RunningApp {
  url: string;
  port: number;
  configPath: string;
  /** ms from spawning the process to "listening". */
  spawnToListeningMs: number;
  /** The server's own startup marks (kiosk-ready, server-listening). */
  startupMs: Record<string, number>;
  /** Raw stderr (log lines), for a failing test's report. */
  stderr(): string;
  call<T = unknown>(name: string, input?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-e2e-'));
  const configPath = join(dir, 'terminal.json');
  const config = {
    schemaVersion: 1,
    terminalId: 'e2e-kiosk',
    municipality: { name: '架空市', code: '999999' },
    printer: { name: PRINT_QUEUE, media: 'A4' },
    reader: { filter: options.readerFilter ?? VPCD_READER },
    idle: options.idle ?? { timeoutSec: 600, warningSec: 30 },
    privacy: { wipeOnCardRemoval: options.wipeOnCardRemoval ?? true },
    demo: { enabled: false, offerWhenNoReader: true },
    statistics: { enabled: true, file: 'statistics.json' },
    ...(options.languages ? { languages: options.languages } : {}),
    ...options.extra,
  };
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const pin = spawnSync(
    process.execPath,
    [`${REPO_ROOT}/bin/kakanai.mjs`, 'config', 'set-pin', '--config', configPath, '--pin-stdin'],
    { input: `${OPERATOR_PIN}\n`, cwd: REPO_ROOT },
  );
  if (pin.status !== 0) throw new Error(`kakanai config set-pin failed: ${pin.stderr.toString()}`);

  const args = [
    'serve',
    '--config',
    configPath,
    '--port',
    '0',
    '--json',
    '--static-dir',
    RENDERER_COPY,
    ...(options.demo ? ['--demo'] : []),
  ];
  const t0 = performance.now();
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [`${REPO_ROOT}/bin/kakanai.mjs`, ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, KAKANAI_LOG: 'stderr', KAKANAI_LOG_LEVEL: 'info' },
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const listening = await new Promise<{ url: string; port: number; startupMs: Record<string, number> }>(
    (resolve, reject) => {
      let buf = '';
      const timer = setTimeout(
        () => reject(new Error(`kakanai serve did not listen within 30 s:\n${stderr}`)),
        30_000,
      );
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        for (const line of buf.split('\n')) {
          if (!line.includes('"listening"')) continue;
          clearTimeout(timer);
          resolve(JSON.parse(line));
          return;
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`kakanai serve exited (${code}) before listening:\n${stderr}`));
      });
    },
  );
  const spawnToListeningMs = performance.now() - t0;
  // A server that dies under a journey says how (code or signal) in the failing test's report,
  // instead of leaving only a page that lost its connection.
  let stopping = false;
  child.stdout.on('data', (d: Buffer) => (stderr += `[stdout] ${d.toString()}`));
  child.once('exit', (code, signal) => {
    if (!stopping) stderr += `\n[e2e] kakanai serve exited during the test: code ${code}, signal ${signal}\n`;
  });

  return {
    url: listening.url,
    port: listening.port,
    configPath,
    spawnToListeningMs,
    startupMs: listening.startupMs,
    stderr: () => stderr,
    async call<T>(name: string, input: unknown = {}) {
      const res = await fetch(`${listening.url}api/call/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const r = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
      if (!r.ok) throw new Error(`${name}: ${r.error?.code} ${r.error?.message}`);
      return r.value as T;
    },
    async stop() {
      stopping = true;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
