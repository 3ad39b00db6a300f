/**
 * Every screen in every language, checked by axe (no serious or critical violation) and
 * photographed: the demo with the virtual card walks the whole journey and its side roads (wrong
 * PIN screen, last try, blocked card, wrong card, card removed, staff screens, idle countdown) in
 * each of the seven languages; a terminal without a reader shows its screen in each language too.
 * One test per language (each a few minutes), so the Playwright workers share them out.
 */
import { test, expect } from './support/fixtures.ts';
import { OPERATOR_PIN } from './support/env.ts';
import {
  enterBno,
  fillInputs,
  MOVING_INPUTS,
  MOVING_IN_ALONE,
  ORDINARY_BNO,
  previewAndPrint,
  staffLogin,
  toPlan,
} from './support/steps.ts';
import type { KioskPage } from './support/kiosk.ts';

const LANGUAGES = ['ja', 'ja-easy', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR'];
const B = ORDINARY_BNO;
const MOVING = MOVING_IN_ALONE;

async function startOver(k: KioskPage): Promise<void> {
  await k.page.locator('header .btn.danger').click();
  await k.page.locator('dialog[open] .btn.danger').click();
  await k.screen('attract', { noShot: true });
}

async function toPlaceCard(k: KioskPage, lang: string): Promise<void> {
  // Each road starts with an empty virtual reader.
  await k.app.call('demo.removeCard');
  await toPlan(k, { language: lang, lifeEvent: 'moving', answers: MOVING });
  await k.click('[data-testid=plan-next]');
  await k.screen('placeCard', { fullPage: true });
}

async function insert(k: KioskPage, persona: string): Promise<void> {
  k.mark();
  await k.page.locator(`[data-persona="${persona}"]`).click();
}

/** The <html lang> a language's pages carry (やさしい日本語 is Japanese to a screen reader). */
const htmlLang = (lang: string) => (lang === 'ja-easy' ? 'ja' : lang);

test.describe.configure({ mode: 'parallel' });

test.describe('demo terminal', () => {
  test.use({ appOptions: { demo: true } });

  for (const lang of LANGUAGES) {
    test(`every screen in ${lang} passes axe`, async ({ kiosk, page }) => {
      test.setTimeout(480_000);
      await kiosk.open();
      await expect(page.getByTestId('demo-banner')).toBeVisible();

      // The main road: B, inputs, preview, print, done.
      await toPlaceCard(kiosk, lang);
      await insert(kiosk, 'ordinary');
      await kiosk.screen('bno');
      await enterBno(kiosk, B, { shots: true });
      await kiosk.click('[data-testid=bno-submit]');
      await kiosk.screen('resident');
      await kiosk.click('[data-testid=resident-ok]');
      await fillInputs(kiosk, MOVING_INPUTS);
      await previewAndPrint(kiosk);
      await kiosk.click('[data-testid=finish]');
      await kiosk.screen('attract');

      // Side roads: card removed, blocked, last try, wrong card.
      await toPlaceCard(kiosk, lang);
      await insert(kiosk, 'ordinary');
      await kiosk.screen('bno', { noShot: true });
      // The resident lifts the virtual card off the reader.
      kiosk.mark();
      await kiosk.app.call('demo.removeCard');
      await kiosk.screen('cardRemoved');
      await insert(kiosk, 'blocked');
      await kiosk.screen('blocked');
      await startOver(kiosk);

      await toPlaceCard(kiosk, lang);
      await insert(kiosk, 'one-try-left');
      await kiosk.screen('lastTry');
      await kiosk.click('[data-testid=confirm-last-try]');
      await kiosk.screen('bno', { noShot: true });
      await startOver(kiosk);

      await toPlaceCard(kiosk, lang);
      await insert(kiosk, 'not-mynumber');
      await kiosk.screen('wrongCard');
      await startOver(kiosk);

      // The staff screens.
      await staffLogin(kiosk, OPERATOR_PIN);
      await kiosk.screen('staffMenu');
      await kiosk.click('[data-testid=open-settings]');
      await kiosk.screen('staffSettings', { fullPage: true });
      await kiosk.click('[data-testid=staff-settings-back]');
      await kiosk.screen('staffMenu', { noShot: true });
      await kiosk.click('[data-testid=open-stats]');
      await kiosk.screen('staffStats', { fullPage: true });
      await kiosk.click('[data-testid=staff-stats-back]');
      await kiosk.screen('staffMenu', { noShot: true });
      await kiosk.click('[data-testid=staff-logout]');
      await kiosk.screen('attract', { noShot: true });

      // Every resident screen after the language choice was in the chosen language (the start and
      // language screens come before it). The staff screens are the terminal's (Japanese): a visit's
      // language ends with the visit.
      const isStaff = (s: { screen: string }) => s.screen.startsWith('staff');
      const chosen = kiosk.seen.filter((s) => s.screen !== 'attract' && s.screen !== 'language');
      const resident = chosen.filter((s) => !isStaff(s));
      expect(resident.length).toBeGreaterThan(20);
      expect(new Set(resident.map((s) => s.language))).toEqual(new Set([htmlLang(lang)]));
      expect(new Set(chosen.filter(isStaff).map((s) => s.language))).toEqual(new Set(['ja']));
    });
  }
});

test.describe('idle countdown', () => {
  test.use({ appOptions: { demo: true, idle: { timeoutSec: 15, warningSec: 10 } } });

  test('the idle countdown in every language passes axe', async ({ kiosk, page }) => {
    test.setTimeout(480_000);
    await kiosk.open();
    for (const lang of LANGUAGES) {
      // A plan in the session (something to lose), then hands off: the countdown comes by itself.
      await toPlan(kiosk, {
        language: lang,
        lifeEvent: 'seal-registration',
        answers: [['alsoCertificate', 'false']],
      });
      await expect(page.getByTestId('idle-countdown')).toBeVisible({ timeout: 30_000 });
      await kiosk.check('idle-warning');
      await page.locator('dialog[open] .btn.primary').click();
      await expect(page.getByTestId('idle-countdown')).toBeHidden();
      await startOver(kiosk);
    }
  });
});

test.describe('terminal without a reader', () => {
  test.use({ appOptions: { readerFilter: 'No Such Reader' } });

  test('the no-reader screen in every language passes axe', async ({ kiosk }) => {
    await kiosk.open();
    for (const lang of LANGUAGES) {
      await toPlan(kiosk, {
        language: lang,
        lifeEvent: 'seal-registration',
        answers: [['alsoCertificate', 'false']],
      });
      await kiosk.click('[data-testid=plan-next]');
      await kiosk.screen('noReader');
      await startOver(kiosk);
    }
  });
});
