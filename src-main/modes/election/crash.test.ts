/**
 * Crash safety: a child process records votes and acknowledges each one after commit; it is
 * killed with SIGKILL at random moments, over and over, on the same store. Every acknowledged
 * vote must be there afterwards, the database must be intact, and the projection must equal a
 * replay of the log.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runAndKill } from '../../../test/helpers/crash.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../store/test-support.ts';
import { ElectionService } from './service.ts';
import { BASE_ELECTION, PASSPHRASE, prng, rollCsv, secret } from './test-support.ts';

const CHILD = resolve(import.meta.dirname, 'crash-child.ts');

let tmp: ReturnType<typeof tempDir>;
let dbPath: string;

beforeAll(async () => {
  tmp = tempDir('kakanai-crash-');
  dbPath = join(tmp.dir, 'desk.db');
  const s = secret();
  const svc = await ElectionService.init(dbPath, s, {
    ...BASE_ELECTION,
    kind: 'tojitsu',
    stationId: 'st1',
    terminalId: 'desk-1',
  });
  s.dispose();
  const rows = Array.from({ length: 5000 }, (_, i) => {
    const id = String(i).padStart(5, '0');
    return `${id},1,選挙 人${id},せんきょ,S50.1.1,${i % 2 ? '男' : '女'},三条市${i}`;
  });
  const csv = join(tmp.dir, 'roll.csv');
  writeFileSync(csv, rollCsv(rows));
  expect(svc.importRoll(csv).imported).toBe(5000);
  await svc.close();
});
afterAll(() => tmp.cleanup());

const runChild = (afterMs: number) => runAndKill(CHILD, [dbPath], `${PASSPHRASE}\n`, afterMs);

describe('crash safety', () => {
  it('kill -9 at random moments loses no acknowledged vote', { timeout: 120_000 }, async () => {
    const rnd = prng(99);
    const allAcked: string[] = [];
    for (let round = 0; round < 6; round++) {
      const { acked, killed } = await runChild(20 + Math.floor(rnd() * 250));
      expect(killed).toBe(true);
      expect(acked.length).toBeGreaterThan(0);
      allAcked.push(...acked);

      const s = secret();
      const svc = await ElectionService.open(dbPath, s);
      s.dispose();
      expect(svc.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const roll of acked) {
        const r = svc.identifyByRollNumber(roll);
        expect(r.match === 'unique' && r.voter.status.code).toBe('ALREADY_VOTED');
      }
      // Gapless log, one vote per voter, projection equal to a replay.
      const votes = svc.store.db.prepare('SELECT count(*) FROM election_votes').pluck().get() as number;
      expect(svc.store.events.vector()).toEqual({ 'desk-1': votes });
      expect(votes).toBeGreaterThanOrEqual(allAcked.length);
      expect(votes).toBeLessThanOrEqual(allAcked.length + round + 1);
      const before = svc.store.db.prepare('SELECT * FROM election_votes ORDER BY seq').all();
      svc.store.events.rebuildProjections();
      expect(svc.store.db.prepare('SELECT * FROM election_votes ORDER BY seq').all()).toEqual(before);
      await svc.close();
    }
    expect(new Set(allAcked).size).toBe(allAcked.length);
  });
});
