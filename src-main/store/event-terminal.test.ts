/**
 * The shared event terminal with a mode that is not the election (the store tests' "tally"):
 * create/open by kind, a failed set-up leaves no store behind, USB files and LAN sync between two
 * terminals with change notices, stored sync settings checked, and sync trouble never keeping a
 * terminal closed.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from './errors.ts';
import { EventTerminal, storedPeers, type TerminalKind } from './event-terminal.ts';
import { pass, tally, TALLY_MODULE, tempDir, TEST_GROUP_SALT } from './test-support.ts';

const TALLY: TerminalKind = {
  kind: 'tally',
  modules: [TALLY_MODULE],
  peerInfo: (store) => ({ site: store.meta('tally.site') ?? '' }),
};

let tmp: ReturnType<typeof tempDir>;
let n = 0;
const path = () => join(tmp.dir, `t${++n}.db`);
beforeAll(() => (tmp = tempDir('kakanai-terminal-')));
afterAll(() => tmp.cleanup());

const create = (terminalId: string, p = path()) =>
  EventTerminal.create(
    p,
    pass(),
    TALLY,
    { terminalId, groupId: 'site-1', groupSalt: TEST_GROUP_SALT },
    {
      setUp: (t) => t.store.setMeta('tally.site', 'gym'),
    },
  );

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A port nobody listens on (taken from the OS, then released). */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

const errorOf = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (e) {
    return e instanceof StoreError ? e.code : String(e);
  }
  return 'ok';
};

describe('EventTerminal', () => {
  it('creates and reopens a store of its kind; another kind, a wrong passphrase are refused', async () => {
    const p = path();
    const t = await create('A', p);
    expect(t.status()).toEqual({
      kind: 'tally',
      terminalId: 'A',
      groupId: 'site-1',
      groupSalt: TEST_GROUP_SALT,
      vector: {},
      sync: { peers: [] },
    });
    await t.close();
    const again = await EventTerminal.open(p, pass(), TALLY);
    expect(again.store.meta('tally.site')).toBe('gym');
    await again.close();
    expect(await errorOf(() => EventTerminal.open(p, pass(), { ...TALLY, kind: 'shelter' }))).toBe(
      'WRONG_STORE',
    );
    expect(await errorOf(() => EventTerminal.open(p, pass('guess'), TALLY))).toBe('WRONG_PASSPHRASE');
  });

  it('removes a half-made store when the set-up fails, so a retry works', async () => {
    const p = path();
    await expect(
      EventTerminal.create(
        p,
        pass(),
        TALLY,
        { terminalId: 'A', groupId: 'site-1' },
        {
          setUp: () => {
            throw new Error('bad configuration');
          },
        },
      ),
    ).rejects.toThrow('bad configuration');
    expect(existsSync(p)).toBe(false);
    await (await create('A', p)).close();
  });

  it('carries events on a USB file: merged once, change noticed, a second merge adds nothing', async () => {
    const a = await create('A');
    const b = await create('B');
    a.store.events.append('test.add', { key: 'x' });
    a.store.events.append('test.add', { key: 'x' });
    const file = join(tmp.dir, 'a.kkev');
    expect(a.exportEvents(file).count).toBe(2);
    let changes = 0;
    b.onChange(() => changes++);
    expect(b.mergeFile(file)).toMatchObject({ from: 'A', added: 2 });
    expect(b.mergeFile(file)).toMatchObject({ added: 0, duplicates: 2 });
    expect(changes).toBe(1);
    expect(tally(b.store)).toEqual({ x: 2 });
    expect(b.status().vector).toEqual({ A: 2 });
    await a.close();
    await b.close();
  });

  it('syncs over the LAN: the peer pulls, sees our facts, and a last-mile pull is at once', async () => {
    const a = await create('A');
    const b = await create('B');
    const { port } = await a.startSync({ port: 0, host: '127.0.0.1', peers: [] });
    let changes = 0;
    b.onChange(() => changes++);
    await b.startSync({ port: 0, host: '127.0.0.1', peers: [`127.0.0.1:${port}`], intervalMs: 60_000 });
    // The first pull runs at start; then a last-mile pull fetches what was just written, at once.
    await waitFor(() => b.syncStatus().peers[0]?.info?.site === 'gym');
    expect(b.syncStatus()).toMatchObject({ running: true, peers: [{ state: 'ok', terminalId: 'A' }] });
    a.store.events.append('test.add', { key: 'y' });
    await b.pullNow(2000);
    expect(tally(b.store)).toEqual({ y: 1 });
    expect(changes).toBeGreaterThan(0);
    await expect(a.startSync({ port: 0, peers: [] })).rejects.toMatchObject({ code: 'SYNC_RUNNING' });
    await b.stopSync();
    expect(b.syncStatus()).toMatchObject({ running: false, peers: [] });
    await a.close();
    await b.close();
  });

  it('keeps the sync settings in the store and checks them', async () => {
    const t = await create('A');
    expect(t.setSyncSettings({ port: 7420, peers: ['192.0.2.1:7420'] })).toEqual({
      port: 7420,
      peers: ['192.0.2.1:7420'],
    });
    expect(t.store.meta('tally.sync_port')).toBe('7420');
    expect(await errorOf(() => t.setSyncSettings({ port: 70000 }))).toBe('BAD_SYNC_SETTINGS');
    t.store.setMeta('tally.sync_peers', '{"a":1}');
    expect(await errorOf(() => t.syncSettings())).toBe('BAD_SYNC_SETTINGS');
    await t.close();
  });

  it('starts the stored sync without ever keeping the terminal closed', async () => {
    const t = await create('A');
    expect(await t.startStoredSync()).toEqual({ running: false });

    // A bad stored peer list: still serves its own events, and says what is wrong.
    t.setSyncSettings({ port: await freePort() });
    t.store.setMeta('tally.sync_peers', 'not json');
    expect(await t.startStoredSync()).toMatchObject({ running: true, problemCode: 'BAD_PEER_LIST' });

    // A busy port (the first terminal holds it): not running, the reason given.
    const other = await create('B');
    other.setSyncSettings({ port: t.syncStatus().port!, peers: [] });
    const busy = await other.startStoredSync();
    expect(busy).toMatchObject({ running: false });
    expect(busy.problem).toMatch(/EADDRINUSE|in use/i);
    await other.close();
    await t.close();
  });
});

describe('stored LAN peers', () => {
  it('reads the stored list, and none when nothing was stored', async () => {
    expect(storedPeers('["192.0.2.1:7420","desk-2.local:7420"]')).toEqual([
      '192.0.2.1:7420',
      'desk-2.local:7420',
    ]);
    expect(storedPeers(undefined)).toEqual([]);
  });

  it('says when the stored value is not a list of host:port strings (instead of silently syncing with nobody)', async () => {
    expect(storedPeers('not json')).toBeNull();
    expect(storedPeers('{"a":1}')).toBeNull();
    expect(storedPeers('[7420]')).toBeNull();
  });
});
