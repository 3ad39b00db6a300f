/**
 * The fare terminal in a real Chromium over the real PC/SC path (pcscd + vpcd + the virtual card):
 *
 * - the driver: the passenger taps (no PIN) → green with the rides left → the metered fare on the
 *   pad, the subsidy and what the passenger pays → recorded, the receipt printed through CUPS and
 *   read back; the same card again within a minute asks first; the daily cap in red; a card that
 *   was never registered in red;
 * - the clerk at city hall: the card read with 照合番号B → not eligible by age, explained with the
 *   date → a category ticked → eligible → the resident's consent → registered; then the lost card
 *   found by name and birth date and blocked.
 */
import { test, expect } from './support/fixtures.ts';
import { enterDeskBno } from './support/election-desk.ts';
import { fareStorePath, openFare, setUpOffice, setUpVehicle, typeFare } from './support/fare.ts';
import { pdfText, squash, waitForPrintedPdf } from './support/printed.ts';

test.describe('fare terminal in a vehicle (ja)', () => {
  test.use({ appOptions: { extra: { mode: 'fare', terminalId: 'car-101' } } });

  test('tap → green → fare → recorded with a receipt; a repeat asks; the daily cap and an unknown card are red', async ({
    kiosk,
    app,
    cards,
    page,
    cupsOut,
  }) => {
    test.setTimeout(180_000);
    setUpVehicle(fareStorePath(app.configPath));
    const card = await cards.start('ordinary');
    await card.command('remove');
    await openFare(kiosk);
    await expect(page.getByTestId('fare-bar')).toContainText('車両 car-101（横浜みなとタクシー）');
    await expect(page.getByTestId('registry-age')).toContainText('0日前・1枚');

    kiosk.mark();
    await card.command('insert');
    await kiosk.screen('green', { noShot: true });
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'green');
    await expect(page.getByTestId('rides-left')).toContainText('本日 1回・今年度 69回');
    await typeFare(kiosk, '2530');
    await expect(page.getByTestId('fare')).toHaveText('2,530円');
    await expect(page.getByTestId('subsidy')).toHaveText('1,000円');
    await expect(page.getByTestId('pay')).toHaveText('1,530円');
    await kiosk.check('green-fare');
    await page.getByTestId('receipt').check();
    await kiosk.click('[data-testid=record-ride]');
    await kiosk.screen('done');
    await expect(page.getByTestId('done-pay')).toHaveText('1,530円');
    const job = await page.getByTestId('receipt-job').getAttribute('data-job');
    const receipt = squash(pdfText(await waitForPrintedPdf(cupsOut, job!)));
    expect(receipt).toContain('運賃補助利用証明');
    expect(receipt).toContain('2,530円');
    expect(receipt).toContain('1,530円');
    expect(receipt).not.toContain('山田');

    // The same card again at once: the driver is asked before a second ride is recorded.
    await card.command('remove');
    await card.command('insert');
    await kiosk.screen('repeat');
    await kiosk.click('[data-testid=repeat-yes]');
    await kiosk.screen('green', { noShot: true });
    await typeFare(kiosk, '900');
    await expect(page.getByTestId('pay')).toHaveText('450円');
    await kiosk.click('[data-testid=record-ride]');
    await kiosk.screen('done', { noShot: true });
    await expect(page.getByTestId('rides-left')).toContainText('本日 0回');

    // A third ride today: red, the daily cap.
    await card.command('remove');
    await card.command('insert');
    await kiosk.screen('red:DAILY_CAP');
    await expect(page.getByTestId('verdict')).toContainText('本日の上限に達しました');
    await kiosk.click('[data-testid=red-ok]');
    await kiosk.screen('ready');
    await expect(page.getByTestId('today')).toContainText('2回');

    // Another resident's card, never registered.
    await card.stop();
    await cards.start('one-try-left'); // starts with its card on the reader: a tap
    await kiosk.screen('red:NOT_REGISTERED');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-reason', 'NOT_REGISTERED');
  });
});

test.describe('fare terminal in a vehicle (en)', () => {
  test.use({
    appOptions: {
      extra: {
        mode: 'fare',
        terminalId: 'car-102',
        languages: { available: ['ja', 'en'], default: 'en' },
      },
    },
  });

  test('the driver screens in English', async ({ kiosk, app, cards, page }) => {
    test.setTimeout(150_000);
    setUpVehicle(fareStorePath(app.configPath), 'car-102');
    const card = await cards.start('ordinary');
    await card.command('remove');
    await openFare(kiosk);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await card.command('insert');
    await kiosk.screen('green', { noShot: true });
    await typeFare(kiosk, '1800');
    await expect(page.getByTestId('subsidy')).toHaveText('¥900');
    await kiosk.check('green-fare-en');
    await kiosk.click('[data-testid=record-ride]');
    await kiosk.screen('done');
    await expect(page.getByTestId('rides-left')).toContainText('today 1, this year 69');
  });
});

test.describe('fare registration at city hall (ja)', () => {
  test.use({ appOptions: { extra: { mode: 'fare', terminalId: 'hall-1' } } });

  test('card → not eligible by age, explained → a category → consent → registered; the lost card blocked', async ({
    kiosk,
    app,
    cards,
    page,
  }) => {
    test.setTimeout(180_000);
    setUpOffice(fareStorePath(app.configPath));
    const card = await cards.start('ordinary');
    await card.command('remove');
    await openFare(kiosk);
    await expect(page.getByTestId('fare-bar')).toContainText('市役所窓口');

    kiosk.mark();
    await card.command('insert');
    await kiosk.screen('cardBno');
    await enterDeskBno(kiosk);
    await kiosk.screen('eligibility', { noShot: true });
    await expect(page.getByTestId('holder-name')).toHaveText('山田　太郎');
    await expect(page.getByTestId('eligibility')).toHaveAttribute('data-reason', 'TOO_YOUNG');
    await expect(page.getByTestId('eligibility')).toContainText('2055-02-16から対象です');
    await expect(page.getByTestId('consent')).toBeDisabled();
    await kiosk.check('eligibility-too-young', { fullPage: true });

    // The resident shows the licence return certificate: the clerk ticks the category.
    await page.getByTestId('category-licence-returned').check();
    await expect(page.getByTestId('eligibility')).toHaveAttribute('data-eligible', 'yes');
    await expect(page.getByTestId('eligibility')).toContainText('運転免許証を自主返納した方');
    await expect(page.getByTestId('eligibility')).toContainText('45歳以上');
    await expect(page.getByTestId('register')).toBeDisabled();
    await page.getByTestId('consent').check();
    await kiosk.check('eligibility-category', { fullPage: true });
    await kiosk.click('[data-testid=register]');
    await kiosk.screen('registered');
    await expect(page.getByTestId('registered')).toContainText('2025-02-16');

    // The card is lost: found by name and birth date, and blocked.
    await kiosk.click('[data-testid=next-resident]');
    await kiosk.screen('ready', { noShot: true });
    await kiosk.click('[data-testid=open-block]');
    await kiosk.screen('block', { noShot: true });
    await page.getByTestId('block-name').fill('山田 太郎');
    await page.getByTestId('block-birth').fill('昭和55年2月17日');
    await kiosk.click('[data-testid=find-holder]');
    await expect(page.getByTestId('holder-cards').locator('li')).toHaveCount(1);
    await kiosk.click('[data-testid=block-card]');
    await expect(page.getByTestId('block-done')).toContainText('停止しました');
    await kiosk.check('block-done', { fullPage: true });
  });
});
