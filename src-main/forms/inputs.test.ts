import { describe, expect, it } from 'vitest';
import { getForm } from './catalog.ts';
import { dateBounds, validateInputs } from './inputs.ts';

describe('dateBounds', () => {
  it('keeps the later of the form’s earliest date and the holder’s birth date, when asked to', () => {
    const range = { min: '-22y', max: 'today', afterHolderBirth: true };
    expect(dateBounds(range, '2026-12-06')).toEqual({ min: '2004-12-06', max: '2026-12-06' });
    expect(dateBounds(range, '2026-12-06', '1980-02-17')).toEqual({ min: '2004-12-06', max: '2026-12-06' });
    expect(dateBounds(range, '2026-12-06', '2006-05-01')).toEqual({ min: '2006-05-01', max: '2026-12-06' });
    expect(dateBounds({ max: 'today' }, '2026-12-06', '2006-05-01')).toEqual({ max: '2026-12-06' });
  });
});

describe('validateInputs', () => {
  it('refuses a child born before the claimant, naming the row and column', () => {
    const { form } = getForm('jido-teate');
    const list = form.inputs.find((i) => i.type === 'list' && i.columns.some((c) => c.key === 'birthDate'))!;
    const data = (birthDate: string) => ({
      resident: { name: '山田 花子', address: '東京都', birthDate: '2006-05-01', sex: 'female' as const },
      input: { [list.key]: [{ name: '山田 一郎', birthDate }] },
      date: '2026-12-06',
    });
    expect(() => validateInputs(form, data('2005-01-01'), { blank: true })).toThrow(
      new RegExp(`input\\.${list.key}\\[0\\]\\.birthDate: before 2006-05-01`),
    );
    expect(() => validateInputs(form, data('2021-01-01'), { blank: true })).not.toThrow();
  });
});
