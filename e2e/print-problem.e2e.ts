/**
 * The printer stops (out of paper, jam): the resident is told plainly and asked to call staff;
 * once staff fix it, "print again" prints the same documents.
 */
import { test, expect } from './support/fixtures.ts';
import { toPlan } from './support/steps.ts';
import { cupsAdmin, ensureE2eQueue } from './support/services.ts';
import { pdfText, waitForPrintedPdf } from './support/printed.ts';

const QUEUE = 'KAKANAI-E2E-STOPPED';

test.use({ appOptions: { extra: { printer: { name: QUEUE, media: 'A4' } } } });

test.beforeAll(() => {
  // A second cups-pdf queue, stopped as a printer out of paper would be.
  ensureE2eQueue(QUEUE);
  cupsAdmin('cupsdisable', ['-r', 'media-empty: out of paper', QUEUE]);
});
test.afterAll(() => {
  try {
    cupsAdmin('lpadmin', ['-x', QUEUE]);
  } catch {
    // already gone
  }
});

test('printer problem: told plainly, fixed by staff, printed again', async ({ kiosk, cupsOut, page }) => {
  await kiosk.open();
  await toPlan(kiosk, {
    language: 'ja',
    lifeEvent: 'seal-registration',
    answers: [['alsoCertificate', 'false']],
  });
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('placeCard');
  await kiosk.click('[data-testid=blank-forms]');
  await kiosk.screen('confirm', { noShot: true });
  await expect(page.getByTestId('preview-pages').locator('img').first()).toBeVisible({ timeout: 30_000 });
  await kiosk.click('[data-testid=print]');
  await kiosk.screen('printing');
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.getByTestId('print-retry')).toBeVisible();

  // Staff refill the paper and restart the queue.
  cupsAdmin('cupsenable', [QUEUE]);
  await kiosk.click('[data-testid=print-retry]');
  await kiosk.screen('done', { timeoutMs: 60_000 });
  const jobId = await page.locator('[data-job]').getAttribute('data-job');
  expect(jobId).toBeTruthy();
  const text = pdfText(await waitForPrintedPdf(cupsOut, jobId!));
  expect(text.trim().length).toBeGreaterThan(0);
});
