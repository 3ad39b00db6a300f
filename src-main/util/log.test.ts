import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../card/secret.ts';
import { log, scrubForLog } from './log.ts';

describe('log scrubber', () => {
  it('redacts fields named like secrets and 12-digit runs, and never prints a Secret', () => {
    const out = scrubForLog({
      pin: '1234',
      nested: { signPassword: 'ABC123', bno: '55021720352285', note: 'number 123456789018 here' },
      secret: Secret.fromString('9999'),
      list: [Secret.fromString('4321')],
      bytes: Uint8Array.of(1, 2, 3),
      count: 7,
    });
    const text = JSON.stringify(out);
    for (const s of ['1234', 'ABC123', '55021720352285', '123456789018', '9999', '4321']) {
      expect(text).not.toContain(s);
    }
    expect(text).toContain('"count":7');
    expect(text).toContain('<3 bytes>');
  });

  it('keeps 11- and 13-digit runs (not a My Number shape)', () => {
    expect(scrubForLog('12345678901 and 1234567890123')).toBe('12345678901 and 1234567890123');
  });
});

describe('log output', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('writes JSON lines to KAKANAI_LOG_FILE, and a caller field cannot overwrite the event name', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kakanai-log-')), 'x.log');
    process.env.KAKANAI_LOG_FILE = file;
    log.info('card.read', { event: 'spoofed', reader: 'R' });
    log.debug('card.apdu', { header: '00A4' }); // debug is off unless asked for
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ event: 'card.read', level: 'info', reader: 'R' });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
