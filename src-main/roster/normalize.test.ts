import { describe, expect, it } from 'vitest';
import {
  commonPrefixLength,
  isKana,
  kanjiNumberToInt,
  normalizeAddress,
  normalizeKana,
  normalizeName,
  normalizeId,
} from './normalize.ts';
import { prng } from '../../test/helpers/prng.ts';

describe('name normalisation', () => {
  it.each([
    ['髙橋一郎', '高橋一郎'],
    ['山﨑花子', '山崎花子'],
    ['山嵜花子', '山崎花子'],
    ['渡邊次郎', '渡辺次郎'],
    ['渡邉次郎', '渡辺次郎'],
    ['齋藤さくら', '斎藤さくら'],
    ['齊藤さくら', '斎藤さくら'],
    ['濵田ゆき', '浜田ゆき'],
    ['濱田ゆき', '浜田ゆき'],
    ['𠮷田', '吉田'],
    ['德川', '徳川'],
  ])('folds 異体字: %s ≈ %s', (a, b) => {
    expect(normalizeName(a)).toBe(normalizeName(b));
  });

  it('ignores every kind of space and the middle dot; NFKC for full-width and compatibility forms', () => {
    const forms = ['髙橋 一郎', '髙橋　一郎', ' 髙橋\t一郎 ', '高橋一郎', '髙橋・一郎'];
    for (const f of forms) expect(normalizeName(f)).toBe('高橋一郎');
    expect(normalizeName('ＪＯＨＮ　Ｓｍｉｔｈ')).toBe('JOHNSMITH');
    expect(normalizeName('塚本')).toBe(normalizeName('塚本'));
  });

  it('does not merge different names', () => {
    expect(normalizeName('高橋一郎')).not.toBe(normalizeName('高橋二郎'));
    expect(normalizeName('斎藤')).not.toBe(normalizeName('斉藤'));
  });

  it('is idempotent and insensitive to inserted spaces (property)', () => {
    const alphabet = [...'髙高﨑崎邊邉辺齋齊斎濵濱浜山田太郎花子ＡＢab・　 '];
    const rnd = prng(1);
    for (let i = 0; i < 500; i++) {
      const len = 1 + Math.floor(rnd() * 8);
      const s = Array.from({ length: len }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      const n = normalizeName(s);
      expect(normalizeName(n)).toBe(n);
      const spaced = [...s].map((c) => (rnd() < 0.3 ? `${c}\u3000` : c)).join('');
      expect(normalizeName(spaced)).toBe(n);
    }
  });
});

describe('kana normalisation', () => {
  it('katakana (full and half width) and hiragana agree; spaces ignored; small kana folded', () => {
    expect(normalizeKana('ヤマサキ ハナコ')).toBe('やまさきはなこ');
    expect(normalizeKana('ﾔﾏｻｷ ﾊﾅｺ')).toBe('やまさきはなこ');
    expect(normalizeKana('きょうこ')).toBe(normalizeKana('キヨウコ'));
    expect(normalizeKana('ヴィーナス')).toBe('ゔいーなす');
  });

  it('tells kana from other text', () => {
    expect(isKana('たかはし いちろう')).toBe(true);
    expect(isKana('タカハシ　イチロー')).toBe(true);
    expect(isKana('ﾀｶﾊｼ')).toBe(true);
    expect(isKana('')).toBe(true);
    expect(isKana('高橋')).toBe(false);
    expect(isKana('takahashi')).toBe(false);
  });
});

describe('address normalisation', () => {
  it('treats 丁目/番/号 and hyphens, kanji and Arabic numerals, ヶ and が alike', () => {
    const a = normalizeAddress('東京都千代田区霞が関一丁目2番3号');
    expect(normalizeAddress('東京都千代田区霞ヶ関1-2-3')).toBe(a);
    expect(normalizeAddress('東京都千代田区霞ケ関１－２－３')).toBe(a);
    expect(normalizeAddress('東京都 千代田区 霞が関 1丁目2番地3')).toBe(a);
    expect(a).toBe('東京都千代田区霞ケ関1-2-3');
    expect(normalizeAddress('新潟県三条市旭町二十三番地')).toBe('新潟県三条市旭町23');
  });

  it('converts kanji numerals', () => {
    expect(kanjiNumberToInt('二十三')).toBe(23);
    expect(kanjiNumberToInt('一〇五')).toBe(105);
    expect(kanjiNumberToInt('千二百')).toBe(1200);
    expect(kanjiNumberToInt('十')).toBe(10);
  });

  it('scores the shared prefix for tie-breaks', () => {
    expect(commonPrefixLength('abc', 'abd')).toBe(2);
    expect(commonPrefixLength('', 'x')).toBe(0);
  });
});

it('normalises roll numbers from barcode scanners and keyboards', () => {
  expect(normalizeId(' ００１２３ ')).toBe('00123');
  expect(normalizeId('A-12\n')).toBe('A-12');
});
