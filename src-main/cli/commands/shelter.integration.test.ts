/**
 * The shelter entrance through the real PC/SC stack: `kakanai shelter` as a child process, the
 * virtual card as a separate process plugged into pcscd through vpcd (slot 0, "Virtual PCD 00 00").
 * A family of four checked in by 照合番号B with the card linked, then 外出 and 戻り by tap only
 * (no secret; at most 3 APDUs), and a card never linked refused with exit 11.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.ts';
import { EmulatorProcess } from '../../../test/helpers/emulator-process.ts';
import { ensurePcscd } from '../../../test/helpers/services.ts';
import { tempDir } from '../../store/test-support.ts';
import { ORDINARY_BNO, PASSPHRASE, SAMPLE_LIST, listCsv } from '../../modes/shelter/test-support.ts';

const READER = ['--reader', 'Virtual PCD 00 00', '--wait', '5'];
const P = ['--passphrase-stdin', '--json'];

let tmp: ReturnType<typeof tempDir>;
let db: string;
let emulator: EmulatorProcess | undefined;

beforeAll(async () => {
  await ensurePcscd();
  tmp = tempDir('kakanai-shelter-pcsc-');
  db = join(tmp.dir, 'gym.db');
  writeFileSync(join(tmp.dir, 'list.csv'), listCsv(SAMPLE_LIST));
  const stdin = `${PASSPHRASE}\n`;
  const init = await runCli(
    [
      'shelter',
      'init',
      '--db',
      db,
      '--shelter-name',
      '本町小学校',
      '--capacity',
      '200',
      '--terminal',
      'gym-1',
      ...P,
    ],
    { stdin },
  );
  expect(init.code).toBe(0);
  const list = await runCli(
    ['shelter', 'import-residents', '--db', db, '--csv', join(tmp.dir, 'list.csv'), ...P],
    { stdin },
  );
  expect(list.json).toMatchObject({ imported: 8 });
  emulator = await EmulatorProcess.start('ordinary');
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
  tmp.cleanup();
});

describe('shelter entrance with a real reader (pcscd + vpcd + virtual card)', () => {
  it('checks in the household by 照合番号B, then 外出/戻り by tap only', async () => {
    const card = await runCli(
      ['shelter', 'checkin', '--db', db, '--card', '--bno-stdin', '--link-card', ...READER, ...P],
      {
        stdin: `${PASSPHRASE}\n${ORDINARY_BNO}\n`,
      },
    );
    expect(card.code, card.stderr).toBe(0);
    expect((card.json!.checkedIn as unknown[]).length).toBe(4);
    expect(card.stdout).not.toContain(ORDINARY_BNO);

    const out = await runCli(['shelter', 'out', '--db', db, '--tap', ...READER, ...P], {
      stdin: `${PASSPHRASE}\n`,
    });
    expect(out.code, out.stderr).toBe(0);
    const tap = out.json!.card as { apdus: number };
    expect(tap.apdus).toBeLessThanOrEqual(3);
    expect(out.json!.moved).toEqual([expect.objectContaining({ name: '山田 太郎', move: 'out' })]);
    const back = await runCli(['shelter', 'back', '--db', db, '--tap', '--with-household', ...READER, ...P], {
      stdin: `${PASSPHRASE}\n`,
    });
    expect(back.json!.moved).toEqual([expect.objectContaining({ move: 'back' })]);
    expect((back.json!.skipped as unknown[]).length).toBe(3); // the others never went out
  });

  it('a card that was never linked is refused (exit 11) without any secret', async () => {
    await emulator?.stop();
    emulator = await EmulatorProcess.start('reiwa-child');
    const r = await runCli(['shelter', 'back', '--db', db, '--tap', ...READER, ...P], {
      stdin: `${PASSPHRASE}\n`,
    });
    expect(r.code).toBe(11);
    expect((r.json!.error as { code: string }).code).toBe('CARD_NOT_LINKED');
  });
});
