/**
 * Three terminals of one station syncing over loopback: a vote at desk 1 turns the voter red at
 * desks 2 and 3 within seconds; a desk that goes offline keeps working; when it comes back,
 * everything it missed arrives and a voter recorded on both sides of the partition is a conflict
 * on every desk.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../store/test-support.ts';
import type { ElectionService } from './service.ts';
import { initTerminal } from './test-support.ts';

let tmp: ReturnType<typeof tempDir>;
const desks: ElectionService[] = [];
const ports: number[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, cond: () => boolean, ms = 8000): Promise<number> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - t0;
}

const status = (d: ElectionService, roll: string) => {
  const r = d.identifyByRollNumber(roll);
  return r.match === 'unique' ? r.voter.status : undefined;
};

function startDesk(i: number): Promise<{ port: number }> {
  return desks[i]!.startSync({
    port: ports[i]!,
    host: '127.0.0.1',
    peers: ports.filter((_, j) => j !== i).map((p) => `127.0.0.1:${p}`),
    intervalMs: 300,
  });
}

beforeAll(async () => {
  tmp = tempDir('kakanai-sync-');
  for (let i = 0; i < 3; i++) {
    desks.push((await initTerminal(tmp.dir, `desk-${i + 1}`, { districts: [] })).svc);
    ports.push(await freePort());
  }
  for (let i = 0; i < 3; i++) await startDesk(i);
});
afterAll(async () => {
  for (const d of desks) await d.close();
  tmp.cleanup();
});

describe('LAN sync between desks', () => {
  it('a vote at desk 1 is red at desks 2 and 3 within a few seconds', async () => {
    const [d1, d2, d3] = desks as [ElectionService, ElectionService, ElectionService];
    expect(d1.record({ rollNumber: '0001' }).result).toBe('RECORDED');
    const ms = await waitFor('desk 2 and 3 see the vote', () =>
      [d2, d3].every((d) => status(d, '0001')?.code === 'ALREADY_VOTED'),
    );
    expect(ms).toBeLessThan(3000);
    expect(d2.record({ rollNumber: '0001' })).toMatchObject({
      result: 'ALREADY_VOTED',
      votes: [{ terminalId: 'desk-1' }],
    });
    await waitFor('desk 2 reaches both peers', () => d2.syncStatus().peers.every((p) => p.state === 'ok'));
  });

  it('the last-mile check pulls before recording', async () => {
    const [d1, d2] = desks as [ElectionService, ElectionService];
    d1.record({ rollNumber: '0002' });
    // Immediately, without waiting for the periodic pull or the poke:
    const r = await d2.recordWithLastMileCheck({ rollNumber: '0002' });
    expect(r.result).toBe('ALREADY_VOTED');
  });

  it('a desk cut off keeps working; after it comes back, missed events arrive and a double vote is a conflict everywhere', async () => {
    const [d1, d2, d3] = desks as [ElectionService, ElectionService, ElectionService];
    await d3.stopSync(); // desk 3 loses the network
    await waitFor('desk 1 sees desk 3 unreachable', () =>
      d1.syncStatus().peers.some((p) => p.url.endsWith(`:${ports[2]}`) && p.state === 'unreachable'),
    );
    // Both sides accept the same voter: neither can know of the other.
    expect(d1.record({ rollNumber: '0005' }).result).toBe('RECORDED');
    expect(d3.record({ rollNumber: '0005' }).result).toBe('RECORDED');
    expect(d3.record({ rollNumber: '0007' }).result).toBe('RECORDED');
    // Desks 1 and 2 still sync with each other during the partition.
    await waitFor(
      'desk 2 sees desk 1 during the partition',
      () => status(d2, '0005')?.code === 'ALREADY_VOTED',
    );
    expect(d2.conflicts()).toEqual([]);
    expect(status(d1, '0007')?.code).toBe('OK');

    await startDesk(2); // back online
    await waitFor('all desks converge', () => {
      const v = desks.map((d) => JSON.stringify(d.syncStatus().vector));
      return v[0] === v[1] && v[1] === v[2];
    });
    for (const d of desks) {
      expect(status(d, '0007')?.code).toBe('ALREADY_VOTED');
      const conflicts = d.conflicts();
      expect(conflicts.map((c) => c.rollNumber)).toEqual(['0005']);
      expect(conflicts[0]!.votes.map((v) => v.terminalId).sort()).toEqual(['desk-1', 'desk-3']);
      expect(d.anomalies().conflicts).toHaveLength(1);
    }
    expect(desks[2]!.stats().totals.total).toBe(desks[0]!.stats().totals.total);
  });
});
