/**
 * A damaged election store at the desk: `election.open` says STORE_CORRUPT with the way back (a
 * new store, the event files merged), the store stays closed, and a vote is never recorded into it
 * — from the screens or from the CLI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKiosk, type TestKiosk } from '../../api/testing.ts';
import { runCli } from '../../../test/helpers/cli.ts';
import { tempDir } from '../../store/test-support.ts';
import { ElectionService } from './service.ts';
import { BASE_ELECTION, PASSPHRASE, rollCsv, SAMPLE_ROWS, secret } from './test-support.ts';

let tmp: ReturnType<typeof tempDir>;
let kiosk: TestKiosk;
let db: string;

beforeAll(async () => {
  tmp = tempDir('kakanai-corrupt-');
  db = join(tmp.dir, 'election.db');
  const svc = await ElectionService.init(db, secret(), {
    ...BASE_ELECTION,
    kind: 'tojitsu',
    stationId: 'st-1',
    terminalId: 'desk-1',
  });
  const csv = join(tmp.dir, 'roll.csv');
  writeFileSync(csv, rollCsv(SAMPLE_ROWS));
  svc.importRoll(csv);
  await svc.close();
  // Four bytes overwritten in one page in the middle of the file (a failing disk, a pulled stick).
  const bytes = readFileSync(db);
  const at = Math.floor(bytes.length / 4096 / 2) * 4096 + 1000;
  bytes.writeUInt32BE(0xdeadbeef, at);
  writeFileSync(db, bytes);
  kiosk = await createTestKiosk({
    config: { mode: 'election', terminalId: 'desk-1' },
    configPath: join(tmp.dir, 'terminal.json'),
  });
});

afterAll(async () => {
  await kiosk.close();
  tmp.cleanup();
});

describe('a damaged election store', () => {
  it('is refused at open with the way back, and no vote lands in it', async () => {
    const before = readFileSync(db);
    const open = await kiosk.router.call('election.open', { passphrase: PASSPHRASE });
    expect(open).toMatchObject({ ok: false, error: { code: 'STORE_CORRUPT' } });
    if (!open.ok) expect(open.error.messageJa).toContain('merge');
    const record = await kiosk.router.call('election.record', { rollNumber: '0001' });
    expect(record).toMatchObject({ ok: false, error: { code: 'ELECTION_NOT_OPEN' } });

    const cli = await runCli(['election', 'status', '--db', db, '--passphrase-stdin', '--json'], {
      stdin: `${PASSPHRASE}\n`,
    });
    expect(cli.code).not.toBe(0);
    expect(cli.stdout + cli.stderr).toContain('STORE_CORRUPT');
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});
