/**
 * The shelter entrance's screens in the other languages a laptop may be set to (Chinese, Korean,
 * Vietnamese, Portuguese): ready, registration, a household with a Japanese family, the dashboard
 * and a safety answer — each checked with axe, for touch targets, and for Japanese script that is
 * not marked as Japanese (names and shelters are; the sentences around them are translated).
 */
import { test, expect } from './support/fixtures.ts';
import { openShelter, setUpShelterStore, shelterStorePath } from './support/shelter.ts';

const ALL = ['ja', 'ja-easy', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR'];

for (const lang of ['zh-Hans', 'ko', 'vi', 'pt-BR']) {
  test.describe(`shelter entrance (${lang})`, () => {
    test.use({
      appOptions: {
        extra: { mode: 'shelter', terminalId: `gym-${lang}`, languages: { available: ALL, default: lang } },
      },
    });

    test(`the entrance's screens in ${lang}`, async ({ kiosk, app, page }) => {
      test.setTimeout(120_000);
      setUpShelterStore(shelterStorePath(app.configPath), `gym-${lang}`);
      await openShelter(kiosk);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await kiosk.click('[data-testid=open-register]');
      await kiosk.screen('register');
      await kiosk.click('[data-testid=reg-kana-pad]');
      await kiosk.check('register-kana-pad', { fullPage: true });
      await page.getByTestId('reg-name').fill('Ana Souza');
      await page.getByTestId('reg-birth').fill('1991-07-07');
      await kiosk.click('[data-testid=reg-submit]');
      await kiosk.screen('household', { name: 'household-registered' });
      await kiosk.click('[data-testid=next]');
      await kiosk.click('[data-testid=open-search]');
      await kiosk.screen('search', { noShot: true });
      await page.getByTestId('search-kana').fill('やまだ');
      await page.getByTestId('search-submit').click();
      await expect(page.getByTestId('candidate')).toHaveCount(4);
      await kiosk.check('search-results', { fullPage: true });
      kiosk.mark();
      await page.getByTestId('candidate').first().getByTestId('choose').click();
      await kiosk.screen('household', { name: 'household-listed' });
      await page.getByTestId('tick-all').click();
      await kiosk.click('[data-testid=move-arrive]');
      await expect(page.getByTestId('flash')).toBeVisible();
      await kiosk.check('household-arrived', { fullPage: true });
      await page.getByTestId('member').first().getByTestId('open-person').click();
      await kiosk.screen('person', { fullPage: true });
      await kiosk.click('[data-testid=back-household]');
      await kiosk.click('[data-testid=open-dashboard]');
      await kiosk.screen('dashboard', { fullPage: true });
      await expect(page.getByTestId('total-here')).toHaveText('5');
      await kiosk.click('[data-testid=open-safety]');
      await kiosk.screen('safety', { noShot: true });
      await page.getByTestId('safety-name').fill('Ana Souza');
      await page.getByTestId('safety-birth').fill('1991-07-07');
      await page.getByTestId('safety-submit').click();
      await expect(page.getByTestId('safety-answer')).toHaveAttribute('data-answer', 'not-here');
      await kiosk.check('safety-answer');
    });
  });
}
