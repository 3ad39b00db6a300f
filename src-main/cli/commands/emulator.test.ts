import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const stdin = new PassThrough();
  const code = await main(argv, { stdout, stderr, stdin });
  return { code, out, err };
}

describe('kakanai emulator', () => {
  it('--list names every persona without secrets', async () => {
    const { code, out } = await run(['emulator', '--list', '--json']);
    expect(code).toBe(0);
    const { personas } = JSON.parse(out) as { personas: Array<{ id: string; kind: string }> };
    expect(personas.map((p) => p.id)).toContain('ordinary');
    expect(personas.find((p) => p.id === 'not-mynumber')?.kind).toBe('other');
    expect(out).not.toContain('55021720352285'); // the ordinary persona's 照合番号B
    expect(out).not.toContain('ABC123'); // its signing password
  });

  it('rejects a missing persona, an unknown persona and a bad --vpcd', async () => {
    expect((await run(['emulator', '--json'])).code).toBe(2);
    const unknown = await run(['emulator', '--persona', 'nobody', '--json']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.out).error.code).toBe('PERSONA_NOT_FOUND');
    expect((await run(['emulator', '--persona', 'ordinary', '--vpcd', 'localhost', '--json'])).code).toBe(2);
  });
});
