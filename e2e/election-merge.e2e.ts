/**
 * A blackout: two desks of one station run standalone (no LAN) and the same voter is accepted at
 * both. After the USB merge (`kakanai election export` → `merge`) desk 2 shows the conflict with
 * both records — never dropped — the voter is red with both, staff undo the mistaken record behind
 * the operator PIN, and the merge back into desk 1 shows it resolved there too.
 */
import { join } from 'node:path';
import { startApp, type RunningApp } from './support/app.ts';
import { OPERATOR_PIN } from './support/env.ts';
import { test, expect } from './support/fixtures.ts';
import { KioskPage } from './support/kiosk.ts';
import { kakanai, openDesk, scan, setUpElectionStore, storePathFor } from './support/election-desk.ts';

const STATION = { kind: 'tojitsu' as const, stationId: 'st1', stationName: '第1投票所（旭小学校）' };

test.use({ appOptions: { extra: { mode: 'election', terminalId: 'desk-a' } } });

test('election merge: same voter at two standalone desks → conflict with both records → undo', async ({
  kiosk,
  app,
  page,
}) => {
  test.setTimeout(240_000);
  let appB: RunningApp | undefined;
  try {
    appB = await startApp({
      readerFilter: 'desk-b-reader',
      extra: { mode: 'election', terminalId: 'desk-b' },
    });
    const dbA = storePathFor(app.configPath);
    const dbB = storePathFor(appB.configPath);
    setUpElectionStore(dbA, { ...STATION, terminalId: 'desk-a' });
    setUpElectionStore(dbB, { ...STATION, terminalId: 'desk-b' });

    // Both desks accept voter 0002: neither can see the other.
    await openDesk(kiosk);
    await scan(kiosk, '0002');
    await kiosk.screen('result:ok', { noShot: true });
    await page.keyboard.press('Enter');
    await kiosk.screen('ready', { noShot: true });

    const pageB = await page.context().newPage();
    const deskB = new KioskPage(pageB, appB, `${kiosk.journey}-desk-b`);
    await openDesk(deskB);
    await scan(deskB, '0002');
    await deskB.screen('result:ok', { noShot: true });
    await pageB.keyboard.press('Enter');
    await deskB.screen('ready', { noShot: true });

    // The USB stick: desk 1's events into desk 2 (while desk 2 keeps running).
    const fileA = join(app.configPath, '..', 'desk-a.kkev');
    kakanai(['election', 'export', '--db', dbA, '--out', fileA, '--passphrase-stdin']);
    const merged = JSON.parse(
      kakanai(['election', 'merge', '--db', dbB, '--in', fileA, '--passphrase-stdin']),
    ) as { newConflicts: unknown[] };
    expect(merged.newConflicts).toHaveLength(1);

    // Desk 2: the header counts the open conflict; the voter is red with both records.
    await expect(pageB.getByTestId('sync-indicator')).toHaveAttribute('data-conflicts', '1', {
      timeout: 10_000,
    });
    await scan(deskB, '0002');
    await deskB.screen('result:voted');
    await expect(pageB.getByTestId('verdict')).toContainText('2か所で記録されています');
    await expect(pageB.getByTestId('vote-line')).toHaveCount(2);
    await expect(pageB.getByTestId('vote-line').filter({ hasText: 'desk-a' })).toHaveCount(1);
    await expect(pageB.getByTestId('vote-line').filter({ hasText: 'desk-b' })).toHaveCount(1);
    await deskB.click('[data-testid=next]');
    await deskB.screen('ready', { noShot: true });

    // The conflicts screen: both records side by side; staff undo desk 2's (operator PIN, reason).
    await deskB.click('[data-testid=sync-indicator]');
    await deskB.screen('conflicts', { fullPage: true });
    const conflict = pageB.locator('li.conflict[data-roll="0002"]');
    await expect(conflict.locator('.record')).toHaveCount(2);
    await conflict.locator('.record', { hasText: 'desk-b' }).getByRole('button').click();
    await deskB.screen('undo');
    for (const d of OPERATOR_PIN)
      await pageB.locator('.pad').getByRole('button', { name: d, exact: true }).click();
    await pageB.getByTestId('operator-ok').click();
    await pageB.getByRole('button', { name: '二重記録（端末間の競合）' }).click();
    await deskB.click('[data-testid=undo-submit]');
    await deskB.screen('conflicts', { fullPage: true, name: 'conflicts-resolved' });
    await expect(pageB.getByText('未解決の競合はありません。')).toBeVisible();
    await expect(pageB.locator('#resolved-conflicts')).toContainText('1');
    await expect(pageB.getByTestId('sync-indicator')).toHaveAttribute('data-conflicts', '0');

    // Desk 2's file back into desk 1: its records, the undo, nothing left open.
    const fileB = join(appB.configPath, '..', 'desk-b.kkev');
    kakanai(['election', 'export', '--db', dbB, '--out', fileB, '--passphrase-stdin']);
    kakanai(['election', 'merge', '--db', dbA, '--in', fileB, '--passphrase-stdin']);
    const st = await app.call<{ openConflicts: number; counts: { total: number } }>('election.status');
    expect(st).toMatchObject({ openConflicts: 0, counts: { total: 1 } });
    await deskB.recordDiagnostics();
    await pageB.close();
  } finally {
    await appB?.stop();
  }
});
