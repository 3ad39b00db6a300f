/**
 * First run: the kiosk screens (dist/renderer) are built from src-renderer when they are missing or
 * older than their sources, so `npm install && npm start` is enough. A packaged app ships the build
 * and no sources, so there is nothing to do there.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type RendererState = 'fresh' | 'missing' | 'stale' | 'prebuilt';

/** Newest modification time of the files under a folder (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Whether dist/renderer under an installation root can be served as it is. */
export function rendererState(appRoot: string): RendererState {
  const index = join(appRoot, 'dist', 'renderer', 'index.html');
  const sources = join(appRoot, 'src-renderer');
  if (!existsSync(sources)) return 'prebuilt';
  if (!existsSync(index)) return 'missing';
  const built = statSync(index).mtimeMs;
  return newestMtime(sources) > built ? 'stale' : 'fresh';
}

/** Runs `vite build` for the renderer; resolves when it has finished, rejects with its output. */
export function buildRenderer(appRoot: string): Promise<void> {
  let viteBin: string;
  try {
    viteBin = createRequire(join(appRoot, 'package.json')).resolve('vite/bin/vite.js');
  } catch {
    return Promise.reject(
      new Error('the kiosk screens are not built and vite is not installed: run `npm install` first'),
    );
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
      cwd: appRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`building the kiosk screens failed (vite exit ${code}):\n${out}`)),
    );
  });
}

/**
 * Builds the screens when needed, telling the operator what is happening on `progress` (one line
 * before, one after). Returns what it found.
 */
export async function ensureRendererBuilt(
  appRoot: string,
  progress: (line: string) => void,
): Promise<RendererState> {
  const state = rendererState(appRoot);
  if (state !== 'missing' && state !== 'stale') return state;
  const why = state === 'missing' ? 'first start' : 'the sources changed';
  progress(`Building the kiosk screens (${why}; about half a minute)…`);
  const t0 = performance.now();
  await buildRenderer(appRoot);
  progress(`Kiosk screens built in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  return state;
}
