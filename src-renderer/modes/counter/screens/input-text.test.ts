import { describe, expect, it } from 'vitest';
import {
  cellText,
  dateStanding,
  formatDateJa,
  fromIso,
  isoFrom,
  localDate,
  valueText,
} from './input-text.ts';
import type { FormInputView } from '../../../api/types.ts';

const words = { yes: 'はい', no: 'いいえ' };

const children: FormInputView = {
  key: 'children',
  type: 'list',
  label: '児童',
  required: false,
  maxRows: 5,
  formIds: ['jido-teate'],
  columns: [
    { key: 'name', type: 'text', label: '氏名', required: true },
    { key: 'birthDate', type: 'date', label: '生年月日', required: true },
    {
      key: 'livesWith',
      type: 'choice',
      label: '同居・別居',
      required: true,
      options: [
        { value: 'together', label: '同居' },
        { value: 'apart', label: '別居' },
      ],
    },
  ],
};

describe('input text', () => {
  it('reads dates by era, with 元年 and era boundaries', () => {
    expect(formatDateJa('2019-05-01')).toBe('令和元年5月1日');
    expect(formatDateJa('2019-04-30')).toBe('平成31年4月30日');
    expect(formatDateJa('1989-01-07')).toBe('昭和64年1月7日');
    expect(formatDateJa('1900-02-03')).toBe('1900年2月3日');
    expect(formatDateJa('not a date')).toBe('not a date');
  });

  it('writes the same day in the resident’s language beside the 和暦, except for Japanese', () => {
    expect(localDate('2026-12-01', 'en')).toBe('December 1, 2026');
    expect(localDate('2026-12-01', 'pt-BR')).toBe('1 de dezembro de 2026');
    expect(localDate('2026-12-01', 'ja')).toBeNull();
    expect(localDate('', 'en')).toBeNull();
  });

  it('places a date against its input’s range: refused outside it, noted when late', () => {
    const move = { min: '2025-12-06', max: '2027-01-06', lateBefore: '2026-11-22' };
    expect(dateStanding('2106-12-11', move)).toBe('tooLate');
    expect(dateStanding('2025-01-01', move)).toBe('tooEarly');
    expect(dateStanding('2026-11-01', move)).toBe('late');
    expect(dateStanding('2026-12-01', move)).toBe('ok');
    expect(dateStanding('', move)).toBe('ok');
  });

  it('round-trips era parts and refuses days that do not exist', () => {
    expect(fromIso('2026-04-01')).toEqual({ era: 'reiwa', y: '8', m: '4', d: '1' });
    expect(isoFrom('reiwa', '8', '4', '1')).toBe('2026-04-01');
    expect(isoFrom('heisei', '31', '2', '29')).toBe('');
    expect(isoFrom('showa', '', '1', '1')).toBe('');
  });

  it('shows a household row by labels, not stored values', () => {
    const rows = [
      { name: '山田 花子', birthDate: '2020-06-15', livesWith: 'together' },
      { name: '山田 次郎', birthDate: '', livesWith: 'apart' },
    ];
    expect(valueText(children, rows, words)).toBe('山田 花子 令和2年6月15日 同居 / 山田 次郎 別居');
    expect(valueText(children, [], words)).toBe('—');
  });

  it('shows yes/no in the resident language and blanks as a dash', () => {
    const flag = { type: 'boolean' };
    expect(cellText(flag, true, words)).toBe('はい');
    expect(cellText(flag, false, words)).toBe('いいえ');
    expect(cellText({ type: 'text' }, '', words)).toBe('—');
  });
});
