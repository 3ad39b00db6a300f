/**
 * Election desk journeys: a terminal's encrypted store set up the way an election office does it
 * (`kakanai election init`, `import-roll`, `peers` — passphrase on stdin), placed where the
 * election-mode kiosk looks for it (election.db beside its terminal configuration), and the desk
 * steps shared by the journeys.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { expect } from '@playwright/test';
import { REPO_ROOT } from './env.ts';
import type { KioskPage } from './kiosk.ts';

export const ELECTION_PASSPHRASE = 'senkyo e2e 2026 passphrase';
export const ELECTION_NAME = '架空市長選挙';
export const ELECTION_DATE = '2026-07-19';

export const ROLL_HEADER = '名簿番号,投票区,氏名,ふりがな,生年月日,性別,住所';

/** The ordinary persona of the virtual card (山田 太郎, 昭和55年2月17日) is voter 0100. */
export const ROLL_ROWS = [
  '0001,1,髙橋 一郎,たかはし いちろう,昭和55年2月17日,男,架空市旭町二丁目3番5号',
  '0002,1,山﨑 花子,やまさき はなこ,S60.4.1,女,架空市旭町2-4-1',
  '0003,2,渡邊 次郎,わたなべ じろう,1990-12-31,男,架空市東裏館1-1-1',
  '0005,1,佐藤 太郎,さとう たろう,H1.1.8,男,架空市旭町1-1-1',
  '0006,1,佐藤 太郎,さとう たろう,H1.1.8,男,架空市東裏館5-5-5',
  '0100,1,山田 太郎,やまだ たろう,昭和55年2月17日,男,神奈川県横浜市中区日本大通１－２－３０４',
];

/** Two more 山田 太郎 born the same day elsewhere: the card's address matches neither exactly. */
export const TWIN_ROWS = [
  '0101,1,山田 太郎,やまだ たろう,昭和55年2月17日,男,神奈川県横浜市中区山下町1',
  '0102,1,山田 太郎,やまだ たろう,1980-02-17,男,神奈川県横浜市中区日本大通1-2-305',
];

/** Runs `kakanai …--json` with the passphrase on stdin; returns stdout. */
export function kakanai(args: string[], input = `${ELECTION_PASSPHRASE}\n`): string {
  const r = spawnSync(process.execPath, [`${REPO_ROOT}/bin/kakanai.mjs`, ...args, '--json'], {
    input,
    cwd: REPO_ROOT,
    timeout: 60_000,
  });
  if (r.status !== 0) {
    throw new Error(`kakanai ${args.slice(0, 2).join(' ')} failed (${r.status}): ${r.stderr.toString()}`);
  }
  return r.stdout.toString();
}

/** The election's group set-up code (what `election init` prints for the first desk). */
const ELECTION_GROUP_SALT = '0f1e2d3c4b5a69780f1e2d3c4b5a6978';

export interface StoreSetup {
  kind: 'kijitsumae' | 'tojitsu';
  terminalId: string;
  stationId: string;
  stationName: string;
  districts?: string[];
  /** Other stations (so a voter of another district is sent to the right one). */
  stations?: Array<{ stationId: string; name: string; districts: string[] }>;
  rows?: string[];
  sync?: { port: number; peers: string[] };
}

/** The store of an election-mode kiosk started with startApp (election.db beside its config). */
export function storePathFor(configPath: string): string {
  return join(dirname(configPath), 'election.db');
}

/** Sets up the terminal's encrypted store through the CLI, as the election office would. */
export function setUpElectionStore(db: string, o: StoreSetup): void {
  const dir = dirname(db);
  const pass = `${ELECTION_PASSPHRASE}\n`;
  const args = [
    'election',
    'init',
    '--db',
    db,
    '--election-name',
    ELECTION_NAME,
    '--date',
    ELECTION_DATE,
    '--kind',
    o.kind,
    '--station',
    o.stationId,
    '--station-name',
    o.stationName,
    '--terminal',
    o.terminalId,
    // Every desk of the election is set up with the same set-up code, as the office hands it out.
    '--group-salt',
    ELECTION_GROUP_SALT,
    '--passphrase-stdin',
  ];
  if (o.districts) args.push('--districts', o.districts.join(','));
  if (o.stations) {
    const file = join(dir, `${o.terminalId}-stations.json`);
    writeFileSync(file, JSON.stringify(o.stations));
    args.push('--stations', file);
  }
  kakanai(args, pass);
  const csv = join(dir, `${o.terminalId}-roll.csv`);
  writeFileSync(csv, [ROLL_HEADER, ...(o.rows ?? ROLL_ROWS)].join('\r\n') + '\r\n');
  kakanai(['election', 'import-roll', '--db', db, '--csv', csv, '--passphrase-stdin'], pass);
  if (o.sync) {
    kakanai(
      [
        'election',
        'peers',
        '--db',
        db,
        '--port',
        String(o.sync.port),
        '--peers',
        o.sync.peers.join(','),
        '--passphrase-stdin',
      ],
      pass,
    );
  }
}

/** A TCP port free right now on loopback (for the LAN sync of two terminals). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Opens the desk page and the terminal: passphrase (a wrong one first, when asked). */
export async function openDesk(k: KioskPage, opts: { wrongFirst?: boolean } = {}): Promise<void> {
  const page = k.page;
  await page.goto(k.app.url);
  await k.screen('open');
  const field = page.getByTestId('passphrase');
  await expect(field).toBeFocused();
  if (opts.wrongFirst) {
    await field.fill('not the passphrase');
    await k.click('[data-testid=open-submit]');
    await expect(page.locator('[data-notice="election.error.wrongPassphrase"]')).toBeVisible();
    await k.check('open-wrong');
  }
  await field.fill(ELECTION_PASSPHRASE);
  await k.click('[data-testid=open-submit]');
  await k.screen('ready');
  await expect(page.getByTestId('barcode')).toBeFocused();
}

/** A keyboard-wedge scanner: the digits and Enter, typed wherever the focus is. */
export async function scan(k: KioskPage, rollNumber: string): Promise<void> {
  await expect(k.page.getByTestId('barcode')).toBeFocused();
  k.mark();
  await k.page.keyboard.type(rollNumber, { delay: 5 });
  await k.page.keyboard.press('Enter');
}

/** 照合番号B of the ordinary persona on the desk's one-screen form. */
export async function enterDeskBno(
  k: KioskPage,
  b = { era: 'showa', year: '55', month: '2', day: '17', expiryYear: '2035', securityCode: '2285' },
): Promise<void> {
  const page = k.page;
  await page.locator(`[data-era="${b.era}"]`).click();
  await page.getByTestId('bno-year').fill(b.year);
  await page.getByTestId('bno-month').fill(b.month);
  await page.getByTestId('bno-day').fill(b.day);
  await page.getByTestId('bno-expiryYear').fill(b.expiryYear);
  await page.getByTestId('bno-securityCode').fill(b.securityCode);
  await k.check('cardBno-filled');
  await k.click('[data-testid=bno-submit]');
}
