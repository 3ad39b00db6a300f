/**
 * Renders filled forms to PDF: `renderForms({ formIds, data, qr?, combined? })`.
 *
 * Per form: validate its inputs, lay out pages (the municipality's template.pdf copied in, or the
 * form drawn from its `draw` items), draw every field's value (fitted, wrapped, comb, checks,
 * circles, tables), optionally the QR code, with BIZ UD fonts subset and IPAmj as fallback.
 * All forms are checked before anything is drawn, so a batch fails fast and whole.
 */
import { readFileSync } from 'node:fs';
import {
  concatTransformationMatrix,
  drawObject,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRef,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  type PDFPage,
} from 'pdf-lib';
import { getForm, type CatalogEntry, FORMS_DIR } from './catalog.ts';
import { fieldText, isTruthy, resolveBinding, type BindingContext } from './bindings.ts';
import { parseFormData, type FormData, type Scalar } from './data.ts';
import { FormError, type RenderWarning } from './errors.ts';
import { DocumentFonts, splitRuns } from './fonts.ts';
import { validateInputs } from './inputs.ts';
import { blockHeight, clusters, fitText, MM, unitWidth } from './layout.ts';
import { buildQrPayload, qrMatrix } from './qr.ts';
import {
  PAPER_MM,
  type CellField,
  type CheckField,
  type CircleField,
  type CombField,
  type DrawItem,
  type FormDefinition,
  type FormFont,
  type ListInput,
  type TableField,
  type TextField,
} from './schema.ts';

export interface RenderFormsOptions {
  /** Form ids, rendered in this order. */
  formIds: string[];
  /** `{ resident, input, date? }` (validated here; see data.ts). */
  data: unknown;
  /** Print each form's QR code (forms without a `qr` placement get none). */
  qr?: boolean;
  /** One PDF with every form instead of one per form. */
  combined?: boolean;
  /** Print empty forms (no card): required values are not demanded. */
  blank?: boolean;
  /** A character no font has: 'error' (default) fails; 'warn' prints 〓 and reports a warning. */
  missingGlyph?: 'error' | 'warn';
  /** Embed font subsets (default). false embeds whole fonts — only for the benchmark. */
  subset?: boolean;
  /** Folder of form definitions (default: the project's forms/). */
  formsDir?: string;
}

export interface RenderedForm {
  id: string;
  title: string;
  pages: number;
  /** Whether a QR code was printed. */
  qr: boolean;
  /** This form's PDF (absent when `combined`). */
  pdf?: Uint8Array;
}

export interface RenderResult {
  forms: RenderedForm[];
  /** All forms in one PDF (when `combined`). */
  combined?: Uint8Array;
  warnings: RenderWarning[];
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const BLACK = rgb(0, 0, 0);
const grey = (g: number) => rgb(g, g, g);

function readTemplate(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** Draws one form onto pages of a document. */
class FormPainter {
  private page!: PDFPage;
  private pageH = 0;
  private readonly acroBoxes = new Map<string, { page: number; box: Box }>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: DocumentFonts,
    private readonly entry: CatalogEntry & { form: FormDefinition },
    private readonly data: FormData,
    private readonly opts: RenderFormsOptions,
    private readonly warnings: RenderWarning[],
  ) {}

  private get form(): FormDefinition {
    return this.entry.form;
  }

  private get selfDrawn(): boolean {
    return this.form.template === undefined;
  }

  async paint(): Promise<{ pages: number; qr: boolean }> {
    const pages = await this.createPages();
    const ctx: BindingContext = { form: this.form, data: this.data };
    for (let p = 0; p < this.form.pages.length; p++) {
      this.page = pages[p]!;
      this.pageH = this.page.getHeight();
      const def = this.form.pages[p]!;
      if (this.selfDrawn) for (const item of def.draw) await this.drawItem(item);
      for (const field of def.fields) {
        if (field.type === 'table') await this.drawTable(field, ctx);
        else await this.drawCell(field, { x: 0, y: 0 }, ctx, p);
      }
    }
    let qr = false;
    if (this.opts.qr && this.form.qr && !this.opts.blank) {
      this.page = pages[this.form.qr.page]!;
      this.pageH = this.page.getHeight();
      this.drawQr(this.form.qr);
      qr = true;
    }
    return { pages: pages.length, qr };
  }

  private async createPages(): Promise<PDFPage[]> {
    const form = this.form;
    if (!this.entry.templatePath) {
      const paper = PAPER_MM[form.paper];
      const [w, h] = form.orientation === 'portrait' ? [paper.w, paper.h] : [paper.h, paper.w];
      return form.pages.map(() => this.doc.addPage([w * MM, h * MM]));
    }
    let src: PDFDocument;
    try {
      src = await PDFDocument.load(readTemplate(this.entry.templatePath), { updateMetadata: false });
    } catch (e) {
      throw new FormError(
        'TEMPLATE_INVALID',
        `${form.id}: template ${form.template} is not a readable PDF: ${(e as Error).message}`,
        {
          form: form.id,
        },
      );
    }
    if (src.getPageCount() < form.pages.length) {
      throw new FormError(
        'TEMPLATE_INVALID',
        `${form.id}: form.json describes ${form.pages.length} pages but ${form.template} has ${src.getPageCount()}`,
        { form: form.id },
      );
    }
    this.readAcroFields(src);
    const copied = await this.doc.copyPages(src, src.getPageIndices().slice(0, form.pages.length));
    for (const page of copied) {
      removeWidgets(page);
      this.doc.addPage(page);
    }
    return copied;
  }

  /** Rectangles (in mm from the top-left) of the template's AcroForm fields, by name. */
  private readAcroFields(src: PDFDocument): void {
    const pages = src.getPages();
    let fields;
    try {
      fields = src.getForm().getFields();
    } catch {
      return;
    }
    for (const field of fields) {
      const widget = field.acroField.getWidgets()[0];
      if (!widget) continue;
      const r = widget.getRectangle();
      const pRef = widget.P();
      let pageIndex = pages.findIndex((pg) => pRef !== undefined && pg.ref === pRef);
      if (pageIndex < 0) {
        pageIndex = pages.findIndex((pg) => {
          const annots = pg.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
          return (
            annots?.asArray().some((a) => a instanceof PDFRef && src.context.lookup(a) === widget.dict) ??
            false
          );
        });
      }
      if (pageIndex < 0) continue;
      const h = pages[pageIndex]!.getHeight();
      this.acroBoxes.set(field.getName(), {
        page: pageIndex,
        box: { x: r.x / MM, y: (h - r.y - r.height) / MM, w: r.width / MM, h: r.height / MM },
      });
    }
  }

  // ---- geometry helpers (mm from top-left → PDF points from bottom-left) ----

  private rect(b: Box, opts: { lineWidth?: number; fill?: number; stroke?: boolean }) {
    this.page.drawRectangle({
      x: b.x * MM,
      y: this.pageH - (b.y + b.h) * MM,
      width: b.w * MM,
      height: b.h * MM,
      ...(opts.fill !== undefined ? { color: grey(opts.fill) } : {}),
      ...(opts.stroke === false ? {} : { borderColor: BLACK, borderWidth: opts.lineWidth ?? 0.5 }),
    });
  }

  private line(x1: number, y1: number, x2: number, y2: number, width = 0.5, dash?: number) {
    this.page.drawLine({
      start: { x: x1 * MM, y: this.pageH - y1 * MM },
      end: { x: x2 * MM, y: this.pageH - y2 * MM },
      thickness: width,
      color: BLACK,
      ...(dash ? { dashArray: [dash * MM, dash * MM] } : {}),
    });
  }

  // ---- static drawing ----

  private async drawItem(item: DrawItem): Promise<void> {
    switch (item.type) {
      case 'rect':
        this.rect(item, {
          lineWidth: item.lineWidth,
          ...(item.fill !== undefined ? { fill: item.fill } : {}),
        });
        return;
      case 'line':
        this.line(item.x1, item.y1, item.x2, item.y2, item.lineWidth, item.dash);
        return;
      case 'grid': {
        const totalW = item.cols.reduce((a, b) => a + b, 0);
        const totalH = item.rows.reduce((a, b) => a + b, 0);
        if (item.headerFill !== undefined) {
          this.rect(
            { x: item.x, y: item.y, w: totalW, h: item.rows[0]! },
            { fill: item.headerFill, stroke: false },
          );
        }
        let y = item.y;
        for (let i = 0; i <= item.rows.length; i++) {
          this.line(item.x, y, item.x + totalW, y, item.lineWidth);
          y += item.rows[i] ?? 0;
        }
        let x = item.x;
        for (let i = 0; i <= item.cols.length; i++) {
          this.line(x, item.y, x, item.y + totalH, item.lineWidth);
          x += item.cols[i] ?? 0;
        }
        return;
      }
      case 'label':
        if (item.fill !== undefined) this.rect(item, { fill: item.fill, stroke: false });
        if (item.frame) this.rect(item, {});
        await this.drawText(item.text, item, { ...item, field: 'label' });
        return;
    }
  }

  // ---- text ----

  /** Replaces or reports characters no font has. */
  private checkGlyphs(text: string, face: FormFont, field: string): string {
    const { missing } = splitRuns(text, face);
    if (missing.length === 0) return text;
    const codePoints = [...new Set(missing)].map(
      (cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
    );
    if (this.opts.missingGlyph !== 'warn') {
      throw new FormError(
        'MISSING_GLYPH',
        `${this.form.id}/${field}: no font has ${codePoints.join(' ')} (the form would print a blank)`,
        { form: this.form.id, field, codePoints },
      );
    }
    this.warnings.push({
      code: 'MISSING_GLYPH',
      form: this.form.id,
      field,
      message: `${codePoints.join(' ')} printed as 〓`,
    });
    const bad = new Set(missing);
    return [...text].map((ch) => (bad.has(ch.codePointAt(0)!) ? '〓' : ch)).join('');
  }

  /** Fits and draws text in a box; OVERFLOW if it cannot fit (never cut). */
  private async drawText(
    raw: string,
    box: Box,
    style: {
      field: string;
      size: number;
      minSize: number;
      align: 'left' | 'center' | 'right';
      valign: 'top' | 'middle' | 'bottom';
      font: FormFont;
      padding: number;
      wrap?: boolean;
      lineHeight?: number;
      letterSpacing?: number;
    },
  ): Promise<void> {
    // Tabs and other controls would print as nothing: make them spaces.
    const text = this.checkGlyphs(
      // eslint-disable-next-line no-control-regex
      raw.replace(/[\u0000-\u0009\u000B-\u001F\u007F]/g, ' '),
      style.font,
      style.field,
    );
    const inner = {
      x: box.x + style.padding,
      y: box.y + style.padding,
      w: Math.max(0.1, box.w - 2 * style.padding),
      h: Math.max(0.1, box.h - 2 * style.padding),
    };
    const lineHeight = style.lineHeight ?? 1.2;
    const spacing = (style.letterSpacing ?? 0) * MM;
    const fit = fitText(text, inner.w * MM, inner.h * MM, {
      face: style.font,
      maxSize: style.size,
      minSize: style.minSize,
      wrap: style.wrap ?? false,
      lineHeight,
      letterSpacing: spacing,
    });
    if (!fit.ok) {
      throw new FormError('OVERFLOW', `${this.form.id}/${style.field}: ${fit.reason}`, {
        form: this.form.id,
        field: style.field,
      });
    }
    const size = fit.size;
    const block = blockHeight(fit.lines.length, size, lineHeight);
    const innerTop = this.pageH - inner.y * MM;
    const innerH = inner.h * MM;
    const top =
      style.valign === 'top'
        ? innerTop
        : style.valign === 'bottom'
          ? innerTop - innerH + block
          : innerTop - (innerH - block) / 2;
    for (let i = 0; i < fit.lines.length; i++) {
      const line = fit.lines[i]!;
      const cs = clusters(line);
      const width = unitWidth(line, style.font) * size + spacing * Math.max(0, cs.length - 1);
      let x =
        style.align === 'left'
          ? inner.x * MM
          : style.align === 'right'
            ? (inner.x + inner.w) * MM - width
            : (inner.x + inner.w / 2) * MM - width / 2;
      // Em box: ascent 0.88, descent 0.12 of the size for these fonts.
      const baseline = top - i * size * lineHeight - 0.88 * size;
      if (spacing > 0) {
        for (const c of cs) {
          await this.drawRuns(c, style.font, x, baseline, size);
          x += unitWidth(c, style.font) * size + spacing;
        }
      } else {
        await this.drawRuns(line, style.font, x, baseline, size);
      }
    }
  }

  private async drawRuns(text: string, face: FormFont, x: number, baseline: number, size: number) {
    for (const run of splitRuns(text, face).runs) {
      const font = await this.fonts.get(run.font);
      this.page.drawText(run.text, { x, y: baseline, size, font, color: BLACK });
      x += unitWidth(run.text, face) * size;
    }
  }

  // ---- fields ----

  private fieldName(f: {
    id?: string | undefined;
    bind?: string | undefined;
    template?: string | undefined;
  }): string {
    return f.id ?? f.bind ?? 'template';
  }

  private missing(field: string, source: string): never {
    throw new FormError('MISSING_VALUE', `${this.form.id}/${field}: required value missing (${source})`, {
      form: this.form.id,
      field,
    });
  }

  private boxOf(
    f: {
      x?: number | undefined;
      y?: number | undefined;
      w?: number | undefined;
      h?: number | undefined;
      acroField?: string | undefined;
    },
    origin: { x: number; y: number },
    pageIndex: number,
    name: string,
  ): Box {
    if (f.acroField !== undefined) {
      const a = this.acroBoxes.get(f.acroField);
      if (!a) {
        throw new FormError(
          'TEMPLATE_INVALID',
          `${this.form.id}/${name}: the template has no field "${f.acroField}"`,
          {
            form: this.form.id,
            field: name,
          },
        );
      }
      if (a.page !== pageIndex) {
        throw new FormError(
          'TEMPLATE_INVALID',
          `${this.form.id}/${name}: template field "${f.acroField}" is on page ${a.page + 1}, not ${pageIndex + 1}`,
          { form: this.form.id, field: name },
        );
      }
      return a.box;
    }
    return { x: origin.x + f.x!, y: origin.y + f.y!, w: f.w!, h: f.h! };
  }

  private async drawCell(
    field: CellField,
    origin: { x: number; y: number },
    ctx: BindingContext,
    pageIndex: number,
  ) {
    const name = this.fieldName(field);
    switch (field.type) {
      case 'text':
        return this.drawTextField(field, this.boxOf(field, origin, pageIndex, name), ctx, name);
      case 'comb':
        return this.drawComb(field, this.boxOf(field, origin, pageIndex, name), ctx, name);
      case 'check':
        return this.drawCheck(field, this.boxOf(field, origin, pageIndex, name), ctx, name);
      case 'circle':
        return this.drawCircle(field, origin, ctx, name);
    }
  }

  private async drawTextField(f: TextField, box: Box, ctx: BindingContext, name: string) {
    if (f.frame && this.selfDrawn) this.rect(box, {});
    const text = fieldText(f, ctx, { field: name });
    if (text === undefined) {
      if (f.required && !this.opts.blank) this.missing(name, f.bind ?? f.template ?? '');
      return;
    }
    await this.drawText(text, box, { ...f, field: name });
  }

  private async drawComb(f: CombField, box: Box, ctx: BindingContext, name: string) {
    const cellW = box.w / f.cells;
    if (f.frame && this.selfDrawn) {
      this.rect(box, {});
      for (let i = 1; i < f.cells; i++)
        this.line(box.x + i * cellW, box.y, box.x + i * cellW, box.y + box.h, 0.3);
    }
    const text = fieldText(f, ctx, { field: name });
    if (text === undefined) {
      if (f.required && !this.opts.blank) this.missing(name, f.bind ?? f.template ?? '');
      return;
    }
    const chars = clusters(this.checkGlyphs(text.replace(/\s/g, ''), f.font, name));
    if (chars.length > f.cells) {
      throw new FormError(
        'OVERFLOW',
        `${this.form.id}/${name}: ${chars.length} characters for ${f.cells} boxes`,
        {
          form: this.form.id,
          field: name,
        },
      );
    }
    const first = f.align === 'right' ? f.cells - chars.length : 0;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const w1 = unitWidth(c, f.font) || 1;
      const size = Math.min(f.size, (cellW * MM * 0.85) / w1, box.h * MM * 0.85);
      const cx = (box.x + (first + i + 0.5) * cellW) * MM;
      const baseline = this.pageH - (box.y + box.h / 2) * MM - 0.38 * size;
      await this.drawRuns(c, f.font, cx - (w1 * size) / 2, baseline, size);
    }
  }

  private async drawCheck(f: CheckField, box: Box, ctx: BindingContext, name: string) {
    if (this.selfDrawn) {
      if (f.frame) this.rect(box, { lineWidth: 0.6 });
      if (f.label) {
        const w = unitWidth(f.label, 'mincho') * f.labelSize;
        await this.drawText(
          f.label,
          { x: box.x + box.w + 0.5, y: box.y + box.h / 2 - 3, w: w / MM + 2, h: 6 },
          {
            field: `${name}.label`,
            size: f.labelSize,
            minSize: 4,
            align: 'left',
            valign: 'middle',
            font: 'mincho',
            padding: 0.5,
          },
        );
      }
    }
    const resolved = f.bind !== undefined ? resolveBinding(f.bind, ctx) : undefined;
    const value: Scalar | undefined = resolved ? resolved.value : fieldText(f, ctx, { field: name });
    if ((value === undefined || value === null || value === '') && f.required && !this.opts.blank) {
      this.missing(name, f.bind ?? f.template ?? '');
    }
    const checked =
      f.equals !== undefined ? value !== undefined && String(value) === String(f.equals) : isTruthy(value);
    if (checked) this.mark(box, f.mark);
  }

  private mark(b: Box, kind: CheckField['mark']) {
    const inset = Math.min(b.w, b.h) * 0.15;
    const x0 = b.x + inset;
    const y0 = b.y + inset;
    const x1 = b.x + b.w - inset;
    const y1 = b.y + b.h - inset;
    const t = Math.max(0.8, Math.min(b.w, b.h) * MM * 0.12);
    switch (kind) {
      case 'check':
        this.line(x0, y0 + (y1 - y0) * 0.55, x0 + (x1 - x0) * 0.38, y1, t);
        this.line(x0 + (x1 - x0) * 0.38, y1, x1, y0, t);
        return;
      case 'cross':
        this.line(x0, y0, x1, y1, t);
        this.line(x0, y1, x1, y0, t);
        return;
      case 'fill':
        this.rect({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, { fill: 0, stroke: false });
        return;
      case 'circle':
        this.ellipse(b, t);
        return;
    }
  }

  private ellipse(b: Box, thickness = 0.9) {
    this.page.drawEllipse({
      x: (b.x + b.w / 2) * MM,
      y: this.pageH - (b.y + b.h / 2) * MM,
      xScale: (b.w / 2) * MM,
      yScale: (b.h / 2) * MM,
      borderColor: BLACK,
      borderWidth: thickness,
    });
  }

  private async drawCircle(
    f: CircleField,
    origin: { x: number; y: number },
    ctx: BindingContext,
    name: string,
  ) {
    const boxes = f.options.map((o) => ({ x: origin.x + o.x, y: origin.y + o.y, w: o.w, h: o.h }));
    if (this.selfDrawn) {
      for (let i = 0; i < f.options.length; i++) {
        await this.drawText(f.options[i]!.label, boxes[i]!, {
          field: `${name}.label`,
          size: f.size,
          minSize: 4,
          align: 'center',
          valign: 'middle',
          font: f.font,
          padding: 0.3,
        });
      }
    }
    const value = fieldText(f, ctx, { field: name, raw: true });
    if (value === undefined) {
      if (f.required && !this.opts.blank) this.missing(name, f.bind ?? f.template ?? '');
      return;
    }
    const i = f.options.findIndex((o) => String(o.value) === value);
    if (i < 0) {
      throw new FormError(
        'UNKNOWN_CHOICE',
        `${this.form.id}/${name}: the value matches none of ${f.options.map((o) => o.value).join(', ')}`,
        { form: this.form.id, field: name },
      );
    }
    const b = boxes[i]!;
    const pad = 0.5;
    this.ellipse({ x: b.x - pad, y: b.y - pad, w: b.w + 2 * pad, h: b.h + 2 * pad });
  }

  private async drawTable(t: TableField, ctx: BindingContext) {
    const name = t.id ?? t.bind;
    const key = t.bind.split('.')[1]!;
    const list = this.form.inputs.find((i) => i.key === key) as ListInput;
    const raw = this.data.input[key];
    const rows = Array.isArray(raw) ? raw : [];
    if (rows.length > t.rows) {
      throw new FormError(
        'OVERFLOW',
        `${this.form.id}/${name}: ${rows.length} rows for ${t.rows} lines on the form`,
        {
          form: this.form.id,
          field: name,
        },
      );
    }
    if (rows.length === 0 && t.required && !this.opts.blank) this.missing(name, t.bind);
    const pageIndex = this.form.pages.findIndex((p) => p.fields.includes(t));
    for (let i = 0; i < t.rows; i++) {
      const origin = { x: t.x, y: t.y + i * t.rowHeight };
      if (t.frame && this.selfDrawn && t.w !== undefined)
        this.line(t.x, origin.y + t.rowHeight, t.x + t.w, origin.y + t.rowHeight, 0.5);
      const row = rows[i];
      if (row === undefined) {
        // Empty line: only the printed parts (era and sex labels, comb cells) on self-drawn forms.
        if (this.selfDrawn) await this.drawStaticCells(t, origin, name, i);
        continue;
      }
      const rowCtx: BindingContext = { ...ctx, row: { values: row, list } };
      for (const col of t.columns) {
        await this.drawCell(
          { ...col, id: `${name}[${i}].${this.fieldName(col)}` } as CellField,
          origin,
          rowCtx,
          pageIndex,
        );
      }
    }
  }

  private async drawStaticCells(t: TableField, origin: { x: number; y: number }, name: string, i: number) {
    const emptyCtx: BindingContext = {
      form: this.form,
      data: { resident: {}, input: {} },
      row: {
        values: {},
        list: { key: '', label: '', type: 'list', columns: [], maxRows: 1, required: false },
      },
    };
    const saved = this.opts.blank;
    this.opts.blank = true;
    try {
      for (const col of t.columns) {
        await this.drawCell(
          { ...col, id: `${name}[${i}].${this.fieldName(col)}` } as CellField,
          origin,
          emptyCtx,
          0,
        );
      }
    } finally {
      this.opts.blank = saved;
    }
  }

  /**
   * The QR code as one Form XObject in module units (integer coordinates, one fill), scaled into
   * place: far fewer operators than a rectangle per module, so it stays fast and small.
   */
  private drawQr(place: NonNullable<FormDefinition['qr']>) {
    const m = qrMatrix(buildQrPayload(this.form, this.data));
    const quiet = 4;
    const n = m.size + 2 * quiet;
    const ops: string[] = ['1 g', `0 0 ${n} ${n} re f`, '0 g'];
    for (let r = 0; r < m.size; r++) {
      let c = 0;
      while (c < m.size) {
        if (!m.dark(r, c)) {
          c++;
          continue;
        }
        let end = c;
        while (end < m.size && m.dark(r, end)) end++;
        // Rows counted from the top; the XObject's y axis points up.
        ops.push(`${quiet + c} ${n - quiet - r - 1} ${end - c} 1 re`);
        c = end;
      }
    }
    ops.push('f');
    const ctx = this.doc.context;
    const xobject = ctx.flateStream(ops.join('\n'), {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, n, n],
    });
    const name = this.page.node.newXObject('KakanaiQR', ctx.register(xobject));
    const scale = (place.size * MM) / n;
    this.page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(scale, 0, 0, scale, place.x * MM, this.pageH - (place.y + place.size) * MM),
      drawObject(name),
      popGraphicsState(),
    );
  }
}

/** Removes the template's form-field widgets from a copied page (we draw the values ourselves). */
function removeWidgets(page: PDFPage): void {
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (!annots) return;
  const keep = annots.asArray().filter((a) => {
    const dict = page.doc.context.lookupMaybe(a, PDFDict);
    return dict?.get(PDFName.of('Subtype'))?.toString() !== '/Widget';
  });
  if (keep.length === 0) page.node.delete(PDFName.of('Annots'));
  else page.node.set(PDFName.of('Annots'), page.doc.context.obj(keep));
}

async function newDocument(title: string, seed: string, subset: boolean) {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreator('Kakanai Kiosk');
  doc.setProducer('Kakanai Kiosk forms (pdf-lib)');
  doc.setLanguage('ja-JP');
  return { doc, fonts: new DocumentFonts(doc, { subset, seed }) };
}

/**
 * Renders the given forms with one data set. Every form is checked first (unknown id, broken
 * definition, missing or invalid input), so nothing is half-printed.
 */
export async function renderForms(opts: RenderFormsOptions): Promise<RenderResult> {
  if (opts.formIds.length === 0) throw new FormError('UNKNOWN_FORM', 'no form requested');
  const dir = opts.formsDir ?? FORMS_DIR;
  const entries = opts.formIds.map((id) => getForm(id, dir));
  const data = parseFormData(opts.data);
  for (const e of entries) validateInputs(e.form, data, { blank: opts.blank ?? false });
  const subset = opts.subset ?? true;
  const warnings: RenderWarning[] = [];
  const forms: RenderedForm[] = [];
  const painterOpts = { ...opts };

  if (opts.combined) {
    const { doc, fonts } = await newDocument(
      entries.map((e) => e.form.title).join('・'),
      opts.formIds.join(','),
      subset,
    );
    for (const e of entries) {
      const r = await new FormPainter(doc, fonts, e, data, painterOpts, warnings).paint();
      forms.push({ id: e.form.id, title: e.form.title, pages: r.pages, qr: r.qr });
    }
    return { forms, combined: await doc.save(), warnings };
  }
  for (const e of entries) {
    const { doc, fonts } = await newDocument(e.form.title, e.form.id, subset);
    const r = await new FormPainter(doc, fonts, e, data, painterOpts, warnings).paint();
    forms.push({ id: e.form.id, title: e.form.title, pages: r.pages, qr: r.qr, pdf: await doc.save() });
  }
  return { forms, warnings };
}
