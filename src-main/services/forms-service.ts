/**
 * Forms as the kiosk needs them: the catalog with each form's inputs, the inputs a plan needs
 * (each key once), preview renders per form (PDF bytes or page images) and the final document
 * for printing. Rendering itself is the forms engine's job (src-main/forms/); this service adapts
 * it through the small FormsEngine interface (forms-engine-adapter.ts wires the real one).
 *
 * Privacy: rendering happens in memory; page images come from pdftoppm over stdin/stdout, so no
 * resident data touches the disk.
 */
import { hasControlOrBidi } from '../util/terminal-text.ts';
import { spawn } from 'node:child_process';
import { PDFDocument } from 'pdf-lib';
import type { FormInputView, FormSummary, InputValues, Plan, RenderedForm } from '../contract/index.ts';
import { fail } from '../contract/errors.ts';
import type { FormDefinition, FormInput, ScalarInput } from '../forms/schema.ts';
import { FormTexts, type Translations } from '../forms/form-text.ts';
import { dateBounds } from '../forms/inputs.ts';
import { RenderCache } from './render-cache.ts';
import { againstRange, todayInJapan } from '../util/wareki.ts';
import type { ResidentData } from './session-service.ts';
import { log } from '../util/log.ts';

/** What a plan needs to know about a form (the counter's planner looks forms up with it). */
/** The longest text any input takes, whatever its form says (an address is about 100 characters). */
const MAX_TEXT_LENGTH = 500;

export interface PlanFormInfo {
  id: string;
  title: string;
  titleEn?: string;
  titleI18n?: Translations;
  requiresMyNumber: boolean;
}
export type FormLookup = (id: string) => PlanFormInfo | undefined;

export interface EngineRenderRequest {
  formIds: string[];
  /** Card data; absent for blank forms. */
  resident?: ResidentData;
  inputs: InputValues;
  blank: boolean;
  /** For the 手続き案内票: the plan whose procedures, counters and things to bring it lists. */
  plan?: Plan;
  municipality?: { name: string; code: string };
  /** Print each form's QR code of its filled data (electronic applications carry it). */
  qr?: boolean;
}

export interface EngineRenderResult {
  /** One PDF per form, in request order. */
  forms: { formId: string; title: string; pdf: Uint8Array; pageCount: number }[];
}

export interface FormsEngine {
  /** Every valid form definition (a broken one is reported by the engine, not returned). */
  list(): Promise<FormDefinition[]>;
  /** The forms' words in the other languages (forms/locales/); none when absent. */
  texts?(): FormTexts;
  render(request: EngineRenderRequest): Promise<EngineRenderResult>;
}

/** The parts of a scalar input that value checks need. */
interface ScalarView {
  type: string;
  min?: string | undefined;
  max?: string | undefined;
  maxLength?: number | undefined;
  length?: number | undefined;
  options?: { value: string }[] | undefined;
}

export const GUIDE_FORM_ID = 'tetsuzuki-annai';

/** A scalar input's own limits as the screens need them (a date's range resolved for today). */
/** `{ [name]: translations }` when the text has any, else nothing (the view stays small). */
function i18n(name: string, texts: FormTexts, ja: string | undefined, en?: string) {
  const t = ja === undefined ? undefined : texts.of(ja, en);
  return t ? { [name]: t } : {};
}

/** What a view of an input depends on besides the definition. */
interface ViewContext {
  /** The visit's date in Japan: date ranges count from it. */
  today: string;
  /** The card holder's birth date, once the card is read (afterHolderBirth ranges). */
  holderBirthDate: string | undefined;
  texts: FormTexts;
}

function scalarLimits(inp: ScalarInput, ctx: ViewContext) {
  const { today, texts } = ctx;
  return {
    ...(inp.options
      ? { options: inp.options.map((o) => ({ ...o, ...i18n('labelI18n', texts, o.label, o.labelEn) })) }
      : {}),
    ...(inp.length !== undefined ? { length: inp.length } : {}),
    ...(inp.maxLength !== undefined ? { maxLength: inp.maxLength } : {}),
    ...(inp.type === 'date' ? dateBounds(inp.range, today, ctx.holderBirthDate) : {}),
    ...(inp.postalCodeKey !== undefined ? { postalCodeKey: inp.postalCodeKey } : {}),
  };
}

function viewOfInput(inp: FormInput, formIds: string[], ctx: ViewContext): FormInputView {
  const { texts } = ctx;
  const base = {
    key: inp.key,
    label: inp.label,
    ...(inp.labelEn !== undefined ? { labelEn: inp.labelEn } : {}),
    ...i18n('labelI18n', texts, inp.label, inp.labelEn),
    ...(inp.help !== undefined ? { help: inp.help } : {}),
    ...i18n('helpI18n', texts, inp.help),
    required: inp.required,
    formIds,
  };
  if (inp.type === 'list') {
    return {
      ...base,
      type: 'list',
      maxRows: inp.maxRows,
      columns: inp.columns.map((c) => ({
        key: c.key,
        type: c.type,
        label: c.label,
        ...(c.labelEn !== undefined ? { labelEn: c.labelEn } : {}),
        ...i18n('labelI18n', texts, c.label, c.labelEn),
        ...(c.help !== undefined ? { help: c.help } : {}),
        ...i18n('helpI18n', texts, c.help),
        required: c.required,
        ...scalarLimits(c, ctx),
      })),
    };
  }
  return {
    ...base,
    type: inp.type,
    ...scalarLimits(inp, ctx),
  };
}

function hasValue(v: InputValues[string] | undefined): boolean {
  if (v === undefined) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (typeof v === 'boolean') return true;
  return v.length > 0;
}

export class FormsService {
  readonly #engine: FormsEngine;
  #catalog = new Map<string, FormDefinition>();
  #order: string[] = [];

  readonly #today: () => string;
  readonly #holderBirthDate: () => string | undefined;
  #texts = FormTexts.none;
  readonly #renders = new RenderCache();

  /**
   * `today`: the visit's date in Japan (date ranges count from it); injectable for tests.
   * `holderBirthDate`: the card holder's, once read (a child's birth date is not before it).
   */
  constructor(
    engine: FormsEngine,
    deps: { today?: () => string; holderBirthDate?: () => string | undefined } = {},
  ) {
    this.#engine = engine;
    this.#today = deps.today ?? (() => todayInJapan());
    this.#holderBirthDate = deps.holderBirthDate ?? (() => undefined);
  }

  #viewContext(): ViewContext {
    return { today: this.#today(), holderBirthDate: this.#holderBirthDate(), texts: this.#texts };
  }

  /** (Re)loads the catalog; call at start and after staff edit forms/. */
  async load(): Promise<void> {
    const forms = await this.#engine.list();
    this.#catalog = new Map(forms.map((f) => [f.id, f]));
    this.#order = forms.map((f) => f.id);
    this.#texts = this.#engine.texts?.() ?? FormTexts.none;
    // Forms rendered from the old definitions must not be reused.
    this.#renders.clear();
  }

  get ids(): string[] {
    return [...this.#order];
  }

  /** For the planner (synchronous, from the loaded catalog). */
  lookup = (id: string): PlanFormInfo | undefined => {
    const f = this.#catalog.get(id);
    if (!f) return undefined;
    return {
      id: f.id,
      title: f.title,
      ...(f.titleEn ? { titleEn: f.titleEn } : {}),
      ...i18n('titleI18n', this.#texts, f.title, f.titleEn),
      requiresMyNumber: f.requiresMyNumber,
    };
  };

  #get(id: string): FormDefinition {
    const f = this.#catalog.get(id);
    if (!f)
      throw fail('FORM_NOT_FOUND', `No form "${id}".`, `様式「${id}」が見つかりません。`, { field: id });
    return f;
  }

  list(ids?: string[]): FormSummary[] {
    return (ids ?? this.#order).map((id) => {
      const f = this.#get(id);
      return {
        id: f.id,
        title: f.title,
        ...(f.titleEn ? { titleEn: f.titleEn } : {}),
        ...i18n('titleI18n', this.#texts, f.title, f.titleEn),
        ...(f.description ? { description: f.description } : {}),
        requiresMyNumber: f.requiresMyNumber,
        paper: f.paper,
        pageCount: f.pages.length,
        inputs: f.inputs.map((i) => viewOfInput(i, [f.id], this.#viewContext())),
      };
    });
  }

  /** Every input of these forms once (first definition wins; `required` if any form requires it), minus `skip`. */
  inputsFor(formIds: readonly string[], skip: ReadonlySet<string> = new Set()): FormInputView[] {
    const out = new Map<string, FormInputView>();
    const ctx = this.#viewContext();
    for (const id of formIds) {
      const f = this.#get(id);
      for (const inp of f.inputs) {
        if (skip.has(inp.key)) continue;
        const seen = out.get(inp.key);
        if (seen) {
          seen.formIds.push(f.id);
          seen.required ||= inp.required;
        } else {
          out.set(inp.key, viewOfInput(inp, [f.id], ctx));
        }
      }
    }
    return [...out.values()];
  }

  /**
   * What the screens ask for: `inputsFor` less the postal codes an address input fills (the
   * resident picks the code while entering the address).
   */
  askedFor(formIds: readonly string[], skip: ReadonlySet<string> = new Set()): FormInputView[] {
    const all = this.inputsFor(formIds, skip);
    const filled = new Set(
      all.flatMap((i) => (i.type === 'address' && i.postalCodeKey ? [i.postalCodeKey] : [])),
    );
    return all.filter((i) => !filled.has(i.key));
  }

  /** Keys of these forms' inputs (for filtering planner prefill to what the forms declare). */
  inputKeys(formIds: readonly string[]): Set<string> {
    return new Set(formIds.flatMap((id) => this.#get(id).inputs.map((i) => i.key)));
  }

  /**
   * Checks typed values against the inputs these forms declare: unknown keys, a choice outside its
   * options, digits that are not digits, a list where text is expected… → INVALID_INPUT naming the
   * key. An empty string (clearing a value) is always accepted.
   */
  checkValues(formIds: readonly string[], values: InputValues): void {
    const inputs = new Map(this.inputsFor(formIds).map((i) => [i.key, i]));
    const bad = (key: string, why: string) =>
      fail(
        'INVALID_INPUT',
        `Input "${key}": ${why}.`,
        `入力「${inputs.get(key)?.label ?? key}」が正しくありません。`,
        {
          field: `values.${key}`,
        },
      );
    const checkScalar = (key: string, def: ScalarView, v: unknown) => {
      if (v === '') return;
      if (def.type === 'boolean') {
        if (typeof v !== 'boolean') throw bad(key, 'expected true or false');
        return;
      }
      if (typeof v !== 'string') throw bad(key, 'expected text');
      // Control and bidirectional characters would print as 〓 or reorder what the form shows.
      if (hasControlOrBidi(v)) throw bad(key, 'control or bidirectional characters are not allowed');
      if (def.maxLength !== undefined && [...v].length > def.maxLength) throw bad(key, 'too long');
      if ([...v].length > MAX_TEXT_LENGTH) throw bad(key, 'too long');
      if (def.type === 'choice' && !def.options?.some((o) => o.value === v)) {
        throw bad(key, 'not one of the options');
      }
      if (
        def.type === 'digits' &&
        (!/^\d+$/.test(v) || (def.length !== undefined && v.length !== def.length))
      ) {
        throw bad(key, 'expected digits');
      }
      if (def.type === 'phone' && !/^[0-9+\-() ]{6,20}$/.test(v)) throw bad(key, 'expected a phone number');
      if (def.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw bad(key, 'expected YYYY-MM-DD');
      if (def.type === 'date' && againstRange(v, def) !== 'inside') {
        throw bad(key, `outside the dates this form accepts (${def.min ?? '…'} to ${def.max ?? '…'})`);
      }
    };
    for (const [key, v] of Object.entries(values)) {
      const def = inputs.get(key);
      if (!def) throw bad(key, 'no selected form asks for it');
      if (def.type === 'list') {
        if (v === '') continue;
        if (!Array.isArray(v)) throw bad(key, 'expected a list of rows');
        if (v.length > def.maxRows) throw bad(key, `at most ${def.maxRows} rows`);
        for (const row of v) {
          for (const [col, cv] of Object.entries(row)) {
            const c = def.columns.find((x) => x.key === col);
            if (!c) throw bad(key, `no column "${col}"`);
            checkScalar(key, c, cv);
          }
        }
      } else {
        checkScalar(key, def, v);
      }
    }
  }

  /** Required inputs of these forms that have no value. */
  missing(formIds: readonly string[], values: InputValues): string[] {
    return this.inputsFor(formIds)
      .filter((i) => i.required && !hasValue(values[i.key]))
      .map((i) => i.key);
  }

  /**
   * The engine's forms for a request, reusing what this visit already rendered (RenderCache): a
   * preview after a render-ahead, or printing after a preview, renders nothing again.
   */
  async #render(request: EngineRenderRequest): Promise<EngineRenderResult> {
    const forms = await this.#renders.get(this.#cacheKeys(request), this.#renderMissing(request));
    return { forms };
  }

  /** One cache key per requested form (unknown ids fail here, before anything renders). */
  #cacheKeys(request: EngineRenderRequest): Array<{ formId: string; key: string }> {
    request.formIds.forEach((id) => this.#get(id));
    const today = this.#today();
    return request.formIds.map((formId) => ({
      formId,
      key: RenderCache.key({
        formId,
        resident: request.resident,
        inputs: request.inputs,
        blank: request.blank,
        plan: request.plan,
        municipality: request.municipality,
        ...(request.qr ? { qr: true } : {}),
        today,
      }),
    }));
  }

  #renderMissing(request: EngineRenderRequest) {
    return async (ids: string[]) => (await this.#engine.render({ ...request, formIds: ids })).forms;
  }

  /**
   * Starts rendering what the resident is about to preview and print (called when the last input
   * is in), so the preview is waiting for them. Failures are only logged: the preview renders
   * again and reports its own error.
   */
  renderAhead(request: EngineRenderRequest): void {
    Promise.resolve()
      .then(() => this.#renders.prefetch(this.#cacheKeys(request), this.#renderMissing(request)))
      .catch((e: unknown) =>
        log.warn('forms.render', {
          action: 'renderAhead',
          error: (e as { code?: string }).code ?? 'RENDER_FAILED',
        }),
      );
  }

  /** Zeroes every rendered form of the visit (the session was wiped). */
  forgetRenders(): void {
    this.#renders.clear();
  }

  /** Rendered forms reused vs rendered, since start (the tests read them). */
  renderCacheStats(): { hits: number; misses: number } {
    return { hits: this.#renders.hits, misses: this.#renders.misses };
  }

  /** One rendered form per id, as PDF bytes or page images. */
  async preview(request: EngineRenderRequest, format: 'pdf' | 'png', dpi: number): Promise<RenderedForm[]> {
    const result = await this.#render(request);
    const out: RenderedForm[] = [];
    try {
      for (const f of result.forms) {
        const item: RenderedForm = { formId: f.formId, title: f.title, pageCount: f.pageCount };
        if (format === 'pdf') item.pdf = Buffer.from(f.pdf).toString('base64');
        else item.pages = await rasterize(f.pdf, f.pageCount, dpi);
        out.push(item);
      }
    } finally {
      for (const f of result.forms) f.pdf.fill(0);
    }
    return out;
  }

  /** Each form as its own PDF (an application signed and sent alone); the caller zeroes them. */
  async renderEach(request: EngineRenderRequest): Promise<EngineRenderResult['forms']> {
    // The render cache hands out its own copy of each PDF: the caller zeroes it.
    return (await this.#render(request)).forms;
  }

  /** The final document: every form (and the guide) in one PDF, for one print job. */
  async renderFinal(request: EngineRenderRequest): Promise<{
    pdf: Uint8Array;
    pageCount: number;
    forms: { formId: string; title: string; pageCount: number }[];
  }> {
    const result = await this.#render(request);
    try {
      const merged = await PDFDocument.create();
      for (const f of result.forms) {
        const doc = await PDFDocument.load(f.pdf);
        const pages = await merged.copyPages(doc, doc.getPageIndices());
        for (const p of pages) merged.addPage(p);
      }
      const pdf = await merged.save();
      return {
        pdf,
        pageCount: merged.getPageCount(),
        forms: result.forms.map((f) => ({ formId: f.formId, title: f.title, pageCount: f.pageCount })),
      };
    } finally {
      for (const f of result.forms) f.pdf.fill(0);
    }
  }

  /**
   * Renders one blank form and throws it away, so fonts are loaded and parsed before the first
   * resident waits for a preview (a cold render takes about a second, a warm one a tenth of it).
   */
  async warmUp(): Promise<void> {
    const id = this.#catalog.has(GUIDE_FORM_ID) ? GUIDE_FORM_ID : this.#order[0];
    if (!id) return;
    try {
      const r = await this.#engine.render({ formIds: [id], inputs: {}, blank: true });
      for (const f of r.forms) f.pdf.fill(0);
    } catch (e) {
      // Best effort: a broken form is reported with its reason when a resident's plan uses it.
      log.warn('forms.render', {
        action: 'warmUp',
        form: id,
        error: (e as { code?: string }).code ?? 'RENDER_FAILED',
      });
    }
  }

  has(id: string): boolean {
    return this.#catalog.has(id);
  }

  /** Whether the municipality accepts the form as an electronic application; where its QR is. */
  electronic(id: string): { accepted: boolean; qr?: { x: number; y: number; size: number } } {
    const f = this.#get(id);
    return {
      accepted: f.electronic === true,
      ...(f.qr && f.qr.page === 0 ? { qr: { x: f.qr.x, y: f.qr.y, size: f.qr.size } } : {}),
    };
  }
}

/** PDF → PNG per page through `pdftoppm` (stdin → stdout: nothing on disk). */
export async function rasterize(
  pdf: Uint8Array,
  pageCount: number,
  dpi: number,
  bin = process.env.KAKANAI_PDFTOPPM ?? 'pdftoppm',
): Promise<{ png: string; widthPx: number; heightPx: number }[]> {
  const pages = [];
  for (let page = 1; page <= pageCount; page++) {
    const png = await runPdftoppm(bin, pdf, page, dpi);
    // PNG IHDR: width and height are big-endian at bytes 16 and 20.
    if (png.length < 24 || png.toString('latin1', 1, 4) !== 'PNG') {
      throw fail('FORM_ERROR', 'pdftoppm produced no PNG.', 'プレビュー画像を作れませんでした。');
    }
    pages.push({
      png: png.toString('base64'),
      widthPx: png.readUInt32BE(16),
      heightPx: png.readUInt32BE(20),
    });
  }
  return pages;
}

function runPdftoppm(bin: string, pdf: Uint8Array, page: number, dpi: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      bin,
      ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-'],
      {
        stdio: ['pipe', 'pipe', 'ignore'],
      },
    );
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === 'ENOENT'
          ? fail(
              'RASTER_UNAVAILABLE',
              'pdftoppm (poppler-utils) is not installed; use format "pdf".',
              'プレビュー画像を作れません。',
            )
          : e,
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(chunks));
      else
        reject(fail('FORM_ERROR', `pdftoppm failed (exit ${code}).`, 'プレビュー画像を作れませんでした。'));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.from(pdf));
  });
}
