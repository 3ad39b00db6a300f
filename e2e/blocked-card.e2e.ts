/**
 * When the card cannot be used: a blocked PIN is explained kindly and blank forms print instead;
 * a card that is not a My Number Card and a missing reader each have their own screen.
 */
import { test, expect } from './support/fixtures.ts';
import { MOVING_IN_ALONE, previewAndPrint, toPlan } from './support/steps.ts';
import { pdfText, squash, waitForPrintedPdf } from './support/printed.ts';

const birth = {
  language: 'ja',
  lifeEvent: 'birth',
  answers: [
    ['receivingAllowance', 'false'],
    ['kokuho', 'false'],
  ] as Array<[string, string]>,
};

test('a blocked card leads to blank forms', async ({ kiosk, app, cards, cupsOut, page }) => {
  await cards.start('blocked');
  await kiosk.open();
  await toPlan(kiosk, birth);
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('blocked');
  await expect(page.locator('main')).toContainText('窓口');
  const calls = await app.call<{ calls: Array<{ name: string }> }>('diagnostics.get');
  expect(
    calls.calls.some((c) => c.name === 'card.read'),
    'a blocked card is never tried',
  ).toBe(false);

  await kiosk.click('[data-testid=blank-forms]');
  const jobId = await previewAndPrint(kiosk);
  const text = squash(pdfText(await waitForPrintedPdf(cupsOut, jobId)));
  expect(text.length).toBeGreaterThan(0);
  expect(text, 'blank forms carry nobody’s data').not.toContain('高橋');
  expect(text).not.toContain('853167029488');
  await kiosk.click('[data-testid=finish]');
  await kiosk.screen('attract', { noShot: true });
});

test('a card that is not a My Number Card has its own screen', async ({ kiosk, cards, page }) => {
  const card = await cards.start('not-mynumber');
  await kiosk.open();
  await toPlan(kiosk, {
    language: 'ja',
    lifeEvent: 'moving',
    answers: MOVING_IN_ALONE,
  });
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('wrongCard');
  // The resident reads the screen, then swaps the card: the kiosk carries on by itself. (A swap
  // within half a second of the kiosk letting go of the card can go unseen by pcscd on the virtual
  // reader — no hand is that fast.)
  await page.waitForTimeout(1500);
  kiosk.mark();
  await card.command('insert ordinary');
  await kiosk.screen('bno');
  await expect(page.getByTestId('retries')).toContainText('10');
});

test.describe('without a card reader', () => {
  test.use({ appOptions: { readerFilter: 'No Such Reader' } });

  test('the missing reader has its own screen and blank forms are offered', async ({ kiosk, page }) => {
    await kiosk.open();
    await toPlan(kiosk, {
      language: 'ja',
      lifeEvent: 'seal-registration',
      answers: [['alsoCertificate', 'false']],
    });
    await kiosk.click('[data-testid=plan-next]');
    await kiosk.screen('noReader');
    await expect(page.getByTestId('blank-forms')).toBeVisible();
  });

  test('the demo with the virtual card is offered, and labelled once started', async ({ kiosk, page }) => {
    await kiosk.open();
    await expect(
      page.getByTestId('start-demo'),
      'app.info demo.offerable without the configured reader',
    ).toBeVisible();
    await toPlan(kiosk, {
      language: 'ja',
      lifeEvent: 'seal-registration',
      answers: [['alsoCertificate', 'false']],
    });
    await kiosk.click('[data-testid=plan-next]');
    await kiosk.screen('noReader', { noShot: true });
    await kiosk.click('[data-testid=start-demo]');
    await kiosk.screen('placeCard', { fullPage: true });
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    kiosk.mark();
    await page.locator('[data-persona="ordinary"]').click();
    await kiosk.screen('bno');
  });
});
