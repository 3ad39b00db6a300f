/**
 * A TrueType (glyf) subsetter for PDF embedding.
 *
 * Why our own: @pdf-lib/fontkit's subsetter writes `loca` in the short format without padding glyph
 * records to an even length, so one odd-length glyph shifts every later glyph and CJK text renders
 * blank or partly blank while pdftotext still finds it (pdf-lib issues #1232, #808). This one always
 * writes the long `loca` format with 4-byte aligned glyphs, and remaps composite-glyph components.
 *
 * The subset is a minimal font for a PDF CIDFontType2 with CIDToGIDMap /Identity: glyph ids are the
 * CIDs, so it needs no cmap. It has head, hhea, maxp, hmtx, loca, glyf, post (v3) and the hinting
 * tables (cvt, fpgm, prep) and OS/2 copied from the source font.
 */

export class FontFormatError extends Error {
  override readonly name = 'FontFormatError';
  readonly code = 'FONT_FORMAT';
}

interface TableRecord {
  offset: number;
  length: number;
}

/** The parts of a TrueType font the subsetter needs, parsed once per font file. */
export interface TrueTypeFont {
  bytes: Uint8Array;
  view: DataView;
  tables: Map<string, TableRecord>;
  numGlyphs: number;
  numberOfHMetrics: number;
  longLoca: boolean;
}

function tag(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

/** Reads the table directory of a .ttf (not a collection, not CFF). Throws FontFormatError. */
export function parseTrueType(bytes: Uint8Array): TrueTypeFont {
  if (bytes.length < 12) throw new FontFormatError('font file too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) {
    throw new FontFormatError('not a TrueType font (CFF-based and collection fonts are not supported)');
  }
  const numTables = view.getUint16(4);
  if (12 + numTables * 16 > bytes.length) throw new FontFormatError('truncated table directory');
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const offset = view.getUint32(rec + 8);
    const length = view.getUint32(rec + 12);
    if (offset + length > bytes.length) throw new FontFormatError(`table ${tag(view, rec)} outside the file`);
    tables.set(tag(view, rec), { offset, length });
  }
  for (const required of ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf']) {
    if (!tables.has(required)) throw new FontFormatError(`missing ${required} table`);
  }
  const head = tables.get('head')!;
  const maxp = tables.get('maxp')!;
  const hhea = tables.get('hhea')!;
  return {
    bytes,
    view,
    tables,
    longLoca: view.getInt16(head.offset + 50) === 1,
    numGlyphs: view.getUint16(maxp.offset + 4),
    numberOfHMetrics: view.getUint16(hhea.offset + 34),
  };
}

function glyphRange(font: TrueTypeFont, gid: number): { start: number; end: number } {
  const loca = font.tables.get('loca')!.offset;
  const glyf = font.tables.get('glyf')!;
  let start: number;
  let end: number;
  if (font.longLoca) {
    start = font.view.getUint32(loca + gid * 4);
    end = font.view.getUint32(loca + gid * 4 + 4);
  } else {
    start = font.view.getUint16(loca + gid * 2) * 2;
    end = font.view.getUint16(loca + gid * 2 + 2) * 2;
  }
  if (end < start || end > glyf.length) throw new FontFormatError(`bad loca entry for glyph ${gid}`);
  return { start: glyf.offset + start, end: glyf.offset + end };
}

function metrics(font: TrueTypeFont, gid: number): { advance: number; lsb: number } {
  const hmtx = font.tables.get('hmtx')!.offset;
  const n = font.numberOfHMetrics;
  if (gid < n)
    return { advance: font.view.getUint16(hmtx + gid * 4), lsb: font.view.getInt16(hmtx + gid * 4 + 2) };
  return {
    advance: font.view.getUint16(hmtx + (n - 1) * 4),
    lsb: font.view.getInt16(hmtx + n * 4 + (gid - n) * 2),
  };
}

// Composite glyph flags (OpenType glyf table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

function checksum(data: Uint8Array): number {
  const padded = new Uint8Array((data.length + 3) & ~3);
  padded.set(data);
  const v = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

/** Minimal stand-in for the stream pdf-lib reads the subset from (`on('data'|'end'|'error')`). */
class OneShotStream {
  constructor(private readonly produce: () => Uint8Array) {}
  private handlers: Record<string, (arg?: unknown) => void> = {};
  on(event: 'data' | 'end' | 'error', fn: (arg?: unknown) => void): this {
    this.handlers[event] = fn;
    if (this.handlers.data && this.handlers.end && this.handlers.error) {
      queueMicrotask(() => {
        try {
          this.handlers.data!(this.produce());
          this.handlers.end!();
        } catch (e) {
          this.handlers.error!(e);
        }
      });
    }
    return this;
  }
}

/**
 * Collects glyphs (in the order pdf-lib assigns CIDs: .notdef is 0, the first included glyph 1, …)
 * and writes them as a new font. Same surface as fontkit's subset where pdf-lib uses it.
 */
export class TrueTypeSubset {
  /** pdf-lib asks this to choose FontFile2 over FontFile3. */
  readonly cff = false;
  private readonly gids: number[] = [0];
  private readonly newIds = new Map<number, number>([[0, 0]]);

  constructor(private readonly font: TrueTypeFont) {}

  /** Adds a glyph (a fontkit glyph or its id) and returns its id in the subset. */
  includeGlyph(glyph: number | { id: number }): number {
    const gid = typeof glyph === 'number' ? glyph : glyph.id;
    if (!Number.isInteger(gid) || gid < 0 || gid >= this.font.numGlyphs) {
      throw new FontFormatError(`glyph id ${gid} out of range`);
    }
    let id = this.newIds.get(gid);
    if (id === undefined) {
      id = this.gids.length;
      this.gids.push(gid);
      this.newIds.set(gid, id);
    }
    return id;
  }

  get glyphCount(): number {
    return this.gids.length;
  }

  encodeStream(): OneShotStream {
    return new OneShotStream(() => this.encode());
  }

  /**
   * Writes the subset. `extraTables` are added as they are (a web font needs a cmap and a name
   * table; a PDF subset needs neither).
   */
  encode(extraTables: ReadonlyMap<string, Uint8Array> = new Map()): Uint8Array {
    const { font } = this;
    const glyphs: Uint8Array[] = [];
    // Components of composite glyphs are appended while we walk, so the list can grow.
    for (let i = 0; i < this.gids.length; i++) {
      const { start, end } = glyphRange(font, this.gids[i]!);
      const data = font.bytes.slice(start, end);
      if (data.length >= 10 && new DataView(data.buffer).getInt16(0) < 0) this.remapComponents(data);
      glyphs.push(data);
    }
    const n = this.gids.length;

    const loca = new DataView(new ArrayBuffer((n + 1) * 4));
    let offset = 0;
    const glyfParts: Uint8Array[] = [];
    glyphs.forEach((g, i) => {
      loca.setUint32(i * 4, offset);
      const padded = new Uint8Array((g.length + 3) & ~3);
      padded.set(g);
      glyfParts.push(padded);
      offset += padded.length;
    });
    loca.setUint32(n * 4, offset);
    const glyf = new Uint8Array(offset);
    let p = 0;
    for (const part of glyfParts) {
      glyf.set(part, p);
      p += part.length;
    }

    const hmtx = new DataView(new ArrayBuffer(n * 4));
    this.gids.forEach((gid, i) => {
      const m = metrics(font, gid);
      hmtx.setUint16(i * 4, m.advance);
      hmtx.setInt16(i * 4 + 2, m.lsb);
    });

    const copy = (t: string) => {
      const r = font.tables.get(t);
      return r ? font.bytes.slice(r.offset, r.offset + r.length) : undefined;
    };
    const head = copy('head')!;
    const headView = new DataView(head.buffer);
    headView.setUint32(8, 0); // checkSumAdjustment, set below
    headView.setInt16(50, 1); // indexToLocFormat: long
    const hhea = copy('hhea')!;
    new DataView(hhea.buffer).setUint16(34, n);
    const maxp = copy('maxp')!;
    new DataView(maxp.buffer).setUint16(4, n);
    const post = new Uint8Array(32);
    const postSrc = copy('post');
    if (postSrc && postSrc.length >= 32) post.set(postSrc.subarray(0, 32));
    new DataView(post.buffer).setUint32(0, 0x00030000); // version 3: no glyph names

    const tables = new Map<string, Uint8Array>([
      ['head', head],
      ['hhea', hhea],
      ['maxp', maxp],
      ['hmtx', new Uint8Array(hmtx.buffer)],
      ['loca', new Uint8Array(loca.buffer)],
      ['glyf', glyf],
      ['post', post],
    ]);
    for (const t of ['OS/2', 'cvt ', 'fpgm', 'prep']) {
      const data = copy(t);
      if (data) tables.set(t, data);
    }
    for (const [t, data] of extraTables) tables.set(t, data);
    const out = writeSfnt(tables);
    // checkSumAdjustment = 0xB1B0AFBA − checksum of the whole font.
    const headOffset = findTableOffset(out, 'head');
    new DataView(out.buffer).setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
    return out;
  }

  /** Rewrites the component glyph ids of a composite glyph in place, including the components. */
  private remapComponents(data: Uint8Array): void {
    const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let p = 10;
    for (;;) {
      if (p + 4 > data.length) throw new FontFormatError('truncated composite glyph');
      const flags = v.getUint16(p);
      v.setUint16(p + 2, this.includeGlyph(v.getUint16(p + 2)));
      p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) p += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
      if (!(flags & MORE_COMPONENTS)) return;
    }
  }
}

/** A table of the source font, copied (undefined when the font has none). */
export function copyTable(font: TrueTypeFont, name: string): Uint8Array | undefined {
  const r = font.tables.get(name);
  return r ? font.bytes.slice(r.offset, r.offset + r.length) : undefined;
}

/**
 * A `cmap` with one format 12 subtable (Windows, Unicode full repertoire): code point → glyph id,
 * for every plane. Browsers need it to use a font; PDFs with Identity CIDs do not.
 */
export function cmapFormat12(map: ReadonlyMap<number, number>): Uint8Array {
  const pairs = [...map].sort((a, b) => a[0] - b[0]);
  // Consecutive code points with consecutive glyph ids share one group.
  const groups: Array<[start: number, end: number, gid: number]> = [];
  for (const [cp, gid] of pairs) {
    const last = groups[groups.length - 1];
    if (last && cp === last[1] + 1 && gid === last[2] + (cp - last[0])) last[1] = cp;
    else groups.push([cp, cp, gid]);
  }
  const subtableLength = 16 + groups.length * 12;
  const v = new DataView(new ArrayBuffer(4 + 8 + subtableLength));
  v.setUint16(0, 0); // version
  v.setUint16(2, 1); // one encoding record
  v.setUint16(4, 3); // platform: Windows
  v.setUint16(6, 10); // encoding: Unicode full repertoire
  v.setUint32(8, 12); // offset of the subtable
  v.setUint16(12, 12); // format
  v.setUint16(14, 0);
  v.setUint32(16, subtableLength);
  v.setUint32(20, 0); // language
  v.setUint32(24, groups.length);
  groups.forEach(([start, end, gid], i) => {
    v.setUint32(28 + i * 12, start);
    v.setUint32(32 + i * 12, end);
    v.setUint32(36 + i * 12, gid);
  });
  return new Uint8Array(v.buffer);
}

/** Assembles an sfnt from its tables (also used by tests to build small fonts). */
export function writeSfnt(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const numTables = tags.length;
  let total = 12 + numTables * 16;
  for (const t of tags) total += (tables.get(t)!.length + 3) & ~3;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  v.setUint32(0, 0x00010000);
  v.setUint16(4, numTables);
  v.setUint16(6, searchRange);
  v.setUint16(8, entrySelector);
  v.setUint16(10, numTables * 16 - searchRange);
  let offset = 12 + numTables * 16;
  tags.forEach((t, i) => {
    const data = tables.get(t)!;
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) v.setUint8(rec + k, t.charCodeAt(k));
    v.setUint32(rec + 4, checksum(data));
    v.setUint32(rec + 8, offset);
    v.setUint32(rec + 12, data.length);
    out.set(data, offset);
    offset += (data.length + 3) & ~3;
  });
  return out;
}

function findTableOffset(sfnt: Uint8Array, wanted: string): number {
  const v = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const n = v.getUint16(4);
  for (let i = 0; i < n; i++) if (tag(v, 12 + i * 16) === wanted) return v.getUint32(12 + i * 16 + 8);
  throw new FontFormatError(`no ${wanted} table`);
}
