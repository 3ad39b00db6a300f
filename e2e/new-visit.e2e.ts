/**
 * A visit belongs to the person at the screen. After a page reload, or when a second window opens
 * the kiosk in the middle of a visit, nothing of that visit is left: not in the main process (the
 * card read, the typed inputs, the plan) and not on the screen. Start always begins a new visit.
 */
import { test, expect } from './support/fixtures.ts';
import {
  enterBno,
  fillInputs,
  MOVING_IN_ALONE,
  MOVING_INPUTS,
  ORDINARY_BNO,
  toPlan,
} from './support/steps.ts';
import type { KioskPage } from './support/kiosk.ts';

async function readCardAndType(kiosk: KioskPage): Promise<void> {
  await toPlan(kiosk, { language: 'en', lifeEvent: 'moving', answers: MOVING_IN_ALONE });
  await kiosk.click('[data-testid=plan-next]');
  await kiosk.screen('bno', { noShot: true });
  await enterBno(kiosk, ORDINARY_BNO);
  await kiosk.click('[data-testid=bno-submit]');
  await kiosk.screen('resident', { noShot: true });
  await kiosk.click('[data-testid=resident-ok]');
  await fillInputs(kiosk, MOVING_INPUTS);
  await kiosk.screen('confirm', { noShot: true });
}

test('a reload mid-visit finds nothing of the visit, and Start begins a new one', async ({
  kiosk,
  cards,
  page,
}) => {
  await cards.start('ordinary');
  await kiosk.open();
  await readCardAndType(kiosk);
  const during = await kiosk.session();
  expect(during.hasResident).toBe(true);
  expect(during.inputKeys).toContain('phone');

  // Reload: back to the start screen, and the main process has let the visit go.
  await page.reload();
  await kiosk.screen('attract');
  await expect.poll(async () => (await kiosk.session()).hasResident).toBe(false);
  expect(await kiosk.session()).toMatchObject({ hasPlan: false, inputKeys: [] });
  // Start begins a new visit: the questions come again; only this visit's answers are kept
  // (the plan pre-fills what they say), nothing typed before.
  await toPlan(kiosk, { language: 'en', lifeEvent: 'moving', answers: MOVING_IN_ALONE });
  const fresh = await kiosk.session();
  expect(fresh.hasResident).toBe(false);
  expect(fresh.inputKeys).not.toContain('phone');
  expect(fresh.inputKeys).not.toContain('nameKana');
});

// Two tests, not one: each walks a visit up to the confirmation with axe on every screen, and
// together they took longer than one test's time limit on a 2-core CI machine.
test('a second window mid-visit gets nothing of it, and the first window is told', async ({
  kiosk,
  cards,
  page,
  app,
}) => {
  await cards.start('ordinary');
  await kiosk.open();
  await readCardAndType(kiosk);
  expect((await kiosk.session()).hasResident).toBe(true);
  const second = await page.context().newPage();
  await second.goto(app.url);
  await second.locator('main[data-screen="attract"]').waitFor();
  await expect.poll(async () => (await kiosk.session()).hasResident).toBe(false);
  expect(await kiosk.session()).toMatchObject({ hasPlan: false, inputKeys: [] });
  await page.locator('main[data-screen="attract"]').waitFor();
  await second.close();
});
