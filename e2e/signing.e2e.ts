/**
 * 電子署名して提出 at the kiosk, with the virtual card in the real reader: moving in → the
 * confirmation offers to sign → the 署名用パスワード on the on-screen keyboard (a wrong try first,
 * the tries shown before each) → the signed pages, stamped 電子署名済 with the holder's name →
 * sent to the counter's inbox (a folder beside the configuration). The staff screen behind the
 * operator PIN shows it valid with the signer and the form's data, and `pdfsig` agrees; one flipped
 * byte → flagged tampered by both. A locked signing certificate and a card without one are each
 * explained before any password is asked, and the forms print instead.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test, expect } from './support/fixtures.ts';
import { OPERATOR_PIN, REPO_ROOT } from './support/env.ts';
import type { KioskPage } from './support/kiosk.ts';
import {
  enterBno,
  fillInputs,
  finishAndCheckWiped,
  MOVING_IN_ALONE,
  MOVING_INPUTS,
  ORDINARY_BNO,
  staffLogin,
  toPlan,
  type BnoEntry,
} from './support/steps.ts';
import { pdfText, squash, waitForPrintedPdf } from './support/printed.ts';

test.use({
  appOptions: {
    extra: { inbox: { dir: 'inbox', trustDir: join(REPO_ROOT, 'assets/trust/test') } },
  },
});

function pdfsig(file: string): string {
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  if (r.error) throw new Error(`pdfsig is needed (apt-get install poppler-utils): ${r.error.message}`);
  return `${r.stdout}${r.stderr}`;
}

/** Moving in alone, read with 照合番号B, inputs given: on the confirmation with its pages drawn. */
async function toConfirmation(k: KioskPage, language: string, bno: BnoEntry): Promise<void> {
  await k.open();
  await toPlan(k, { language, lifeEvent: 'moving', answers: MOVING_IN_ALONE });
  await k.click('[data-testid=plan-next]');
  await k.screen('bno');
  await enterBno(k, bno);
  await k.click('[data-testid=bno-submit]');
  await k.screen('resident');
  await k.click('[data-testid=resident-ok]');
  await fillInputs(k, { ...MOVING_INPUTS, moveType: { option: 'tennyu' } });
  await k.screen('confirm', { noShot: true });
  await expect(k.page.getByTestId('preview-pages').locator('img').first()).toBeVisible({ timeout: 30_000 });
  await expect(k.page.getByTestId('sign-offer')).toBeVisible();
  await k.check('confirm-with-offer', { fullPage: true });
}

async function typePassword(k: KioskPage, password: string): Promise<void> {
  for (const c of password) await k.page.locator(`.password-keys [data-key="${c}"]`).click();
  await expect(k.page.getByTestId('password-value')).toHaveAttribute('data-length', String(password.length));
}

/** Prints what is printed from here on and returns the printed text. */
async function printAndRead(k: KioskPage, cupsOut: string): Promise<string> {
  await k.click('[data-testid=print]');
  await k.screen('done', { timeoutMs: 60_000 });
  const jobId = await k.page.locator('[data-job]').getAttribute('data-job');
  return squash(pdfText(await waitForPrintedPdf(cupsOut, jobId!)));
}

test('signed at the kiosk, received valid at the counter; one flipped byte is flagged', async ({
  kiosk,
  app,
  cards,
  page,
}) => {
  const inbox = join(dirname(app.configPath), 'inbox');
  mkdirSync(inbox);
  await cards.start('ordinary');
  await toConfirmation(kiosk, 'ja', ORDINARY_BNO);

  await kiosk.click('[data-testid=sign-start]');
  await kiosk.screen('signChoose');
  await expect(page.locator('[data-sign-form="jumin-ido"]')).toHaveAttribute('aria-pressed', 'true');
  await kiosk.click('[data-testid=sign-next]');
  await kiosk.screen('signPassword');
  await expect(page.getByTestId('sign-retries')).toContainText('5');

  // A wrong password first: said plainly, one try fewer shown, nothing typed left on screen.
  await typePassword(kiosk, 'WRONG9');
  await page.getByTestId('password-show').click();
  await expect(page.getByTestId('password-value')).toHaveText('WRONG9');
  await kiosk.check('signPassword-shown');
  await kiosk.click('[data-testid=password-ok]');
  await expect(page.getByTestId('sign-retries')).toContainText('4');
  await expect(page.locator('[role=alert], .notice').first()).toBeVisible();
  await expect(page.getByTestId('password-value')).toHaveAttribute('data-length', '0');
  await expect(page.locator('body')).not.toContainText('WRONG9');
  await kiosk.check('signPassword-wrong');

  // The right one, partly from a physical keyboard (lower case is taken as capitals).
  await typePassword(kiosk, 'ABC');
  await kiosk.type('123');
  await expect(page.getByTestId('password-value')).toHaveAttribute('data-length', '6');
  await kiosk.click('[data-testid=password-ok]');
  await kiosk.screen('signed', { timeoutMs: 60_000, noShot: true });
  await expect(page.getByTestId('preview-pages').locator('img').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('signed-by')).toContainText('山田　太郎');
  await kiosk.check('signed', { fullPage: true });

  await kiosk.click('[data-testid=sign-send]');
  await kiosk.screen('signSent');
  await expect(page.getByTestId('sign-sent')).toHaveAttribute('data-delivered', 'yes');
  // Every form of this plan went electronically: nothing left to print.
  await kiosk.click('[data-testid=sign-next]');
  await kiosk.screen('done');
  await expect(page.getByTestId('done-sent')).toBeVisible();
  await finishAndCheckWiped(kiosk, '山田');

  // The counter's inbox: one visit, its manifest and the signed PDF.
  const visits = readdirSync(inbox);
  expect(visits).toHaveLength(1);
  const files = readdirSync(join(inbox, visits[0]!)).sort();
  expect(files).toEqual(['01-jumin-ido.pdf', 'manifest.json']);
  const file = join(inbox, visits[0]!, '01-jumin-ido.pdf');
  const signedText = squash(pdfText(file));
  expect(signedText).toContain('電子署名済');
  expect(signedText).toContain('山田太郎');
  expect(signedText, 'no 個人番号 in an electronic 住民異動届').not.toContain('123456789018');
  const sig = pdfsig(file);
  expect(sig).toContain('Signature Validation: Signature is Valid.');
  expect(sig).toContain('Total document signed');

  // Staff: the inbox screen behind the operator PIN.
  await staffLogin(kiosk, OPERATOR_PIN);
  await kiosk.screen('staffMenu');
  await kiosk.click('[data-testid=open-inbox]');
  await kiosk.screen('staffInbox', { noShot: true });
  const app1 = page.getByTestId('inbox-application');
  await expect(app1).toHaveCount(1);
  await expect(app1).toHaveAttribute('data-status', 'valid');
  await expect(app1).toContainText('山田　太郎');
  await expect(app1).toContainText('1980-02-17');
  await expect(page.getByTestId('inbox-revocation')).toContainText('J-LIS');
  await app1.locator('summary').click();
  await expect(page.getByTestId('inbox-form-data')).toContainText('045-123-4567');
  await kiosk.check('staffInbox-valid', { fullPage: true });

  // One flipped byte inside the signed range (a digit of the signing time).
  const bytes = readFileSync(file);
  const at = bytes.indexOf('/M (D:', 0, 'latin1') + 10;
  expect(at).toBeGreaterThan(10);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(file, bytes);
  const tampered = pdfsig(file);
  expect(tampered).not.toContain('Signature is Valid');
  await kiosk.click('[data-testid=inbox-refresh]');
  await expect(app1).toHaveAttribute('data-status', 'tampered');
  await expect(app1.getByTestId('inbox-status')).toContainText('改ざん');
  await kiosk.check('staffInbox-tampered', { fullPage: true });
});

test('a locked signing certificate is explained before any password; the forms print instead (English)', async ({
  kiosk,
  cards,
  cupsOut,
  page,
}) => {
  await cards.start('sign-blocked');
  // 井上 美穂, born 1972-06-30 (昭和47年), card valid to 2034, security code 4417.
  await toConfirmation(kiosk, 'en', {
    era: 'showa',
    year: '47',
    month: '6',
    day: '30',
    expiryYear: '2034',
    securityCode: '4417',
  });
  await kiosk.click('[data-testid=sign-start]');
  await kiosk.screen('signChoose');
  await kiosk.click('[data-testid=sign-next]');
  await kiosk.screen('signBlocked');
  await expect(page.locator('main')).toContainText('city office');
  await expect(page.locator('.password-keys')).toHaveCount(0);
  await kiosk.click('[data-testid=sign-print-instead]');
  await kiosk.screen('confirm', { noShot: true });
  await expect(page.getByTestId('preview-pages').locator('img').first()).toBeVisible({ timeout: 30_000 });
  const text = await printAndRead(kiosk, cupsOut);
  expect(text).toContain('井上');
  expect(text).toContain('住民異動届');
});

test('a card without a signing certificate (under 15) is told so and routed to printing (Vietnamese)', async ({
  kiosk,
  cards,
  cupsOut,
  page,
}) => {
  await cards.start('no-signing-cert');
  // 森 陽菜, born 2012-05-14 (平成24年), card valid to 2027, security code 0514.
  await toConfirmation(kiosk, 'vi', {
    era: 'heisei',
    year: '24',
    month: '5',
    day: '14',
    expiryYear: '2027',
    securityCode: '0514',
  });
  await kiosk.click('[data-testid=sign-start]');
  await kiosk.screen('signChoose');
  await kiosk.click('[data-testid=sign-next]');
  await kiosk.screen('signNoCert');
  await expect(page.locator('main')).toContainText('15');
  await kiosk.click('[data-testid=sign-print-instead]');
  await kiosk.screen('confirm', { noShot: true });
  await expect(page.getByTestId('preview-pages').locator('img').first()).toBeVisible({ timeout: 30_000 });
  const text = await printAndRead(kiosk, cupsOut);
  expect(text).toContain('森');
});

test('the inbox out of reach: the visit waits encrypted, the resident and staff are told, sent when it is back (Korean)', async ({
  kiosk,
  app,
  cards,
  page,
}) => {
  const inbox = join(dirname(app.configPath), 'inbox');
  await cards.start('ordinary');
  await toConfirmation(kiosk, 'ko', ORDINARY_BNO);
  await kiosk.click('[data-testid=sign-start]');
  await kiosk.screen('signChoose');
  await kiosk.click('[data-testid=sign-next]');
  await kiosk.screen('signPassword');
  await typePassword(kiosk, 'ABC123');
  await kiosk.click('[data-testid=password-ok]');
  await kiosk.screen('signed', { timeoutMs: 60_000, noShot: true });
  await kiosk.click('[data-testid=sign-send]');
  await kiosk.screen('signSent');
  await expect(page.getByTestId('sign-sent')).toHaveAttribute('data-delivered', 'no');
  await kiosk.click('[data-testid=sign-next]');
  await kiosk.screen('done');
  await expect(page.getByTestId('done-sent')).toBeVisible();
  await kiosk.click('[data-testid=finish]');
  await kiosk.screen('attract', { noShot: true });

  // Waiting on the kiosk, sealed: no PDF in the clear, nothing with the resident's name.
  const queue = join(dirname(app.configPath), 'inbox-queue');
  const sealed = readdirSync(queue);
  expect(sealed).toHaveLength(1);
  const bytes = readFileSync(join(queue, sealed[0]!));
  expect(bytes.includes(Buffer.from('%PDF'))).toBe(false);
  expect(bytes.includes(Buffer.from('山田', 'utf8'))).toBe(false);

  await staffLogin(kiosk, OPERATOR_PIN);
  await kiosk.screen('staffMenu', { noShot: true });
  await kiosk.click('[data-testid=open-inbox]');
  await kiosk.screen('staffInbox');
  await expect(page.getByTestId('inbox-queued')).toContainText('1');
  await expect(page.getByTestId('inbox-unreachable')).toBeVisible();

  // The share is back: "send now" delivers it, and it is checked valid.
  mkdirSync(inbox);
  await kiosk.click('[data-testid=inbox-flush]');
  await expect(page.getByTestId('inbox-application')).toHaveAttribute('data-status', 'valid');
  await expect(page.getByTestId('inbox-queued')).toHaveCount(0);
  await kiosk.check('staffInbox-delivered', { fullPage: true });
  expect(readdirSync(queue)).toEqual([]);
});
