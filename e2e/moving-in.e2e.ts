/**
 * Moving in (転入) with 照合番号B: the resident builds the number from their card with the picture,
 * answers only what the forms need, sees every page, prints, and is sent to the right counter.
 * The printed PDFs carry the card's data and what was typed — and never the 個人番号.
 */
import { test, expect } from './support/fixtures.ts';
import { recordMetric } from './support/report.ts';
import {
  enterBno,
  fillInputs,
  finishAndCheckWiped,
  MOVING_IN_ALONE,
  MOVING_ADDRESS_LINE,
  MOVING_INPUTS,
  previewAndPrint,
  toPlan,
} from './support/steps.ts';
import { pdfText, squash, waitForPrintedPdf } from './support/printed.ts';

test('moving in with 照合番号B prints the filled forms', async ({ kiosk, app, cards, cupsOut, page }) => {
  const card = await cards.start('ordinary');
  await card.command('remove'); // placed when the kiosk asks for it

  const gotoMs = await kiosk.open();
  const marks = await app.call<{ marks: Record<string, number[]> }>('diagnostics.get');
  recordMetric({
    kind: 'first-screen',
    journey: kiosk.journey,
    spawnToListeningMs: app.spawnToListeningMs,
    gotoToAttractMs: gotoMs,
    ...(marks.marks['first-screen']?.[0] !== undefined ? { rendererMs: marks.marks['first-screen'][0] } : {}),
  });

  await toPlan(kiosk, {
    language: 'ja',
    lifeEvent: 'moving',
    answers: MOVING_IN_ALONE,
  });
  await expect(page.locator('[data-procedure="tennyu-todoke"]')).toBeVisible();
  const forms = await page.locator('.form-row input[type=checkbox]').count();
  expect(forms).toBeGreaterThanOrEqual(1);

  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('placeCard');
  await expect(page.getByTestId('why-method')).toHaveAttribute('data-method', 'bno');

  // Card placed → the 照合番号B screen (pcscd notices, the kiosk identifies the card).
  const placedAt = performance.now();
  const ack = card.command('insert');
  await page.locator('main[data-screen="bno"]').waitFor();
  const identifyMs = performance.now() - placedAt;
  await ack;
  await kiosk.check('bno');
  await expect(page.getByTestId('retries')).toContainText('10');

  await enterBno(
    kiosk,
    { era: 'showa', year: '55', month: '2', day: '17', expiryYear: '2035', securityCode: '2285' },
    { shots: true },
  );
  const submitAt = performance.now();
  await kiosk.click('[data-testid=bno-submit]');
  await kiosk.screen('resident');
  const readMs = performance.now() - submitAt;
  recordMetric({
    kind: 'card-to-data',
    journey: kiosk.journey,
    method: 'bno',
    identifyMs,
    readMs,
    totalMs: identifyMs + readMs,
  });
  await expect(page.getByTestId('resident-name')).toHaveText('山田　太郎');

  await kiosk.click('[data-testid=resident-ok]');
  const asked = await fillInputs(kiosk, { ...MOVING_INPUTS, moveType: { option: 'tennyu' } });
  // Asked once each, and never for what the card says.
  expect(new Set(asked).size).toBe(asked.length);
  expect(asked).not.toContain('name');

  await expect(page.locator('[data-fix="phone"]')).toBeVisible();
  const jobId = await previewAndPrint(kiosk);
  await expect(page.locator('[data-counter="shimin"]')).toBeVisible();

  const pdf = await waitForPrintedPdf(cupsOut, jobId);
  const text = squash(pdfText(pdf));
  expect(text).toContain('山田');
  expect(text).toContain('太郎');
  expect(text).toContain('ヤマダ');
  expect(text).toContain('0451234567'.slice(0, 3));
  expect(text).toContain('住民異動届');
  // The new address as entered by touch (postal code, pads, kana and letter keys), and its code.
  expect(text).toContain(squash(MOVING_ADDRESS_LINE));
  expect(text).toContain('2310021');
  expect(text, 'the 個人番号 is never printed on a 照合番号B journey').not.toContain('123456789018');

  await finishAndCheckWiped(kiosk, '山田');
});
