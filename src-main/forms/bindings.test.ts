import { describe, expect, it } from 'vitest';
import { fieldText, formatValue, resolveBinding, type BindingContext } from './bindings.ts';
import { getForm } from './catalog.ts';
import { parseFormData } from './data.ts';
import { FormError } from './errors.ts';
import { validateInputs } from './inputs.ts';

const form = getForm('jumin-ido').form;

function ctx(raw: unknown): BindingContext {
  return { form, data: parseFormData(raw) };
}

const base = {
  resident: {
    name: '山田　太郎',
    address: '東京都',
    birthDate: '1955-01-02',
    sex: '1',
    myNumber: '123456789012',
  },
  input: { phone: '03-1234-5678', nameKana: 'ヤマダ　タロウ', postalCode: '160-0023' },
  date: '2026-11-22',
};

describe('bindings and formats', () => {
  const c = ctx(base);
  const text = (bind: string, format?: string) =>
    fieldText({ bind, ...(format ? { format: format as never } : {}) }, c, { field: 't' });

  it('prints dates in 和暦 by default and in the requested parts', () => {
    expect(text('resident.birthDate')).toBe('昭和30年1月2日');
    expect(text('resident.birthDate', 'warekiNoEra')).toBe('30年1月2日');
    expect(text('resident.birthDate', 'eraKey')).toBe('showa');
    expect(text('resident.birthDate', 'eraShort')).toBe('昭');
    expect(text('resident.birthDate', 'seireki')).toBe('1955年1月2日');
    expect(text('derived.today')).toBe('令和8年11月22日');
    expect(text('derived.todayWareki')).toBe('令和8年11月22日');
    expect(text('derived.birthDateWareki')).toBe('昭和30年1月2日');
  });

  it('derives age, name parts, sex and postal code halves', () => {
    expect(text('derived.age')).toBe('71');
    expect(text('derived.familyName')).toBe('山田');
    expect(text('derived.givenName')).toBe('太郎');
    expect(text('derived.givenNameKana')).toBe('タロウ');
    expect(text('resident.sex')).toBe('男');
    expect(text('derived.postalCodeUpper')).toBe('160');
    expect(text('derived.postalCodeLower')).toBe('0023');
    expect(text('input.phone', 'digits')).toBe('0312345678');
    expect(text('input.phone', 'fullwidth')).toBe('０３－１２３４－５６７８');
  });

  it('fills templates and treats a template with no values as empty', () => {
    expect(fieldText({ template: '〒{input.postalCode}' }, c, { field: 't' })).toBe('〒160-0023');
    expect(fieldText({ template: '{resident.birthDate|eraYear}年' }, c, { field: 't' })).toBe('30年');
    expect(fieldText({ template: '〒{input.none}' }, c, { field: 't' })).toBeUndefined();
  });

  it('never yields the 個人番号 on a form that does not require it', () => {
    expect(resolveBinding('resident.myNumber', c).value).toBeUndefined();
  });

  it('rejects a date format on a value that is not a date', () => {
    expect(() => formatValue({ value: 'abc', kind: 'text' }, 'wareki', { field: 'x', form: 'f' })).toThrow(
      FormError,
    );
  });
});

describe('data and inputs validation', () => {
  it('normalises sex codes and rejects bad data with the path', () => {
    expect(parseFormData({ resident: { sex: '2' } }).resident.sex).toBe('female');
    expect(parseFormData({ resident: { sex: '9' } }).resident.sex).toBe('unspecified');
    expect(() => parseFormData({ resident: { birthDate: '1955-02-30' } })).toThrow(/resident.birthDate/);
    expect(() => parseFormData({ resident: { myNumber: '12' } })).toThrow(
      /resident.myNumber: expected 12 digits/,
    );
    expect(() => parseFormData({ resident: { myNumber: '12' } })).not.toThrow(/"12"/);
  });

  it('names a missing required input, and a malformed one', () => {
    const data = parseFormData({
      ...base,
      input: { moveType: 'tennyu', moveDate: '2026-11-20', newAddress: 'x' },
    });
    expect(() => validateInputs(form, data)).toThrow(
      /jumin-ido: input.phone: required value missing \(電話番号\)/,
    );
    expect(() => validateInputs(form, data, { blank: true })).not.toThrow();
    const bad = (input: Record<string, unknown>) =>
      validateInputs(
        form,
        parseFormData({
          input: {
            moveType: 'tennyu',
            moveDate: '2026-11-20',
            newAddress: 'x',
            phone: '03-1111-2222',
            ...input,
          },
          date: '2026-11-22',
        }),
      );
    // Dates inside the form's range, counted from the day the forms are filled on (2026-11-22):
    // a move from a year back to a month ahead; a birth date not in the future.
    expect(() => bad({ moveDate: '2106-12-11' })).toThrow(/input.moveDate: after 2026-12-22/);
    expect(() => bad({ moveDate: '2025-11-21' })).toThrow(/input.moveDate: before 2025-11-22/);
    expect(() => bad({ moveDate: '2025-11-22' })).not.toThrow();
    expect(() => bad({ members: [{ name: 'a', birthDate: '2026-11-23' }] })).toThrow(
      /input.members\[0\].birthDate: after 2026-11-22/,
    );
    expect(() => bad({ moveType: 'teleport' })).toThrow(
      /input.moveType: expected one of tennyu, tenkyo, tenshutsu/,
    );
    expect(() => bad({ nameKana: 'やまだ' })).toThrow(/input.nameKana: expected katakana/);
    expect(() => bad({ newPostalCode: '123' })).toThrow(/expected 7 digits, got 3/);
    expect(() => bad({ members: [{ nameKana: 'ア' }] })).toThrow(
      /input.members\[0\].name: required value missing/,
    );
    expect(() => bad({ members: Array(6).fill({ name: 'a', birthDate: '2000-01-01' }) })).toThrow(
      /at most 5 rows/,
    );
    expect(() => bad({})).not.toThrow();
  });
});
