/**
 * The fare terminal through the real PC/SC stack: `kakanai fare` as a child process, the virtual
 * card as a separate process plugged into pcscd through vpcd (slot 0, "Virtual PCD 00 00"). City
 * hall registers the card with 照合番号B; the signed registry goes to a vehicle; there the card is
 * tapped (no secret) for two rides, the second within a minute confirmed, then refused at the
 * daily cap with exit 10; the office settles the vehicle's file.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.ts';
import { EmulatorProcess } from '../../../test/helpers/emulator-process.ts';
import { ensurePcscd } from '../../../test/helpers/services.ts';
import { EXAMPLE_PROGRAM } from '../../modes/fare/program.ts';
import { tempDir } from '../../store/test-support.ts';

const READER = ['--reader', 'Virtual PCD 00 00', '--wait', '5'];
const PASS = 'my-taku pcsc 2026';
const P = ['--passphrase-stdin', '--json'];
const stdin = `${PASS}\n`;

let tmp: ReturnType<typeof tempDir>;
let emulator: EmulatorProcess | undefined;
const d = (f: string) => join(tmp.dir, f);

beforeAll(async () => {
  await ensurePcscd();
  tmp = tempDir('kakanai-fare-pcsc-');
  writeFileSync(
    d('program.json'),
    JSON.stringify({
      ...EXAMPLE_PROGRAM,
      id: 'yokohama-pcsc',
      municipality: { code: '141003', name: '神奈川県横浜市' },
      eligibility: { ...EXAMPLE_PROGRAM.eligibility, minAge: 45 },
      valid: { from: '2020-04-01', to: '2099-03-31' },
    }),
  );
  emulator = await EmulatorProcess.start('ordinary');
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
  tmp.cleanup();
});

describe('fare terminal with a real reader (pcscd + vpcd + virtual card)', () => {
  it('registers with 照合番号B, then rides by tap only in a vehicle, and settles', async () => {
    const init = await runCli(
      ['fare', 'init', '--db', d('hall.db'), '--program', d('program.json'), '--terminal', 'hall', ...P],
      { stdin },
    );
    expect(init.code).toBe(0);
    const salt = (init.json as { groupSalt: string }).groupSalt;
    const reg = await runCli(['fare', 'register', '--db', d('hall.db'), '--bno-stdin', ...READER, ...P], {
      stdin: `${PASS}\n55021720352285\n`,
    });
    expect(reg.code, reg.stderr).toBe(0);
    expect(reg.json).toMatchObject({ eligibility: { eligible: true, rule: { kind: 'age', minAge: 45 } } });
    await runCli(['fare', 'keygen', '--out', d('city.key')]);
    expect(
      (
        await runCli(
          [
            'fare',
            'export-registry',
            '--db',
            d('hall.db'),
            '--out',
            d('reg.json'),
            '--key-file',
            d('city.key'),
            ...P,
          ],
          { stdin },
        )
      ).code,
    ).toBe(0);
    const car = await runCli(
      [
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
        ...P,
      ],
      { stdin },
    );
    expect(car.code).toBe(0);
    expect(
      (
        await runCli(
          [
            'fare',
            'import-registry',
            '--db',
            d('car.db'),
            '--in',
            d('reg.json'),
            '--public-key',
            d('city.pub'),
            ...P,
          ],
          { stdin },
        )
      ).code,
    ).toBe(0);

    const ride = (fare: string, at: string, ...more: string[]) =>
      runCli(['fare', 'ride', '--db', d('car.db'), '--fare', fare, '--at', at, ...more, ...READER, ...P], {
        stdin,
      });
    const r1 = await ride('3000', '2026-12-07T10:00:00+09:00');
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.json).toMatchObject({ recorded: true, ride: { subsidyYen: 1000, payYen: 2000 } });
    expect((await ride('600', '2026-12-07T10:00:30+09:00')).json).toMatchObject({
      reason: 'REPEAT_NEEDS_CONFIRMATION',
    });
    expect((await ride('600', '2026-12-07T10:00:40+09:00', '--confirm-repeat')).json).toMatchObject({
      recorded: true,
      ride: { subsidyYen: 300 },
    });
    const capped = await ride('600', '2026-12-07T15:00:00+09:00');
    expect(capped.code).toBe(10);
    expect(capped.json).toMatchObject({ recorded: false, reason: 'DAILY_CAP' });

    await runCli(['fare', 'export-rides', '--db', d('car.db'), '--out', d('car.kev'), ...P], { stdin });
    const settle = await runCli(
      ['fare', 'settle', '--db', d('hall.db'), '--in', d('car.kev'), '--month', '2026-12', ...P],
      { stdin },
    );
    expect(settle.json).toMatchObject({
      city: { rides: 2, fareYen: 3600, subsidyYen: 1300, flaggedRides: 1 },
    });
  }, 120_000);
});
