/**
 * 当日 at a polling station serving district 1, one voter after another as a queue comes:
 * the 入場券 barcode from a keyboard-wedge scanner (受付可 → Enter records → ready with the focus
 * back in the field), the same voter again (投票済み) and the undo behind the operator PIN, a voter
 * of another district (amber, sent to the right station), an unknown number (grey), the manual
 * search by ふりがな + birth date, the card with the PIN and twins on the roll (candidates side
 * by side), a card pulled out, then the figures (CSV saved) and the sync/conflicts screen.
 */
import { readFileSync } from 'node:fs';
import { OPERATOR_PIN } from './support/env.ts';
import { test, expect } from './support/fixtures.ts';
import {
  ROLL_ROWS,
  TWIN_ROWS,
  openDesk,
  scan,
  setUpElectionStore,
  storePathFor,
} from './support/election-desk.ts';

test.use({ appOptions: { extra: { mode: 'election', terminalId: 'tojitsu-1' } } });

test('election tojitsu: barcode, undo, wrong station, not on the roll, manual search, card, figures', async ({
  kiosk,
  app,
  cards,
  page,
}) => {
  test.setTimeout(240_000);
  setUpElectionStore(storePathFor(app.configPath), {
    kind: 'tojitsu',
    terminalId: 'tojitsu-1',
    stationId: 'st1',
    stationName: '第1投票所（旭小学校）',
    districts: ['1'],
    stations: [{ stationId: 'st2', name: '第2投票所（東裏館公民館）', districts: ['2'] }],
    // 0100 (the card's exact address) is left out: the card then matches the two twins only.
    rows: [...ROLL_ROWS.filter((r) => !r.startsWith('0100,')), ...TWIN_ROWS],
  });
  const card = await cards.start('ordinary');
  await card.command('remove');

  await openDesk(kiosk);
  await expect(page.getByTestId('desk-bar')).toContainText('当日投票');
  await expect(page.getByTestId('sync-indicator')).toContainText('単独運用');

  // 1. Barcode → 受付可 → Enter (the record button has the focus) → ready, focus back in the field.
  await scan(kiosk, '0001');
  // The time to 受付可 goes to timings.jsonl (kiosk.screen records it); bounds are the benchmarks'.
  await kiosk.screen('result:ok');
  await expect(page.getByTestId('verdict')).toContainText('投票区：1');
  await expect(page.getByTestId('accept')).toBeFocused();
  kiosk.mark();
  await page.keyboard.press('Enter');
  await kiosk.screen('ready');
  await expect(page.getByTestId('flash')).toContainText('髙橋 一郎');
  await expect(page.getByTestId('barcode')).toBeFocused();

  // A stray click on the page does not take the scanner's field away.
  await page.locator('main h1').click();
  await expect(page.getByTestId('barcode')).toBeFocused();

  // 2. The same voter again → 投票済み with when and where → undo (operator PIN, reason).
  await scan(kiosk, '0001');
  await kiosk.screen('result:voted');
  await expect(page.getByTestId('vote-line')).toContainText('第1投票所（旭小学校）');
  await expect(page.getByTestId('vote-line')).toContainText('tojitsu-1');
  await expect(page.getByTestId('next')).toBeFocused();
  await kiosk.click('[data-testid=undo]');
  await kiosk.screen('undo');
  for (const d of '0000') await page.locator('.pad').getByRole('button', { name: d, exact: true }).click();
  await page.getByTestId('operator-ok').click();
  await expect(page.locator('[data-notice="error.wrongOperatorPin"]')).toBeVisible();
  for (const d of OPERATOR_PIN)
    await page.locator('.pad').getByRole('button', { name: d, exact: true }).click();
  await page.getByTestId('operator-ok').click();
  await expect(page.getByTestId('undo-reason')).toBeFocused();
  await page.getByRole('button', { name: '操作の誤り' }).click();
  await kiosk.check('undo-reason');
  await kiosk.click('[data-testid=undo-submit]');
  await kiosk.screen('ready');
  await expect(page.getByTestId('flash')).toContainText('取り消しました');
  await scan(kiosk, '0001');
  await kiosk.screen('result:ok', { noShot: true });
  await page.keyboard.press('Escape');
  await kiosk.screen('ready', { noShot: true });

  // 3. A voter of district 2 → amber, with the station that serves district 2.
  await scan(kiosk, '0003');
  await kiosk.screen('result:wrongStation');
  await expect(page.getByTestId('verdict')).toContainText('第2投票所（東裏館公民館）');
  await kiosk.click('[data-testid=next]');
  await kiosk.screen('ready', { noShot: true });

  // 4. An unknown number → grey.
  await scan(kiosk, '9999');
  await kiosk.screen('result:none');
  await expect(page.getByTestId('looked-up')).toContainText('9999');
  await kiosk.click('[data-testid=next]');
  await kiosk.screen('ready', { noShot: true });

  // 5. Manual search: ふりがな prefix + birth date → two 佐藤 太郎 side by side → choose → record.
  await kiosk.click('[data-testid=way-search]');
  await kiosk.screen('search');
  await page.getByTestId('search-kana').fill('さとう');
  await page.getByTestId('search-birth').fill('H1.1.8');
  await page.getByTestId('search-submit').click();
  await expect(page.getByTestId('candidates').locator('li')).toHaveCount(2);
  await kiosk.check('search-results', { fullPage: true });
  kiosk.mark();
  await page.locator('li[data-roll="0006"] [data-testid=choose]').click();
  await kiosk.screen('result:ok', { noShot: true });
  await expect(page.getByText('架空市東裏館5-5-5')).toBeVisible();
  await kiosk.click('[data-testid=accept]');
  await kiosk.screen('ready', { noShot: true });

  // 6. The card with the PIN; twins on the roll → candidates side by side.
  await kiosk.click('[data-testid=way-card]');
  await kiosk.screen('placeCard');
  kiosk.mark();
  await card.command('insert');
  await kiosk.screen('cardBno');
  await kiosk.click('[data-testid=use-pin]');
  await kiosk.screen('cardPin');
  for (const d of '1234') await page.locator('.pad').getByRole('button', { name: d, exact: true }).click();
  await kiosk.click('[data-testid=pin-ok]');
  await kiosk.screen('candidates', { fullPage: true });
  await expect(page.getByTestId('candidates').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('card-seen')).toContainText('神奈川県横浜市中区日本大通');
  await kiosk.click('li[data-roll="0102"] [data-testid=choose]');
  await kiosk.screen('result:ok', { noShot: true });
  await kiosk.click('[data-testid=accept]');
  await kiosk.screen('ready', { noShot: true });

  // 7. The card pulled out while 照合番号B is typed → its own screen; back to the queue.
  await card.command('remove');
  await card.command('insert');
  await kiosk.screen('cardBno', { noShot: true });
  kiosk.mark();
  await card.command('remove');
  await kiosk.screen('cardProblem:removed');
  await kiosk.click('[data-testid=card-to-barcode]');
  await kiosk.screen('ready', { noShot: true });

  // 8. The figures: 2 voters (0001 was undone), hourly by sex; CSV saved.
  await kiosk.click('[data-testid=open-stats]');
  await kiosk.screen('stats', { fullPage: true });
  await expect(page.getByTestId('stats-hourly').locator('tbody tr').last()).toContainText('2');
  const download = page.waitForEvent('download');
  await page.getByTestId('stats-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv.startsWith('\uFEFF集計,日付,時台,投票所,端末,男,女,不明,計,累計')).toBe(true);
  expect(csv).toMatch(/合計,,,,,2,0,0,2,/);
  await kiosk.click('[data-testid=stats-close]');
  await kiosk.screen('ready', { noShot: true });

  // 9. Sync and conflicts (standalone terminal: said so; no conflicts).
  await kiosk.click('[data-testid=sync-indicator]');
  await kiosk.screen('conflicts');
  await expect(page.getByText('未解決の競合はありません。')).toBeVisible();

  // 10. Closing the terminal asks for the passphrase again.
  await kiosk.click('[data-testid=lock]');
  await kiosk.screen('open', { noShot: true });
  expect((await app.call<{ ready: boolean }>('election.status')).ready).toBe(false);
});
