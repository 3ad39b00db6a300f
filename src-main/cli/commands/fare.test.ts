/**
 * `kakanai fare …` through the CLI entry point with the in-process virtual card: the programme
 * commands, then city hall (key, set-up, the card registered with 照合番号B, a too-young holder
 * refused with the date), a vehicle (signed registry, rollback refused, rides with the repeat
 * prompt and the daily cap, exit 10), and the office's settlement as CSV and PDF (pdftotext).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../../test/helpers/cli.ts';
import { pdfText } from '../../forms/test-pdf.ts';
import { EXAMPLE_PROGRAM } from '../../modes/fare/program.ts';
import { tempDir } from '../../store/test-support.ts';

const PASS = 'my-taku unchin 2026';
/** The persona `ordinary`'s 照合番号B (山田 太郎, 1980-02-17, 横浜市中区). */
const ORDINARY_BNO = '55021720352285';
const run = (argv: string[], stdin = `${PASS}\n`) => runMain(argv, stdin);
const p = ['--passphrase-stdin', '--json'];

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('kakanai-cli-fare-');
});
afterAll(() => tmp.cleanup());

describe('kakanai fare: the programme', () => {
  it('prints an example programme that check-program accepts; a broken one names each problem (exit 2)', async () => {
    const ex = await run(['fare', 'example-program'], '');
    expect(ex.code).toBe(0);
    expect(ex.err).toContain('municipality');
    const file = join(tmp.dir, 'program.json');
    writeFileSync(file, ex.out);
    const ok = await run(['fare', 'check-program', '--program', file, '--json'], '');
    expect(ok.json).toMatchObject({ valid: true, program: { caps: { perDay: 2, perYear: 70 } } });
    const broken = { ...JSON.parse(ex.out), value: { kind: 'share', share: 2 }, caps: { perYear: 0 } };
    writeFileSync(file, JSON.stringify(broken));
    const bad = await run(['fare', 'check-program', '--program', file, '--json'], '');
    expect(bad.code).toBe(2);
    expect(bad.json.error.problems.map((x: { path: string }) => x.path)).toEqual([
      'value.share',
      'caps.perYear',
    ]);
    writeFileSync(file, '{ not json');
    expect((await run(['fare', 'check-program', '--program', file], '')).code).toBe(2);
  });
});

describe('kakanai fare: city hall, a vehicle, the office', () => {
  it('registers, publishes, rides and settles', async () => {
    const d = (f: string) => join(tmp.dir, f);
    // 横浜市's programme for residents aged 45 or over (the persona is 46), valid for years.
    const program = {
      ...EXAMPLE_PROGRAM,
      id: 'yokohama-test',
      municipality: { code: '141003', name: '神奈川県横浜市' },
      eligibility: { ...EXAMPLE_PROGRAM.eligibility, minAge: 45 },
      valid: { from: '2020-04-01', to: '2099-03-31' },
    };
    writeFileSync(d('program.json'), JSON.stringify(program));
    const strict = { ...program, id: 'yokohama-75', eligibility: { ...program.eligibility, minAge: 75 } };
    writeFileSync(d('strict.json'), JSON.stringify(strict));

    const key = await run(['fare', 'keygen', '--out', d('city.key'), '--json'], '');
    expect(key.code).toBe(0);
    expect(readFileSync(d('city.pub'), 'utf8')).toContain('BEGIN PUBLIC KEY');
    expect((await run(['fare', 'keygen', '--out', d('city.key')], '')).code).toBe(2); // never overwrites

    const office = await run([
      'fare',
      'init',
      '--db',
      d('hall.db'),
      '--program',
      d('program.json'),
      '--terminal',
      'hall-1',
      ...p,
    ]);
    expect(office.code).toBe(0);
    const salt = office.json.groupSalt as string;
    const reg = await run(
      [
        'fare',
        'register',
        '--db',
        d('hall.db'),
        '--bno-stdin',
        '--emulator',
        'ordinary',
        '--operator',
        'clerk-1',
        ...p,
      ],
      `${PASS}\n${ORDINARY_BNO}\n`,
    );
    expect(reg.code).toBe(0);
    expect(reg.json).toMatchObject({
      eligibility: { eligible: true, rule: { kind: 'age', minAge: 45 }, since: '2025-02-16' },
      validFrom: '2025-02-16',
    });
    expect(JSON.stringify(reg.json)).not.toMatch(/山田|横浜|日本大通/);
    const serial = reg.json.serial as string;

    // Not eligible under the 75+ programme: the reason and from when, exit 11, nothing stored.
    await run([
      'fare',
      'init',
      '--db',
      d('strict.db'),
      '--program',
      d('strict.json'),
      '--terminal',
      's-1',
      ...p,
    ]);
    const young = await run(
      ['fare', 'register', '--db', d('strict.db'), '--bno-stdin', '--emulator', 'ordinary', ...p],
      `${PASS}\n${ORDINARY_BNO}\n`,
    );
    expect(young.code).toBe(11);
    expect(young.json.error).toMatchObject({ code: 'NOT_ELIGIBLE', reason: 'TOO_YOUNG', from: '2055-02-16' });

    const car = await run([
      'fare',
      'init',
      '--db',
      d('car.db'),
      '--program',
      d('program.json'),
      '--terminal',
      'car-101',
      '--vehicle',
      'car-101',
      '--group-salt',
      salt,
      ...p,
    ]);
    expect(car.json.config).toMatchObject({ role: 'vehicle', operatorId: 'op-1' });
    const exp = await run([
      'fare',
      'export-registry',
      '--db',
      d('hall.db'),
      '--out',
      d('reg.json'),
      '--key-file',
      d('city.key'),
      ...p,
    ]);
    expect(exp.json).toMatchObject({ holders: 1, cards: 1 });
    expect(readFileSync(d('reg.json'), 'utf8')).not.toMatch(/1980-02-17/);
    const imp = [
      'fare',
      'import-registry',
      '--db',
      d('car.db'),
      '--in',
      d('reg.json'),
      '--public-key',
      d('city.pub'),
      ...p,
    ];
    expect((await run(imp)).code).toBe(0);
    const again = await run(imp);
    expect(again.code).toBe(12);
    expect(again.json.error.problem).toBe('OLDER');

    const ride = (fare: string, at: string, ...more: string[]) =>
      run([
        'fare',
        'ride',
        '--db',
        d('car.db'),
        '--emulator',
        'ordinary',
        '--fare',
        fare,
        '--at',
        at,
        ...more,
        ...p,
      ]);
    const r1 = await ride('2530', '2026-12-07T09:00:00+09:00');
    expect(r1.code).toBe(0);
    expect(r1.json).toMatchObject({
      recorded: true,
      ride: { subsidyYen: 1000, payYen: 1530 },
      decision: { leftToday: 1 },
    });
    const r2 = await ride('900', '2026-12-07T09:00:40+09:00');
    expect(r2.code).toBe(10);
    expect(r2.json).toMatchObject({ recorded: false, reason: 'REPEAT_NEEDS_CONFIRMATION' });
    expect((await ride('900', '2026-12-07T09:00:45+09:00', '--confirm-repeat')).json.ride.subsidyYen).toBe(
      450,
    );
    const r4 = await ride('900', '2026-12-07T18:00:00+09:00');
    expect(r4.code).toBe(10);
    expect(r4.json.reason).toBe('DAILY_CAP');
    const tap = await run([
      'fare',
      'tap',
      '--db',
      d('car.db'),
      '--emulator',
      'ordinary',
      '--at',
      '2026-12-08T08:00:00+09:00',
      ...p,
    ]);
    expect(tap.json).toMatchObject({ ok: true, serial, leftToday: 1 });

    expect((await run(['fare', 'export-rides', '--db', d('car.db'), '--out', d('car.kev'), ...p])).code).toBe(
      0,
    );
    const settle = await run([
      'fare',
      'settle',
      '--db',
      d('hall.db'),
      '--in',
      d('car.kev'),
      '--in',
      d('car.kev'),
      '--month',
      '2026-12',
      '--csv',
      d('dec.csv'),
      '--pdf',
      d('dec.pdf'),
      ...p,
    ]);
    expect(settle.code).toBe(0);
    expect(settle.json.city).toMatchObject({ rides: 2, fareYen: 3430, subsidyYen: 1450, flaggedRides: 1 });
    expect(settle.json.merged.map((m: { added: number }) => m.added)).toEqual([2, 0]);
    const csv = readFileSync(d('dec.csv'), 'utf8');
    expect(csv).toContain('2026-12,op-1,前橋タクシー（例）,2026-12-07,2,3430,1450,1980,,');
    expect(csv).toContain('2026-12,city,,total,2,3430,1450,1980,1,');
    const text = pdfText(readFileSync(d('dec.pdf')));
    expect(text).toContain('運賃補助 精算書');
    expect(text).toContain('前橋タクシー（例）');
    expect(text).toContain('1,450円');
    expect(text).toContain('1分以内の再乗車');

    const blocked = await run([
      'fare',
      'block',
      '--db',
      d('hall.db'),
      '--serial',
      serial,
      '--reason',
      'lost',
      ...p,
    ]);
    expect(blocked.json).toMatchObject({ serial, alreadyBlocked: false });
    const stats = await run(['fare', 'stats', '--db', d('hall.db'), ...p]);
    expect(stats.json).toMatchObject({
      holders: 1,
      blocked: 1,
      rides: 2,
      byAgeBand: [{ key: '-64', rides: 2 }],
    });
    expect(
      (await run(['fare', 'ride', '--db', d('hall.db'), '--emulator', 'ordinary', '--fare', '100', ...p]))
        .code,
    ).toBe(2);
  });
});
