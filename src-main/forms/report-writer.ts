/**
 * Plain A4 reports (figures, rosters): a title, lines of text and bordered tables that continue
 * on new pages, in BIZ UDGothic subset-embedded with the forms engine's own subsetter (fontkit's
 * corrupts CJK glyphs), so the files stay small. A cell too long for its column is cut with "…"
 * rather than running into the next one.
 */
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { DocumentFonts } from './fonts.ts';

/** The report font, embedded in `doc` (`seed` names the subset, so one document's is stable). */
export function reportFont(doc: PDFDocument, seed: string): Promise<PDFFont> {
  return new DocumentFonts(doc, { subset: true, seed }).get('gothic');
}

function fit(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && font.widthOfTextAtSize(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('')}…`;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const ROW = 17;

export interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
}

export class ReportWriter {
  page: PDFPage;
  y: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  text(s: string, size: number, x = MARGIN): void {
    this.ensure(size + 6);
    this.page.drawText(s, { x, y: this.y - size, size, font: this.font });
    this.y -= size + 8;
  }

  table(columns: Column[], rows: string[][], size = 10): void {
    const drawRow = (cells: string[], header: boolean) => {
      this.ensure(ROW);
      let x = MARGIN;
      const top = this.y;
      if (header) {
        const width = columns.reduce((a, c) => a + c.width, 0);
        this.page.drawRectangle({ x, y: top - ROW, width, height: ROW, color: rgb(0.9, 0.9, 0.9) });
      }
      columns.forEach((c, i) => {
        const s = fit(this.font, cells[i] ?? '', size, c.width - 8);
        const w = this.font.widthOfTextAtSize(s, size);
        const tx = c.align === 'right' ? x + c.width - 4 - w : x + 4;
        this.page.drawText(s, { x: tx, y: top - ROW + 5, size, font: this.font });
        this.page.drawRectangle({
          x,
          y: top - ROW,
          width: c.width,
          height: ROW,
          borderColor: rgb(0.4, 0.4, 0.4),
          borderWidth: 0.5,
        });
        x += c.width;
      });
      this.y -= ROW;
    };
    drawRow(
      columns.map((c) => c.title),
      true,
    );
    for (const r of rows) drawRow(r, false);
    this.y -= 10;
  }
}
