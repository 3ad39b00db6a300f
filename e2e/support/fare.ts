/**
 * Fare terminal journeys: the stores set up the way a city does it — the programme file, city
 * hall's store and key (`kakanai fare init`, `keygen`), the persona's card registered there
 * (`fare register --emulator ordinary`), the signed registry exported and imported on the vehicle
 * whose store sits where the fare-mode kiosk looks for it (fare.db beside its configuration).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from '@playwright/test';
import { kakanai } from './election-desk.ts';
import type { KioskPage } from './kiosk.ts';

export const FARE_PASSPHRASE = 'my-taku e2e 2026 passphrase';

/** The persona `ordinary` (山田 太郎, 46, 横浜市中区) and its 照合番号B. */
const ORDINARY_BNO = '55021720352285';

/** 横浜市's programme: residents 75 or over, or with a category (one from age 45, one any age). */
export const PROGRAM = {
  id: 'yokohama-e2e',
  name: '横浜市 高齢者タクシー補助（試験）',
  municipality: { code: '141003', name: '神奈川県横浜市' },
  eligibility: {
    minAge: 75,
    categories: [
      { id: 'licence-returned', label: '運転免許証を自主返納した方', minAge: 45 },
      { id: 'disability', label: '障害者手帳をお持ちの方' },
    ],
  },
  value: { kind: 'share', share: 0.5, capYen: 1000 },
  caps: { perDay: 2, perYear: 70 },
  yearStartsMonth: 4,
  valid: { from: '2020-04-01', to: '2099-03-31' },
  operators: [{ id: 'op-1', name: '横浜みなとタクシー', vehicles: ['car-101', 'car-102'] }],
};

/** The store of a fare-mode kiosk started with startApp. */
export function fareStorePath(configPath: string): string {
  return join(dirname(configPath), 'fare.db');
}

const pass = `${FARE_PASSPHRASE}\n`;

function writeProgram(dir: string): string {
  const file = join(dir, 'program.json');
  writeFileSync(file, JSON.stringify(PROGRAM));
  return file;
}

/** City hall's store at `db` (the kiosk's, for the clerk). Returns the group's set-up code. */
export function setUpOffice(db: string, terminalId = 'hall-1'): string {
  const program = writeProgram(dirname(db));
  const out = kakanai(
    ['fare', 'init', '--db', db, '--program', program, '--terminal', terminalId, '--passphrase-stdin'],
    pass,
  );
  return (JSON.parse(out) as { groupSalt: string }).groupSalt;
}

/**
 * A vehicle kiosk's store with a registry in which the persona `ordinary` is registered (under
 * licence-returned, 45 or over): city hall, its key and the registration live in a side folder.
 */
export function setUpVehicle(vehicleDb: string, vehicle = 'car-101'): void {
  const dir = dirname(vehicleDb);
  const hall = join(dir, 'hall.db');
  const salt = setUpOffice(hall);
  kakanai(
    [
      'fare',
      'register',
      '--db',
      hall,
      '--bno-stdin',
      '--passphrase-stdin',
      '--emulator',
      'ordinary',
      '--category',
      'licence-returned',
    ],
    `${FARE_PASSPHRASE}\n${ORDINARY_BNO}\n`,
  );
  kakanai(['fare', 'keygen', '--out', join(dir, 'city.key')], '');
  kakanai(
    [
      'fare',
      'export-registry',
      '--db',
      hall,
      '--out',
      join(dir, 'registry.json'),
      '--key-file',
      join(dir, 'city.key'),
      '--passphrase-stdin',
    ],
    pass,
  );
  const program = writeProgram(dir);
  kakanai(
    [
      'fare',
      'init',
      '--db',
      vehicleDb,
      '--program',
      program,
      '--terminal',
      vehicle,
      '--vehicle',
      vehicle,
      '--group-salt',
      salt,
      '--passphrase-stdin',
    ],
    pass,
  );
  kakanai(
    [
      'fare',
      'import-registry',
      '--db',
      vehicleDb,
      '--in',
      join(dir, 'registry.json'),
      '--public-key',
      join(dir, 'city.pub'),
      '--passphrase-stdin',
    ],
    pass,
  );
}

/** Opens the fare page and the terminal with the passphrase. */
export async function openFare(k: KioskPage): Promise<void> {
  await k.page.goto(k.app.url);
  await k.screen('open');
  const field = k.page.getByTestId('passphrase');
  await expect(field).toBeFocused();
  await field.fill(FARE_PASSPHRASE);
  await k.click('[data-testid=open-submit]');
  await k.screen('ready');
}

/** Types a fare on the on-screen pad, one key at a time as a driver does. */
export async function typeFare(k: KioskPage, yen: string): Promise<void> {
  for (const d of yen) await k.page.locator(`.pad [data-key="${d}"]`).click();
}
