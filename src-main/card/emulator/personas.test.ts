import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { birthDateKey, codeB, jpkiBirthDate, substitutionFlags } from './derived.ts';
import { isValidMyNumber, myNumberCheckDigit } from './my-number.ts';
import { loadPersonaKeys } from './persona-keys.ts';
import { PERSONA_DIR, PersonaError, listPersonas, loadPersona } from './personas.ts';

const REQUIRED = [
  'ordinary',
  'gaiji',
  'long-address',
  'foreign-resident',
  'reiwa-child',
  'one-try-left',
  'blocked',
  'expired-cert',
  'not-mynumber',
  'extended-apdu',
  'chaining-quirks',
];

function catchError(fn: () => unknown): PersonaError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PersonaError) return e;
    throw e;
  }
  throw new Error('expected a PersonaError');
}

describe('personas', () => {
  it('ships every required persona, all valid, My-Number ones with keys', () => {
    const ids = listPersonas();
    for (const id of REQUIRED) expect(ids).toContain(id);
    for (const id of ids) {
      const p = loadPersona(id);
      expect(p.id).toBe(id);
      expect(isValidMyNumber(p.resident.myNumber)).toBe(true);
      if (p.kind === 'mynumber') expect(loadPersonaKeys(id).authCert.length).toBeGreaterThan(500);
    }
  });

  it('derives 照合番号B as the spec says', () => {
    expect(codeB(loadPersona('ordinary'))).toBe('55021720352285');
    expect(codeB(loadPersona('reiwa-child')).slice(0, 6)).toBe('020224');
    expect(birthDateKey(loadPersona('reiwa-child'))).toBe('020224');
    expect(codeB(loadPersona('foreign-resident'))).toBe('75093020295150'); // Gregorian YY persona
    expect(jpkiBirthDate('1980-02-17')).toBe('319800217');
    expect(jpkiBirthDate('2020-02-24')).toBe('520200224');
    expect(substitutionFlags('𠮷田\u3000髙子', '吉田\u3000高子')).toBe('10010');
  });

  it('the hard personas are hard', () => {
    expect([...loadPersona('long-address').resident.address].length).toBeGreaterThanOrEqual(190);
    expect(loadPersona('gaiji').resident.name).toMatch(/[\u{20000}-\u{2FFFF}]/u);
    expect(loadPersona('not-mynumber').kind).toBe('other');
    expect(loadPersona('blocked').retries).toMatchObject({ kenhojoPin: 0, kenhojoB: 0, jpkiAuthPin: 0 });
    expect(loadPersona('chaining-quirks').quirks).toEqual({
      chaining: true,
      wrongLe: true,
      firstApduError: true,
      strictCurrentEf: false,
    });
    expect(loadPersona('strict-current-ef').quirks.strictCurrentEf).toBe(true);
  });

  it('computes My Number check digits by the public rule', () => {
    expect(myNumberCheckDigit('53768667718')).toBe(8);
    expect(isValidMyNumber('537686677188')).toBe(true);
    expect(isValidMyNumber('537686677187')).toBe(false);
    expect(isValidMyNumber('12345678901')).toBe(false);
  });

  it('names the file for an unknown persona', () => {
    const e = catchError(() => loadPersona('nobody'));
    expect(e.code).toBe('PERSONA_NOT_FOUND');
    expect(e.message).toContain('ordinary');
    expect(catchError(() => loadPersona('../etc/passwd')).code).toBe('PERSONA_NOT_FOUND');
  });

  it('names the file and the field of a broken persona', () => {
    const dir = mkdtempSync(join(tmpdir(), 'personas-'));
    const good = JSON.parse(readFileSync(join(PERSONA_DIR, 'ordinary.json'), 'utf8')) as {
      secrets: Record<string, string>;
      resident: Record<string, string>;
    };

    writeFileSync(join(dir, 'syntax.json'), '{ "id": "syntax", ');
    const syntax = catchError(() => loadPersona('syntax', dir));
    expect(syntax.code).toBe('PERSONA_INVALID');
    expect(syntax.message).toContain(join(dir, 'syntax.json'));
    expect(syntax.message).toMatch(/not valid JSON/);

    writeFileSync(
      join(dir, 'pin.json'),
      JSON.stringify({ ...good, id: 'pin', secrets: { ...good.secrets, kenhojoPin: '12' } }),
    );
    const pin = catchError(() => loadPersona('pin', dir));
    expect(pin.field).toBe('secrets.kenhojoPin');
    expect(pin.message).toContain('pin.json');

    const badNumber = { ...good, id: 'check', resident: { ...good.resident, myNumber: '123456789012' } };
    writeFileSync(join(dir, 'check.json'), JSON.stringify(badNumber));
    expect(catchError(() => loadPersona('check', dir)).field).toBe('resident.myNumber');

    writeFileSync(join(dir, 'other-id.json'), JSON.stringify(good));
    expect(catchError(() => loadPersona('other-id', dir)).field).toBe('id');

    writeFileSync(
      join(dir, 'space.json'),
      JSON.stringify({ ...good, id: 'space', resident: { ...good.resident, name: '山田 太郎' } }),
    );
    expect(catchError(() => loadPersona('space', dir)).field).toBe('resident.name');
  });
});
