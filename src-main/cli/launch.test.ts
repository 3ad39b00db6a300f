import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../api/kiosk.ts';
import { browserArgs, browserCandidates, electronBinary, findBrowser, privateProfileDir } from './launch.ts';

describe('kakanai start: what it launches', () => {
  it('finds Chromium-family browsers per OS, honouring KAKANAI_BROWSER', () => {
    const linux = browserCandidates('linux', { PATH: '/usr/local/bin:/usr/bin' });
    expect(linux).toContain('/usr/bin/chromium');
    expect(findBrowser('linux', { PATH: '/usr/bin' }, (p) => p === '/usr/bin/google-chrome')).toBe(
      '/usr/bin/google-chrome',
    );
    expect(findBrowser('linux', { PATH: '/usr/bin' }, () => false)).toBeUndefined();
    const win = browserCandidates('win32', {
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
    });
    expect(win.some((p) => p.endsWith('msedge.exe'))).toBe(true);
    expect(browserCandidates('darwin', {})[0]).toContain('Google Chrome.app');
    expect(findBrowser('linux', { KAKANAI_BROWSER: '/opt/kiosk/chrome' }, () => false)).toBe(
      '/opt/kiosk/chrome',
    );
  });

  it('opens the URL in app + kiosk mode with its own profile', () => {
    const args = browserArgs('http://127.0.0.1:8787/', { kiosk: true, profileDir: '/tmp/p' });
    expect(args).toEqual(
      expect.arrayContaining([
        '--app=http://127.0.0.1:8787/',
        '--kiosk',
        '--user-data-dir=/tmp/p',
        '--incognito',
      ]),
    );
    expect(browserArgs('http://x/', { kiosk: false, profileDir: '/tmp/p' })).not.toContain('--kiosk');
  });

  it('the browser profile is a fresh folder only this user can enter, removed afterwards', () => {
    const a = privateProfileDir();
    const b = privateProfileDir();
    expect(a.dir).not.toBe(b.dir);
    if (process.platform !== 'win32') expect(statSync(a.dir).mode & 0o777).toBe(0o700);
    a.remove();
    b.remove();
    expect(existsSync(a.dir)).toBe(false);
  });

  it('Electron is used only when its binary exists (it cannot be downloaded here)', () => {
    expect(electronBinary(APP_ROOT, () => false)).toBeUndefined();
  });
});
