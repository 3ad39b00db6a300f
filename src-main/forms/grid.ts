/**
 * Calibration sheet for writing a form.json by hand: the blank form (or the municipality's
 * template) with a millimetre grid over it, numbered every 10 mm from the top-left corner, every
 * field's box outlined in red with its name, and the template's own AcroForm fields in blue with
 * the names to put in `acroField`. Print it or open it, and read the coordinates off the paper.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { readFileSync } from 'node:fs';
import { FORMS_DIR, getForm } from './catalog.ts';
import { DocumentFonts } from './fonts.ts';
import { MM } from './layout.ts';
import { renderForms } from './render.ts';
import type { CellField, FormDefinition } from './schema.ts';

const RED = rgb(0.85, 0.1, 0.1);
const BLUE = rgb(0.1, 0.3, 0.9);

interface Outline {
  page: number;
  x: number;
  y: number;
  w: number;
  h: number;
  name: string;
}

/** Boxes of the form's fields (table columns for the first row), in mm. */
function fieldOutlines(form: FormDefinition): Outline[] {
  const out: Outline[] = [];
  const add = (page: number, f: CellField, ox: number, oy: number, prefix = '') => {
    const name = prefix + (f.id ?? f.bind ?? 'template');
    if (f.type === 'circle') {
      for (const o of f.options)
        out.push({ page, x: ox + o.x, y: oy + o.y, w: o.w, h: o.h, name: `${name}=${o.value}` });
    } else if (f.x !== undefined && f.y !== undefined && f.w !== undefined && f.h !== undefined) {
      out.push({ page, x: ox + f.x, y: oy + f.y, w: f.w, h: f.h, name });
    }
  };
  form.pages.forEach((p, i) => {
    for (const f of p.fields) {
      if (f.type === 'table') {
        out.push({
          page: i,
          x: f.x,
          y: f.y,
          w: f.w ?? 1,
          h: f.rows * f.rowHeight,
          name: `${f.id ?? f.bind} (${f.rows} rows)`,
        });
        f.columns.forEach((c) => add(i, c, f.x, f.y, `${f.id ?? 'row'}[0].`));
      } else {
        add(i, f, 0, 0);
      }
    }
  });
  return out;
}

/** AcroForm fields of a template: name and rectangle in mm from the top-left. */
export async function templateFields(templatePath: string): Promise<Outline[]> {
  const src = await PDFDocument.load(new Uint8Array(readFileSync(templatePath)), { updateMetadata: false });
  const pages = src.getPages();
  const out: Outline[] = [];
  for (const field of src.getForm().getFields()) {
    for (const w of field.acroField.getWidgets()) {
      const r = w.getRectangle();
      const p = Math.max(
        0,
        pages.findIndex((pg) => pg.ref === w.P()),
      );
      const h = pages[p]!.getHeight();
      out.push({
        page: p,
        x: r.x / MM,
        y: (h - r.y - r.height) / MM,
        w: r.width / MM,
        h: r.height / MM,
        name: field.getName(),
      });
    }
  }
  return out;
}

function drawRuler(page: PDFPage, font: PDFFont) {
  const { width, height } = page.getSize();
  const wMm = Math.floor(width / MM);
  const hMm = Math.floor(height / MM);
  const line = (x1: number, y1: number, x2: number, y2: number, g: number, t: number) =>
    page.drawLine({
      start: { x: x1 * MM, y: height - y1 * MM },
      end: { x: x2 * MM, y: height - y2 * MM },
      thickness: t,
      color: rgb(g, g, g),
      opacity: 0.8,
    });
  for (let x = 0; x <= wMm; x++) {
    const major = x % 10 === 0;
    line(x, 0, x, hMm, major ? 0.45 : x % 5 === 0 ? 0.65 : 0.85, major ? 0.35 : 0.12);
    if (major && x > 0) {
      for (const y of [1.5, hMm - 3])
        page.drawText(String(x), { x: x * MM + 1, y: height - y * MM - 4, size: 5, font, color: BLUE });
    }
  }
  for (let y = 0; y <= hMm; y++) {
    const major = y % 10 === 0;
    line(0, y, wMm, y, major ? 0.45 : y % 5 === 0 ? 0.65 : 0.85, major ? 0.35 : 0.12);
    if (major && y > 0) {
      for (const x of [0.8, wMm - 5])
        page.drawText(String(y), { x: x * MM, y: height - y * MM + 1, size: 5, font, color: BLUE });
    }
  }
}

function drawOutlines(page: PDFPage, font: PDFFont, outlines: Outline[], color: typeof RED) {
  const height = page.getHeight();
  for (const o of outlines) {
    page.drawRectangle({
      x: o.x * MM,
      y: height - (o.y + o.h) * MM,
      width: o.w * MM,
      height: o.h * MM,
      borderColor: color,
      borderWidth: 0.6,
      opacity: 0,
      borderOpacity: 0.9,
    });
    page.drawText(o.name, { x: o.x * MM + 0.8, y: height - o.y * MM - 4.2, size: 3.8, font, color });
  }
}

/** The calibration PDF for a form. */
export async function renderGrid(formId: string, opts: { formsDir?: string } = {}): Promise<Uint8Array> {
  const dir = opts.formsDir ?? FORMS_DIR;
  const entry = getForm(formId, dir);
  const blank = await renderForms({ formIds: [formId], data: {}, blank: true, formsDir: dir });
  const doc = await PDFDocument.load(blank.forms[0]!.pdf!);
  const fonts = new DocumentFonts(doc, { subset: true, seed: `grid/${formId}` });
  const font = await fonts.get('gothic');
  const fields = fieldOutlines(entry.form);
  const acro = entry.templatePath ? await templateFields(entry.templatePath) : [];
  doc.getPages().forEach((page, i) => {
    drawRuler(page, font);
    drawOutlines(
      page,
      font,
      acro.filter((o) => o.page === i),
      BLUE,
    );
    drawOutlines(
      page,
      font,
      fields.filter((o) => o.page === i),
      RED,
    );
  });
  doc.setTitle(`${entry.form.title} — calibration grid (mm)`);
  return doc.save();
}
