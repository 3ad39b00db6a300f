import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedEvent } from './event-log.ts';
import { parseHlc, compareHlc, formatHlc } from './hlc.ts';
import { Store } from './store.ts';
import { TALLY_MODULE, createTallyStore, pass, tally, tempDir } from './test-support.ts';
import { prng } from '../../test/helpers/prng.ts';

let tmp: ReturnType<typeof tempDir>;
let n = 0;
const fresh = (terminal: string): Promise<Store> => createTallyStore(join(tmp.dir, `s${n++}.db`), terminal);

beforeAll(async () => {
  tmp = tempDir();
  cached = await makeSourceEvents();
});
afterAll(() => tmp.cleanup());

let cached: LoggedEvent[] | undefined;

/** Events from three terminals, made on their own stores (once; each test gets a copy). */
function sourceEvents(): LoggedEvent[] {
  if (!cached) throw new Error('made in beforeAll');
  return cached.map((e) => ({ ...e }));
}

async function makeSourceEvents(): Promise<LoggedEvent[]> {
  const all: LoggedEvent[] = [];
  for (const [t, keys] of [
    ['A', ['x', 'y', 'x', 'z']],
    ['B', ['y', 'y']],
    ['C', ['z', 'x', 'w']],
  ] as const) {
    const s = await fresh(t);
    for (const k of keys) all.push(s.events.append('test.add', { key: k }));
    s.close();
  }
  return all;
}

describe('event log', () => {
  it('numbers local events 1..n with increasing HLC timestamps', async () => {
    const s = await fresh('A');
    const evs = [0, 1, 2].map((i) => s.events.append('test.add', { key: String(i) }));
    expect(evs.map((e) => e.seq)).toEqual([1, 2, 3]);
    for (let i = 1; i < evs.length; i++) expect(evs[i - 1]!.hlc < evs[i]!.hlc).toBe(true);
    expect(s.events.vector()).toEqual({ A: 3 });
    s.close();
  });

  it('ingest is idempotent and reports duplicates', async () => {
    const events = sourceEvents();
    const s = await fresh('D');
    const first = s.events.ingest(events);
    expect(first).toMatchObject({ received: 9, added: 9, duplicates: 0, forks: [], gaps: [] });
    const second = s.events.ingest(events);
    expect(second).toMatchObject({ added: 0, duplicates: 9 });
    expect(tally(s)).toEqual({ w: 1, x: 3, y: 3, z: 2 });
    expect(s.events.vector()).toEqual({ A: 4, B: 2, C: 3 });
    s.close();
  });

  it('any arrival order and batching gives the same projection and vector (property)', async () => {
    const events = sourceEvents();
    const rnd = prng(7);
    const expected = { w: 1, x: 3, y: 3, z: 2 };
    for (let trial = 0; trial < 6; trial++) {
      const s = await fresh('D');
      const shuffled = [...events].sort(() => rnd() - 0.5);
      // Random batches: a batch may contain a later seq before an earlier one has arrived.
      let i = 0;
      let guard = 0;
      while (Object.values(s.events.vector()).reduce((a, b) => a + b, 0) < events.length && guard++ < 100) {
        const size = 1 + Math.floor(rnd() * 4);
        const batch = [...shuffled.slice(i, i + size)];
        i = (i + size) % shuffled.length;
        s.events.ingest(batch);
      }
      expect(tally(s)).toEqual(expected);
      expect(s.events.vector()).toEqual({ A: 4, B: 2, C: 3 });
      s.events.rebuildProjections();
      expect(tally(s)).toEqual(expected);
      s.close();
    }
  });

  it('skips events after a gap and takes them once the gap is filled', async () => {
    const events = sourceEvents().filter((e) => e.terminalId === 'A');
    const s = await fresh('D');
    const r = s.events.ingest([events[0]!, events[2]!, events[3]!]);
    expect(r.added).toBe(1);
    expect(r.gaps).toEqual([{ terminalId: 'A', expected: 2, got: 3 }]);
    expect(s.events.vector()).toEqual({ A: 1 });
    expect(s.events.ingest(events).added).toBe(3);
    expect(s.events.vector()).toEqual({ A: 4 });
    s.close();
  });

  it('keeps the first copy of a forked (terminal, seq) and reports the fork as an anomaly', async () => {
    const events = sourceEvents();
    const s = await fresh('D');
    s.events.ingest(events);
    const forged = { ...events[0]!, payload: JSON.stringify({ key: 'forged' }) };
    const r = s.events.ingest([forged]);
    expect(r.forks).toEqual([{ terminalId: forged.terminalId, seq: forged.seq }]);
    expect(tally(s).forged).toBeUndefined();
    expect(s.events.anomalies().map((a) => a.kind)).toEqual(['FORK']);
    s.close();
  });

  it('refuses malformed events as a whole batch', async () => {
    const s = await fresh('D');
    const good = sourceEvents()[0]!;
    expect(() =>
      s.events.ingest([good, { ...good, seq: 2, hlc: formatHlc({ wall: 1, counter: 0, node: 'B' }) }]),
    ).toThrow(/HLC node differs/);
    expect(() => s.events.ingest([{ ...good, payload: '[1]' }])).toThrow(/JSON object/);
    expect(() => s.events.ingest([{ ...good, extra: 1 }])).toThrow();
    expect(s.events.count()).toBe(0);
    s.close();
  });

  it('since(vector) sends each terminal from its cursor on, in seq order, with a limit', async () => {
    const s = await fresh('D');
    s.events.ingest(sourceEvents());
    const all = s.events.since({});
    expect(all.events).toHaveLength(9);
    expect(all.more).toBe(false);
    const part = s.events.since({ A: 2, C: 3 });
    expect(part.events.map((e) => `${e.terminalId}${e.seq}`)).toEqual(['A3', 'A4', 'B1', 'B2']);
    const limited = s.events.since({}, 5);
    expect(limited.more).toBe(true);
    expect(limited.events).toHaveLength(5);
    // A receiver applying limited batches never sees a gap.
    const r = await fresh('E');
    let vector = {};
    for (let i = 0; i < 10; i++) {
      const b = s.events.since(vector, 2);
      expect(r.events.ingest(b.events).gaps).toEqual([]);
      vector = r.events.vector();
      if (!b.more) break;
    }
    expect(r.events.vector()).toEqual(s.events.vector());
    s.close();
    r.close();
  });

  it('a local event after ingesting a far-future remote event still sorts after it; skew is flagged', async () => {
    const s = await fresh('D');
    const future = Date.now() + 3_600_000;
    const remote: LoggedEvent = {
      terminalId: 'B',
      seq: 1,
      hlc: formatHlc({ wall: future, counter: 0, node: 'B' }),
      type: 'test.add',
      payload: '{"key":"q"}',
    };
    const r = s.events.ingest([remote]);
    expect(r.skewed).toEqual(['B']);
    const local = s.events.append('test.add', { key: 'q' });
    expect(compareHlc(parseHlc(remote.hlc), parseHlc(local.hlc))).toBe(-1);
    expect(s.events.anomalies().map((a) => a.kind)).toEqual(['CLOCK_SKEW']);
    s.close();
  });

  it('after reopening, the clock continues from the newest event in the log', async () => {
    const path = join(tmp.dir, 'reopen.db');
    const s = await createTallyStore(path, 'A');
    const remote: LoggedEvent = {
      terminalId: 'B',
      seq: 1,
      hlc: formatHlc({ wall: Date.now() + 60_000, counter: 5, node: 'B' }),
      type: 'test.add',
      payload: '{"key":"a"}',
    };
    s.events.ingest([remote]);
    s.close();
    const secret = pass();
    const again = await Store.open(path, secret, { modules: [TALLY_MODULE] });
    secret.dispose();
    const local = again.events.append('test.add', { key: 'b' });
    expect(compareHlc(parseHlc(remote.hlc), parseHlc(local.hlc))).toBe(-1);
    again.close();
  });
});
