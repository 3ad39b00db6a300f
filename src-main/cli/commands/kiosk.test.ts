import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.ts';
import { REPO_ROOT } from '../../../test/helpers/services.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'kakanai-cli-'));

describe('kakanai serve / config', () => {
  it('serve: listens on 127.0.0.1, prints the URL as JSON, answers, and stops on SIGTERM', async () => {
    const dir = tmp();
    const child = spawn(
      process.execPath,
      [
        `${REPO_ROOT}/bin/kakanai.mjs`,
        'serve',
        '--port',
        '0',
        '--json',
        '--demo',
        '--config',
        join(dir, 't.json'),
        '--static-dir',
        dir,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line: ${out}`)), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const nl = out.indexOf('\n');
        if (nl >= 0) {
          clearTimeout(timer);
          resolve(out.slice(0, nl));
        }
      });
    });
    const info = JSON.parse(line) as {
      url: string;
      host: string;
      demo: boolean;
      startupMs: Record<string, number>;
    };
    expect(info.host).toBe('127.0.0.1');
    expect(info.demo).toBe(true);
    expect(info.startupMs['server-listening']).toBeGreaterThan(0);
    const res = await fetch(`${info.url}api/call/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await res.json()).toMatchObject({
      ok: true,
      value: { demo: { active: true, reason: 'configured' } },
    });
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    console.warn(
      `[measure] kakanai serve: listening ${info.startupMs['server-listening']} ms after process start`,
    );
  });

  it('serve on a port in use says so', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const r = await runCli(['serve', '--port', String(port), '--json', '--config', join(tmp(), 't.json')]);
    blocker.close();
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'PORT_IN_USE' } });
  });

  it('serve refuses another address without a pairing token (usage error)', async () => {
    const r = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--config', join(tmp(), 't.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--pairing-token-file');
    const weak = join(tmp(), 'token');
    writeFileSync(weak, 'short\n');
    const r2 = await runCli([
      'serve',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--pairing-token-file',
      weak,
      '--config',
      join(tmp(), 't.json'),
    ]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('at least 16');
  });

  it('config set-pin stores only a scrypt hash; config check validates', async () => {
    const file = join(tmp(), 'terminal.json');
    const set = await runCli(['config', 'set-pin', '--config', file, '--pin-stdin', '--json'], {
      stdin: '864209\n',
    });
    expect(set.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/"pinHash": "scrypt\$/);
    expect(text).not.toContain('864209');
    const bad = await runCli(['config', 'set-pin', '--config', file, '--pin-stdin'], { stdin: '12\n' });
    expect(bad.code).toBe(2);
    writeFileSync(file, JSON.stringify({ mode: 'casino' }));
    const check = await runCli(['config', 'check', '--config', file, '--json']);
    expect(check.code).not.toBe(0);
    expect(check.stdout).toContain('mode');
  });
});
