import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { readSecretFromStdin } from './secret-input.ts';

async function run(argv: string[], stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main(argv, { stdout, stderr, stdin: Readable.from([Buffer.from(stdin)]) });
  return { code, out, err };
}

describe('kakanai main', () => {
  it('prints help and lists the command groups', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['card read', 'card status', 'readers', 'emulator']) expect(r.out).toContain(cmd);
  });

  it('exits 2 with a JSON error for an unknown command or option', async () => {
    const unknown = await run(['nonsense', '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.out)).toMatchObject({ error: { code: 'USAGE' } });
    const badOption = await run(['card', 'status', '--bogus', '--json']);
    expect(badOption.code).toBe(2);
  });

  it('refuses 照合番号B with --my-number before touching any card', async () => {
    const r = await run(['card', 'read', '--bno-stdin', '--my-number', '--json'], '55021720352285\n');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.message).toMatch(/照合番号B/);
  });

  it('runs a card command against the in-process virtual card and maps card errors to exit codes', async () => {
    const ok = await run(['card', 'read', '--pin-stdin', '--emulator', 'ordinary', '--json'], '1234\n');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ birthDate: '1980-02-17', sex: 'male' });
    expect(JSON.parse(ok.out)).not.toHaveProperty('myNumber');
    const notCard = await run(['card', 'status', '--emulator', 'not-mynumber', '--json']);
    expect(notCard.code).toBe(4);
    const format = await run(['card', 'read', '--pin-stdin', '--emulator', 'ordinary', '--json'], '12345\n');
    expect(format.code).toBe(2);
    expect(JSON.parse(format.out).error.code).toBe('INVALID_SECRET_FORMAT');
  });
});

describe('secrets from stdin', () => {
  it('ignores one trailing newline (LF or CRLF) and keeps everything else', async () => {
    for (const [input, expected] of [
      ['1234\n', '1234'],
      ['1234\r\n', '1234'],
      ['ABC123', 'ABC123'],
      [' 1234\n', ' 1234'],
    ] as const) {
      const s = await readSecretFromStdin(Readable.from([Buffer.from(input)]));
      expect(s.use((b) => b.toString('ascii'))).toBe(expected);
      s.dispose();
    }
  });

  it('rejects empty and oversized input', async () => {
    await expect(readSecretFromStdin(Readable.from([Buffer.from('\n')]))).rejects.toThrow(/no secret/);
    await expect(readSecretFromStdin(Readable.from([Buffer.alloc(100, 0x31)]))).rejects.toThrow(/too long/);
  });
});
