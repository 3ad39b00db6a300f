/**
 * 期日前投票 at two networked desks: desk 1 reads the My Number Card (照合番号B) → 受付可 → the
 * reason → the 宣誓書 printed through CUPS (its text read back: name, address, 和暦 birth date, the
 * reason box ticked, no 個人番号) → the ballot handed over → recorded. Desk 2, a second kiosk
 * with its own encrypted store synced over loopback, shows the same voter red (投票済み) with
 * when and where, within seconds.
 */
import { readFileSync } from 'node:fs';
import { startApp, type RunningApp } from './support/app.ts';
import { test, expect } from './support/fixtures.ts';
import { KioskPage } from './support/kiosk.ts';
import { pdfText, squash, waitForPrintedPdf } from './support/printed.ts';
import { recordMetric } from './support/report.ts';
import {
  enterDeskBno,
  freePort,
  openDesk,
  scan,
  setUpElectionStore,
  storePathFor,
} from './support/election-desk.ts';
import { tickedReasons } from '../src-main/modes/election/senseisho-ticks.ts';

const STATION = { stationId: 'kijitsu-1', stationName: '架空市役所 期日前投票所' };

test.use({ appOptions: { extra: { mode: 'election', terminalId: 'desk-1' } } });

test('election kijitsumae: card → 受付可 → 宣誓書 printed → recorded; desk 2 sees 投票済み', async ({
  kiosk,
  app,
  cards,
  cupsOut,
  page,
}) => {
  test.setTimeout(240_000);
  const [portA, portB] = [await freePort(), await freePort()];
  let appB: RunningApp | undefined;
  try {
    // Desk 2 has its own reader at a real station; here it takes none (the e2e vpcd slot is desk 1's).
    appB = await startApp({
      readerFilter: 'desk-2-reader',
      extra: { mode: 'election', terminalId: 'desk-2' },
    });
    setUpElectionStore(storePathFor(app.configPath), {
      kind: 'kijitsumae',
      terminalId: 'desk-1',
      ...STATION,
      sync: { port: portA, peers: [`127.0.0.1:${portB}`] },
    });
    setUpElectionStore(storePathFor(appB.configPath), {
      kind: 'kijitsumae',
      terminalId: 'desk-2',
      ...STATION,
      sync: { port: portB, peers: [`127.0.0.1:${portA}`] },
    });

    const card = await cards.start('ordinary');
    await card.command('remove'); // placed when the voter steps up

    await openDesk(kiosk, { wrongFirst: true });
    await expect(page.getByTestId('desk-bar')).toContainText('架空市長選挙');
    await expect(page.getByTestId('desk-bar')).toContainText('期日前投票');

    // Desk 2 opens too (its own page, its own kiosk and store).
    const pageB = await page.context().newPage();
    const deskB = new KioskPage(pageB, appB, `${kiosk.journey}-desk2`);
    await openDesk(deskB);
    await expect(pageB.getByTestId('sync-indicator')).toHaveAttribute('data-peers-up', '1', {
      timeout: 10_000,
    });
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-peers-up', '1', {
      timeout: 10_000,
    });
    await kiosk.check('ready-synced');

    // The voter places the card: the desk goes to 照合番号B by itself.
    kiosk.mark();
    await card.command('insert');
    await kiosk.screen('cardBno');
    await expect(page.getByTestId('retries')).toContainText('10');
    await enterDeskBno(kiosk);
    await kiosk.screen('result:ok');
    await expect(page.getByTestId('verdict')).toContainText('受付可');
    await expect(page.getByTestId('voter-name')).toHaveText('山田 太郎');
    await expect(page.getByTestId('face-check')).toBeVisible();
    await expect(page.getByTestId('accept')).toBeFocused();

    // 期日前: the reason, then the 宣誓書.
    await kiosk.click('[data-testid=accept]');
    await kiosk.screen('reason');
    kiosk.mark();
    await page.keyboard.press('2');
    await kiosk.screen('senseisho');
    const phase = page.getByTestId('print-phase');
    await expect(phase).toHaveAttribute('data-phase', 'completed', { timeout: 60_000 });
    await kiosk.check('senseisho-printed');
    const jobId = (await phase.getAttribute('data-job'))!;
    const file = await waitForPrintedPdf(cupsOut, jobId);
    const text = squash(pdfText(file));
    expect(text).toContain('宣誓書');
    // In reading order the 明大昭平令 row sits between the name's characters.
    expect(text).toMatch(/山田(明大昭平令)?太郎/);
    expect(text).toContain('神奈川県横浜市中区日本大通１－２－３０４');
    expect(text).toMatch(/55年0?2月17日/);
    expect(text).toContain('架空市長選挙');
    expect(text).not.toContain('123456789018');
    expect(tickedReasons(readFileSync(file))).toEqual(['travel']);

    // Nothing is recorded before the ballot is handed over.
    expect((await app.call<{ counts: { total: number } }>('election.status')).counts.total).toBe(0);
    const recordedAt = Date.now();
    await kiosk.click('[data-testid=handed-over]');
    await kiosk.screen('ready');
    await expect(page.getByTestId('flash')).toContainText('山田 太郎');
    await expect(page.getByTestId('barcode')).toBeFocused();
    await expect(page.getByTestId('desk-counts')).toContainText('この端末 1人', { timeout: 10_000 });

    // Desk 2 hears of it over the LAN within seconds…
    await expect
      .poll(async () => (await appB!.call<{ counts: { total: number } }>('election.status')).counts.total, {
        timeout: 10_000,
        intervals: [100],
      })
      .toBe(1);
    const syncMs = Date.now() - recordedAt;
    // Reported, not asserted (a timed bound fails on a loaded machine): the poll above is the
    // functional bound, the metric goes to timings.jsonl.
    recordMetric({ kind: 'transition', journey: kiosk.journey, to: 'sync-desk2', ms: syncMs });

    // …and the same voter (入場券 barcode at desk 2) is red, with when and where.
    await scan(deskB, '0100');
    await deskB.screen('result:voted');
    await expect(pageB.getByTestId('verdict')).toContainText('投票済み');
    const line = pageB.getByTestId('vote-line');
    await expect(line).toContainText('架空市役所 期日前投票所');
    await expect(line).toContainText('desk-1');
    await expect(line).toContainText(/\d+月\d+日 \d+時\d+分/);
    await expect(line).toContainText('旅行・用務');
    await expect(pageB.getByTestId('accept')).toHaveCount(0);
    await deskB.recordDiagnostics();
    await pageB.close();
  } finally {
    await appB?.stop();
  }
});
