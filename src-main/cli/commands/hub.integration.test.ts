/**
 * The hub from the command line, against the test PostgreSQL: `kakanai hub init` prints the
 * terminal URL once; `election hub` stores it (and refuses an unverified hub outside loopback);
 * `record` pushes right after its commit; `sync --once` pulls at the other desk and prints what
 * moved; `status --hub` gives each terminal's lag; with the hub stopped, `record` still succeeds
 * and `sync --once` says the hub is unreachable (exit 1).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeShiftJis, PASSPHRASE, rollCsv, SAMPLE_ROWS } from '../../modes/election/test-support.ts';
import { tempDir } from '../../store/test-support.ts';
import { runMain, type LooseJson } from '../../../test/helpers/cli.ts';
import { freshDatabase, killHub, startHubServer } from '../../hub/test-support.ts';

const run = (
  argv: string[],
  stdin = `${PASSPHRASE}\n`,
): Promise<{ code: number; out: string; err: string; json: LooseJson }> => runMain(argv, stdin);
const p = ['--passphrase-stdin', '--json'];

let tmp: ReturnType<typeof tempDir>;
let adminUrl: string;
let a: string;
let b: string;

async function init(db: string, terminal: string, groupSalt?: string): Promise<LooseJson> {
  const r = await run([
    'election',
    'init',
    '--db',
    db,
    '--election-name',
    '第27回参議院議員通常選挙',
    '--date',
    '2026-07-19',
    '--kind',
    'tojitsu',
    '--station',
    'st1',
    '--terminal',
    terminal,
    '--station-name',
    '第1投票所',
    ...(groupSalt ? ['--group-salt', groupSalt] : []),
    ...p,
  ]);
  expect(r.code, r.err).toBe(0);
  expect(
    (await run(['election', 'import-roll', '--db', db, '--csv', join(tmp.dir, 'roll.csv'), ...p])).code,
  ).toBe(0);
  return r.json;
}

beforeAll(async () => {
  tmp = tempDir('kakanai-cli-hub-');
  writeFileSync(join(tmp.dir, 'roll.csv'), encodeShiftJis(rollCsv(SAMPLE_ROWS)));
  adminUrl = await freshDatabase('clihub');
  a = join(tmp.dir, 'a.db');
  b = join(tmp.dir, 'b.db');
  const first = await init(a, 'desk-1');
  await init(b, 'desk-2', first.groupSalt as string);
});
afterAll(() => {
  try {
    startHubServer();
  } catch {
    /* running */
  }
  tmp.cleanup();
});

describe('kakanai hub and <mode> hub | sync | status --hub', () => {
  it('init prints the terminal URL; desks use it; record pushes; sync --once pulls; status --hub shows lag', async () => {
    const hub = await run(['hub', 'init', '--url', adminUrl, '--json']);
    expect(hub.code, hub.err).toBe(0);
    expect(hub.json).toMatchObject({ role: 'kakanai_terminal', group: '*', schemaVersion: 1 });
    const url = hub.json.terminalUrl as string;
    expect(url).toMatch(/^postgres:\/\/kakanai_terminal:[0-9a-f]{48}@127\.0\.0\.1:\d+\//);
    // Again: the schema is kept, the password changes (the old URL stops working).
    const again = await run(['hub', 'init', '--url', adminUrl, '--json']);
    expect(again.code).toBe(0);
    const terminalUrl = again.json.terminalUrl as string;
    expect(terminalUrl).not.toBe(url);

    // A hub outside loopback without TLS is refused (exit 2); the URL is stored encrypted.
    const plain = await run([
      'election',
      'hub',
      '--db',
      a,
      '--url',
      'postgres://u:p@hub.example.jp/db?sslmode=disable',
      ...p,
    ]);
    expect(plain.code).toBe(2);
    for (const db of [a, b]) {
      const set = await run(['election', 'hub', '--db', db, '--url', terminalUrl, ...p]);
      expect(set.code, set.err).toBe(0);
      expect(JSON.stringify(set.json)).not.toContain(terminalUrl.split(':')[2]!.split('@')[0]!);
    }

    // The old password no longer opens the hub.
    const stale = await run(['election', 'hub', '--db', b, '--url', url, ...p]);
    expect(stale.code).toBe(0);
    const refused = await run(['election', 'sync', '--db', b, '--once', ...p]);
    expect(refused.code).toBe(1);
    expect(refused.json).toMatchObject({ error: { code: 'HUB_REFUSED' } });
    expect((await run(['election', 'hub', '--db', b, '--url', terminalUrl, ...p])).code).toBe(0);

    // record pushes right after its commit; desk 2 pulls it with sync --once.
    const rec = await run(['election', 'record', '--db', a, '--roll-number', '0001', ...p]);
    expect(rec.json).toMatchObject({ result: 'RECORDED' });
    const sync = await run(['election', 'sync', '--db', b, '--once', ...p]);
    expect(sync.code, sync.err).toBe(0);
    expect(sync.json).toMatchObject({ pushed: 0, pulled: 1, rejected: [], ingest: { added: 1 } });
    const there = await run(['election', 'record', '--db', b, '--roll-number', '0001', ...p]);
    expect(there.code).toBe(10);

    const st = await run(['election', 'status', '--db', b, '--hub', ...p]);
    expect(st.code, st.err).toBe(0);
    expect(st.json.hub).toMatchObject({ reachable: true });
    const lag = st.json.hub.lag as Array<{ terminalId: string; agoSeconds: number }>;
    expect(lag.map((l) => l.terminalId)).toEqual(['desk-1']); // desk 2 has recorded nothing yet
    expect(lag[0]!.agoSeconds).toBeLessThan(120);
    const human = await run(['election', 'status', '--db', b, '--hub', '--passphrase-stdin']);
    expect(human.out).toMatch(/last event from desk-1: \d+ s ago/);
  });

  it('with the hub down, record still succeeds and sync --once says so; back, it catches up', async () => {
    killHub();
    try {
      const rec = await run(['election', 'record', '--db', a, '--roll-number', '0002', ...p]);
      expect(rec.code).toBe(0);
      expect(rec.json).toMatchObject({ result: 'RECORDED' });
      const sync = await run(['election', 'sync', '--db', b, '--once', ...p]);
      expect(sync.code).toBe(1);
      expect(sync.json, JSON.stringify(sync.json)).toMatchObject({ error: { code: 'HUB_UNREACHABLE' } });
      const st = await run(['election', 'status', '--db', b, '--hub', ...p]);
      expect(st.code).toBe(0);
      expect(st.json.hub).toMatchObject({ reachable: false });
    } finally {
      startHubServer();
    }
    // Desk 1's event was not pushed while the hub was down: desk 1's next sync pushes it.
    const push = await run(['election', 'sync', '--db', a, '--once', ...p]);
    expect(push.json).toMatchObject({ pushed: 1 });
    const pull = await run(['election', 'sync', '--db', b, '--once', ...p]);
    expect(pull.json).toMatchObject({ ingest: { added: 1 } });
  });
});
