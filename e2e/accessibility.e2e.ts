/**
 * Beyond axe: the kiosk works with a keyboard alone, the large-text and high-contrast displays keep
 * every screen usable (axe + 60 px targets are checked on each), and voice guidance speaks each
 * screen in the resident's language once it is switched on. Runs with the demo virtual card.
 */
import { test, expect } from './support/fixtures.ts';
import type { Page } from '@playwright/test';
import { axeViolations } from './support/axe.ts';
import { DELIBERATE_PREFIX } from './support/report.ts';
import { MOVING_IN_ALONE } from './support/steps.ts';

test.use({ appOptions: { demo: true } });

async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('the whole card step works with the keyboard alone', async ({ kiosk, page }) => {
  await kiosk.open();
  await expect(page.getByTestId('start')).toBeFocused();
  kiosk.mark();
  await page.keyboard.press('Enter');
  await kiosk.screen('language', { noShot: true });
  await tabTo(page, '[data-lang="ja"]');
  kiosk.mark();
  await page.keyboard.press('Enter');
  await kiosk.screen('lifeEvent', { noShot: true });
  await tabTo(page, '[data-life-event="moving"]');
  kiosk.mark();
  await page.keyboard.press('Enter');
  for (const [q, a] of MOVING_IN_ALONE) {
    await kiosk.screen(`question:${q}`, { noShot: true });
    await tabTo(page, `[data-answer="${a}"]`);
    kiosk.mark();
    await page.keyboard.press('Enter');
  }
  await kiosk.screen('plan', { noShot: true });
  await tabTo(page, '[data-testid=plan-next]');
  await page.keyboard.press('Enter');
  await kiosk.screen('placeCard', { noShot: true });
  await tabTo(page, '[data-persona="ordinary"]');
  kiosk.mark();
  await page.keyboard.press('Enter');
  await kiosk.screen('bno', { noShot: true });
  await tabTo(page, '[data-era="showa"]');
  await page.keyboard.press('Enter');
  // Digits and Enter go straight to the number pad.
  for (const part of ['55', '2', '17', '2035', '2285']) {
    await page.keyboard.type(part);
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('bno-step')).toHaveAttribute('data-step', 'review');
  await tabTo(page, '[data-testid=bno-submit]');
  kiosk.mark();
  await page.keyboard.press('Enter');
  await kiosk.screen('resident', { noShot: true });
  await tabTo(page, '[data-testid=resident-ok]');
  kiosk.mark();
  await page.keyboard.press('Enter');
  await kiosk.screen('input', { noShot: true });

  // Start over from the keyboard: the dialog takes the focus and answers to Tab and Enter.
  await tabTo(page, 'header .btn.danger');
  await page.keyboard.press('Enter');
  await expect(page.locator('dialog[open]')).toBeVisible();
  await tabTo(page, 'dialog[open] .btn.danger');
  kiosk.mark();
  await page.keyboard.press('Enter');
  await kiosk.screen('attract', { noShot: true });
  expect((await kiosk.session()).hasResident).toBe(false);
});

test('large text and high contrast keep every screen usable', async ({ kiosk, page }) => {
  await kiosk.open();
  await page.getByTestId('text-size-button').click();
  await page.getByTestId('text-size-button').click();
  await page.getByRole('button', { name: '白黒反転' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-size', 'xlarge');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  await kiosk.check('attract-xlarge-contrast');
  await kiosk.click('[data-testid=start]');
  await kiosk.screen('language', { name: 'language-xlarge-contrast' });
  await kiosk.click('[data-lang="ja"]');
  await kiosk.screen('lifeEvent', { name: 'lifeEvent-xlarge-contrast', fullPage: true });
  await kiosk.click('[data-life-event="moving"]');
  for (const [q, a] of [
    ['moveType', 'tennyu'],
    ['who', 'self'],
    ['kokuho', 'false'],
  ]) {
    await kiosk.screen(`question:${q}`, { name: `question-xlarge-contrast` });
    await kiosk.click(`[data-answer="${a}"]`);
  }
  await kiosk.screen('question:pension', { noShot: true });
  await kiosk.click('[data-answer="false"]');
  await kiosk.screen('plan', { name: 'plan-xlarge-contrast', fullPage: true });
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('placeCard', { name: 'placeCard-xlarge-contrast', fullPage: true });
  await kiosk.click('[data-persona="ordinary"]');
  await kiosk.screen('bno', { name: 'bno-xlarge-contrast', fullPage: true });
  // The resident's display choices are theirs only: the next resident gets the defaults.
  await page.locator('header .btn.danger').click();
  await page.locator('dialog[open] .btn.danger').click();
  await kiosk.screen('attract', { noShot: true });
  await expect(page.locator('html')).toHaveAttribute('data-size', 'normal');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'normal');
});

test('voice guidance speaks each screen in the chosen language once switched on', async ({ kiosk, page }) => {
  // Record what the page asks the speech engine to say (the container has no audio device).
  await page.addInitScript(() => {
    const said: Array<{ text: string; lang: string }> = [];
    (window as unknown as { __said: typeof said }).__said = said;
    window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
      said.push({ text: u.text, lang: u.lang });
    };
  });
  await kiosk.open();
  const said = () =>
    page.evaluate(() => (window as unknown as { __said: Array<{ text: string; lang: string }> }).__said);
  await kiosk.click('[data-testid=start]');
  await kiosk.screen('language', { noShot: true });
  expect(await said(), 'silent until switched on').toEqual([]);
  await page.getByRole('button', { name: '音声案内' }).click();
  await expect(page.getByRole('button', { name: '音声案内' })).toHaveAttribute('aria-pressed', 'true');
  await kiosk.click('[data-lang="en"]');
  await kiosk.screen('lifeEvent', { noShot: true });
  await expect
    .poll(async () => (await said()).at(-1))
    .toEqual({
      text: 'What brings you here today? Choose one.',
      lang: 'en',
    });
});

test('the per-screen axe check fails a screen that breaks the rules, also after a reload', async ({
  kiosk,
  page,
}) => {
  await kiosk.open();
  // A screen with faults a resident would meet: grey-on-white text, a button with no name, a
  // picture with no text. Each must be named, and the check every journey relies on must fail.
  const spoil = () =>
    page.evaluate(() => {
      const main = document.querySelector('main')!;
      // Built through the DOM, not HTML: the kiosk's CSP forbids inline style attributes.
      const faint = document.createElement('p');
      faint.textContent = '薄い文字';
      faint.style.color = '#bbb';
      faint.style.background = '#fff';
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      main.append(faint, document.createElement('button'), img);
    });
  for (const round of ['first load', 'after reload']) {
    await spoil();
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids, round).toEqual(expect.arrayContaining(['color-contrast', 'button-name', 'image-alt']));
    await expect(kiosk.check(`${DELIBERATE_PREFIX}spoiled`, { noShot: true }), round).rejects.toThrow(
      /button-name/,
    );
    await page.reload();
    await page.locator('[data-screen="attract"]').waitFor();
  }
});
