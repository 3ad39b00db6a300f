/**
 * Normalised keys for matching a person read from a card, typed by staff or printed on a slip (the
 * voter's 入場券) against a roster. The same functions build the keys stored at import and the keys of a
 * query, so both sides always agree.
 *
 * - Names: NFKC (full-width Latin, half-width kana, compatibility ideographs), every space
 *   removed (U+3000 included), middle dots removed, 異体字 folded to one form (髙→高, 﨑→崎,
 *   邊/邉→辺, 齋/齊→斎, 濵/濱→浜 …), Latin upper-cased.
 * - Kana: as names, then katakana → hiragana and small kana → full size (きょう ≈ きよう, as old
 *   rolls write it).
 * - Addresses (only to break ties): as names, plus kanji numerals before 丁目/番/号 → digits and
 *   丁目/番地/番/号/の between numbers → "-", ヶ/ケ/が → one form.
 */

/**
 * 異体字 → the form used for matching. Folding widens a match only within the same birth date
 * (and then address), so a generous table costs nothing in precision.
 */
const VARIANTS: Readonly<Record<string, string>> = {
  髙: '高',
  﨑: '崎',
  嵜: '崎',
  碕: '崎',
  邊: '辺',
  邉: '辺',
  齋: '斎',
  齊: '斎',
  濵: '浜',
  濱: '浜',
  德: '徳',
  惠: '恵',
  國: '国',
  澤: '沢',
  廣: '広',
  櫻: '桜',
  眞: '真',
  冨: '富',
  龍: '竜',
  瀨: '瀬',
  藏: '蔵',
  實: '実',
  壽: '寿',
  條: '条',
  淸: '清',
  靜: '静',
  兒: '児',
  榮: '栄',
  圓: '円',
  與: '与',
  嶋: '島',
  嶌: '島',
  峯: '峰',
  萬: '万',
  舘: '館',
  '𠮷': '吉',
  槇: '槙',
  篭: '籠',
  檜: '桧',
  渕: '淵',
  埜: '野',
  黑: '黒',
  亞: '亜',
  來: '来',
  傳: '伝',
  﨔: '欅',
};

const VARIANT_RE = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'gu');
/** Whitespace of every kind plus the separators people put between family and given names. */
const SEPARATORS_RE = /[\s\u3000・･·‧]/g;

function fold(s: string): string {
  return s
    .normalize('NFKC')
    .replace(SEPARATORS_RE, '')
    .replace(VARIANT_RE, (c) => VARIANTS[c] ?? c);
}

export function normalizeName(name: string): string {
  return fold(name).toUpperCase();
}

const SMALL_KANA: Readonly<Record<string, string>> = {
  ぁ: 'あ',
  ぃ: 'い',
  ぅ: 'う',
  ぇ: 'え',
  ぉ: 'お',
  っ: 'つ',
  ゃ: 'や',
  ゅ: 'ゆ',
  ょ: 'よ',
  ゎ: 'わ',
  ゕ: 'か',
  ゖ: 'け',
};

function katakanaToHiragana(s: string): string {
  // ァ(U+30A1)…ヶ(U+30F6) map 0x60 down to ぁ…ゖ; ー and ・ are shared and stay.
  return s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

export function normalizeKana(kana: string): string {
  return katakanaToHiragana(fold(kana)).replace(/[ぁぃぅぇぉっゃゅょゎゕゖ]/g, (c) => SMALL_KANA[c] ?? c);
}

/** True when the text is kana (either script), the long-vowel mark and separators only. */
export function isKana(text: string): boolean {
  return /^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc\u30fd\u30fe]*$/.test(fold(text));
}

const KANJI_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const KANJI_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** "二十三" → 23, "一〇五" → 105, "千二百" → 1200. */
export function kanjiNumberToInt(s: string): number {
  if ([...s].every((c) => c in KANJI_DIGITS)) {
    return Number([...s].map((c) => KANJI_DIGITS[c]).join(''));
  }
  let total = 0;
  let digit = 0;
  for (const c of s) {
    if (c in KANJI_DIGITS) digit = KANJI_DIGITS[c]!;
    else {
      total += (digit || 1) * KANJI_UNITS[c]!;
      digit = 0;
    }
  }
  return total + digit;
}

export function normalizeAddress(address: string): string {
  return fold(address)
    .replace(/[〇一二三四五六七八九十百千]+(?=丁目|番地|番|号)/g, (m) => String(kanjiNumberToInt(m)))
    .replace(/[ヶケヵがガ]/g, 'ケ')
    .replace(/(?<=\d)[‐‑‒–—―−ーｰ]/g, '-')
    .replace(/(?<=\d)(丁目|番地|番|号|の)(?=\d)/g, '-')
    .replace(/(?<=\d)(丁目|番地|番|号)$/g, '')
    .replace(/-+$/g, '');
}

/** Ids (roll numbers, 世帯番号) from a file, a keyboard-wedge barcode scanner or a keyboard. */
export function normalizeId(s: string): string {
  return s.normalize('NFKC').replace(/\s/g, '');
}

/** Length of the common prefix of two normalised strings (address tie-break score). */
export function commonPrefixLength(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}
