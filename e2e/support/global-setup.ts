/**
 * Before the journeys: the renderer must be built (npm run test:e2e builds it), the previous run's
 * measurements are cleared, and the real services are checked up front so a missing one fails the
 * run at once with instructions.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RENDERER_COPY, REPO_ROOT, RESULTS_DIR } from './env.ts';
import { ensureCups, ensureE2eQueue, ensurePcscd } from './services.ts';

export default async function globalSetup(): Promise<void> {
  if (!existsSync(join(REPO_ROOT, 'dist/renderer/index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` (npm run test:e2e does it).');
  }
  rmSync(RENDERER_COPY, { recursive: true, force: true });
  cpSync(join(REPO_ROOT, 'dist/renderer'), RENDERER_COPY, { recursive: true });
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  await ensurePcscd();
  ensureCups();
  ensureE2eQueue();
}
