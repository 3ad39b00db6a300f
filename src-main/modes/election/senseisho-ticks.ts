/**
 * Test support (unit tests and e2e journeys): which 期日前 reason box of a printed 宣誓書 carries
 * the tick. The tick is drawn as lines, not text, so pdftotext cannot see it; the page is
 * rasterised in grey with poppler's pdftoppm and the ink inside each reason box (positions read
 * from the form definition) is compared.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const FORM = new URL('../../../forms/kijitsumae-senseisho/form.json', import.meta.url);
const DPI = 100;

interface Box {
  value: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

function reasonBoxes(): Box[] {
  const form = JSON.parse(readFileSync(FORM, 'utf8')) as { pages: unknown[] };
  const out: Box[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.type === 'check' && o.bind === 'input.voteReason' && typeof o.equals === 'string') {
      out.push({ value: o.equals, x: Number(o.x), y: Number(o.y), w: Number(o.w), h: Number(o.h) });
    }
    Object.values(o).forEach(visit);
  };
  visit(form.pages[0]);
  return out;
}

/** Dark pixels (< 50% grey) inside each reason box of page 1, by the box's choice value. */
export function reasonInk(pdf: Uint8Array): Record<string, number> {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', String(DPI), '-f', '1', '-l', '1', '-'], {
    input: Buffer.from(pdf),
    maxBuffer: 64 * 1024 * 1024,
  });
  // P5 header: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not return a PGM image');
  const width = Number(header[1]);
  const data = pgm.subarray(header[0].length);
  const px = (mm: number) => Math.round((mm * DPI) / 25.4);
  const ink: Record<string, number> = {};
  for (const b of reasonBoxes()) {
    // Inside the frame only (the frame itself is the same for every box).
    const inset = b.w * 0.2;
    let n = 0;
    for (let y = px(b.y + inset); y < px(b.y + b.h - inset); y++)
      for (let x = px(b.x + inset); x < px(b.x + b.w - inset); x++)
        if ((data[y * width + x] ?? 255) < 128) n++;
    ink[b.value] = n;
  }
  return ink;
}

/** The reason values whose box is ticked. */
export function tickedReasons(pdf: Uint8Array): string[] {
  return Object.entries(reasonInk(pdf))
    .filter(([, n]) => n > 8)
    .map(([v]) => v);
}
