import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventTerminal } from '../store/event-terminal.ts';
import { TerminalHost, type HostedService } from './terminal-host.ts';

class Failure extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

function setup(opts: { syncProblem?: string; now?: () => number; hub?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-host-'));
  const path = join(dir, 'mode.db');
  const passphrases: string[] = [];
  let closed = 0;
  const terminal = {
    startStoredSync: async () =>
      opts.syncProblem
        ? { running: false, problem: opts.syncProblem, problemCode: 'SYNC_PORT_BUSY' }
        : { running: true },
    syncStatus: () => ({
      running: true,
      vector: {},
      peers: [
        { url: 'http://10.0.0.2:7420', state: 'ok' as const, terminalId: 't2', lastOkAt: 5, lastError: 'x' },
      ],
    }),
    // A PostgreSQL hub when asked for: its state, and one terminal's newest event 40 s ago.
    hubStatus: () =>
      opts.hub
        ? { url: 'postgres://t:***@hub/k', state: 'connected', pushed: 1, pulled: 2, rejected: [{}] }
        : undefined,
    store: {
      db: {
        prepare: () => ({
          all: () => [
            { terminal_id: 't2', hlc: `${String(Date.now() - 40_000).padStart(15, '0')}.000001@t2`, n: 3 },
          ],
        }),
      },
    },
  } as unknown as EventTerminal;
  const host = new TerminalHost<HostedService>({
    logEvent: 'election.desk',
    storePath: () => path,
    open: async (_path, secret) => {
      const typed = secret.use((b) => b.toString('utf8'));
      passphrases.push(typed);
      if (typed !== 'right') throw new Failure('WRONG_PASSPHRASE');
      return { terminal, close: async () => void closed++ };
    },
    notSetUp: () => new Failure('NOT_SET_UP'),
    notOpen: () => new Failure('NOT_OPEN'),
    toFailure: (e) => e,
    failureCode: (f) => (f as Failure).code,
    ...(opts.now ? { now: opts.now } : {}),
  });
  return { host, path, passphrases, closed: () => closed };
}

describe('terminal host', () => {
  it('names a missing store, a call before opening and a wrong passphrase', async () => {
    const t = setup();
    expect(t.host.storeFound()).toBe(false);
    await expect(t.host.open('right')).rejects.toMatchObject({ code: 'NOT_SET_UP' });
    expect(() => t.host.service()).toThrow(expect.objectContaining({ code: 'NOT_OPEN' }));
    writeFileSync(t.path, '');
    expect(t.host.storeFound()).toBe(true);
    await expect(t.host.open('wrong')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(t.host.current).toBeUndefined();
  });

  it('opens once, starts sync, shows peers without their errors, and closes', async () => {
    const t = setup();
    writeFileSync(t.path, '');
    const first = await t.host.open('right');
    expect(first.opened).toBe(true);
    expect((await t.host.open('ignored')).opened).toBe(false);
    expect(t.passphrases).toEqual(['right']);
    // Opening a second time does not touch the store (nor its passphrase).
    expect(t.host.syncView()).toEqual({
      running: true,
      peers: [{ url: 'http://10.0.0.2:7420', state: 'ok', terminalId: 't2', lastOkAt: 5 }],
    });
    await t.host.shutdown();
    expect(t.closed()).toBe(1);
    expect(t.host.syncView()).toEqual({ running: false, peers: [] });
  });

  it('with a hub: its state, the rows refused and each terminal’s lag', async () => {
    const t = setup({ hub: true });
    writeFileSync(t.path, '');
    await t.host.open('right');
    const view = t.host.syncView();
    expect(view.hub).toMatchObject({ state: 'connected', rejected: 1, lag: [{ terminalId: 't2' }] });
    expect(view.hub!.lag[0]!.agoSeconds).toBeGreaterThanOrEqual(39);
    expect(view.hub!.lag[0]!.agoSeconds).toBeLessThan(45);
  });

  it('a sync problem is reported, not fatal', async () => {
    const t = setup({ syncProblem: 'port 7420 is in use' });
    writeFileSync(t.path, '');
    await t.host.open('right');
    expect(t.host.service()).toBeDefined();
    expect(t.host.syncView().error).toBe('port 7420 is in use');
  });

  it('wrong passphrases: three tries, then a wait that doubles; the right one resets it', async () => {
    let now = 1_000_000;
    const t = setup({ now: () => now });
    writeFileSync(t.path, '');
    for (let i = 0; i < 3; i++)
      await expect(t.host.open('wrong')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(t.host.open('right')).rejects.toMatchObject({
      code: 'PASSPHRASE_LOCKED',
      extra: { details: { retryAfterSec: 1 } },
    });
    expect(t.passphrases).toHaveLength(3); // the locked try never reached the store
    now += 1000;
    await expect(t.host.open('wrong')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(t.host.open('right')).rejects.toMatchObject({
      code: 'PASSPHRASE_LOCKED',
      extra: { details: { retryAfterSec: 2 } },
    });
    now += 2000;
    await expect(t.host.open('right')).resolves.toMatchObject({ opened: true });
  });

  it('a damaged store met by a call is closed at once: the next call finds it closed', async () => {
    const t = setup();
    writeFileSync(t.path, '');
    await t.host.open('right');
    const corrupt = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    await expect(t.host.run('record', () => Promise.reject(corrupt))).rejects.toMatchObject({
      code: 'STORE_CORRUPT',
    });
    expect(t.closed()).toBe(1);
    expect(() => t.host.service()).toThrow(expect.objectContaining({ code: 'NOT_OPEN' }));
  });

  it('run maps errors through the mode', async () => {
    const t = setup();
    await expect(t.host.run('x', () => Promise.reject(new Failure('BOOM')))).rejects.toMatchObject({
      code: 'BOOM',
    });
    expect(await t.host.run('y', () => 42)).toBe(42);
  });
});
