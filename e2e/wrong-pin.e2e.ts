/**
 * A wrong PIN, then the right one: the tries left are shown before each try and after the wrong
 * one, nothing is retried behind the resident's back, and a right PIN restores the counter.
 */
import { test, expect } from './support/fixtures.ts';
import {
  BIRTH_INPUTS,
  enterPin,
  fillInputs,
  finishAndCheckWiped,
  previewAndPrint,
  toPlan,
} from './support/steps.ts';
import { pdfText, squash, waitForPrintedPdf } from './support/printed.ts';

test('wrong PIN then right PIN', async ({ kiosk, app, cards, cupsOut, page }) => {
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
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('pin');
  await expect(page.getByTestId('retries')).toContainText('3');

  await enterPin(kiosk, '9999');
  await expect(page.locator('[data-notice="card.pin.wrong"]')).toContainText('2');
  await expect(page.getByTestId('retries')).toContainText('2');
  await kiosk.check('pin-after-wrong');
  const reads = async () =>
    (await app.call<{ calls: Array<{ name: string; count: number }> }>('diagnostics.get')).calls.find(
      (c) => c.name === 'card.read',
    )?.count ?? 0;
  expect(await reads(), 'one try, one card.read').toBe(1);

  await enterPin(kiosk, '1234');
  await kiosk.screen('resident');
  expect(await reads()).toBe(2);
  const retries = await app.call<{ pin: number | null }>('card.retries');
  expect(retries.pin, 'a right PIN resets the counter').toBe(3);

  await kiosk.click('[data-testid=resident-ok]');
  await fillInputs(kiosk, BIRTH_INPUTS);
  const jobId = await previewAndPrint(kiosk);
  const text = squash(pdfText(await waitForPrintedPdf(cupsOut, jobId)));
  expect(text).toContain('山田');
  await finishAndCheckWiped(kiosk, '山田');
});

test('the last try needs a confirmation', async ({ kiosk, app, cards, page }) => {
  await cards.start('one-try-left');
  await kiosk.open();
  await toPlan(kiosk, {
    language: 'ja',
    lifeEvent: 'birth',
    answers: [
      ['receivingAllowance', 'false'],
      ['kokuho', 'false'],
    ],
  });
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('lastTry');
  const before = await app.call<{ calls: Array<{ name: string }> }>('diagnostics.get');
  expect(
    before.calls.some((c) => c.name === 'card.read'),
    'no try is spent before the confirmation',
  ).toBe(false);
  await kiosk.click('[data-testid=confirm-last-try]');
  await kiosk.screen('pin');
  await expect(page.getByRole('alert').first()).toBeVisible();
  await enterPin(kiosk, '5555');
  await kiosk.screen('resident');
  await expect(page.getByTestId('resident-name')).toHaveText('鈴木　一郎');
  await kiosk.button('最初から');
  await kiosk.page.getByRole('button', { name: 'はい、最初から' }).click();
  await kiosk.screen('attract', { noShot: true });
  expect((await kiosk.session()).hasResident).toBe(false);
});
