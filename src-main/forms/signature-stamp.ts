/**
 * The visible mark of an electronic signature: a small box at the foot of the first page —
 * 「電子署名済」, the signer's name as in the certificate and the date — drawn into the document
 * *before* it is signed, so the signature covers it: the stamp cannot be moved or changed without
 * the signature failing, and the signed bytes are exactly what the resident saw.
 */
import { PDFDocument, rgb } from 'pdf-lib';
import { DocumentFonts, splitRuns, loadFont } from './fonts.ts';
import { warekiOrIso } from '../util/wareki.ts';

const MM = 72 / 25.4;
/** One line in the page's bottom margin, right-aligned, below the QR code and the footer line. */
const BOX = { w: 78 * MM, h: 6.5 * MM, right: 8 * MM, bottom: 2 * MM };
const RED = rgb(0.62, 0.1, 0.1);

export interface StampText {
  /** The signer's name from the certificate (異体字 kept: IPAmj draws what BIZ UD lacks). */
  name: string;
  /** ISO date of the signature (shown in 和暦). */
  date: string;
}

/** A square the stamp must not cover (the form's QR code), in mm from the page's top left. */
export interface Keepout {
  x: number;
  y: number;
  size: number;
}

export async function stampForSignature(
  pdf: Uint8Array,
  s: StampText,
  keepout?: Keepout,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const fonts = new DocumentFonts(doc, { subset: true, seed: `stamp/${s.name}/${s.date}` });
  const page = doc.getPage(0);
  const { width, height } = page.getSize();
  let x = width - BOX.right - BOX.w;
  const y = BOX.bottom;
  if (keepout) {
    // The QR's square in PDF points (y up): if the box would touch it, the box moves left of it.
    const qLeft = keepout.x * MM;
    const qBottom = height - (keepout.y + keepout.size) * MM;
    const overlaps = x < qLeft + keepout.size * MM && x + BOX.w > qLeft && y + BOX.h > qBottom;
    if (overlaps) x = qLeft - 3 * MM - BOX.w;
  }
  page.drawRectangle({
    x,
    y,
    width: BOX.w,
    height: BOX.h,
    color: rgb(1, 1, 1),
    borderColor: RED,
    borderWidth: 1.2,
  });
  const line = async (text: string, size: number, ty: number, color = rgb(0, 0, 0)) => {
    let tx = x + 3 * MM;
    for (const run of splitRuns(text, 'gothic').runs) {
      const font = await fonts.get(run.font);
      page.drawText(run.text, { x: tx, y: ty, size, font, color });
      const fk = loadFont(run.font).fk;
      tx += (fk.layout(run.text).advanceWidth / fk.unitsPerEm) * size;
    }
  };
  await line(`電子署名済\u3000${s.name}\u3000${warekiOrIso(s.date)}`, 8.5, y + 2 * MM, RED);
  return doc.save({ useObjectStreams: false });
}
