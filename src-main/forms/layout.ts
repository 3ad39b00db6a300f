/**
 * Fitting text into a box: the largest size that fits on one line (down to a floor), then — if the
 * field may wrap — several lines, shrinking again down to the floor; otherwise an overflow the caller
 * reports. Nothing is ever cut. Lengths here are in points.
 *
 * Line breaking follows simple Japanese rules: a break is allowed between CJK characters and after
 * spaces, never inside a Latin word or number (unless the word alone is wider than the line), never
 * before closing punctuation or small kana (、。）」ー ゃ…) and never after an opening bracket.
 */
import { loadFont, splitRuns, type FontKey } from './fonts.ts';
import type { FormFont } from './schema.ts';

/** A character with any variation selectors that follow it. */
export function clusters(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const vs = (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
    if (vs && out.length > 0) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

const widthCache = new Map<string, number>();

/** Advance width of one cluster at 1 pt, with its fallback font. */
function clusterWidth(cluster: string, face: FormFont): number {
  const key = face + cluster;
  let w = widthCache.get(key);
  if (w === undefined) {
    const run = splitRuns(cluster, face).runs[0];
    const fk = loadFont((run?.font ?? face) as FontKey).fk;
    w = fk.layout(cluster).advanceWidth / fk.unitsPerEm;
    widthCache.set(key, w);
  }
  return w;
}

/** Width of a string at 1 pt. */
export function unitWidth(text: string, face: FormFont): number {
  let w = 0;
  for (const c of clusters(text)) w += clusterWidth(c, face);
  return w;
}

const NO_LINE_START = new Set([
  ...'、。，．,.）)]｝}」』】〕〉》’”ー〜～・：；:;？！?!ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ％%',
]);
const NO_LINE_END = new Set([...'（([｛{「『【〔〈《‘“']);

function isWordChar(c: string): boolean {
  return /^[\p{Script=Latin}\p{Nd}'’\-‐.@&_]$/u.test(c) && !/^[０-９]$/.test(c);
}

/** May a line break come between a and b? */
function canBreakBetween(a: string, b: string): boolean {
  if (b === ' ') return false;
  if (NO_LINE_START.has(b) || NO_LINE_END.has(a)) return false;
  if (a === ' ' || a === '\u3000') return true;
  return !(isWordChar(a) && isWordChar(b));
}

/** Greedy line breaking at `maxWidth` (pt) for size `size`. Explicit "\n" always breaks. */
export function wrapLines(text: string, face: FormFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    const cs = clusters(paragraph);
    let start = 0;
    while (start < cs.length) {
      while (start < cs.length && cs[start] === ' ') start++; // no leading ASCII spaces
      let width = 0;
      let end = start;
      let lastBreak = -1;
      while (end < cs.length) {
        const w = clusterWidth(cs[end]!, face) * size;
        // A space may hang past the edge (it is trimmed); anything else starts the next line.
        if (width + w > maxWidth && end > start && cs[end] !== ' ') break;
        if (end > start && canBreakBetween(cs[end - 1]!, cs[end]!)) lastBreak = end;
        width += w;
        end++;
      }
      const breakHere = end < cs.length && end > start && canBreakBetween(cs[end - 1]!, cs[end]!);
      if (end < cs.length && !breakHere && lastBreak > start) end = lastBreak;
      if (end === start) break;
      lines.push(cs.slice(start, end).join('').trimEnd());
      start = end;
    }
    if (cs.length === 0) lines.push('');
  }
  return lines;
}

export interface FitStyle {
  face: FormFont;
  maxSize: number;
  minSize: number;
  wrap: boolean;
  lineHeight: number;
  letterSpacing?: number;
}

export type FitResult =
  | { ok: true; size: number; lines: string[]; shrunk: boolean; wrapped: boolean }
  | { ok: false; reason: string };

const round = (n: number) => Math.floor(n * 100) / 100;

/** Height of n lines at a size. */
export function blockHeight(n: number, size: number, lineHeight: number): number {
  return n <= 0 ? 0 : (n - 1) * size * lineHeight + size;
}

/** Finds the size and lines for text in an inner box of width×height points. */
export function fitText(text: string, width: number, height: number, style: FitStyle): FitResult {
  const spacing = style.letterSpacing ?? 0;
  const single = text.replace(/\r?\n/g, ' ');
  const n = clusters(single).length;
  const w1 = unitWidth(single, style.face);
  // Largest size where one line fits: width scales with size (letter spacing does not).
  const byWidth = w1 > 0 ? (width - spacing * Math.max(0, n - 1)) / w1 : style.maxSize;
  const oneLine = Math.min(style.maxSize, byWidth, height);
  const hasBreaks = /\n/.test(text);
  if (oneLine >= style.minSize && !(style.wrap && hasBreaks)) {
    return {
      ok: true,
      size: round(oneLine),
      lines: [single],
      shrunk: oneLine < style.maxSize,
      wrapped: false,
    };
  }
  if (style.wrap) {
    // Try sizes from the largest down, in 0.25 pt steps, then the floor itself.
    for (let size = style.maxSize; ; size = Math.max(style.minSize, size - 0.25)) {
      const lines = wrapLines(text, style.face, size, width);
      if (blockHeight(lines.length, size, style.lineHeight) <= height + 1e-6) {
        return { ok: true, size, lines, shrunk: size < style.maxSize, wrapped: lines.length > 1 };
      }
      if (size === style.minSize) break;
    }
    return {
      ok: false,
      reason: `${n} characters do not fit in ${(width / MM).toFixed(1)}×${(height / MM).toFixed(1)} mm even wrapped at ${style.minSize} pt`,
    };
  }
  return {
    ok: false,
    reason: `${n} characters do not fit on one line of ${(width / MM).toFixed(1)} mm at ${style.minSize} pt (the field does not wrap)`,
  };
}

/** Points per millimetre. */
export const MM = 72 / 25.4;
