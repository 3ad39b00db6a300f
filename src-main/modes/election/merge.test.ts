import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/sqlite.ts';
import { tempDir } from '../../store/test-support.ts';
import { ElectionError } from './errors.ts';
import type { ElectionService } from './service.ts';
import { SAMPLE_ROWS, initTerminal, prng } from './test-support.ts';

let tmp: ReturnType<typeof tempDir>;
let n = 0;
const open: ElectionService[] = [];
beforeAll(async () => {
  tmp = tempDir('kakanai-merge-');
});
afterAll(async () => {
  for (const s of open) await s.close();
  tmp.cleanup();
});

async function terminal(id: string): Promise<ElectionService> {
  const t = await initTerminal(tmp.dir, `${id}-${n++}`, { districts: [] });
  open.push(t.svc);
  return t.svc;
}

function exportTo(svc: ElectionService): string {
  const p = join(tmp.dir, `export-${n++}.events`);
  svc.exportEvents(p);
  return p;
}

/** Everything the projection holds, in a canonical order. */
function projection(db: Db): unknown {
  return {
    votes: db.prepare('SELECT * FROM election_votes ORDER BY terminal_id, seq').all(),
    undos: db.prepare('SELECT * FROM election_undos ORDER BY terminal_id, seq').all(),
    notes: db.prepare('SELECT * FROM election_notes ORDER BY terminal_id, seq').all(),
    conflicts: db.prepare('SELECT * FROM election_conflicts ORDER BY roll_number').all(),
  };
}

describe('USB merge between terminals', () => {
  it('carries votes across; importing twice adds nothing', async () => {
    const a = await terminal('A');
    const b = await terminal('B');
    a.record({ rollNumber: '0001' });
    b.record({ rollNumber: '0002' });
    const file = exportTo(a);
    const first = b.mergeFile(file);
    expect(first).toMatchObject({ added: 1, duplicates: 0, conflicts: [], newConflicts: [] });
    expect(b.identifyByRollNumber('0001')).toMatchObject({
      voter: { status: { code: 'ALREADY_VOTED', votes: [{ terminalId: a.config().terminalId }] } },
    });
    expect(b.record({ rollNumber: '0001' }).result).toBe('ALREADY_VOTED');
    expect(b.mergeFile(file)).toMatchObject({ added: 0, duplicates: 1 });
  });

  it('reports a voter recorded on two terminals as a conflict with both records, never dropping one', async () => {
    const a = await terminal('A');
    const b = await terminal('B');
    a.record({ rollNumber: '0003', operator: 'A係' });
    b.record({ rollNumber: '0003', operator: 'B係' });
    const r = b.mergeFile(exportTo(a));
    expect(r.newConflicts).toHaveLength(1);
    const c = r.newConflicts[0]!;
    expect(c).toMatchObject({ rollNumber: '0003', status: 'open', voter: { name: '渡邊 次郎' } });
    expect(c.votes.map((v) => [v.terminalId, v.operator, v.undone]).sort()).toEqual(
      [
        [a.config().terminalId, 'A係', false],
        [b.config().terminalId, 'B係', false],
      ].sort(),
    );
    expect(b.identifyByRollNumber('0003')).toMatchObject({
      voter: { status: { code: 'ALREADY_VOTED', conflict: true } },
    });
    expect(b.stats().totals.total).toBe(1);
    expect(b.stats().openConflicts).toBe(1);
    // The other side sees the same conflict once it gets B's file.
    expect(a.mergeFile(exportTo(b)).newConflicts.map((x) => x.rollNumber)).toEqual(['0003']);

    // Resolving: undo needs the record chosen; the conflict then stays listed as resolved.
    let ambiguous: ElectionError | undefined;
    try {
      b.undo({ rollNumber: '0003', reason: '二重記録', operator: '責任者' });
    } catch (e) {
      ambiguous = e as ElectionError;
    }
    expect(ambiguous?.code).toBe('AMBIGUOUS_UNDO');
    expect(ambiguous?.details.votes).toHaveLength(2);
    b.undo({
      rollNumber: '0003',
      reason: 'A係の記録が正しい',
      operator: '責任者',
      vote: { terminalId: b.config().terminalId, seq: 1 },
    });
    expect(b.conflicts()).toEqual([]);
    expect(b.conflicts({ all: true })).toMatchObject([{ rollNumber: '0003', status: 'resolved' }]);
    expect(b.identifyByRollNumber('0003')).toMatchObject({
      voter: { status: { code: 'ALREADY_VOTED', conflict: false } },
    });
    a.mergeFile(exportTo(b));
    expect(projection(a.store.db)).toEqual(projection(b.store.db));
  });

  it('is commutative: merging A then B or B then A gives the same projection', async () => {
    const a = await terminal('A');
    const b = await terminal('B');
    a.record({ rollNumber: '0001' });
    a.record({ rollNumber: '0004' });
    b.record({ rollNumber: '0004' });
    b.record({ rollNumber: '0005' });
    a.undo({ rollNumber: '0001', reason: '誤記録', operator: 'x' });
    b.note({ rollNumber: '0005', text: '代理投票', operator: 'y' });
    const fa = exportTo(a);
    const fb = exportTo(b);
    const c = await terminal('C');
    const d = await terminal('D');
    c.mergeFile(fa);
    c.mergeFile(fb);
    d.mergeFile(fb);
    d.mergeFile(fa);
    expect(projection(c.store.db)).toEqual(projection(d.store.db));
    expect(c.conflicts().map((x) => x.rollNumber)).toEqual(['0004']);
    d.store.events.rebuildProjections();
    expect(projection(d.store.db)).toEqual(projection(c.store.db));
  });

  it('any sequence of records, undos and partial merges converges to one projection (property)', async () => {
    const rnd = prng(2026);
    const ts = [await terminal('P'), await terminal('Q'), await terminal('R')];
    const rolls = SAMPLE_ROWS.map((r) => r.split(',')[0]!);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    for (let step = 0; step < 120; step++) {
      const t = pick(ts);
      const x = rnd();
      if (x < 0.45) t.record({ rollNumber: pick(rolls) });
      else if (x < 0.6) {
        const roll = pick(rolls);
        const active = t.identifyByRollNumber(roll);
        if (active.match === 'unique' && active.voter.status.code === 'ALREADY_VOTED') {
          const v = active.voter.status.votes[0]!;
          t.undo({
            rollNumber: roll,
            reason: 'test',
            operator: 'op',
            vote: { terminalId: v.terminalId, seq: v.seq },
          });
        }
      } else {
        // Partial transfer: a random prefix of what the other terminal has, as over a flaky link.
        const from = pick(ts);
        if (from === t) continue;
        const { events } = from.store.events.since(t.store.events.vector(), 1 + Math.floor(rnd() * 5));
        t.store.events.ingest(events);
      }
    }
    for (const t of ts)
      for (const u of ts)
        if (t !== u) t.store.events.ingest(u.store.events.since(t.store.events.vector(), 100_000).events);
    const [p, q, r] = ts.map((t) => projection(t.store.db));
    expect(q).toEqual(p);
    expect(r).toEqual(p);
    ts[0]!.store.events.rebuildProjections();
    expect(projection(ts[0]!.store.db)).toEqual(p);
    // Open conflicts are exactly the voters with two or more active records.
    const db = ts[1]!.store.db;
    const multi = db
      .prepare(
        `SELECT roll_number FROM election_votes WHERE undone_hlc IS NULL GROUP BY roll_number HAVING count(*) > 1 ORDER BY 1`,
      )
      .pluck()
      .all();
    expect(ts[1]!.conflicts().map((c) => c.rollNumber)).toEqual(multi);
    expect(multi.length).toBeGreaterThan(0);
  });
});
