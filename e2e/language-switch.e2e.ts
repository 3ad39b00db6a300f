/**
 * Changing the language in the middle of a journey: every screen follows at once, nothing typed is
 * lost, and the printed forms stay in Japanese.
 */
import { test, expect } from './support/fixtures.ts';
import {
  enterBno,
  fillInputs,
  MOVING_IN_ALONE,
  MOVING_INPUTS,
  ORDINARY_BNO,
  previewAndPrint,
  switchLanguage,
  toPlan,
} from './support/steps.ts';
import { pdfText, squash, waitForPrintedPdf } from './support/printed.ts';

test('language switch mid-journey', async ({ kiosk, cards, cupsOut, page }) => {
  await cards.start('ordinary');
  await kiosk.open();
  await toPlan(kiosk, {
    language: 'en',
    lifeEvent: 'moving',
    answers: MOVING_IN_ALONE,
  });
  await expect(page.locator('h1')).toHaveText('Your procedures');

  await switchLanguage(kiosk, 'zh-Hans');
  await expect(page.locator('h1')).toHaveText('您需要办理的手续');
  await kiosk.check('plan', { fullPage: true });
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('bno');
  await expect(page.getByTestId('bno-step')).toContainText('出生日期');

  await switchLanguage(kiosk, 'vi');
  await expect(page.getByTestId('bno-step')).toContainText('Ngày sinh');
  await kiosk.check('bno');
  await enterBno(kiosk, ORDINARY_BNO);
  await kiosk.click('[data-testid=bno-submit]');
  await kiosk.screen('resident');
  await expect(page.locator('h1')).toHaveText('Thông tin đọc từ thẻ');

  await switchLanguage(kiosk, 'ko');
  await expect(page.locator('h1')).toHaveText('카드에서 읽은 내용');
  await kiosk.click('[data-testid=resident-ok]');
  await fillInputs(kiosk, MOVING_INPUTS);

  await switchLanguage(kiosk, 'pt-BR');
  await expect(page.locator('h1')).toHaveText('Confira antes de imprimir');
  // What was typed in Korean is still there in Portuguese.
  await expect(page.locator('[data-fix="phone"]')).toBeVisible();
  const jobId = await previewAndPrint(kiosk);
  await expect(page.locator('h1')).toHaveText('Impressão concluída');

  await switchLanguage(kiosk, 'ja-easy', 'ja');
  await expect(page.locator('h1')).toHaveText('いんさつが おわりました');
  await kiosk.check('done', { fullPage: true });

  const text = squash(pdfText(await waitForPrintedPdf(cupsOut, jobId)));
  expect(text, 'the forms stay Japanese').toContain('住民異動届');
  expect(text).toContain('山田');
  await kiosk.click('[data-testid=finish]');
  await kiosk.screen('attract', { noShot: true });
  // The next resident starts in the terminal's default language.
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
});
