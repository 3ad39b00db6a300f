import { describe, expect, it } from 'vitest';
import { clusters, fitText, MM, unitWidth, wrapLines } from './layout.ts';
import { splitRuns } from './fonts.ts';

describe('font fallback runs', () => {
  it('sends 𠮷 to IPAmj and keeps 髙﨑邊齋 in BIZ UD (they have them)', () => {
    const { runs, missing } = splitRuns('𠮷野　髙橋﨑邊齋', 'gothic');
    expect(missing).toEqual([]);
    expect(runs).toEqual([
      { text: '𠮷', font: 'mj' },
      { text: '野　髙橋﨑邊齋', font: 'gothic' },
    ]);
  });

  it('reports characters no font has instead of dropping them', () => {
    expect(splitRuns('김한국', 'mincho').missing).toEqual([0xae40, 0xd55c, 0xad6d]);
  });

  it('keeps an ideographic variation selector with its base character', () => {
    expect(clusters('葛\u{E0100}城')).toEqual(['葛\u{E0100}', '城']);
    expect(splitRuns('葛\u{E0100}城', 'gothic').runs).toHaveLength(1);
  });
});

describe('line breaking', () => {
  const width = (chars: number, size: number) => unitWidth('国', 'gothic') * size * chars + 0.01;

  it('breaks between CJK characters at the width', () => {
    expect(wrapLines('東京都千代田区霞が関', 'gothic', 10, width(4, 10))).toEqual([
      '東京都千',
      '代田区霞',
      'が関',
    ]);
  });

  it('never starts a line with closing punctuation or a small kana', () => {
    const lines = wrapLines('あいう。えおかきっくけ', 'gothic', 10, width(3, 10));
    for (const l of lines.slice(1)) expect('。っ、）ー').not.toContain(l[0]);
    expect(lines.join('')).toBe('あいう。えおかきっくけ');
  });

  it('keeps Latin words and numbers whole', () => {
    const lines = wrapLines(
      'SMITH JOHN WILLIAM 1234',
      'gothic',
      10,
      unitWidth('WILLIAM 1234', 'gothic') * 10 + 0.01,
    );
    expect(lines).toEqual(['SMITH JOHN', 'WILLIAM 1234']);
  });

  it('honours explicit newlines', () => {
    expect(wrapLines('一行目\n二行目', 'gothic', 10, 1000)).toEqual(['一行目', '二行目']);
  });
});

describe('fitText: shrink, then wrap, then overflow', () => {
  const style = { face: 'gothic' as const, maxSize: 12, minSize: 6, wrap: false, lineHeight: 1.2 };

  it('keeps the size when the text fits', () => {
    const r = fitText('山田　太郎', 60 * MM, 10 * MM, style);
    expect(r).toMatchObject({ ok: true, size: 12, lines: ['山田　太郎'], shrunk: false });
  });

  it('shrinks a long line before anything else', () => {
    const text = '東京都千代田区霞が関一丁目２番３号';
    const r = fitText(text, 50 * MM, 10 * MM, { ...style, wrap: true });
    expect(r.ok && r.lines.length === 1 && r.shrunk && r.size < 12 && r.size >= 6).toBe(true);
  });

  it('wraps when shrinking to the floor is not enough', () => {
    const text = 'あ'.repeat(80);
    const r = fitText(text, 60 * MM, 20 * MM, { ...style, wrap: true });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.wrapped).toBe(true);
      expect(r.lines.join('')).toBe(text);
    }
  });

  it('reports overflow rather than cutting, when wrapping is not allowed or not enough', () => {
    expect(fitText('あ'.repeat(80), 60 * MM, 20 * MM, style)).toMatchObject({ ok: false });
    const r = fitText('あ'.repeat(2000), 60 * MM, 20 * MM, { ...style, wrap: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/2000 characters do not fit/);
  });
});
