/**
 * Katakana for フリガナ: the on-screen keyboard's table and the voicing marks (゛ ゜ and small kana)
 * applied to the last character, as on a phone keypad. Pure functions, unit-tested.
 */

/** Columns ア行…ワ行, five rows each (null = no key). */
export const KANA_COLUMNS: readonly (readonly (string | null)[])[] = [
  ['ア', 'イ', 'ウ', 'エ', 'オ'],
  ['カ', 'キ', 'ク', 'ケ', 'コ'],
  ['サ', 'シ', 'ス', 'セ', 'ソ'],
  ['タ', 'チ', 'ツ', 'テ', 'ト'],
  ['ナ', 'ニ', 'ヌ', 'ネ', 'ノ'],
  ['ハ', 'ヒ', 'フ', 'ヘ', 'ホ'],
  ['マ', 'ミ', 'ム', 'メ', 'モ'],
  ['ヤ', null, 'ユ', null, 'ヨ'],
  ['ラ', 'リ', 'ル', 'レ', 'ロ'],
  ['ワ', 'ヲ', 'ン', 'ー', null],
];

const pairs = (s: string): Array<[string, string]> => {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < s.length; i += 2) out.push([s[i]!, s[i + 1]!]);
  return out;
};

const DAKUTEN = new Map(
  pairs('カガキギクグケゲコゴサザシジスズセゼソゾタダチヂツヅテデトドハバヒビフブヘベホボウヴ'),
);
const HANDAKUTEN = new Map(pairs('ハパヒピフプヘペホポ'));
const SMALL = new Map(pairs('アァイィウゥエェオォツッヤャユュヨョワヮ'));

function invert(m: Map<string, string>): Map<string, string> {
  return new Map([...m].map(([a, b]) => [b, a]));
}
const UN_DAKUTEN = invert(DAKUTEN);
const UN_HANDAKUTEN = invert(HANDAKUTEN);
const UN_SMALL = invert(SMALL);

export type KanaMark = 'dakuten' | 'handakuten' | 'small';

/** Applies (or removes, when already applied) a mark to the last character. */
export function applyMark(text: string, mark: KanaMark): string {
  const chars = [...text];
  const last = chars.pop();
  if (last === undefined) return text;
  // Back to the plain kana first, so ガ + ゜ works like バ + ゜ → パ on a phone.
  const plain = UN_DAKUTEN.get(last) ?? UN_HANDAKUTEN.get(last) ?? UN_SMALL.get(last) ?? last;
  let next = last;
  if (mark === 'dakuten') next = UN_DAKUTEN.has(last) ? plain : (DAKUTEN.get(plain) ?? last);
  if (mark === 'handakuten') next = UN_HANDAKUTEN.has(last) ? plain : (HANDAKUTEN.get(plain) ?? last);
  if (mark === 'small') next = UN_SMALL.has(last) ? plain : (SMALL.get(plain) ?? last);
  return chars.join('') + next;
}

/** Hiragana → katakana, ASCII/half-width spaces → full-width space; everything else kept. */
export function toKatakana(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x3041 && c <= 0x3096) out += String.fromCodePoint(c + 0x60);
    else if (ch === ' ') out += '\u3000';
    else out += ch;
  }
  return out;
}

const KATAKANA_RE = /^[\u30A1-\u30FA\u30FC\u3000]*$/u;

/** Full-width katakana, ー and full-width spaces only. */
export function isKatakana(text: string): boolean {
  return KATAKANA_RE.test(text);
}

/** Keeps what a フリガナ may contain after converting hiragana; drops the rest. */
export function cleanKana(text: string): string {
  return [...toKatakana(text)].filter((ch) => isKatakana(ch)).join('');
}

/** Katakana plus capital letters, digits, hyphens and spaces (a building's name and room). */
export function cleanKanaLatin(text: string): string {
  return [...toKatakana(text).toUpperCase()].filter((ch) => isKatakana(ch) || /[A-Z0-9 -]/.test(ch)).join('');
}
