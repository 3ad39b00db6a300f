/**
 * Shelter entrance journeys: the laptop's encrypted store set up the way a municipality does it
 * (`kakanai shelter init`, `import-residents` — passphrase on stdin), placed where the
 * shelter-mode kiosk looks for it (shelter.db beside its terminal configuration), and the steps
 * the journeys share.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from '@playwright/test';
import { kakanai } from './election-desk.ts';
import type { KioskPage } from './kiosk.ts';

export const SHELTER_PASSPHRASE = 'hinanjo e2e 2026 passphrase';
export const SHELTER_NAME = '中区立本町小学校体育館';

/** The ordinary persona of the virtual card (山田 太郎, 昭和55年2月17日) heads household 1001. */
export const RESIDENT_ROWS = [
  '世帯番号,氏名,ふりがな,生年月日,性別,住所,続柄',
  '1001,山田 太郎,やまだ たろう,昭和55年2月17日,男,神奈川県横浜市中区日本大通1-2-304,世帯主',
  '1001,山田 花子,やまだ はなこ,S57.6.1,女,神奈川県横浜市中区日本大通1-2-304,妻',
  '1001,山田 一郎,やまだ いちろう,2019-04-02,男,神奈川県横浜市中区日本大通1-2-304,子',
  '1001,山田 ウメ,やまだ うめ,昭和15年3月3日,女,神奈川県横浜市中区日本大通1-2-304,母',
  '1003,髙橋 さくら,たかはし さくら,H2.1.8,女,神奈川県横浜市中区本町3-1,世帯主',
  '1003,髙橋 蓮,たかはし れん,2024-08-20,男,神奈川県横浜市中区本町3-1,子',
];

/** The store of a shelter-mode kiosk started with startApp (shelter.db beside its config). */
export function shelterStorePath(configPath: string): string {
  return join(dirname(configPath), 'shelter.db');
}

export function setUpShelterStore(db: string, terminalId: string): void {
  const pass = `${SHELTER_PASSPHRASE}\n`;
  kakanai(
    [
      'shelter',
      'init',
      '--db',
      db,
      '--shelter-name',
      SHELTER_NAME,
      '--capacity',
      '300',
      '--terminal',
      terminalId,
      '--passphrase-stdin',
    ],
    pass,
  );
  const csv = join(dirname(db), `${terminalId}-residents.csv`);
  writeFileSync(csv, RESIDENT_ROWS.join('\r\n') + '\r\n');
  kakanai(['shelter', 'import-residents', '--db', db, '--csv', csv, '--passphrase-stdin'], pass);
}

/** Opens the entrance page and the laptop with the passphrase. */
export async function openShelter(k: KioskPage): Promise<void> {
  await k.page.goto(k.app.url);
  await k.screen('open');
  const field = k.page.getByTestId('passphrase');
  await expect(field).toBeFocused();
  await field.fill(SHELTER_PASSPHRASE);
  await k.click('[data-testid=open-submit]');
  await k.screen('ready');
}

/** The members on the household screen as "name:state" (state from the chip). */
export async function memberStates(k: KioskPage): Promise<string[]> {
  const rows = k.page.getByTestId('member');
  const out: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push(
      `${await row.getByTestId('person-name').innerText()}:${await row.getByTestId('person-state').getAttribute('data-state')}`,
    );
  }
  return out;
}
