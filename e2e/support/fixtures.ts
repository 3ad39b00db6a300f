/**
 * Playwright fixtures for the journeys: a fresh kiosk server per test (its options per file via
 * test.use({ appOptions })), the kiosk page helper, virtual cards in the e2e vpcd slot, and the
 * cups-pdf output folder. Console errors in the page fail the test.
 */
import { test as base, expect } from '@playwright/test';
import { EmulatorProcess } from '../../test/helpers/emulator-process.ts';
import { startApp, type AppOptions, type RunningApp } from './app.ts';
import { KioskPage } from './kiosk.ts';
import { ensureCups, ensureE2eQueue, ensurePcscd } from './services.ts';
import { PRINT_QUEUE, VPCD_PORT } from './env.ts';

export interface Cards {
  /** Starts the virtual card of a persona in the e2e reader (inserted at once). */
  start(persona: string): Promise<EmulatorProcess>;
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

export const test = base.extend<
  { appOptions: AppOptions; app: RunningApp; kiosk: KioskPage; cards: Cards },
  { cupsOut: string; printQueue: string }
>({
  appOptions: [{}, { option: true }],
  cupsOut: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use(ensureCups());
    },
    { scope: 'worker' },
  ],
  // Every worker prints into its own queue (journeys in parallel never share a printer).
  printQueue: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      ensureCups();
      ensureE2eQueue(PRINT_QUEUE);
      await use(PRINT_QUEUE);
    },
    { scope: 'worker', auto: true },
  ],
  app: async ({ appOptions }, use, testInfo) => {
    const app = await startApp(appOptions);
    try {
      await use(app);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('server-log', { body: app.stderr(), contentType: 'text/plain' });
      await app.stop();
    }
  },
  kiosk: async ({ page, app }, use, testInfo) => {
    const problems: string[] = [];
    // A screen that calls the main process in a loop is a bug even when everything looks right.
    let apiCalls = 0;
    page.on('request', (r) => {
      if (r.url().includes('/api/call/')) apiCalls += 1;
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    const kiosk = new KioskPage(page, app, slug(testInfo.title));
    await use(kiosk);
    await kiosk.recordDiagnostics().catch(() => undefined);
    expect(problems, 'errors in the page console').toEqual([]);
    expect(apiCalls, 'calls to the main process in this test (a loop?)').toBeLessThan(3000);
  },
  cards: async ({ appOptions }, use) => {
    const started: EmulatorProcess[] = [];
    let ready = false;
    await use({
      async start(persona) {
        if (appOptions.demo) throw new Error('this journey runs with the in-process demo card');
        if (!ready) {
          await ensurePcscd(VPCD_PORT);
          ready = true;
        }
        const emu = await EmulatorProcess.start(persona, { port: VPCD_PORT });
        started.push(emu);
        return emu;
      },
    });
    for (const emu of started) await emu.stop();
  },
});

export { expect };
