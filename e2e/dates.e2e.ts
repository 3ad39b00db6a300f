/**
 * Dates a form cannot take are refused on the screen, with the dates it accepts said in words: a
 * move 80 years ahead (令和88年12月11日 once went through). A move notified late is accepted with
 * a note that the staff will ask why.
 */
import { test, expect } from './support/fixtures.ts';
import {
  answerScalar,
  enterBno,
  fillInputs,
  MOVING_IN_ALONE,
  MOVING_INPUTS,
  ORDINARY_BNO,
  reiwaDaysAgo,
  toPlan,
} from './support/steps.ts';

test('a move date outside the form’s range is refused, a late one is noted', async ({ kiosk, cards }) => {
  await cards.start('ordinary');
  await kiosk.open();
  await toPlan(kiosk, { language: 'en', lifeEvent: 'moving', answers: MOVING_IN_ALONE });
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('bno', { noShot: true });
  await enterBno(kiosk, ORDINARY_BNO);
  await kiosk.click('[data-testid=bno-submit]');
  await kiosk.screen('resident', { noShot: true });
  await kiosk.click('[data-testid=resident-ok]');
  const page = kiosk.page;
  await fillInputs(kiosk, MOVING_INPUTS, async (key) => {
    if (key !== 'moveDate') return;
    await answerScalar(kiosk, key, { date: { era: '令和', y: '88', m: '12', d: '11' } });
    await expect(page.getByTestId('date-out-of-range')).toBeVisible();
    await kiosk.check('input-moveDate-out-of-range');
    await page.locator('[data-testid=input-next]').click();
    // Still on the same screen, and nothing was saved.
    await expect(page.locator('main[data-screen="input:moveDate"]')).toHaveCount(1);
    expect((await kiosk.session()).inputKeys).not.toContain('moveDate');
    // Moved in twenty days ago: accepted, with the 14-day note (the journey then types its own).
    await answerScalar(kiosk, key, { date: reiwaDaysAgo(20) });
    await expect(page.getByTestId('date-out-of-range')).toHaveCount(0);
    await expect(page.getByTestId('date-late')).toBeVisible();
    await kiosk.check('input-moveDate-late');
  });
  await kiosk.screen('confirm', { noShot: true });
  // The confirmation writes the date in English beside the 和暦.
  await expect(page.getByTestId('local-date').first()).toBeVisible();
});
