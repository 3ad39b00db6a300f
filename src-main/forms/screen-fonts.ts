/**
 * The print faces on screen. The resident's name and address are shown with the fonts the forms
 * print them in — BIZ UDゴシック, then IPAmj明朝 for what it lacks (𠮷 and the other register
 * characters) — so what the resident checks on screen is what will be printed. The fonts are cut
 * into web-font chunks, each with its unicode-range, so a page loads only the chunks its characters
 * need (a name costs a few hundred KB, not the 46 MB of IPAmj). `vite build` writes them beside
 * the screens (vite.config.ts); nothing is fetched at run time from anywhere else.
 */
import { cmapFormat12, copyTable, parseTrueType, TrueTypeSubset } from './ttf-subset.ts';
import { FALLBACKS, loadFont, type FontKey } from './fonts.ts';

export interface ScreenFontFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface ScreenFontFace {
  family: string;
  fileName: string;
  unicodeRange: string;
}

/**
 * The print faces as CSS families, in the order the forms fall back for a filled-in value
 * (FALLBACKS.gothic in fonts.ts). styles/kiosk.css names the same families in --print-faces.
 */
const FAMILY: Record<FontKey, string> = {
  gothic: 'Kakanai Print Gothic',
  mincho: 'Kakanai Print Mincho',
  mj: 'Kakanai Print MJ',
};
const SOURCES = FALLBACKS.gothic.map((key) => ({ key, family: FAMILY[key], slug: `print-${key}` }));

/** "U+4E00-4E05,U+4E10" for a sorted list of code points. */
export function unicodeRange(sorted: readonly number[]): string {
  const parts: string[] = [];
  const hex = (n: number) => n.toString(16).toUpperCase();
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `U+${hex(sorted[i]!)}` : `U+${hex(sorted[i]!)}-${hex(sorted[j]!)}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** One web font (TrueType with a cmap and a name table) holding exactly these code points. */
function webSubset(key: FontKey, codePoints: readonly number[]): Uint8Array {
  const { bytes, fk } = loadFont(key);
  const parsed = parseTrueType(bytes);
  const subset = new TrueTypeSubset(parsed);
  const cmap = new Map<number, number>();
  for (const cp of codePoints) cmap.set(cp, subset.includeGlyph(fk.glyphForCodePoint(cp).id));
  const extra = new Map([['cmap', cmapFormat12(cmap)]]);
  const name = copyTable(parsed, 'name');
  if (name) extra.set('name', name);
  return subset.encode(extra);
}

/**
 * Cuts the print faces into chunks: every code point of the gothic face, then every code point
 * only IPAmj has, `chunkSize` code points a file.
 */
export function printFaceChunks(chunkSize = 600): { faces: ScreenFontFace[]; files: ScreenFontFile[] } {
  const faces: ScreenFontFace[] = [];
  const files: ScreenFontFile[] = [];
  const taken = new Set<number>();
  for (const source of SOURCES) {
    const { fk } = loadFont(source.key);
    const cps = fk.characterSet.filter((cp) => cp >= 0x20 && !taken.has(cp)).sort((a, b) => a - b);
    for (const cp of cps) taken.add(cp);
    for (let i = 0, n = 0; i < cps.length; i += chunkSize, n++) {
      const chunk = cps.slice(i, i + chunkSize);
      const fileName = `${source.slug}-${String(n).padStart(3, '0')}.ttf`;
      files.push({ fileName, bytes: webSubset(source.key, chunk) });
      faces.push({ family: source.family, fileName, unicodeRange: unicodeRange(chunk) });
    }
  }
  return { faces, files };
}

/** The @font-face rules for the chunks (URLs relative to the stylesheet beside them). */
export function printFaceCss(faces: readonly ScreenFontFace[]): string {
  return faces
    .map(
      (f) =>
        `@font-face{font-family:'${f.family}';font-style:normal;font-weight:400;font-display:swap;` +
        `src:url(./${f.fileName}) format('truetype');unicode-range:${f.unicodeRange}}`,
    )
    .join('\n');
}
