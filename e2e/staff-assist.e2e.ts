/**
 * Staff assist (聞き取り): behind the operator PIN a clerk switches the session to assist mode and
 * types on the resident's behalf with a real keyboard (hiragana becomes katakana for フリガナ).
 * The staff screens: settings and the anonymous statistics by weekday and hour.
 */
import { test, expect } from './support/fixtures.ts';
import { OPERATOR_PIN } from './support/env.ts';
import {
  enterBno,
  fillInputs,
  MOVING_IN_ALONE,
  MOVING_INPUTS,
  ORDINARY_BNO,
  previewAndPrint,
  staffLogin,
  toPlan,
} from './support/steps.ts';
import { pdfText, squash, waitForPrintedPdf } from './support/printed.ts';

test('staff assist: a clerk types for the resident', async ({ kiosk, cards, cupsOut, page }) => {
  await cards.start('ordinary');
  // The session's start time is what statistics count; the test may cross an hour boundary.
  const sessionStart = new Date();
  await kiosk.open();
  await toPlan(kiosk, {
    language: 'ja',
    lifeEvent: 'moving',
    answers: MOVING_IN_ALONE,
  });

  // A wrong operator PIN is refused; the right one opens the staff menu.
  await staffLogin(kiosk, '000000');
  await expect(page.locator('[data-notice="error.wrongOperatorPin"]')).toBeVisible();
  await kiosk.check('staffLogin-wrong');
  for (const d of OPERATOR_PIN)
    await page.locator('.pad').getByRole('button', { name: d, exact: true }).click();
  await kiosk.click('[data-testid=staff-login]');
  await kiosk.screen('staffMenu');
  await page.getByTestId('assist-toggle').click();
  await expect(page.getByTestId('assist-banner')).toBeVisible();
  await kiosk.click('[data-testid=staff-back]');
  await kiosk.screen('plan', { fullPage: true });
  await expect(page.getByTestId('assist-banner')).toBeVisible();

  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('bno');
  await enterBno(kiosk, ORDINARY_BNO);
  await kiosk.click('[data-testid=bno-submit]');
  await kiosk.screen('resident');
  await kiosk.click('[data-testid=resident-ok]');

  // The clerk types フリガナ in hiragana on a physical keyboard; the kiosk stores katakana.
  const { nameKana: _kana, ...others } = MOVING_INPUTS;
  const asked = await fillInputs(kiosk, { ...others, nameKana: { text: 'やまだ たろう' } });
  expect(asked).toContain('nameKana');
  await expect(page.locator('main')).toContainText('ヤマダ\u3000タロウ');

  const jobId = await previewAndPrint(kiosk);
  const text = squash(pdfText(await waitForPrintedPdf(cupsOut, jobId)));
  expect(text).toContain('ヤマダ');
  await kiosk.click('[data-testid=finish]');
  await kiosk.screen('attract', { noShot: true });
  await expect(page.getByTestId('assist-banner'), 'assist ends with the session').toHaveCount(0);

  // Staff screens: statistics (the finished session is counted, by weekday and hour) and settings.
  await staffLogin(kiosk, OPERATOR_PIN);
  await kiosk.screen('staffMenu');
  await kiosk.click('[data-testid=open-stats]');
  await kiosk.screen('staffStats', { fullPage: true });
  await expect(page.getByTestId('stats-sessions')).not.toHaveText('0');
  // Counted in the terminal's local time (the server runs on this machine), in the hour the
  // session started: somewhere between sessionStart and now.
  const cellAt = (d: Date) =>
    page.locator('table.stats tbody tr').nth(d.getDay()).locator('td').nth(d.getHours());
  // Polled like the other screen checks (the table may still be filling in).
  await expect
    .poll(async () => [await cellAt(sessionStart).innerText(), await cellAt(new Date()).innerText()], {
      message: `sessions counted at ${sessionStart.toString()}`,
    })
    .toContainEqual(expect.stringMatching(/\S/));

  await kiosk.click('[data-testid=staff-stats-back]');
  await kiosk.screen('staffMenu');
  await kiosk.click('[data-testid=open-settings]');
  await kiosk.screen('staffSettings', { fullPage: true });
  await page.locator('#set-idle').fill('300');
  await page.getByTestId('save-settings').click();
  await expect(page.locator('[data-notice="staff.settings.saved"]')).toBeVisible();
  await kiosk.check('staffSettings-saved');
  const info = await kiosk.app.call<{ idle: { timeoutSec: number } }>('app.info');
  expect(info.idle.timeoutSec).toBe(300);
});
