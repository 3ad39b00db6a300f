/**
 * `kakanai election …` end to end through the CLI entry point: set-up, roll import (Shift_JIS),
 * look-ups, record/exit 10, undo, USB export/merge with a conflict, stats as JSON/CSV/PDF, and the
 * passphrase rules.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeShiftJis, PASSPHRASE, rollCsv, SAMPLE_ROWS } from '../../modes/election/test-support.ts';
import { tempDir } from '../../store/test-support.ts';
import { runMain, type LooseJson } from '../../../test/helpers/cli.ts';

type Json = LooseJson;

function run(
  argv: string[],
  stdinText = `${PASSPHRASE}\n`,
): Promise<{ code: number; out: string; err: string; json: Json }> {
  return runMain(argv, stdinText);
}

let tmp: ReturnType<typeof tempDir>;
let a: string;
let b: string;
const p = () => ['--passphrase-stdin', '--json'];

beforeAll(() => {
  tmp = tempDir('kakanai-cli-election-');
  a = join(tmp.dir, 'a.db');
  b = join(tmp.dir, 'b.db');
  writeFileSync(join(tmp.dir, 'roll.csv'), encodeShiftJis(rollCsv(SAMPLE_ROWS)));
});
afterAll(() => tmp.cleanup());

const init = (db: string, terminal: string, groupSalt?: string) =>
  run([
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
    ...p(),
  ]);

describe('kakanai election', () => {
  it('init and import-roll (Shift_JIS detected)', async () => {
    const r = await init(a, 'desk-1');
    expect(r.code).toBe(0);
    expect(r.json.config).toMatchObject({ terminalId: 'desk-1', kind: 'tojitsu', stationId: 'st1' });
    const imp = await run(['election', 'import-roll', '--db', a, '--csv', join(tmp.dir, 'roll.csv'), ...p()]);
    expect(imp.code).toBe(0);
    expect(imp.json).toMatchObject({ imported: 8, rejected: [], encoding: 'sjis', committed: true });
    // The first desk drew the group's set-up code; the second is set up with it.
    expect(r.json.groupSalt).toMatch(/^[0-9a-f]{32}$/);
    expect((await init(b, 'desk-2', 'not-a-code')).code).not.toBe(0);
    const second = await init(b, 'desk-2', r.json.groupSalt);
    expect(second.code).toBe(0);
    expect(second.json.groupSalt).toBe(r.json.groupSalt);
    expect(
      (await run(['election', 'import-roll', '--db', b, '--csv', join(tmp.dir, 'roll.csv'), ...p()])).code,
    ).toBe(0);
  });

  it('import-roll prints every rejected line and imports nothing (exit 1)', async () => {
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(bad, rollCsv(['1,1,a,あ,S55.2.30,男,x', '2,1,b,い,S55.2.1,X,y']));
    const r = await run(['election', 'import-roll', '--db', a, '--csv', bad, '--replace', ...p()]);
    expect(r.code).toBe(1);
    expect(r.json.imported).toBe(0);
    expect(r.json.rejected.map((x: { line: number }) => x.line)).toEqual([2, 3]);
    expect(r.json.rejected[0]).toMatchObject({ line: 2, reason: expect.stringContaining('存在しない日付') });
    const st = await run(['election', 'status', '--db', a, ...p()]);
    expect(st.json.roll.total).toBe(8);
  });

  it('lookup by card data, roll number and kana', async () => {
    const card = await run([
      'election',
      'lookup',
      '--db',
      a,
      '--name',
      '髙橋　一郎',
      '--birth-date',
      '昭和55年2月17日',
      ...p(),
    ]);
    expect(card.code).toBe(0);
    expect(card.json).toMatchObject({
      match: 'unique',
      candidates: [{ rollNumber: '0001', status: { code: 'OK' } }],
    });
    const kana = await run(['election', 'lookup', '--db', a, '--kana', 'サトウ', ...p()]);
    expect(kana.json.candidates).toHaveLength(2);
    const none = await run(['election', 'lookup', '--db', a, '--roll-number', '9999', ...p()]);
    expect(none.code).toBe(11);
    expect((await run(['election', 'lookup', '--db', a, ...p()])).code).toBe(2);
  });

  it('record: exit 0, then exit 10 with when and where', async () => {
    const r = await run([
      'election',
      'record',
      '--db',
      a,
      '--roll-number',
      '0001',
      '--operator',
      '受付A',
      ...p(),
    ]);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ result: 'RECORDED', vote: { terminalId: 'desk-1', stationId: 'st1' } });
    const again = await run(['election', 'record', '--db', a, '--roll-number', '0001', ...p()]);
    expect(again.code).toBe(10);
    expect(again.json).toMatchObject({
      result: 'ALREADY_VOTED',
      votes: [{ terminalId: 'desk-1', stationId: 'st1', stationName: '第1投票所', operator: '受付A' }],
    });
    expect(again.json.votes[0].atJst).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$/);
    const human = await run(['election', 'record', '--db', a, '--roll-number', '0001', '--passphrase-stdin']);
    expect(human.code).toBe(10);
    expect(human.out).toMatch(/^投票済み — 0001 髙橋 一郎/);
    expect(
      (await run(['election', 'record', '--db', a, '--roll-number', '0002', '--reason', '1', ...p()])).code,
    ).toBe(2);
  });

  it('undo with a reason, then the voter can be recorded again', async () => {
    const u = await run([
      'election',
      'undo',
      '--db',
      a,
      '--roll-number',
      '0001',
      '--reason',
      '誤って記録',
      '--operator',
      '責任者',
      ...p(),
    ]);
    expect(u.code).toBe(0);
    expect(u.json.undone).toMatchObject({ terminalId: 'desk-1', seq: 1, undone: true });
    expect((await run(['election', 'record', '--db', a, '--roll-number', '0001', ...p()])).code).toBe(0);
  });

  it('export and merge: a voter recorded on both desks is printed as a conflict with both records', async () => {
    expect((await run(['election', 'record', '--db', b, '--roll-number', '0001', ...p()])).code).toBe(0);
    const file = join(tmp.dir, 'desk-1.events');
    const ex = await run(['election', 'export', '--db', a, '--out', file, ...p()]);
    expect(ex.json.count).toBe(3);
    const m = await run(['election', 'merge', '--db', b, '--in', file, ...p()]);
    expect(m.code).toBe(0);
    expect(m.json).toMatchObject({ from: 'desk-1', added: 3 });
    expect(m.json.newConflicts).toHaveLength(1);
    expect(
      m.json.newConflicts[0].votes
        .filter((v: { undone: boolean }) => !v.undone)
        .map((v: { terminalId: string }) => v.terminalId)
        .sort(),
    ).toEqual(['desk-1', 'desk-2']);
    const human = await run(['election', 'merge', '--db', b, '--in', file, '--passphrase-stdin']);
    expect(human.out).toContain('二重記録: 0001 髙橋 一郎');
    const c = await run(['election', 'conflicts', '--db', b, ...p()]);
    expect(c.json.conflicts).toHaveLength(1);
    // A tampered file is refused.
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"count":3', '"count":2'));
    const t = await run(['election', 'merge', '--db', b, '--in', file, ...p()]);
    expect(t.code).toBe(1);
    expect(t.json.error.code).toBe('TAMPERED');
  });

  it('stats: hourly by sex as JSON, CSV and PDF', async () => {
    const csv = join(tmp.dir, 'stats.csv');
    const pdf = join(tmp.dir, 'stats.pdf');
    const s = await run(['election', 'stats', '--db', b, '--csv', csv, '--pdf', pdf, ...p()]);
    expect(s.code).toBe(0);
    expect(s.json.totals).toMatchObject({ male: 1, female: 0, total: 1 });
    expect(s.json.byHour.length).toBeGreaterThan(0);
    expect(readFileSync(csv, 'utf8')).toContain('合計,,,,,1,0,0,1,');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a wrong passphrase exits 5 with WRONG_PASSPHRASE; the store still opens with the right one', async () => {
    const r = await run(['election', 'status', '--db', a, ...p()], 'not the passphrase\n');
    expect(r.code).toBe(5);
    expect(r.json.error.code).toBe('WRONG_PASSPHRASE');
    expect((await run(['election', 'status', '--db', a, ...p()])).code).toBe(0);
    expect(
      (await run(['election', 'status', '--db', join(tmp.dir, 'none.db'), ...p()])).json.error.code,
    ).toBe('STORE_MISSING');
  });
});
