import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret, withSecret } from './secret.ts';

describe('Secret', () => {
  it('never turns into its value by accident', () => {
    const s = Secret.fromString('1234');
    expect(String(s)).toBe('[secret]');
    expect(`${s}`).toBe('[secret]');
    expect(JSON.stringify({ s })).toBe('{"s":"[secret]"}');
    expect(inspect(s)).toBe('[secret]');
    expect(s.isDigits()).toBe(true);
    expect(Secret.fromString('12a4').isDigits()).toBe(false);
  });

  it('zeroes its bytes on dispose and refuses use afterwards', () => {
    const bytes = Buffer.from('55021720352285', 'ascii');
    const s = Secret.fromBytes(bytes);
    s.dispose();
    expect(bytes.every((b) => b === 0)).toBe(true);
    expect(s.disposed).toBe(true);
    expect(() => s.use((b) => b.length)).toThrow(/after dispose/);
  });

  it('useCopy hands async work a copy and zeroes it after, even when the work fails', async () => {
    const s = Secret.fromString('correct horse battery');
    let seen: Buffer | undefined;
    await expect(
      s.useCopy(async (b) => {
        seen = b;
        await Promise.resolve();
        throw new Error('KDF failed');
      }),
    ).rejects.toThrow('KDF failed');
    expect(seen!.every((x) => x === 0)).toBe(true);
    expect(await s.useCopy(async (b) => b.toString('utf8'))).toBe('correct horse battery');
    s.dispose();
  });

  it('withSecret disposes even when the work fails', async () => {
    const s = Secret.fromString('ABC123');
    await expect(
      withSecret(s, async () => {
        throw new Error('card removed');
      }),
    ).rejects.toThrow('card removed');
    expect(s.disposed).toBe(true);
  });
});
