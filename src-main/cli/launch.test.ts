import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../api/kiosk.ts';
import { browserArgs, browserCandidates, electronBinary, findBrowser } from './launch.ts';

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
    expect(browserArgs('http://x/', { kiosk: false })).not.toContain('--kiosk');
  });

  it('Electron is used only when its binary exists (it cannot be downloaded here)', () => {
    expect(electronBinary(APP_ROOT, () => false)).toBeUndefined();
  });
});
