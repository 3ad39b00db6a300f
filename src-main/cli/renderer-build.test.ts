import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, rendererState } from './renderer-build.ts';

const roots: string[] = [];
function root(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-renderer-'));
  roots.push(dir);
  for (const [file, mtimeSec] of Object.entries(files)) {
    const path = join(dir, file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, 'x');
    utimesSync(path, mtimeSec, mtimeSec);
  }
  return dir;
}
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

describe('rendererState', () => {
  it('is missing without a build, stale when a source is newer, fresh otherwise', () => {
    expect(rendererState(root({ 'src-renderer/main.tsx': 100 }))).toBe('missing');
    expect(rendererState(root({ 'src-renderer/app/App.tsx': 300, 'dist/renderer/index.html': 200 }))).toBe(
      'stale',
    );
    expect(rendererState(root({ 'src-renderer/app/App.tsx': 100, 'dist/renderer/index.html': 200 }))).toBe(
      'fresh',
    );
  });

  it('is prebuilt in a packaged app (no sources): nothing to build', async () => {
    const dir = root({ 'dist/renderer/index.html': 100 });
    expect(rendererState(dir)).toBe('prebuilt');
    const lines: string[] = [];
    expect(await ensureRendererBuilt(dir, (l) => lines.push(l))).toBe('prebuilt');
    expect(lines).toEqual([]);
  });

  it('fails with a clear message when the screens must be built and vite is not installed', async () => {
    const dir = root({ 'src-renderer/main.tsx': 100, 'package.json': 100 });
    const lines: string[] = [];
    await expect(ensureRendererBuilt(dir, (l) => lines.push(l))).rejects.toThrow(/vite is not installed/);
    expect(lines[0]).toMatch(/Building the kiosk screens \(first start/);
  });
});
