/**
 * The shelter entrance in a real Chromium, a school gym's laptop with the municipality's resident
 * list: a family of four checked in with one card (照合番号B; the card linked with the holder's
 * consent; the 避難者カード printed through CUPS and read back), the father going out and coming
 * back with a tap only, a person without a card registered by hand with needs and consent, the
 * dashboard, and safety inquiries that answer only with consent — in Japanese and in English.
 */
import { test, expect } from './support/fixtures.ts';
import { enterDeskBno } from './support/election-desk.ts';
import { OPERATOR_PIN } from './support/env.ts';
import { pdfText, squash, waitForPrintedPdf } from './support/printed.ts';
import { typeKana } from './support/steps.ts';
import { memberStates, openShelter, setUpShelterStore, shelterStorePath } from './support/shelter.ts';

test.describe('shelter entrance (ja)', () => {
  test.use({ appOptions: { extra: { mode: 'shelter', terminalId: 'gym-1' } } });

  test('a family of four by one card, the card linked, 外出 and 戻り by tap', async ({
    kiosk,
    app,
    cards,
    page,
    cupsOut,
  }) => {
    test.setTimeout(180_000);
    setUpShelterStore(shelterStorePath(app.configPath), 'gym-1');
    const card = await cards.start('ordinary');
    await card.command('remove');
    await openShelter(kiosk);
    await expect(page.getByTestId('shelter-bar')).toContainText('中区立本町小学校体育館');
    await expect(page.getByTestId('shelter-counts')).toContainText('在所 0人');

    // First visit: the card was never linked → 照合番号B → the whole household, everyone ticked.
    kiosk.mark();
    await card.command('insert');
    await kiosk.screen('cardBno');
    await enterDeskBno(kiosk);
    await kiosk.screen('household');
    expect(await memberStates(kiosk)).toEqual([
      '山田 ウメ:none',
      '山田 太郎:none',
      '山田 花子:none',
      '山田 一郎:none',
    ]);
    await expect(page.getByTestId('member-tick').and(page.locator(':checked'))).toHaveCount(4);
    await kiosk.click('[data-testid=move-arrive]');
    await expect(page.getByTestId('flash')).toContainText('入所を記録しました');
    expect(await memberStates(kiosk)).toEqual([
      '山田 ウメ:here',
      '山田 太郎:here',
      '山田 花子:here',
      '山田 一郎:here',
    ]);
    await kiosk.check('household-arrived');

    // The holder agrees: the card is linked (the next visit is a tap).
    await kiosk.click('[data-testid=link-card]');
    await expect(page.getByTestId('flash')).toContainText('カードを登録しました');
    await expect(page.getByTestId('link-card')).toHaveCount(0);

    // Grandmother's needs and consent.
    await page.getByTestId('member').first().getByTestId('open-person').click();
    await kiosk.screen('person');
    await page.getByTestId('need-care').check();
    await page.getByTestId('need-medication').check();
    await page.getByTestId('need-note').fill('血圧の薬');
    await kiosk.click('[data-testid=save-needs]');
    await expect(page.getByTestId('flash')).toContainText('配慮事項を保存しました');
    await kiosk.click('[data-testid=consent-no]');
    await expect(page.getByTestId('consent-no')).toHaveAttribute('aria-pressed', 'true');
    await kiosk.check('person-saved');
    await kiosk.click('[data-testid=back-household]');
    await kiosk.screen('household', { noShot: true });

    // The 避難者カード, pre-filled, through CUPS.
    await kiosk.click('[data-testid=print-card]');
    const status = page.getByTestId('print-status');
    await expect(status).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
    const printed = squash(
      pdfText(await waitForPrintedPdf(cupsOut, (await status.getAttribute('data-job'))!)),
    );
    for (const word of [
      '避難者カード',
      '中区立本町小学校体育館',
      '山田太郎',
      'ヤマダタロウ',
      '山田ウメ',
      '山田ウメ:要介護・服薬（血圧の薬）',
    ])
      expect(printed).toContain(word);
    await kiosk.click('[data-testid=next]');
    await kiosk.screen('ready', { noShot: true });
    await expect(page.getByTestId('shelter-counts')).toContainText('在所 4人');

    // The father goes out: a tap only, his row ticked.
    await card.command('remove');
    kiosk.mark();
    await card.command('insert');
    await kiosk.screen('household', { name: 'household-tap' });
    await expect(page.getByTestId('member-tick').and(page.locator(':checked'))).toHaveCount(1);
    await kiosk.click('[data-testid=move-out]');
    await expect(page.getByTestId('flash')).toContainText('外出を記録しました：山田 太郎');
    expect(await memberStates(kiosk)).toContain('山田 太郎:out');
    await kiosk.click('[data-testid=next]');
    await kiosk.screen('ready', { noShot: true });
    await expect(page.getByTestId('shelter-counts')).toContainText('外出中 1人');

    // And comes back.
    await card.command('remove');
    await card.command('insert');
    await kiosk.screen('household', { noShot: true });
    await kiosk.click('[data-testid=move-back]');
    await expect(page.getByTestId('flash')).toContainText('戻りを記録しました：山田 太郎');
    await kiosk.click('[data-testid=next]');
    await kiosk.screen('ready', { noShot: true });
    await expect(page.getByTestId('shelter-counts')).toContainText('在所 4人・外出中 0人');
  });
});

test.describe('shelter entrance (en)', () => {
  test.use({
    appOptions: {
      extra: {
        mode: 'shelter',
        terminalId: 'gym-2',
        languages: { available: ['ja', 'ja-easy', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR'], default: 'en' },
      },
    },
  });

  test('a person without a card by hand, needs and consent, the dashboard, safety inquiries', async ({
    kiosk,
    app,
    page,
  }) => {
    test.setTimeout(180_000);
    setUpShelterStore(shelterStorePath(app.configPath), 'gym-2');
    await openShelter(kiosk);

    // Someone from another town, no card: registered by hand and received.
    await kiosk.click('[data-testid=open-register]');
    await kiosk.screen('register');
    await page.getByTestId('reg-name').fill('Nguyen Van An');
    await page.getByTestId('reg-kana').fill('グエン バン アン');
    await page.getByTestId('reg-birth').fill('H7.5.5');
    await page.getByTestId('reg-sex-M').click();
    await page.getByTestId('reg-address').fill('静岡県浜松市中央区');
    await kiosk.check('register-filled');
    await kiosk.click('[data-testid=reg-submit]');
    await kiosk.screen('household');
    await expect(page.getByTestId('flash')).toContainText('Nguyen Van An is registered');
    expect(await memberStates(kiosk)).toEqual(['Nguyen Van An:here']);

    // His wife joins the household by hand.
    await kiosk.click('[data-testid=add-member]');
    await kiosk.screen('register', { name: 'register-member' });
    await page.getByTestId('reg-name').fill('Tran Thi Hoa');
    // Her reading on the on-screen kana keyboard (a laptop without a Japanese input method).
    await kiosk.click('[data-testid=reg-kana-pad]');
    await typeKana(kiosk, 'チャン ティ ホア');
    await expect(page.locator('#reg-kana')).toHaveValue('チャン\u3000ティ\u3000ホア');
    await kiosk.check('register-kana-pad');
    await page.getByTestId('reg-birth').fill('1998-03-03');
    await page.getByTestId('reg-relation').fill('wife');
    await kiosk.click('[data-testid=reg-submit]');
    await kiosk.screen('household', { noShot: true });
    expect(await memberStates(kiosk)).toEqual(['Nguyen Van An:here', 'Tran Thi Hoa:here']);

    // He has an allergy and agrees that inquiries may learn he is here; she is pregnant and does not.
    await page.getByTestId('member').first().getByTestId('open-person').click();
    await kiosk.screen('person');
    await page.getByTestId('need-allergy').check();
    await page.getByTestId('need-note').fill('shrimp');
    await kiosk.click('[data-testid=save-needs]');
    await kiosk.click('[data-testid=consent-yes]');
    await expect(page.getByTestId('consent-yes')).toHaveAttribute('aria-pressed', 'true');
    await kiosk.click('[data-testid=back-household]');
    await kiosk.screen('household', { noShot: true });
    await page.getByTestId('member').nth(1).getByTestId('open-person').click();
    await kiosk.screen('person', { noShot: true });
    await page.getByTestId('need-pregnant').check();
    await kiosk.click('[data-testid=save-needs]');
    await expect(page.getByTestId('flash')).toContainText("Tran Thi Hoa's needs are saved");
    await kiosk.click('[data-testid=consent-no]');
    await expect(page.getByTestId('consent-no')).toHaveAttribute('aria-pressed', 'true');
    await kiosk.click('[data-testid=back-household]');
    await kiosk.screen('household', { name: 'household-needs' });
    await kiosk.click('[data-testid=next]');

    // A listed family found by name (no card).
    await kiosk.click('[data-testid=open-search]');
    await kiosk.screen('search');
    await page.getByTestId('search-kana').fill('たかはし');
    await page.getByTestId('search-submit').click();
    await expect(page.getByTestId('candidate')).toHaveCount(2);
    await kiosk.check('search-results');
    kiosk.mark();
    await page.getByTestId('candidate').first().getByTestId('choose').click();
    await kiosk.screen('household', { noShot: true });
    await kiosk.click('[data-testid=move-arrive]');
    await expect(page.getByTestId('flash')).toContainText('Arrival recorded');

    // The dashboard: 3 here in 2 households, needs counted; the roster behind the operator PIN.
    await kiosk.click('[data-testid=open-dashboard]');
    await kiosk.screen('dashboard');
    await expect(page.getByTestId('total-here')).toHaveText('3');
    await expect(page.getByTestId('total-households')).toHaveText('2');
    await expect(page.getByTestId('by-need')).toContainText('Allergy1');
    await expect(page.getByTestId('by-need')).toContainText('Pregnant or nursing1');
    await page.getByTestId('operator-pin').fill('0000');
    await page.getByTestId('operator-login').click();
    await expect(page.getByRole('alert')).toBeVisible();
    await page.getByTestId('operator-pin').fill(OPERATOR_PIN);
    await page.getByTestId('operator-login').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('roster-csv').click();
    const saved = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const roster = readFileSync(saved!, 'utf8');
    expect(roster).toContain('Tran Thi Hoa');
    expect(roster).toContain('髙橋 さくら');
    await kiosk.check('dashboard-roster');

    // Safety inquiries: he consented, she did not, a stranger is not here — the last two alike.
    await kiosk.click('[data-testid=open-safety]');
    await kiosk.screen('safety');
    const ask = async (name: string, birth: string) => {
      await page.getByTestId('safety-name').fill(name);
      await page.getByTestId('safety-birth').fill(birth);
      await page.getByTestId('safety-submit').click();
      return page.getByTestId('safety-answer');
    };
    await expect(await ask('Nguyen Van An', '1995-05-05')).toHaveText(
      'The person is staying at 中区立本町小学校体育館.',
    );
    await kiosk.check('safety-here');
    const noConsent = await (await ask('Tran Thi Hoa', '1998-03-03')).innerText();
    await expect(page.getByTestId('safety-answer')).toHaveAttribute('data-answer', 'not-here');
    const stranger = await (await ask('Someone Else', '1990-01-01')).innerText();
    expect(noConsent).toBe(stranger);
    expect(noConsent).toBe('There is no information we can give.');
    await kiosk.check('safety-not-here');
  });
});
