/**
 * PDF pages → PNG images with pdf.js, for the confirmation screen (the resident sees exactly what
 * will be printed). Loaded on demand: pdf.js is the largest part of the bundle.
 */
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

export interface PageImage {
  src: string;
  width: number;
  height: number;
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Renders every page of a PDF (base64) to an image about `targetWidth` pixels wide. */
export async function renderPdfPages(pdfBase64: string, targetWidth = 900): Promise<PageImage[]> {
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  const doc = await pdfjs.getDocument({ data: base64ToBytes(pdfBase64), isEvalSupported: false }).promise;
  try {
    const pages: PageImage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: targetWidth / base.width });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d canvas');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas, canvasContext: ctx, viewport }).promise;
      pages.push({ src: canvas.toDataURL('image/png'), width: canvas.width, height: canvas.height });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
