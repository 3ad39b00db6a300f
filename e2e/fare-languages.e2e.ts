/**
 * The fare terminal's screens in the other languages a terminal may be set to (easy Japanese,
 * Chinese, Korean, Vietnamese, Portuguese): the driver's tap, fare, ride and repeat prompt, and the
 * clerk's eligibility and registration — each checked with axe, for touch targets, and for
 * Japanese script not marked as Japanese (the programme, operator and category names are).
 */
import { test, expect } from './support/fixtures.ts';
import { enterDeskBno } from './support/election-desk.ts';
import { fareStorePath, openFare, setUpOffice, setUpVehicle, typeFare } from './support/fare.ts';

const ALL = ['ja', 'ja-easy', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR'];

for (const lang of ['ja-easy', 'zh-Hans', 'ko', 'vi', 'pt-BR']) {
  test.describe(`fare terminal (${lang})`, () => {
    test.describe('in a vehicle', () => {
      test.use({
        appOptions: {
          extra: { mode: 'fare', terminalId: `car-${lang}`, languages: { available: ALL, default: lang } },
        },
      });

      test(`the driver's screens in ${lang}`, async ({ kiosk, app, cards, page }) => {
        test.setTimeout(150_000);
        setUpVehicle(fareStorePath(app.configPath));
        const card = await cards.start('ordinary');
        await card.command('remove');
        await openFare(kiosk);
        await expect(page.locator('html')).toHaveAttribute('lang', lang === 'ja-easy' ? 'ja' : lang);
        await card.command('insert');
        await kiosk.screen('green', { noShot: true });
        await typeFare(kiosk, '2530');
        await expect(page.getByTestId('pay')).toContainText('1,530');
        await kiosk.check('green-fare', { fullPage: true });
        await kiosk.click('[data-testid=record-ride]');
        await kiosk.screen('done', { fullPage: true });
        await card.command('remove');
        await card.command('insert');
        await kiosk.screen('repeat', { fullPage: true });
        await kiosk.click('[data-testid=repeat-no]');
        await kiosk.screen('ready', { fullPage: true });
      });
    });

    test.describe('at city hall', () => {
      test.use({
        appOptions: {
          extra: { mode: 'fare', terminalId: `hall-${lang}`, languages: { available: ALL, default: lang } },
        },
      });

      test(`the clerk's screens in ${lang}`, async ({ kiosk, app, cards, page }) => {
        test.setTimeout(150_000);
        setUpOffice(fareStorePath(app.configPath));
        const card = await cards.start('ordinary');
        await card.command('remove');
        await openFare(kiosk);
        await card.command('insert');
        await kiosk.screen('cardBno');
        await enterDeskBno(kiosk);
        await kiosk.screen('eligibility', { fullPage: true });
        await expect(page.getByTestId('eligibility')).toHaveAttribute('data-reason', 'TOO_YOUNG');
        await page.getByTestId('category-licence-returned').check();
        await expect(page.getByTestId('eligibility')).toHaveAttribute('data-eligible', 'yes');
        await page.getByTestId('consent').check();
        await kiosk.check('eligibility-category', { fullPage: true });
        await kiosk.click('[data-testid=register]');
        await kiosk.screen('registered', { fullPage: true });
        await kiosk.click('[data-testid=next-resident]');
        await kiosk.click('[data-testid=open-block]');
        await kiosk.screen('block', { fullPage: true });
      });
    });
  });
}
