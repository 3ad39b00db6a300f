import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './store.ts';
import { SyncAgent } from './sync-agent.ts';
import { startSyncServer, type SyncServer } from './sync-server.ts';
import { ReplayGuard, signRequest, SYNC_HEADERS } from './sync-auth.ts';
import { createTallyStore, tally, tempDir } from './test-support.ts';

let tmp: ReturnType<typeof tempDir>;
let n = 0;
const fresh = (terminal: string, group = 'grp1', passphrase?: string): Promise<Store> =>
  createTallyStore(join(tmp.dir, `s${n++}.db`), terminal, group, passphrase);

beforeAll(async () => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('LAN sync (store level)', () => {
  let a: Store;
  let b: Store;
  let server: SyncServer;
  beforeAll(async () => {
    a = await fresh('A');
    b = await fresh('B');
    server = await startSyncServer(a, { port: 0, host: '127.0.0.1', info: () => ({ roll: 'r1' }) });
  });
  afterAll(async () => {
    await server.close();
    a.close();
    b.close();
  });

  it('pulls what it lacks, in batches, and reports the peer', async () => {
    for (let i = 0; i < 25; i++) a.events.append('test.add', { key: `k${i % 3}` });
    const agent = new SyncAgent(b, { peers: [`127.0.0.1:${server.port}`] });
    await agent.pullOnce();
    expect(b.events.vector()).toEqual({ A: 25 });
    expect(tally(b)).toEqual(tally(a));
    const [st] = agent.status();
    expect(st).toMatchObject({ state: 'ok', terminalId: 'A', received: 25, info: { roll: 'r1' } });
    await agent.pullOnce();
    expect(agent.status()[0]!.received).toBe(25);
  });

  it('a peer with another passphrase or another group gets nothing', async () => {
    const intruder = await fresh('X', 'grp1', 'not the passphrase');
    const agent = new SyncAgent(intruder, { peers: [`127.0.0.1:${server.port}`] });
    await agent.pullOnce();
    expect(agent.status()[0]!.state).toBe('refused');
    expect(intruder.events.count()).toBe(0);
    intruder.close();
    const stranger = await fresh('Y', 'grp2');
    const agent2 = new SyncAgent(stranger, { peers: [`127.0.0.1:${server.port}`] });
    await agent2.pullOnce();
    expect(agent2.status()[0]!.state).toBe('wrong-group');
    stranger.close();
  });

  it('rejects unauthenticated and malformed requests without data', async () => {
    const url = `http://127.0.0.1:${server.port}/v1/pull`;
    const res = await fetch(url, { method: 'POST', body: '{"vector":{}}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'TAMPERED' });
    expect((await fetch(`http://127.0.0.1:${server.port}/v1/other`, { method: 'POST' })).status).toBe(404);
    // Too large: answered 413 (not a reset connection), before any authentication work.
    const big = await fetch(url, { method: 'POST', body: `{"vector":{},"x":"${'a'.repeat(200_000)}"}` });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ code: 'TOO_LARGE' });
  });

  it('a peer that answers without end is refused, not buffered (replies over 16 MB)', async () => {
    // A "peer" streaming 17 MB without a length: the agent stops reading and reports it.
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    const flood = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let sent = 0;
      const more = () => {
        while (sent < 17) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    await new Promise<void>((r) => flood.listen(0, '127.0.0.1', () => r()));
    const port = (flood.address() as AddressInfo).port;
    const agent = new SyncAgent(b, { peers: [`127.0.0.1:${port}`] });
    await agent.pullOnce();
    expect(agent.status()[0]).toMatchObject({ state: 'refused' });
    expect(agent.status()[0]!.lastError).toMatch(/over 16777216 bytes/);
    flood.closeAllConnections();
    await new Promise((r) => flood.close(r));
  });

  it('a captured request replayed is refused, and so is one signed with a far-off clock', async () => {
    const body = '{"vector":{}}';
    const h = signRequest(b, 'POST', '/v1/pull', body);
    const headers = {
      [SYNC_HEADERS.group]: h.group,
      [SYNC_HEADERS.terminal]: h.terminal,
      [SYNC_HEADERS.time]: h.time,
      [SYNC_HEADERS.nonce]: h.nonce,
      [SYNC_HEADERS.mac]: h.mac,
    };
    const url = `http://127.0.0.1:${server.port}/v1/pull`;
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(200);
    const again = await fetch(url, { method: 'POST', headers, body });
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({ code: 'TAMPERED' });

    let now = Date.now();
    const guard = new ReplayGuard(60 * 60_000, () => now);
    guard.check({ time: String(now), nonce: 'n1' });
    now += 2 * 60 * 60_000;
    expect(() => guard.check({ time: String(now - 2 * 60 * 60_000), nonce: 'n2' })).toThrow(
      expect.objectContaining({ code: 'CLOCK_SKEW' }),
    );
    // Nonces older than the window are forgotten (their requests are refused by time instead).
    guard.check({ time: String(now), nonce: 'n1' });
  });

  it('an unreachable peer is reported, and the agent recovers when it comes back', async () => {
    const c = await fresh('C');
    const port = server.port + 1;
    const agent = new SyncAgent(b, { peers: [`127.0.0.1:${port}`], intervalMs: 100, timeoutMs: 500 });
    await agent.pullOnce();
    expect(agent.status()[0]!.state).toBe('unreachable');
    c.events.append('test.add', { key: 'late' });
    const cServer = await startSyncServer(c, { port, host: '127.0.0.1' });
    agent.start();
    await waitFor(() => b.events.head('C') === 1);
    expect(agent.status()[0]!.state).toBe('ok');
    await agent.stop();
    await cServer.close();
    c.close();
  });

  it('notify makes the peer pull at once', async () => {
    const d = await fresh('D');
    const dAgent = new SyncAgent(d, { peers: [`127.0.0.1:${server.port}`], intervalMs: 60_000 });
    const dServer = await startSyncServer(d, { port: 0, host: '127.0.0.1', onNotify: () => dAgent.kick() });
    dAgent.start();
    await waitFor(() => d.events.head('A') === a.events.head('A'));
    const aAgent = new SyncAgent(a, { peers: [`127.0.0.1:${dServer.port}`] });
    a.events.append('test.add', { key: 'poke' });
    const t0 = Date.now();
    aAgent.notifyPeers();
    await waitFor(() => d.events.head('A') === a.events.head('A'), 3000);
    expect(Date.now() - t0).toBeLessThan(3000);
    await dAgent.stop();
    await dServer.close();
    d.close();
  });
});
