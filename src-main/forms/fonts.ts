/**
 * Fonts for forms: BIZ UDゴシック / BIZ UD明朝 (SIL OFL, TrueType, universal-design faces that stay
 * legible for elderly readers) with IPAmj明朝 (IPA Font License; the MJ character set made for names
 * in resident registers) as per-character fallback for 𠮷 and other characters outside JIS X 0213.
 * All are committed in assets/fonts/ so the app needs no system fonts.
 *
 * Embedding goes through pdf-lib with fontkit for layout and OUR TrueType subsetter (ttf-subset.ts)
 * for the embedded font program, because @pdf-lib/fontkit's own subsetter corrupts CJK glyphs.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { parseTrueType, TrueTypeSubset } from './ttf-subset.ts';
import type { FormFont } from './schema.ts';

export const FONT_DIR = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));

export type FontKey = 'gothic' | 'mincho' | 'mj';

const FONT_FILES: Record<FontKey, string> = {
  gothic: 'BIZUDGothic-Regular.ttf',
  mincho: 'BIZUDMincho-Regular.ttf',
  mj: 'ipamjm.ttf',
};

/** Fonts tried, in order, for a character the face's own font lacks. */
export const FALLBACKS: Record<FormFont, FontKey[]> = {
  gothic: ['gothic', 'mj'],
  mincho: ['mincho', 'mj'],
};

/** What fontkit gives us; typed narrowly to what we use. */
interface FkGlyph {
  id: number;
  advanceWidth: number;
}
export interface FkFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  postscriptName: string;
  /** Every code point the font maps. */
  characterSet: number[];
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FkGlyph;
  layout(text: string): { glyphs: FkGlyph[]; advanceWidth: number };
  createSubset(): unknown;
}

export interface LoadedFont {
  key: FontKey;
  bytes: Uint8Array;
  fk: FkFont;
}

const loaded = new Map<FontKey, LoadedFont>();
/** fontkit fonts by the byte array pdf-lib passes back to `create`, so parsing happens once. */
const byBytes = new WeakMap<Uint8Array, FkFont>();

function openFont(bytes: Uint8Array): FkFont {
  const cached = byBytes.get(bytes);
  if (cached) return cached;
  const parsed = parseTrueType(bytes);
  const fk = fontkit.create(bytes as Buffer) as unknown as FkFont;
  // Replace fontkit's subsetter with ours (see ttf-subset.ts for why).
  fk.createSubset = () => new TrueTypeSubset(parsed);
  byBytes.set(bytes, fk);
  return fk;
}

export function loadFont(key: FontKey): LoadedFont {
  let f = loaded.get(key);
  if (!f) {
    const bytes = new Uint8Array(readFileSync(FONT_DIR + FONT_FILES[key]));
    f = { key, bytes, fk: openFont(bytes) };
    loaded.set(key, f);
  }
  return f;
}

/** The fontkit object pdf-lib's `registerFontkit` gets: same fonts, our subsetter. */
export const subsettingFontkit = {
  create(data: Uint8Array) {
    return openFont(data);
  },
};

const VARIATION_SELECTOR = (cp: number) => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

/** A stretch of text drawn with one font. */
export interface Run {
  text: string;
  font: FontKey;
}

/**
 * Splits text into runs by which font has each character: the face's font first, then the
 * fallback. Variation selectors (異体字 IVS) stay with their base character. Characters no font
 * has are returned in `missing` (the caller reports them; nothing is dropped silently).
 */
export function splitRuns(text: string, face: FormFont): { runs: Run[]; missing: number[] } {
  const order = FALLBACKS[face];
  const runs: Run[] = [];
  const missing: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = runs[runs.length - 1];
    if (VARIATION_SELECTOR(cp) && last) {
      last.text += ch;
      continue;
    }
    let key = order.find((k) => cp < 0x20 || loadFont(k).fk.hasGlyphForCodePoint(cp));
    if (!key) {
      missing.push(cp);
      key = order[0]!;
    }
    if (last && last.font === key) last.text += ch;
    else runs.push({ text: ch, font: key });
  }
  return { runs, missing };
}

/** Width in points of text at a size, with fallback fonts where needed. */
export function measure(text: string, face: FormFont, size: number): number {
  let w = 0;
  for (const run of splitRuns(text, face).runs) {
    const fk = loadFont(run.font).fk;
    w += (fk.layout(run.text).advanceWidth / fk.unitsPerEm) * size;
  }
  return w;
}

/** Ascent/descent of the face as fractions of the font size (for baseline placement). */
export function verticalMetrics(face: FormFont): { ascent: number; descent: number } {
  const fk = loadFont(face).fk;
  return { ascent: fk.ascent / fk.unitsPerEm, descent: -fk.descent / fk.unitsPerEm };
}

/**
 * The fonts of one PDF document, embedded on first use. `subset: false` embeds whole fonts (only
 * the benchmark does that, to show what subsetting saves).
 */
export class DocumentFonts {
  private readonly embedded = new Map<FontKey, Promise<PDFFont>>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly opts: { subset: boolean; seed: string },
  ) {
    doc.registerFontkit(subsettingFontkit as never);
  }

  get(key: FontKey): Promise<PDFFont> {
    let p = this.embedded.get(key);
    if (!p) {
      const font = loadFont(key);
      // A subset font's name carries a six-letter tag (ISO 32000 9.6.4); deterministic so that
      // the same data renders the same bytes.
      const digest = createHash('sha256').update(`${this.opts.seed}/${key}`).digest();
      const tagText = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
      const name = this.opts.subset ? `${tagText}+${font.fk.postscriptName}` : font.fk.postscriptName;
      p = this.doc.embedFont(font.bytes, { subset: this.opts.subset, customName: name });
      this.embedded.set(key, p);
    }
    return p;
  }
}

/** Reads and parses the font files now (the kiosk calls this at start so the first print is fast). */
export function preloadFonts(): void {
  for (const key of Object.keys(FONT_FILES) as FontKey[]) loadFont(key).fk.layout('山');
}
