/**
 * npm run bench:hub — 50 simulated terminals of one group on this machine, first through the hub
 * (the test PostgreSQL of scripts/ci/start-postgres.sh), then over LAN peer-to-peer sync (every
 * terminal pulling from every other), the same terminals in the same run:
 *
 * - steady: each terminal records at a realistic peak rate (3 events a minute, jittered) for
 *   BENCH_STEADY_S seconds; propagation latency from the commit on one terminal to visibility on
 *   each of the others (p50, p99 over every pair);
 * - burst: every terminal records 20 events at once; the time until all 50 hold all of them, and
 *   the events per second delivered;
 * - outage: the hub stopped (`pg_ctl stop -m immediate`) / the LAN cut (sync stopped) while each
 *   terminal records 30 events (ten minutes at the peak rate); then back: the catch-up time.
 *
 * Everything runs in one Node process on 2 cores: latencies include waiting for the event loop,
 * the same for both (which weighs on LAN sync: a full mesh of 50 is 2,450 pulls a second, here on
 * one core, where real terminals would each serve 49). A phase that has not converged after
 * BENCH_LIMIT_S (300) is reported as such. BENCH_TERMINALS (50), BENCH_STEADY_S (60).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret } from '../src-main/card/secret.ts';
import { EventTerminal } from '../src-main/store/event-terminal.ts';
import { newGroupSalt } from '../src-main/store/keys.ts';
import { initHub } from '../src-main/hub/admin.ts';
import { freshDatabase, killHub, startHubServer } from '../src-main/hub/test-support.ts';
import { percentile } from './support.ts';

const N = Number(process.env.BENCH_TERMINALS ?? 50);
const STEADY_S = Number(process.env.BENCH_STEADY_S ?? 60);
const PASSPHRASE = 'bench hub passphrase 2026';
const KIND = { kind: 'bench', modules: [] };
const dir = mkdtempSync(join(tmpdir(), 'kakanai-bench-hub-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sim {
  t: EventTerminal;
  seen: Record<string, number>;
}

const sims: Sim[] = [];
let latencies: number[] = [];
let appended = 0;

function observe(s: Sim): void {
  const { events } = s.t.store.events.since(s.seen, 1_000_000);
  const now = Date.now();
  for (const e of events) {
    s.seen[e.terminalId] = Math.max(s.seen[e.terminalId] ?? 0, e.seq);
    if (e.terminalId !== s.t.terminalId) latencies.push(now - (JSON.parse(e.payload) as { t0: number }).t0);
  }
}

function record(s: Sim, n: number): void {
  s.t.store.events.append('bench.tick', { t0: Date.now(), n });
  s.seen[s.t.terminalId] = s.t.store.events.head(s.t.terminalId);
  appended++;
  s.t.announce();
}

const converged = () => sims.every((s) => s.t.store.events.count() === appended);

const LIMIT_MS = Number(process.env.BENCH_LIMIT_S ?? 300) * 1000;

/** ms until `cond` holds; Infinity (reported as "did not converge") after LIMIT_MS. */
async function until(what: string, cond: () => boolean, ms = LIMIT_MS): Promise<number> {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > ms) {
      console.log(`${what}: not converged after ${Math.round(ms / 1000)} s`);
      return Infinity;
    }
    await sleep(20);
  }
  return performance.now() - t0;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? 0 };
};

/** Steady load, then a burst, then an outage; `cut`/`heal` take the link away and back. */
async function run(label: string, cut: () => Promise<void>, heal: () => Promise<void>) {
  latencies = [];
  const stop = performance.now() + STEADY_S * 1000;
  let n = 0;
  // 3 a minute each: on average one every 20 s, jittered so that they do not line up.
  const next = sims.map(() => performance.now() + Math.random() * 20_000);
  while (performance.now() < stop) {
    sims.forEach((s, i) => {
      if (performance.now() >= next[i]!) {
        record(s, n++);
        next[i] = performance.now() + 10_000 + Math.random() * 20_000;
      }
    });
    await sleep(50);
  }
  const steadyMs = await until(`${label}: steady converges`, converged);
  const steady = { ...stats(latencies), converged: Number.isFinite(steadyMs) };

  latencies = [];
  const b0 = performance.now();
  for (const s of sims) for (let k = 0; k < 20; k++) record(s, n++);
  const burstMs = await until(`${label}: burst converges`, converged);
  const burst = { ...stats(latencies), allMs: performance.now() - b0, events: N * 20 };

  await cut();
  for (const s of sims) for (let k = 0; k < 30; k++) record(s, n++);
  await sleep(500);
  const h0 = performance.now();
  await heal();
  await until(`${label}: catch-up`, converged);
  const catchUpMs = performance.now() - h0;
  return { steady, burst: { ...burst, deliveredPerSec: (N * 20 * (N - 1)) / (burstMs / 1000) }, catchUpMs };
}

try {
  const groupSalt = newGroupSalt();
  for (let i = 0; i < N; i++) {
    const t = await EventTerminal.create(join(dir, `t${i}.db`), Secret.fromString(PASSPHRASE), KIND, {
      terminalId: `t${String(i).padStart(2, '0')}`,
      groupId: 'bench-hub',
      groupSalt,
    });
    const sim: Sim = { t, seen: {} };
    t.onChange(() => observe(sim));
    sims.push(sim);
  }

  // ── the hub ──
  const url = (await initHub(await freshDatabase('benchhub'))).terminalUrl;
  for (const s of sims) {
    s.t.setHub({ url });
    s.t.startHub({ intervalMs: 5000, reconnectMs: 500 });
  }
  await until('hub agents connected', () => sims.every((s) => s.t.hubStatus()?.state === 'connected'));
  const hub = await run(
    'hub',
    async () => killHub(),
    async () => startHubServer(),
  );
  for (const s of sims) await s.t.stopHub();
  console.log(`hub phase done: ${JSON.stringify(hub)}`);

  // ── LAN peer to peer, the same terminals ──
  // Fresh ports for each start: a port just closed may still be held by the kernel.
  // Below the ephemeral range (32768+), where the hub phase's client sockets took local ports.
  let base = 20000 + Math.floor(Math.random() * 5000);
  const port = (i: number) => base + i;
  const startLan = async () => {
    base += N;
    for (const [i, s] of sims.entries())
      await s.t.startSync({
        port: port(i),
        host: '127.0.0.1',
        peers: sims
          .map((_, j) => j)
          .filter((j) => j !== i)
          .map((j) => `127.0.0.1:${port(j)}`),
      });
  };
  await startLan();
  const lan = await run(
    'lan',
    async () => {
      for (const s of sims) await s.t.stopSync();
    },
    startLan,
  );

  const f = (x: number) => (Number.isFinite(x) ? `${Math.round(x)} ms` : `> ${LIMIT_MS / 1000} s`);
  const line = (name: string, r: typeof hub) =>
    `${name}: steady p50 ${f(r.steady.p50)}, p99 ${f(r.steady.p99)} (${r.steady.n} deliveries); ` +
    `burst of ${r.burst.events} events to all ${N}: ${f(r.burst.allMs)} (${Math.round(r.burst.deliveredPerSec)} deliveries/s, p99 ${f(r.burst.p99)}); ` +
    `catch-up after a 10-minute outage (${N * 30} events): ${f(r.catchUpMs)}`;
  console.log(line(`hub (PostgreSQL, ${N} terminals)`, hub));
  console.log(line(`LAN (peer to peer, full mesh of ${N})`, lan));
  console.log(
    `hub p99 ${hub.steady.p99 < 1000 ? '<' : '≥'} 1 s (goal < 1 s); hub/LAN: steady p99 ${(hub.steady.p99 / lan.steady.p99).toFixed(2)}×, burst ${(hub.burst.allMs / lan.burst.allMs).toFixed(2)}×, catch-up ${(hub.catchUpMs / lan.catchUpMs).toFixed(2)}×`,
  );
  console.log(JSON.stringify({ terminals: N, steadySeconds: STEADY_S, hub, lan }));
} finally {
  for (const s of sims) await s.t.close().catch(() => undefined);
  try {
    startHubServer();
  } catch {
    /* running */
  }
  rmSync(dir, { recursive: true, force: true });
}
