import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Secret } from '../card/secret.ts';
import { ConfigService } from './config-service.ts';
import { hashOperatorPin, verifyOperatorPin } from './operator-pin.ts';
import { MAX_OPERATOR_TRIES, OperatorService } from './operator-service.ts';
import {
  ConfigError,
  defaultTerminalConfig,
  loadTerminalConfig,
  parseTerminalConfig,
  saveTerminalConfig,
} from './terminal-config.ts';

const EXAMPLE = new URL('../../config/terminal.example.json', import.meta.url).pathname;
const tmp = () => mkdtempSync(join(tmpdir(), 'kakanai-config-'));

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('terminal configuration', () => {
  it('a missing file means the defaults: counter mode, loopback, 120 s idle', () => {
    const c = loadTerminalConfig('/nonexistent/terminal.json');
    expect(c).toEqual(defaultTerminalConfig());
    expect(c.mode).toBe('counter');
    expect(c.server.host).toBe('127.0.0.1');
    expect(c.idle).toEqual({ timeoutSec: 120, warningSec: 30 });
    expect(c.operator.pinHash).toBeUndefined();
  });

  it('the shipped example is valid', () => {
    const c = loadTerminalConfig(EXAMPLE);
    expect(c.mode).toBe('counter');
    expect(c.counters.length).toBeGreaterThan(0);
  });

  it('errors name the field', () => {
    expect(errorOf(() => parseTerminalConfig({ mode: 'casino' })).field).toBe('mode');
    expect(
      errorOf(() => parseTerminalConfig({ municipality: { name: '架空市', code: '12345' } })).field,
    ).toBe('municipality.code');
    expect(
      errorOf(() => parseTerminalConfig({ languages: { available: ['en'], default: 'ja' } })).field,
    ).toBe('languages.default');
    expect(errorOf(() => parseTerminalConfig({ idle: { timeoutSec: 60, warningSec: 60 } })).field).toBe(
      'idle.warningSec',
    );
    expect(errorOf(() => parseTerminalConfig({ colour: 'blue' })).message).toMatch(/colour|unrecognized/i);
  });

  it('a plain operator PIN is refused: only a scrypt hash is accepted', () => {
    expect(errorOf(() => parseTerminalConfig({ operator: { pin: '1234' } })).field).toBe('operator');
    expect(errorOf(() => parseTerminalConfig({ operator: { pinHash: '1234' } })).field).toBe(
      'operator.pinHash',
    );
  });

  it('a hash whose scrypt parameters need more memory than scrypt is given is refused by config check', () => {
    const salt = Buffer.alloc(16, 1).toString('base64');
    const hash = Buffer.alloc(32, 2).toString('base64');
    const tooBig = `scrypt$${1 << 20}$8$1$${salt}$${hash}`; // 1 GiB
    const err = errorOf(() => parseTerminalConfig({ operator: { pinHash: tooBig } }));
    expect(err.field).toBe('operator.pinHash');
    expect(err.message).toMatch(/MiB/);
    expect(() =>
      parseTerminalConfig({ operator: { pinHash: `scrypt$${1 << 14}$8$1$${salt}$${hash}` } }),
    ).not.toThrow();
  });

  it('a configuration saved with a UTF-8 BOM (Windows Notepad) is read', () => {
    const file = join(tmp(), 'terminal.json');
    writeFileSync(file, `\uFEFF${JSON.stringify({ terminalId: 'kiosk-bom' })}`);
    expect(loadTerminalConfig(file).terminalId).toBe('kiosk-bom');
  });

  it('invalid JSON names the file', () => {
    const dir = tmp();
    const file = join(dir, 'terminal.json');
    writeFileSync(file, '{ "mode": ');
    expect(errorOf(() => loadTerminalConfig(file)).message).toContain(file);
  });

  it('saves atomically with owner-only permissions', () => {
    const file = join(tmp(), 'sub', 'terminal.json');
    saveTerminalConfig(file, { ...defaultTerminalConfig(), terminalId: 'kiosk-07' });
    expect(loadTerminalConfig(file).terminalId).toBe('kiosk-07');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
  });
});

describe('operator PIN', () => {
  it('hashes with scrypt and verifies; the PIN never appears in the hash', async () => {
    const hash = await hashOperatorPin(Secret.fromString('24681357'));
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain('24681357');
    expect(await verifyOperatorPin(Secret.fromString('24681357'), hash)).toBe(true);
    expect(await verifyOperatorPin(Secret.fromString('24681358'), hash)).toBe(false);
    // Salted: the same PIN hashes differently.
    expect(await hashOperatorPin(Secret.fromString('24681357'))).not.toBe(hash);
  });

  it('refuses malformed or absurd stored hashes instead of hanging', async () => {
    expect(await verifyOperatorPin(Secret.fromString('1234'), 'scrypt$1$1$1$AAAA$AAAA')).toBe(false);
    expect(
      await verifyOperatorPin(
        Secret.fromString('1234'),
        `scrypt$${2 ** 30}$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`,
      ),
    ).toBe(false);
    expect(await verifyOperatorPin(Secret.fromString('1234'), 'plain')).toBe(false);
  });

  it('config service: set the PIN (hash on disk), update settings, reject bad patches with the field', async () => {
    const file = join(tmp(), 'terminal.json');
    const changes: string[] = [];
    const svc = new ConfigService({ path: file, config: defaultTerminalConfig() });
    svc.onChange((c) => changes.push(c.mode));
    await svc.setOperatorPin(Secret.fromString('9753'));
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).toContain('scrypt$');
    expect(onDisk).not.toContain('9753');
    svc.update({
      municipality: { name: '三条市', code: '152048' },
      counters: [{ id: 'shimin', name: '市民窓口課' }],
    });
    expect(loadTerminalConfig(file).municipality.name).toBe('三条市');
    expect(svc.settings()).not.toHaveProperty('operator');
    expect(() => svc.update({ languages: { available: ['en'], default: 'ja' } })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', extra: { field: 'languages.default' } }),
    );
    // A refused patch changes nothing.
    expect(svc.config.languages.default).toBe('ja');
    expect(changes).toHaveLength(2);
  });

  it('login → token; wrong PINs count down and then lock; tokens expire', async () => {
    let now = 1_000_000;
    const svc = new ConfigService({ path: '/nonexistent', config: defaultTerminalConfig(), persist: false });
    const op = new OperatorService(svc, () => now);
    await expect(op.login(Secret.fromString('1111'))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await svc.setOperatorPin(Secret.fromString('2222'));
    const { token } = await op.login(Secret.fromString('2222'));
    expect(() => op.require(token)).not.toThrow();
    now += 16 * 60_000;
    expect(() => op.require(token)).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));

    for (let i = 1; i < MAX_OPERATOR_TRIES; i++) {
      await expect(op.login(Secret.fromString('0000'))).rejects.toMatchObject({
        code: 'WRONG_OPERATOR_PIN',
        extra: { retriesLeft: MAX_OPERATOR_TRIES - i },
      });
    }
    await expect(op.login(Secret.fromString('0000'))).rejects.toMatchObject({
      code: 'WRONG_OPERATOR_PIN',
      extra: { retriesLeft: 0 },
    });
    // Locked: even the right PIN is refused for a while.
    await expect(op.login(Secret.fromString('2222'))).rejects.toMatchObject({ code: 'OPERATOR_LOCKED' });
    now += 5 * 60_000 + 1;
    await expect(op.login(Secret.fromString('2222'))).resolves.toHaveProperty('token');
  });

  it('300 logins sent at once cannot pass the lock: five are checked, the rest are locked out', async () => {
    const svc = new ConfigService({ path: '/nonexistent', config: defaultTerminalConfig(), persist: false });
    await svc.setOperatorPin(Secret.fromString('2468'));
    const op = new OperatorService(svc);
    // Every PIN guess at once, the right one at position 250.
    const guesses = Array.from({ length: 300 }, (_, i) => (i === 250 ? '2468' : String(1000 + i)));
    const results = await Promise.allSettled(guesses.map((g) => op.login(Secret.fromString(g))));
    const codes = results.map((r) =>
      r.status === 'fulfilled' ? 'TOKEN' : (r.reason as { code: string }).code,
    );
    expect(codes.filter((c) => c === 'WRONG_OPERATOR_PIN')).toHaveLength(MAX_OPERATOR_TRIES);
    expect(codes.filter((c) => c === 'OPERATOR_LOCKED')).toHaveLength(300 - MAX_OPERATOR_TRIES);
    expect(codes).not.toContain('TOKEN');
  });

  it('each lockout without a right PIN in between locks twice as long; the right PIN resets it', async () => {
    let now = 1_000_000;
    const svc = new ConfigService({ path: '/nonexistent', config: defaultTerminalConfig(), persist: false });
    await svc.setOperatorPin(Secret.fromString('2468'));
    const op = new OperatorService(svc, () => now);
    const lockOut = async () => {
      for (let i = 0; i < MAX_OPERATOR_TRIES; i++)
        await op.login(Secret.fromString('0000')).catch(() => undefined);
    };
    await lockOut();
    now += 5 * 60_000 + 1;
    await lockOut();
    now += 5 * 60_000 + 1;
    // The second lock is ten minutes.
    await expect(op.login(Secret.fromString('2468'))).rejects.toMatchObject({ code: 'OPERATOR_LOCKED' });
    now += 5 * 60_000;
    await expect(op.login(Secret.fromString('2468'))).resolves.toHaveProperty('token');
    await lockOut();
    now += 5 * 60_000 + 1;
    await expect(op.login(Secret.fromString('2468'))).resolves.toHaveProperty('token');
  });

  it('the PIN secret is zeroed after login, right or wrong', async () => {
    const svc = new ConfigService({ path: '/nonexistent', config: defaultTerminalConfig(), persist: false });
    await svc.setOperatorPin(Secret.fromString('2222'));
    const op = new OperatorService(svc);
    const right = Secret.fromString('2222');
    const wrong = Secret.fromString('3333');
    await op.login(right);
    await op.login(wrong).catch(() => undefined);
    expect(right.disposed && wrong.disposed).toBe(true);
  });
});
