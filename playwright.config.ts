/**
 * The e2e journeys: real Chromium (Debian's, no browser download), the kiosk in server mode, the
 * virtual card through pcscd + vpcd, printing into CUPS + cups-pdf. Workers run in parallel, each
 * with its own virtual reader slot and print queue (e2e/support/env.ts); KAKANAI_E2E_WORKERS
 * chooses how many (default 1). `npm run test:e2e` builds the renderer first.
 */
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, E2E_MAX_WORKERS, RUN_DIR, VIEWPORT } from './e2e/support/env.ts';

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.e2e\.ts$/,
  fullyParallel: false,
  workers: Math.min(E2E_MAX_WORKERS, Number(process.env.KAKANAI_E2E_WORKERS ?? 1)),
  retries: 0,
  // A journey checks every screen with axe; the longest take 2–3 min on a 2-core CI machine with
  // two workers, so the limit leaves room for a slow run without hiding a hang.
  timeout: 300_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: join(RUN_DIR, 'artifacts'),
  globalSetup: './e2e/support/global-setup.ts',
  globalTeardown: './e2e/support/global-teardown.ts',
  use: {
    browserName: 'chromium',
    viewport: VIEWPORT,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    actionTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
