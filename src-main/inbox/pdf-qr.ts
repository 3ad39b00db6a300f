/**
 * The filled data back out of a signed application: the forms engine draws each form's QR code as
 * one vector Form XObject named /KakanaiQR… (integer module coordinates, one rectangle per run of
 * dark modules; forms/render.ts). Its rectangles are read back into the module matrix, drawn as an
 * image and decoded with jsQR — exactly the payload a clerk's scanner would read from paper,
 * without a rasteriser.
 */
import jsQRModule from 'jsqr';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { decodeQrPayload, type QrPayload } from '../forms/qr.ts';

// jsqr is CommonJS with a `default` export in its types: take whichever is the function.
type JsQr = typeof import('jsqr').default;
const jsQR: JsQr = ((jsQRModule as unknown as { default?: JsQr }).default ?? jsQRModule) as JsQr;

const QUIET = 4;
const PX = 4;

/** The dark modules of the XObject's content: "x y w 1 re" rows after "0 g". */
function matrixFromContent(
  content: string,
): { n: number; dark: Array<[number, number, number]> } | undefined {
  const first = /^0 0 (\d+) \1 re f$/m.exec(content);
  if (!first) return undefined;
  const n = Number(first[1]);
  const start = content.indexOf('0 g');
  if (start < 0 || n <= 2 * QUIET || n > 200) return undefined;
  const dark: Array<[number, number, number]> = [];
  for (const m of content.slice(start).matchAll(/^(\d+) (\d+) (\d+) 1 re$/gm)) {
    dark.push([Number(m[1]), Number(m[2]), Number(m[3])]);
  }
  return { n, dark };
}

function decodeMatrix(n: number, dark: ReadonlyArray<[number, number, number]>): QrPayload | undefined {
  const side = n * PX;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [x, y, w] of dark) {
    const row = n - 1 - y; // the XObject's y axis points up
    for (let py = row * PX; py < (row + 1) * PX; py++)
      for (let px = x * PX; px < (x + w) * PX; px++) {
        const i = (py * side + px) * 4;
        rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
      }
  }
  const code = jsQR(rgba, side, side, { inversionAttempts: 'dontInvert' });
  if (!code) return undefined;
  try {
    return decodeQrPayload(Uint8Array.from(code.binaryData));
  } catch {
    return undefined;
  }
}

/** Every form's QR payload found in the PDF (page order); none for a form printed without one. */
export async function qrPayloadsOf(pdf: Uint8Array): Promise<QrPayload[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false });
  const out: QrPayload[] = [];
  for (const page of doc.getPages()) {
    const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    // pdf-lib names it /KakanaiQR-<random> in the page's resources.
    const key = xobjects?.keys().find((k) => /^\/KakanaiQR(-\d+)?$/.test(k.toString()));
    const stream = key ? xobjects!.lookup(key) : undefined;
    if (!(stream instanceof PDFRawStream)) continue;
    const content = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    const m = matrixFromContent(content);
    const payload = m ? decodeMatrix(m.n, m.dark) : undefined;
    if (payload) out.push(payload);
  }
  return out;
}
