/**
 * The e2e journeys: real Chromium (Debian's, no browser download), the kiosk in server mode, the
 * virtual card through pcscd + vpcd, printing into CUPS + cups-pdf. One worker: the journeys share
 * one virtual reader and one print queue. `npm run test:e2e` builds the renderer first.
 */
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, RUN_DIR, VIEWPORT } from './e2e/support/env.ts';

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.e2e\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
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
