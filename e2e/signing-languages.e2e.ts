/**
 * 電子署名して提出 in every language: one visit per card, and on each signing screen the resident
 * switches through the seven languages with the top bar — axe, touch targets, bundled fonts and
 * Japanese (form titles, the holder's name, the 電子署名済 stamp) marked as Japanese inside
 * translated sentences, every character drawn with a bundled font, each photographed. The 'ordinary' card walks the offer, the choice, the
 * keyboard with tries, a wrong password, the last try, the signed pages, sent and done, and the
 * staff inbox; a locked certificate and a card without one show their own screens.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test, expect } from './support/fixtures.ts';
import { OPERATOR_PIN, REPO_ROOT } from './support/env.ts';
import { textNotInBundledFonts } from './support/fonts.ts';
import type { KioskPage } from './support/kiosk.ts';
import {
  enterBno,
  fillInputs,
  MOVING_IN_ALONE,
  MOVING_INPUTS,
  ORDINARY_BNO,
  staffLogin,
  switchLanguage,
  toPlan,
  type BnoEntry,
} from './support/steps.ts';

const LANGUAGES = ['ja-easy', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR', 'ja'];
const htmlLang = (lang: string) => (lang === 'ja-easy' ? 'ja' : lang);

test.use({
  appOptions: {
    extra: { inbox: { dir: 'inbox', trustDir: join(REPO_ROOT, 'assets/trust/test') } },
  },
});
test.describe.configure({ mode: 'parallel' });

/** The screen on view, checked in every language (ending in Japanese). */
async function everyLanguage(k: KioskPage, screen: string, fullPage = false): Promise<void> {
  for (const lang of LANGUAGES) {
    await switchLanguage(k, lang, htmlLang(lang));
    await k.page.locator(`main[data-screen="${screen}"]`).waitFor();
    await k.check(`${screen}`, { fullPage });
    expect(
      await textNotInBundledFonts(k.page),
      `text outside the bundled fonts on ${screen} [${lang}]`,
    ).toEqual([]);
  }
}

async function toSigning(k: KioskPage, bno: BnoEntry): Promise<void> {
  await k.open();
  await toPlan(k, { language: 'ja', lifeEvent: 'moving', answers: MOVING_IN_ALONE });
  await k.click('[data-testid=plan-next]');
  await k.screen('bno', { noShot: true });
  await enterBno(k, bno);
  await k.click('[data-testid=bno-submit]');
  await k.screen('resident', { noShot: true });
  await k.click('[data-testid=resident-ok]');
  await fillInputs(k, { ...MOVING_INPUTS, moveType: { option: 'tennyu' } });
  await k.screen('confirm', { noShot: true });
  await expect(k.page.getByTestId('sign-offer')).toBeVisible({ timeout: 30_000 });
  await k.page.getByTestId('sign-offer').scrollIntoViewIfNeeded();
  await everyLanguage(k, 'confirm');
  await k.click('[data-testid=sign-start]');
  await k.screen('signChoose', { noShot: true });
  await everyLanguage(k, 'signChoose');
  await k.click('[data-testid=sign-next]');
}

async function typePassword(k: KioskPage, password: string): Promise<void> {
  for (const c of password) await k.page.locator(`.password-keys [data-key="${c}"]`).click();
  await k.click('[data-testid=password-ok]');
}

test('the signing screens in every language (ordinary card)', async ({ kiosk, app, cards, page }) => {
  test.setTimeout(480_000);
  mkdirSync(join(dirname(app.configPath), 'inbox'));
  await cards.start('ordinary');
  await toSigning(kiosk, ORDINARY_BNO);
  await kiosk.screen('signPassword', { noShot: true });
  await everyLanguage(kiosk, 'signPassword');
  // Four wrong tries: the notice with the tries left, then the last-try question.
  for (let left = 4; left >= 2; left--) {
    await typePassword(kiosk, 'WRONG9');
    await expect(page.getByTestId('sign-retries')).toContainText(String(left));
  }
  await everyLanguage(kiosk, 'signPassword');
  await typePassword(kiosk, 'WRONG9');
  await kiosk.screen('signLastTry', { noShot: true });
  await everyLanguage(kiosk, 'signLastTry');
  await kiosk.click('[data-testid=sign-confirm-last-try]');
  await kiosk.screen('signPassword', { noShot: true });
  await typePassword(kiosk, 'ABC123');
  await kiosk.screen('signed', { timeoutMs: 60_000, noShot: true });
  await expect(page.getByTestId('preview-pages').locator('img').first()).toBeVisible({ timeout: 30_000 });
  await everyLanguage(kiosk, 'signed');
  await kiosk.click('[data-testid=sign-send]');
  await kiosk.screen('signSent', { noShot: true });
  await everyLanguage(kiosk, 'signSent');
  await kiosk.click('[data-testid=sign-next]');
  await kiosk.screen('done', { noShot: true });
  await everyLanguage(kiosk, 'done');
  await kiosk.click('[data-testid=finish]');
  await kiosk.screen('attract', { noShot: true });

  await staffLogin(kiosk, OPERATOR_PIN);
  await kiosk.screen('staffMenu', { noShot: true });
  await kiosk.click('[data-testid=open-inbox]');
  await kiosk.screen('staffInbox', { noShot: true });
  await expect(page.getByTestId('inbox-application')).toHaveAttribute('data-status', 'valid');
  await page.getByTestId('inbox-application').locator('summary').click();
  await everyLanguage(kiosk, 'staffInbox', true);
});

test('a locked signing certificate in every language', async ({ kiosk, cards }) => {
  test.setTimeout(300_000);
  await cards.start('sign-blocked');
  await toSigning(kiosk, {
    era: 'showa',
    year: '47',
    month: '6',
    day: '30',
    expiryYear: '2034',
    securityCode: '4417',
  });
  await kiosk.screen('signBlocked', { noShot: true });
  await everyLanguage(kiosk, 'signBlocked');
});

test('a card without a signing certificate in every language', async ({ kiosk, cards }) => {
  test.setTimeout(300_000);
  await cards.start('no-signing-cert');
  await toSigning(kiosk, {
    era: 'heisei',
    year: '24',
    month: '5',
    day: '14',
    expiryYear: '2027',
    securityCode: '0514',
  });
  await kiosk.screen('signNoCert', { noShot: true });
  await everyLanguage(kiosk, 'signNoCert');
});
