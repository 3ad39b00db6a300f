/**
 * What `kakanai start` launches: the Electron binary when it is installed (and the Electron build
 * exists), otherwise a Chromium-family browser in app + kiosk mode pointed at server mode.
 * Pure lookups with injectable file checks, so they are testable on any OS.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export type Exists = (path: string) => boolean;

/** Candidate browser executables per OS, most kiosk-friendly first. */
export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = [env['ProgramFiles'], env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter(
      (r): r is string => !!r,
    );
    return roots.flatMap((r) => [
      join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(r, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  const names = [
    'chromium',
    'chromium-browser',
    'google-chrome',
    'google-chrome-stable',
    'microsoft-edge',
    'microsoft-edge-stable',
  ];
  const dirs = (env.PATH ?? '/usr/bin:/bin').split(delimiter).filter(Boolean);
  return names.flatMap((n) => dirs.map((d) => join(d, n)));
}

/** $KAKANAI_BROWSER, else the first installed candidate. */
export function findBrowser(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  exists: Exists = existsSync,
): string | undefined {
  if (env.KAKANAI_BROWSER) return env.KAKANAI_BROWSER;
  return browserCandidates(platform, env).find((p) => exists(p));
}

/**
 * A fresh browser profile folder only this user can enter (mode 0700, a random name: another local
 * user cannot prepare it first), and its removal when the browser has gone.
 */
export function privateProfileDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-kiosk-browser-'));
  chmodSync(dir, 0o700);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Browser arguments for a kiosk: its own throw-away profile (so an already-running browser does
 * not swallow the flags), app + kiosk mode, no first-run or translate prompts, incognito so no
 * history or cache of the resident's session stays on disk.
 */
export function browserArgs(url: string, options: { kiosk: boolean; profileDir: string }): string[] {
  return [
    `--user-data-dir=${options.profileDir}`,
    `--app=${url}`,
    ...(options.kiosk ? ['--kiosk'] : []),
    '--incognito',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-translate',
    '--disable-features=Translate',
    '--overscroll-history-navigation=0',
    '--disable-pinch',
  ];
}

/** The Electron binary path when the npm package has downloaded it, else undefined. */
export function electronBinary(appRoot: string, exists: Exists = existsSync): string | undefined {
  try {
    const require = createRequire(join(appRoot, 'package.json'));
    const bin = require('electron') as unknown;
    return typeof bin === 'string' && exists(bin) ? bin : undefined;
  } catch {
    // The package throws when its binary was never downloaded.
    return undefined;
  }
}

/** The compiled Electron main (scripts/build-electron.mjs; package.json "main"). */
export function electronMain(appRoot: string): string {
  return join(appRoot, 'dist', 'app', 'src-main', 'electron', 'main.js');
}
