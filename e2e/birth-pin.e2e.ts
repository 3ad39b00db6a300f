/**
 * A birth: the child allowance form prints the 個人番号, so the kiosk asks for the 4-digit PIN
 * (not 照合番号B) and says why. The 個人番号 appears on that printed form and nowhere on screen.
 */
import { test, expect } from './support/fixtures.ts';
import { recordMetric } from './support/report.ts';
import {
  BIRTH_INPUTS,
  enterPin,
  fillInputs,
  finishAndCheckWiped,
  previewAndPrint,
  toPlan,
} from './support/steps.ts';
import { pdfText, squash, waitForPrintedPdf } from './support/printed.ts';

const MY_NUMBER = '123456789018'; // the ordinary persona's (a test number)

test('a birth uses the PIN because a form needs the 個人番号', async ({ kiosk, cards, cupsOut, page }) => {
  await cards.start('ordinary');
  await kiosk.open();
  await toPlan(kiosk, {
    language: 'ja',
    lifeEvent: 'birth',
    answers: [
      ['receivingAllowance', 'false'],
      ['kokuho', 'false'],
    ],
  });
  await expect(page.locator('.tag.pin').first()).toBeVisible();

  // The card is already on the reader: the kiosk goes straight to the PIN and says why.
  const t0 = performance.now();
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('pin');
  const identifyMs = performance.now() - t0;
  await expect(page.getByTestId('why-method')).toHaveAttribute('data-method', 'pin');
  await expect(page.getByTestId('retries')).toContainText('3');

  const submitAt = performance.now();
  await enterPin(kiosk, '1234');
  await kiosk.screen('resident');
  const readMs = performance.now() - submitAt;
  recordMetric({
    kind: 'card-to-data',
    journey: kiosk.journey,
    method: 'pin',
    identifyMs,
    readMs,
    totalMs: identifyMs + readMs,
  });
  await expect(page.getByTestId('resident')).toContainText('個人番号');
  await expect(page.locator('body')).not.toContainText(MY_NUMBER);

  await kiosk.click('[data-testid=resident-ok]');
  await fillInputs(kiosk, BIRTH_INPUTS);
  const jobId = await previewAndPrint(kiosk);
  const text = squash(pdfText(await waitForPrintedPdf(cupsOut, jobId)));
  expect(text, 'the form that needs it carries the 個人番号').toContain(MY_NUMBER);
  expect(text).toContain('山田');
  await finishAndCheckWiped(kiosk, '山田');
});
