/**
 * An address entered without writing (issue #12): in English, a postal code that is wrong first
 * (said so), then one that several towns share (the resident picks theirs), 丁目・番地・号 on the
 * pad, the building in katakana and then digits; in Japanese, no postal code at all: prefecture →
 * city → town from lists. Both print through CUPS, and the printed 住民異動届 carries exactly the
 * line the screen composed, with its postal code.
 */
import { test, expect } from './support/fixtures.ts';
import type { KioskPage } from './support/kiosk.ts';
import type { Page } from '@playwright/test';
import {
  addressRest,
  enterBno,
  fillInputs,
  MOVING_IN_ALONE,
  MOVING_INPUTS,
  ORDINARY_BNO,
  previewAndPrint,
  toPlan,
} from './support/steps.ts';
import { pdfText, squash, waitForPrintedPdf } from './support/printed.ts';

async function toInputs(kiosk: KioskPage, language: string): Promise<void> {
  await kiosk.open();
  await toPlan(kiosk, { language, lifeEvent: 'moving', answers: MOVING_IN_ALONE });
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('bno', { noShot: true });
  await enterBno(kiosk, ORDINARY_BNO);
  await kiosk.click('[data-testid=bno-submit]');
  await kiosk.screen('resident', { noShot: true });
  await kiosk.click('[data-testid=resident-ok]');
}

/** Confirmation → preview → print through CUPS: the 住民異動届 carries the line and the code. */
async function expectPrinted(kiosk: KioskPage, cupsOut: string, line: string, postal: string) {
  await kiosk.screen('confirm', { noShot: true });
  // The confirmation shows the line as it will print.
  await expect(kiosk.page.locator('main')).toContainText(line);
  const text = squash(pdfText(await waitForPrintedPdf(cupsOut, await previewAndPrint(kiosk))));
  expect(text).toContain(squash(line));
  expect(text).toContain(postal);
}

const composed = (page: Page) => page.getByTestId('address-composed');

test('in English: a postal code several towns share, the numbers on the pad, the building by keys', async ({
  kiosk,
  cards,
  cupsOut,
}) => {
  await cards.start('ordinary');
  await toInputs(kiosk, 'en');
  const page = kiosk.page;
  const line = '千葉県千葉市中央区蘇我町2丁目14番地 サクラB12';
  const asked = await fillInputs(kiosk, { ...MOVING_INPUTS, newAddress: 'asIs' }, async (key) => {
    if (key !== 'newAddress') return;
    // The postal code is part of the address, not a question of its own.
    await expect(page.getByTestId('address-composed-card')).toBeVisible();
    await page.getByTestId('address-by-postal').click();
    // The lookup failing is said in the resident's words (no error code), not an empty screen.
    await page.route('**/api/call/address.lookup', (route) =>
      route.fulfill({
        json: { ok: false, error: { code: 'INTERNAL', message: 'broken', messageJa: '故障' } },
      }),
    );
    await kiosk.type('1040061');
    await expect(page.getByTestId('address-problem')).toBeVisible();
    await expect(page.getByTestId('address-problem')).not.toContainText('INTERNAL');
    await page.unroute('**/api/call/address.lookup');
    for (let i = 0; i < 7; i++) await page.keyboard.press('Backspace');
    await kiosk.type('0000000');
    await expect(page.getByTestId('postal-not-found')).toBeVisible();
    await expect(page.getByTestId('address-problem')).toHaveCount(0);
    await kiosk.check('input-newAddress-postal-unknown');
    for (let i = 0; i < 7; i++) await page.keyboard.press('Backspace');
    await kiosk.type('2600822');
    await expect(page.getByTestId('address-place')).toHaveCount(2);
    await kiosk.check('input-newAddress-several-towns');
    await page.locator('[data-testid=address-place][data-town="蘇我町"]').click();
    await addressRest(kiosk, { chome: '2', ban: '14', building: 'サクラ', latin: 'B12' });
    await expect(composed(page)).toHaveText(`〒260-0822 ${line}`);
    await kiosk.check('input-newAddress-composed', { fullPage: true });
  });
  expect(asked).toContain('newAddress');
  expect(asked).not.toContain('newPostalCode');
  await expectPrinted(kiosk, cupsOut, line, '2600822');
});

test('in Japanese: without a postal code, prefecture → city → town from lists', async ({
  kiosk,
  cards,
  cupsOut,
}) => {
  await cards.start('ordinary');
  await toInputs(kiosk, 'ja');
  const page = kiosk.page;
  const line = '神奈川県横浜市中区日本大通1番2号 サクラ304';
  await fillInputs(kiosk, { ...MOVING_INPUTS, newAddress: 'asIs' }, async (key) => {
    if (key !== 'newAddress') return;
    await page.getByTestId('address-no-postal').click();
    await page.locator('[data-testid=address-pref][data-code="14"]').click();
    await kiosk.check('input-newAddress-cities');
    await page.locator('[data-testid=address-city][data-code="14104"]').click();
    await page.locator('[data-testid=address-place][data-town="日本大通"]').click();
    await addressRest(kiosk, { ban: '1', go: '2', building: 'サクラ', latin: '304' });
    await expect(composed(page)).toHaveText(`〒231-0021 ${line}`);
    await kiosk.check('input-newAddress-from-lists');
  });
  await expectPrinted(kiosk, cupsOut, line, '2310021');
});

test.describe('a terminal in 横浜市中区', () => {
  test.use({ appOptions: { extra: { municipality: { name: '横浜市中区', code: '141046' } } } });

  test('moving within the ward: its towns listed, no postal code needed', async ({
    kiosk,
    cards,
    cupsOut,
  }) => {
    await cards.start('ordinary');
    await toInputs(kiosk, 'vi');
    const page = kiosk.page;
    const line = '神奈川県横浜市中区日本大通5番地 サクラ';
    await fillInputs(kiosk, { ...MOVING_INPUTS, newAddress: 'asIs' }, async (key) => {
      if (key !== 'newAddress') return;
      await expect(page.getByTestId('address-own-city')).toContainText('横浜市中区');
      await page.getByTestId('address-own-city').click();
      await kiosk.check('input-newAddress-own-towns');
      await page.locator('[data-testid=address-place][data-town="日本大通"]').click();
      await addressRest(kiosk, { ban: '5', building: 'サクラ' });
      await expect(composed(page)).toHaveText(`〒231-0021 ${line}`);
    });
    await expectPrinted(kiosk, cupsOut, line, '2310021');
  });
});
