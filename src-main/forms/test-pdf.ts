/**
 * Test helpers that look at rendered PDFs with poppler-utils (pdftotext, pdffonts, pdftoppm), the
 * same tools a person would use, and decode QR codes from the rendered PNG with jsQR.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

function tool(name: string, args: string[]): string {
  try {
    return execFileSync(name, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${name} not found: install poppler-utils (apt-get install -y poppler-utils)`, {
        cause: e,
      });
    }
    throw e;
  }
}

// jsqr is CommonJS with a `default` export in its types: take whichever is the function.
type JsQr = typeof import('jsqr').default;
const jsQR: JsQr = ((jsQRModule as unknown as { default?: JsQr }).default ?? jsQRModule) as JsQr;

export function writeTemp(pdf: Uint8Array, name = 'form.pdf'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kakanai-pdf-')), name);
  writeFileSync(path, pdf);
  return path;
}

export function pdfText(pdf: Uint8Array): string {
  // -raw keeps content-stream order, so a value drawn as one string stays together.
  return tool('pdftotext', ['-raw', '-enc', 'UTF-8', writeTemp(pdf), '-']);
}

/** Text without any whitespace: wrapped lines and boxes joined. */
export const compact = (s: string) => s.replace(/[\s\u3000]+/gu, '');

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export function pdfFonts(pdf: Uint8Array): PdfFontRow[] {
  const out = tool('pdffonts', [writeTemp(pdf)])
    .split('\n')
    .slice(2)
    .filter(Boolean);
  return out.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type… encoding emb sub uni objectID gen
    const n = cols.length;
    return {
      name: cols[0]!,
      type: cols.slice(1, n - 6).join(' '),
      embedded: cols[n - 5] === 'yes',
      subset: cols[n - 4] === 'yes',
      unicode: cols[n - 3] === 'yes',
    };
  });
}

/** Renders one page (1-based) to PNG at a resolution, optionally a crop in mm. */
export function renderPng(
  pdf: Uint8Array,
  opts: { page?: number; dpi?: number; crop?: { x: number; y: number; w: number; h: number } } = {},
): Buffer {
  const dpi = opts.dpi ?? 100;
  const page = String(opts.page ?? 1);
  const px = (mm: number) => String(Math.round((mm / 25.4) * dpi));
  const args = ['-r', String(dpi), '-png', '-f', page, '-l', page, '-singlefile'];
  if (opts.crop)
    args.push('-x', px(opts.crop.x), '-y', px(opts.crop.y), '-W', px(opts.crop.w), '-H', px(opts.crop.h));
  const file = writeTemp(pdf);
  const outBase = file.replace(/\.pdf$/, '');
  tool('pdftoppm', [...args, file, outBase]);
  return readFileSync(`${outBase}.png`);
}

/** Decodes the QR code in a PNG; returns its raw bytes or undefined. */
export function decodeQrFromPng(png: Buffer): Uint8Array | undefined {
  const img = PNG.sync.read(png);
  const rgba = new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  const code = jsQR(rgba, img.width, img.height);
  return code ? Uint8Array.from(code.binaryData) : undefined;
}

/** Share of pixels whose grey level differs by more than `threshold` (0–255). */
export function pixelDifference(
  a: Buffer,
  b: Buffer,
  threshold = 64,
): { ratio: number; sizeMatches: boolean } {
  const pa = PNG.sync.read(a);
  const pb = PNG.sync.read(b);
  if (pa.width !== pb.width || pa.height !== pb.height) return { ratio: 1, sizeMatches: false };
  let diff = 0;
  for (let i = 0; i < pa.data.length; i += 4) {
    const ga = (pa.data[i]! + pa.data[i + 1]! + pa.data[i + 2]!) / 3;
    const gb = (pb.data[i]! + pb.data[i + 1]! + pb.data[i + 2]!) / 3;
    if (Math.abs(ga - gb) > threshold) diff++;
  }
  return { ratio: diff / (pa.width * pa.height), sizeMatches: true };
}
