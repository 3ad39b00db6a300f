/**
 * Walking away: after the quiet spell a countdown the resident can cancel; when it runs out,
 * everything personal is wiped and the kiosk is back at the start. No time pressure without
 * warning: the countdown is on screen (and spoken when voice guidance is on).
 */
import { test, expect } from './support/fixtures.ts';
import {
  enterBno,
  fillInputs,
  MOVING_IN_ALONE,
  MOVING_INPUTS,
  ORDINARY_BNO,
  previewAndPrint,
  toPlan,
} from './support/steps.ts';
import { pdfText, squash, waitForPrintedPdf } from './support/printed.ts';

// Long enough that no step of the journey itself (a preview rendering on a loaded machine with two
// workers took over 9 s) looks like a resident walking away.
test.use({ appOptions: { idle: { timeoutSec: 30, warningSec: 6 } } });

test('idle timeout counts down, can be cancelled, then wipes the session', async ({
  kiosk,
  cards,
  cupsOut,
  page,
}) => {
  test.setTimeout(240_000);
  await cards.start('ordinary');
  await kiosk.open();
  await toPlan(kiosk, {
    language: 'ja',
    lifeEvent: 'moving',
    answers: MOVING_IN_ALONE,
  });
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('bno');
  await enterBno(kiosk, ORDINARY_BNO);
  await kiosk.click('[data-testid=bno-submit]');
  await kiosk.screen('resident');
  await kiosk.click('[data-testid=resident-ok]');
  await fillInputs(kiosk, MOVING_INPUTS);
  const jobId = await previewAndPrint(kiosk);
  expect(squash(pdfText(await waitForPrintedPdf(cupsOut, jobId)))).toContain('山田');

  // The resident stops touching the screen on the done screen.
  const countdown = page.getByTestId('idle-countdown');
  await expect(countdown).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await kiosk.check('idle-warning');
  await page.getByRole('button', { name: '続けて使う' }).click();
  await expect(countdown).toBeHidden();
  expect((await kiosk.session()).hasResident, 'cancelling keeps the session').toBe(true);

  // This time nobody answers.
  await expect(countdown).toBeVisible({ timeout: 45_000 });
  await kiosk.screen('attract', { timeoutMs: 20_000 });
  const s = await kiosk.session();
  expect(s.hasResident).toBe(false);
  expect(s.hasPlan).toBe(false);
  expect(s.inputKeys).toEqual([]);
  await expect(page.locator('body')).not.toContainText('山田');
  await expect(countdown).toBeHidden();
});
