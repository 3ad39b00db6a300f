/**
 * Crash safety in the vehicle: a child process records rides and acknowledges each after commit;
 * it is killed with SIGKILL at random moments, over and over, on the same store. Every
 * acknowledged ride must be there afterwards, the database intact and the projection equal to a
 * replay of the log.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAndKill } from '../../../test/helpers/crash.ts';
import { prng } from '../../../test/helpers/prng.ts';
import { tempDir } from '../../store/test-support.ts';
import { parseProgram, EXAMPLE_PROGRAM } from './program.ts';
import { FareService } from './service.ts';
import { GROUP_SALT, PASSPHRASE, holder, secret } from './test-support.ts';

const CHILD = resolve(import.meta.dirname, 'crash-child.ts');

let tmp: ReturnType<typeof tempDir>;
let dbPath: string;

beforeAll(async () => {
  tmp = tempDir('kakanai-fare-crash-');
  dbPath = join(tmp.dir, 'car.db');
  // No caps: the child rides as often as it can.
  const program = parseProgram({
    ...EXAMPLE_PROGRAM,
    caps: {},
    valid: { from: '2020-04-01', to: '2099-03-31' },
  });
  const svc = await FareService.init(dbPath, secret(), {
    program,
    terminalId: 'car-101',
    groupSalt: GROUP_SALT,
  });
  for (let i = 0; i < 20; i++) svc.register(holder(`前橋 ${i}`, '1940-01-01'), { serial: `C0DE${i}` });
  await svc.close();
});
afterAll(() => tmp.cleanup());

describe('fare crash safety', () => {
  it('kill -9 at random moments loses no acknowledged ride', { timeout: 120_000 }, async () => {
    const rnd = prng(11);
    const allAcked: string[] = [];
    for (let round = 0; round < 5; round++) {
      const { acked, killed } = await runAndKill(
        CHILD,
        [dbPath],
        `${PASSPHRASE}\n`,
        20 + Math.floor(rnd() * 250),
      );
      expect(killed).toBe(true);
      expect(acked.length).toBeGreaterThan(0);
      allAcked.push(...acked);

      const svc = await FareService.open(dbPath, secret());
      const db = svc.store.db;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = new Set(
        db.prepare("SELECT terminal_id || ':' || seq FROM fare_rides").pluck().all() as string[],
      );
      for (const id of acked) expect(ids.has(id), id).toBe(true);
      // At most the one ride in flight when the kill came is there without an ACK.
      expect(ids.size).toBeGreaterThanOrEqual(allAcked.length);
      expect(ids.size).toBeLessThanOrEqual(allAcked.length + round + 1);
      const before = db.prepare('SELECT * FROM fare_rides ORDER BY terminal_id, seq').all();
      svc.store.events.rebuildProjections();
      expect(db.prepare('SELECT * FROM fare_rides ORDER BY terminal_id, seq').all()).toEqual(before);
      await svc.close();
    }
    expect(new Set(allAcked).size).toBe(allAcked.length);
  });
});
