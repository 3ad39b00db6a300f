import { describe, expect, it } from 'vitest';
import { applyMark, cleanKana, isKatakana, KANA_COLUMNS, toKatakana } from './kana.ts';

describe('kana keyboard logic', () => {
  it('voices the last character and toggles back', () => {
    expect(applyMark('ヤマタ', 'dakuten')).toBe('ヤマダ');
    expect(applyMark('ヤマダ', 'dakuten')).toBe('ヤマタ');
    expect(applyMark('ハ', 'handakuten')).toBe('パ');
    expect(applyMark('バ', 'handakuten')).toBe('パ');
    expect(applyMark('パ', 'dakuten')).toBe('バ');
    expect(applyMark('ウ', 'dakuten')).toBe('ヴ');
  });

  it('makes small kana and leaves unmarkable characters alone', () => {
    expect(applyMark('キヨ', 'small')).toBe('キョ');
    expect(applyMark('キョ', 'small')).toBe('キヨ');
    expect(applyMark('マ', 'dakuten')).toBe('マ');
    expect(applyMark('', 'small')).toBe('');
  });

  it('turns hiragana typed on a keyboard into katakana and cleans the rest', () => {
    expect(toKatakana('やまだ たろう')).toBe('ヤマダ\u3000タロウ');
    expect(cleanKana('やまだabc　タロウ1')).toBe('ヤマダ\u3000タロウ');
    expect(isKatakana('ヤマダ\u3000タロウ')).toBe(true);
    expect(isKatakana('山田')).toBe(false);
  });

  it('has 46 basic kana plus ー on the keyboard', () => {
    const keys = KANA_COLUMNS.flat().filter((k): k is string => k !== null);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(47);
    expect(keys.every((k) => isKatakana(k))).toBe(true);
  });
});
