import { describe, expect, it } from 'vitest';
import fontkit from '@pdf-lib/fontkit';
import { loadFont } from './fonts.ts';
import { FontFormatError, parseTrueType, TrueTypeSubset, writeSfnt } from './ttf-subset.ts';

type Fk = {
  getGlyph(id: number): { path: { toSVG(): string }; advanceWidth: number };
  glyphForCodePoint(cp: number): { id: number };
  numGlyphs: number;
};

/** A three-glyph font: .notdef, a triangle, and a composite that places the triangle shifted. */
function syntheticCompositeFont(): Uint8Array {
  const head = new DataView(new ArrayBuffer(54));
  head.setUint32(0, 0x00010000);
  head.setUint32(12, 0x5f0f3cf5);
  head.setUint16(18, 1000);
  head.setInt16(42, 700);
  head.setInt16(40, 600);
  head.setInt16(50, 1);
  const hhea = new DataView(new ArrayBuffer(36));
  hhea.setUint32(0, 0x00010000);
  hhea.setInt16(4, 800);
  hhea.setInt16(6, -200);
  hhea.setUint16(34, 3);
  const maxp = new DataView(new ArrayBuffer(6));
  maxp.setUint32(0, 0x00005000);
  maxp.setUint16(4, 3);
  const hmtx = new DataView(new ArrayBuffer(12));
  for (let i = 0; i < 3; i++) hmtx.setUint16(i * 4, 1000);
  // Simple glyph: one contour of three on-curve points with int16 deltas (flags 0x01).
  const simple = new DataView(new ArrayBuffer(10 + 2 + 2 + 3 + 12 + 1));
  simple.setInt16(0, 1);
  simple.setInt16(6, 500);
  simple.setInt16(8, 700);
  simple.setUint16(10, 2);
  simple.setUint16(12, 0);
  [0x01, 0x01, 0x01].forEach((f, k) => simple.setUint8(14 + k, f));
  [0, 500, -250].forEach((d, k) => simple.setInt16(17 + k * 2, d));
  [0, 0, 700].forEach((d, k) => simple.setInt16(23 + k * 2, d));
  const composite = new DataView(new ArrayBuffer(10 + 8));
  composite.setInt16(0, -1);
  composite.setInt16(6, 600);
  composite.setInt16(8, 700);
  composite.setUint16(10, 0x0003); // ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES
  composite.setUint16(12, 1);
  composite.setInt16(14, 100);
  composite.setInt16(16, 0);
  const pad = (n: number) => (n + 3) & ~3;
  const glyphs = [new Uint8Array(0), new Uint8Array(simple.buffer), new Uint8Array(composite.buffer)];
  const glyf = new Uint8Array(glyphs.reduce((a, g) => a + pad(g.length), 0));
  const loca = new DataView(new ArrayBuffer(16));
  let off = 0;
  glyphs.forEach((g, i) => {
    loca.setUint32(i * 4, off);
    glyf.set(g, off);
    off += pad(g.length);
  });
  loca.setUint32(12, off);
  return writeSfnt(
    new Map([
      ['head', new Uint8Array(head.buffer)],
      ['hhea', new Uint8Array(hhea.buffer)],
      ['maxp', new Uint8Array(maxp.buffer)],
      ['hmtx', new Uint8Array(hmtx.buffer)],
      ['loca', new Uint8Array(loca.buffer)],
      ['glyf', glyf],
    ]),
  );
}

describe('TrueTypeSubset', () => {
  const { bytes } = loadFont('gothic');
  const original = fontkit.create(Buffer.from(bytes)) as unknown as Fk;

  it('keeps every included glyph outline and advance identical (CJK, kana, Latin)', () => {
    const subset = new TrueTypeSubset(parseTrueType(bytes));
    const chars = [...'山田太郎髙﨑邊齋住民異動届あいうえおアイウエオSMITH-Émile0123456789〒'];
    const ids = chars.map((c) => subset.includeGlyph(original.glyphForCodePoint(c.codePointAt(0)!)));
    expect(ids[0]).toBe(1); // .notdef is 0
    const out = subset.encode();
    const sub = fontkit.create(Buffer.from(out)) as unknown as Fk;
    chars.forEach((c, i) => {
      const src = original.glyphForCodePoint(c.codePointAt(0)!);
      const got = sub.getGlyph(ids[i]!);
      expect(got.path.toSVG(), c).toBe(original.getGlyph(src.id).path.toSVG());
      expect(got.advanceWidth, c).toBe(original.getGlyph(src.id).advanceWidth);
    });
    // Small: a few dozen glyphs of a 4.6 MB font.
    expect(out.length).toBeLessThan(40_000);
  });

  it('writes a long loca with 4-byte aligned glyphs (the @pdf-lib/fontkit corruption cannot happen)', () => {
    const subset = new TrueTypeSubset(parseTrueType(bytes));
    for (const c of '葛飾区亀有') subset.includeGlyph(original.glyphForCodePoint(c.codePointAt(0)!));
    const parsed = parseTrueType(subset.encode());
    expect(parsed.longLoca).toBe(true);
    const loca = parsed.tables.get('loca')!.offset;
    for (let i = 0; i <= parsed.numGlyphs; i++) expect(parsed.view.getUint32(loca + i * 4) % 4).toBe(0);
  });

  it('includes and renumbers the components of composite glyphs', () => {
    // The shipped fonts have no composites, so build a font that has one.
    const font = syntheticCompositeFont();
    const src = fontkit.create(Buffer.from(font)) as unknown as Fk;
    const subset = new TrueTypeSubset(parseTrueType(font));
    expect(subset.includeGlyph(2)).toBe(1);
    const out = subset.encode();
    expect(subset.glyphCount).toBe(3); // .notdef, the composite, then its component appended as 2
    const sub = fontkit.create(Buffer.from(out)) as unknown as Fk;
    expect(src.getGlyph(2).path.toSVG()).toContain('M100 0');
    expect(sub.getGlyph(1).path.toSVG()).toBe(src.getGlyph(2).path.toSVG());
    expect(sub.getGlyph(2).path.toSVG()).toBe(src.getGlyph(1).path.toSVG());
  });

  it('rejects what is not a TrueType font, and glyph ids out of range', () => {
    expect(() => parseTrueType(new Uint8Array([0x4f, 0x54, 0x54, 0x4f, 0, 0, 0, 0, 0, 0, 0, 0]))).toThrow(
      FontFormatError,
    );
    expect(() => parseTrueType(new Uint8Array(4))).toThrow(FontFormatError);
    const subset = new TrueTypeSubset(parseTrueType(bytes));
    expect(() => subset.includeGlyph(original.numGlyphs + 5)).toThrow(FontFormatError);
  });
});
