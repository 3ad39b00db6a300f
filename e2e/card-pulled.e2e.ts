/**
 * The card is pulled out: during reading (the kiosk says so, nothing was read, the resident puts it
 * back and carries on), and after reading (everything personal is wiped at once).
 */
import { test, expect } from './support/fixtures.ts';
import {
  enterBno,
  fillInputs,
  MOVING_INPUTS,
  MOVING_IN_ALONE,
  ORDINARY_BNO,
  previewAndPrint,
  toPlan,
} from './support/steps.ts';
import { pdfText, squash, waitForPrintedPdf } from './support/printed.ts';

const B = ORDINARY_BNO;
const moving = { language: 'ja', lifeEvent: 'moving', answers: MOVING_IN_ALONE };

test('card pulled during reading, put back, journey completes', async ({ kiosk, cards, cupsOut, page }) => {
  const card = await cards.start('ordinary');
  await kiosk.open();
  await toPlan(kiosk, moving);
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('bno');
  await enterBno(kiosk, B);
  // The card leaves the reader right after the first APDU of the read (the VERIFY).
  await card.command('pull-after 1');
  await kiosk.click('[data-testid=bno-submit]');
  await kiosk.screen('cardRemoved');
  await expect(page.locator('main')).toContainText('もう一度');
  expect((await kiosk.session()).hasResident).toBe(false);

  kiosk.mark();
  await card.command('insert');
  await kiosk.screen('bno');
  await expect(page.getByTestId('retries')).toContainText('10');
  await enterBno(kiosk, B);
  await kiosk.click('[data-testid=bno-submit]');
  await kiosk.screen('resident');
  await kiosk.click('[data-testid=resident-ok]');
  await fillInputs(kiosk, MOVING_INPUTS);
  const jobId = await previewAndPrint(kiosk);
  expect(squash(pdfText(await waitForPrintedPdf(cupsOut, jobId)))).toContain('山田');
});

test('card pulled after reading wipes the session', async ({ kiosk, cards, page }) => {
  const card = await cards.start('ordinary');
  await kiosk.open();
  await toPlan(kiosk, moving);
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('bno');
  await enterBno(kiosk, B);
  await kiosk.click('[data-testid=bno-submit]');
  await kiosk.screen('resident');
  expect((await kiosk.session()).hasResident).toBe(true);
  await expect(page.getByTestId('card-note')).toBeVisible();

  kiosk.mark();
  await card.command('remove');
  await kiosk.screen('cardRemoved');
  const s = await kiosk.session();
  expect(s.hasResident).toBe(false);
  expect(s.hasPlan).toBe(false);
  await expect(page.locator('body')).not.toContainText('山田');
  await kiosk.click('[data-testid=to-start]');
  await kiosk.screen('attract', { noShot: true });
});
