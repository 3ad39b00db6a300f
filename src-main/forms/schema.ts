/**
 * The schema of a form definition, `forms/<id>/form.json`. A municipality's clerk writes these with
 * a text editor, so every field is documented here and in forms/README.md, and a broken file is
 * rejected with the file, the field path and the reason (see catalog.ts).
 *
 * Geometry: every position is in millimetres from the TOP-LEFT corner of the page (like a ruler laid
 * on the paper), x to the right, y downwards. `w`/`h` are the width and height of the box the value
 * must fit in. Font sizes are in points (1 pt = 0.3528 mm).
 *
 * Stability: version 1 of this schema is used by every form in forms/. Changes must stay backward
 * compatible (new optional fields only); announce them in forms/README.md ("Schema changes").
 */
import { RELATIVE_DATE } from '../util/wareki.ts';
import { z } from 'zod';

/** Bumped only for incompatible changes; form.json says which version it was written for. */
export const FORM_SCHEMA_VERSION = 1;

const mm = z.number().min(0).max(1000);
const positiveMm = z.number().positive().max(1000);
const pt = z.number().positive().max(200);

/**
 * Where a value comes from:
 * - `resident.name | nameKana | address | birthDate | sex | myNumber` — the card (nameKana is typed
 *   by the resident: the card has no フリガナ);
 * - `input.<key>` — something the kiosk asks for (declared in the form's `inputs`); `input.<key>.<col>`
 *   reads a column of a list input's first row;
 * - `derived.<name>` — computed: today, todayWareki, age, birthDateWareki, birthEra, familyName,
 *   givenName, familyNameKana, givenNameKana (see bindings.ts for the full list);
 * - `row.<col>` — inside a table column: the column of the current row.
 */
export const bindingSchema = z
  .string()
  .regex(
    /^(resident\.(name|nameKana|address|birthDate|sex|myNumber)|input\.[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?|derived\.[A-Za-z][A-Za-z0-9_]*|row\.[A-Za-z][A-Za-z0-9_]*)$/,
    'expected resident.<name|nameKana|address|birthDate|sex|myNumber>, input.<key>, derived.<name> or row.<column>',
  );

/** The formats that read an ISO date (see formatSchema). */
export const DATE_FORMATS = [
  'wareki',
  'warekiNoEra',
  'seireki',
  'iso',
  'era',
  'eraShort',
  'eraKey',
  'eraYear',
  'year',
  'month',
  'day',
] as const;

/**
 * How a value is turned into text. Dates (ISO "YYYY-MM-DD" values: resident.birthDate, date inputs,
 * derived.today) accept: `wareki` 令和8年11月22日 (default for dates), `warekiNoEra` 8年11月22日,
 * `seireki` 2026年11月22日, `iso`, `era` 令和, `eraShort` 令, `eraKey` reiwa (for circled choices),
 * `eraYear` 8, `year` 2026, `month` 11, `day` 22. resident.sex accepts `sexJa` 男/女 (default) and the raw
 * value male/female/unspecified. Digits accept `digits` (keeps only 0–9: "160-0023" → "1600023").
 * `fullwidth` turns ASCII digits/letters into full-width ones.
 */
export const formatSchema = z.enum([...DATE_FORMATS, 'sexJa', 'digits', 'fullwidth']);

/** A box on the page, in mm from the top-left corner. */
const boxShape = {
  x: mm,
  y: mm,
  w: positiveMm,
  h: positiveMm,
};

/**
 * A field's box: required, except on a field with `acroField`, whose box is read from the template
 * (the catalog checks this).
 */
const fieldBoxShape = {
  x: mm.optional(),
  y: mm.optional(),
  w: positiveMm.optional(),
  h: positiveMm.optional(),
};

/** Typeface: `gothic` (BIZ UDゴシック, default for filled values) or `mincho` (BIZ UD明朝). */
const fontSchema = z.enum(['gothic', 'mincho']);

/** Where a field's value comes from: one binding, or a template mixing text and {bindings}. */
const valueSourceShape = {
  /** The data binding, e.g. "resident.name". */
  bind: bindingSchema.optional(),
  /** Instead of `bind`: text with {binding} or {binding|format} placeholders, e.g. "〒{input.postalCode}". */
  template: z.string().max(500).optional(),
  /** Presentation of the bound value (see formatSchema). */
  format: formatSchema.optional(),
  /**
   * If true, a missing value is an error naming this field (e.g. MISSING_VALUE: resident.name in
   * jumin-ido/applicantName). Ignored when printing a blank form.
   */
  required: z.boolean().default(false),
  /** A name for error messages and the QR payload; defaults to the binding. */
  id: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/)
    .optional(),
  /**
   * Fill a template PDF's AcroForm field instead of giving x/y/w/h: the field's rectangle is read from
   * the template, our text is drawn there (same font, shrink and wrap rules) and the widget removed.
   */
  acroField: z.string().optional(),
};

const textStyleShape = {
  /** Largest font size in pt (default 10.5). */
  size: pt.default(10.5),
  /** Auto-shrink floor in pt (default 6): below it, a non-wrapping field reports OVERFLOW. */
  minSize: pt.default(6),
  /** Horizontal alignment inside the box. */
  align: z.enum(['left', 'center', 'right']).default('left'),
  /** Vertical alignment inside the box (`middle` centres vertically). */
  valign: z.enum(['top', 'middle', 'bottom']).default('middle'),
  font: fontSchema.default('gothic'),
  /** Inner padding in mm on every side (default 0.8). */
  padding: z.number().min(0).max(20).default(0.8),
};

/**
 * Free text. Order of fitting: the largest size that fits on one line down to `minSize`; then, if
 * `wrap` is true, several lines (shrinking again down to `minSize`); then an OVERFLOW error naming
 * the field. Text is never cut silently.
 */
export const textFieldSchema = z
  .object({
    type: z.literal('text'),
    ...fieldBoxShape,
    ...valueSourceShape,
    ...textStyleShape,
    /** Allow line breaks (long addresses). Breaks at spaces, after 、。 and between CJK characters. */
    wrap: z.boolean().default(false),
    /** Line height as a multiple of the font size (default 1.2). */
    lineHeight: z.number().min(0.8).max(3).default(1.2),
    /** Draw the box outline when the form is drawn without a template. */
    frame: z.boolean().default(false),
  })
  .strict();

/**
 * One character per printed cell (口座番号, 個人番号, 郵便番号). `cells` cells of equal width across `w`.
 * Too many characters is an OVERFLOW error; fewer are placed from the left (or right with align).
 */
export const combFieldSchema = z
  .object({
    type: z.literal('comb'),
    ...fieldBoxShape,
    ...valueSourceShape,
    cells: z.number().int().min(1).max(64),
    /** Font size in pt; shrinks to fit a cell if needed (default 12). */
    size: pt.default(12),
    /** `left`: first character in the first cell; `right`: last character in the last cell. */
    align: z.enum(['left', 'right']).default('left'),
    font: fontSchema.default('gothic'),
    /** Draw the cells when the form is drawn without a template (default true). */
    frame: z.boolean().default(true),
  })
  .strict();

/**
 * A mark in a box when the bound value equals `equals` (or, without `equals`, is truthy:
 * non-empty, not "false"/"0"/"no"). Without a template, `label` is drawn right of the box.
 */
export const checkFieldSchema = z
  .object({
    type: z.literal('check'),
    ...fieldBoxShape,
    ...valueSourceShape,
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /** `check` ✓, `cross` ×, `fill` ■, `circle` ○ (default check). */
    mark: z.enum(['check', 'cross', 'fill', 'circle']).default('check'),
    /** Text printed beside the box on self-drawn forms (e.g. 転入). */
    label: z.string().max(100).optional(),
    labelSize: pt.default(10),
    /** Draw the empty box on self-drawn forms (default true). */
    frame: z.boolean().default(true),
  })
  .strict();

/** One option of a circled choice: its value and where its printed label sits. */
const choiceOptionSchema = z
  .object({
    value: z.union([z.string(), z.number()]),
    /** Printed on self-drawn forms (男, 昭, …); on a template it is already there. */
    label: z.string().max(50),
    ...boxShape,
  })
  .strict();

/**
 * A circled choice (男・女, 明・大・昭・平・令): an ellipse is drawn around the option whose `value`
 * equals the formatted bound value (e.g. bind resident.birthDate with format eraKey and values
 * meiji/taisho/showa/heisei/reiwa). A value matching no option is an error (never silently unmarked).
 */
export const circleFieldSchema = z
  .object({
    type: z.literal('circle'),
    ...valueSourceShape,
    options: z.array(choiceOptionSchema).min(1).max(20),
    /** Label font size on self-drawn forms. */
    size: pt.default(10),
    font: fontSchema.default('mincho'),
  })
  .strict();

/** Fields allowed inside a table row (positions relative to the row's top-left). */
export const cellFieldSchema = z.discriminatedUnion('type', [
  textFieldSchema,
  combFieldSchema,
  checkFieldSchema,
  circleFieldSchema,
]);

/**
 * Rows of a list input (世帯員: 氏名, 生年月日, 続柄…). Row i is at y + i × rowHeight. Each column is a
 * text/comb/check/circle field whose x/y are relative to the row's top-left corner and whose
 * bindings may use `row.<column>` (and resident./input./derived. too). More list items than `rows`
 * is an OVERFLOW error naming the table; a municipality then needs a continuation sheet.
 */
export const tableFieldSchema = z
  .object({
    type: z.literal('table'),
    /** A list input, e.g. "input.members". */
    bind: bindingSchema,
    id: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/)
      .optional(),
    x: mm,
    y: mm,
    rows: z.number().int().min(1).max(50),
    rowHeight: positiveMm,
    columns: z.array(cellFieldSchema).min(1).max(30),
    /** At least one row is required. */
    required: z.boolean().default(false),
    /** Draw the row separators when self-drawn (use draw items for column rules). */
    frame: z.boolean().default(false),
    /** Width of the table for frame lines (mm). */
    w: positiveMm.optional(),
  })
  .strict();

export const fieldSchema = z.discriminatedUnion('type', [
  textFieldSchema,
  combFieldSchema,
  checkFieldSchema,
  circleFieldSchema,
  tableFieldSchema,
]);

/**
 * Static drawing for forms without a template: the ruled boxes, labels and headings of the
 * standard form. Ignored when a template.pdf is used (the template already has them).
 */
export const drawItemSchema = z.discriminatedUnion('type', [
  /** A rectangle; `fill` is a grey level 0 (black) … 1 (white) for shaded label cells. */
  z
    .object({
      type: z.literal('rect'),
      ...boxShape,
      lineWidth: z.number().min(0).max(5).default(0.5),
      fill: z.number().min(0).max(1).optional(),
    })
    .strict(),
  /** A straight line; `dash` in mm gives a dotted rule. */
  z
    .object({
      type: z.literal('line'),
      x1: mm,
      y1: mm,
      x2: mm,
      y2: mm,
      lineWidth: z.number().min(0).max(5).default(0.5),
      dash: z.number().positive().max(20).optional(),
    })
    .strict(),
  /** Static text in a box (labels, headings, notes); shrinks and wraps like a text field. */
  z
    .object({
      type: z.literal('label'),
      ...boxShape,
      text: z.string().min(1).max(2000),
      ...textStyleShape,
      font: fontSchema.default('mincho'),
      wrap: z.boolean().default(false),
      lineHeight: z.number().min(0.8).max(3).default(1.2),
      /** Letter spacing in mm (headings are often spaced: 住 民 異 動 届). */
      letterSpacing: z.number().min(0).max(30).default(0),
      /** Draw the box outline too. */
      frame: z.boolean().default(false),
      /** Grey fill behind the label, 0 black … 1 white. */
      fill: z.number().min(0).max(1).optional(),
    })
    .strict(),
  /** A ruled grid: column widths and row heights from (x, y); `fill` shades the first row. */
  z
    .object({
      type: z.literal('grid'),
      x: mm,
      y: mm,
      cols: z.array(positiveMm).min(1).max(60),
      rows: z.array(positiveMm).min(1).max(100),
      lineWidth: z.number().min(0).max(5).default(0.5),
      headerFill: z.number().min(0).max(1).optional(),
    })
    .strict(),
]);

export const pageSchema = z
  .object({
    /** Static drawing (self-drawn forms only). */
    draw: z.array(drawItemSchema).max(2000).default([]),
    /** Data-bound fields. */
    fields: z.array(fieldSchema).max(1000).default([]),
  })
  .strict();

/**
 * What the kiosk must ask the resident for (everything not on the card). The same `key` in two
 * forms is the same value, entered once; its type and label must then agree across forms.
 */
const inputBase = {
  /** Bound as input.<key>; letters, digits, underscore. */
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  /** Japanese label shown by the kiosk (電話番号). */
  label: z.string().min(1).max(100),
  /** English label for foreign residents (optional). */
  labelEn: z.string().max(100).optional(),
  /** Short help shown under the input. */
  help: z.string().max(300).optional(),
  required: z.boolean().default(false),
};

const choiceListSchema = z
  .array(
    z
      .object({
        value: z.string().min(1).max(50),
        label: z.string().min(1).max(100),
        labelEn: z.string().max(100).optional(),
      })
      .strict(),
  )
  .min(1)
  .max(50);

/**
 * Scalar input types: `text` free text, `address` an address entered without writing (postal code →
 * town, then 丁目・番地・号 on a pad and the building on the kana keyboard; printed as one line),
 * `kana` katakana (フリガナ), `phone` digits and hyphens,
 * `digits` digits only (`length` fixes the count: 口座番号 7), `date` ISO YYYY-MM-DD, `choice` one of
 * `options` (values are what circle/check fields compare with), `boolean` yes/no.
 */
export const scalarInputSchema = z
  .object({
    ...inputBase,
    type: z.enum(['text', 'address', 'kana', 'phone', 'digits', 'date', 'choice', 'boolean']),
    /**
     * For `address`: the key of a 7-digit `digits` input the chosen postal code fills (the kiosk
     * does not ask for it separately).
     */
    postalCodeKey: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/)
      .optional(),
    /** For `choice`. */
    options: choiceListSchema.optional(),
    /** For `digits`: exact number of digits. */
    length: z.number().int().min(1).max(64).optional(),
    maxLength: z.number().int().min(1).max(2000).optional(),
    /**
     * For `date`: the dates a resident may enter, relative to the day of the visit (`today`,
     * `-1y`, `+1m`, `-14d`); the kiosk offers only those and the main process refuses others.
     * `lateBefore`: a date before this one is accepted but the resident is told it is late (a
     * move notified after the 14 days the law gives).
     */
    range: z
      .object({
        min: z.string().regex(RELATIVE_DATE).optional(),
        max: z.string().regex(RELATIVE_DATE).optional(),
        lateBefore: z.string().regex(RELATIVE_DATE).optional(),
        /** Not before the card holder's birth date (a child the holder claims for). */
        afterHolderBirth: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((i) => i.range === undefined || i.type === 'date', {
    message: 'range is for date inputs',
    path: ['range'],
  })
  .refine((i) => i.postalCodeKey === undefined || i.type === 'address', {
    message: 'postalCodeKey is for address inputs',
    path: ['postalCodeKey'],
  });

/** A list of rows (世帯員), each row having the given columns (themselves scalar inputs). */
export const listInputSchema = z
  .object({
    ...inputBase,
    type: z.literal('list'),
    columns: z.array(scalarInputSchema).min(1).max(30),
    maxRows: z.number().int().min(1).max(50).default(10),
  })
  .strict();

export const inputSchema = z.discriminatedUnion('type', [scalarInputSchema, listInputSchema]);

/** Where the optional QR code with the filled data goes (see forms/README.md for its payload). */
export const qrPlacementSchema = z
  .object({
    page: z.number().int().min(0).default(0),
    x: mm,
    y: mm,
    /** Side of the square in mm (≥ 20 mm keeps it scannable for long addresses). */
    size: z.number().min(15).max(120).default(30),
  })
  .strict();

/**
 * Names accepted after `derived.`: today (ISO date, format it with `format`), todayWareki
 * (令和8年11月22日), age (full years today), birthDateWareki (昭和30年1月2日), birthEra (showa…),
 * familyName / givenName (氏名 split at the first space), familyNameKana / givenNameKana (same for
 * フリガナ), postalCodeUpper / postalCodeLower (input.postalCode split 3+4).
 */
export const DERIVED_NAMES = [
  'today',
  'todayWareki',
  'age',
  'birthDateWareki',
  'birthEra',
  'familyName',
  'givenName',
  'familyNameKana',
  'givenNameKana',
  'postalCodeUpper',
  'postalCodeLower',
] as const;
export type DerivedName = (typeof DERIVED_NAMES)[number];

const TEMPLATE_PLACEHOLDER = /\{([^{}|]+)(?:\|([^{}]+))?\}/g;

/** The bindings and formats used by a template string "〒{input.postalCode}". */
export function templatePlaceholders(template: string): { bind: string; format?: string }[] {
  const out: { bind: string; format?: string }[] = [];
  for (const m of template.matchAll(TEMPLATE_PLACEHOLDER)) {
    out.push(m[2] === undefined ? { bind: m[1]!.trim() } : { bind: m[1]!.trim(), format: m[2].trim() });
  }
  return out;
}

const baseFormDefinitionSchema = z
  .object({
    /** The schema version this file was written for (1). */
    schemaVersion: z.literal(1),
    /** Must equal the folder name: lower-case letters, digits and hyphens. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    /** Japanese title shown in the kiosk (住民異動届（転入・転居・転出）). */
    title: z.string().min(1).max(200),
    titleEn: z.string().max(200).optional(),
    /** Revision of this definition; printed in the QR payload so a clerk's system knows the layout. */
    version: z.string().max(40).default('1'),
    /** One-line description for staff. */
    description: z.string().max(1000).optional(),
    /**
     * True only if the form PRINTS the 個人番号 (it binds resident.myNumber): then the kiosk asks for
     * the 4-digit PIN; otherwise 照合番号B is enough. Checked against the bindings by the catalog.
     */
    requiresMyNumber: z.boolean(),
    paper: z.enum(['A4', 'A3', 'B5']).default('A4'),
    orientation: z.enum(['portrait', 'landscape']).default('portrait'),
    /**
     * A municipality's own PDF in the same folder (e.g. "template.pdf"). With it, `draw` items are
     * ignored and fields are drawn over the template's pages (or into its AcroForm fields).
     */
    template: z
      .string()
      .regex(/^[^/\\]+\.pdf$/i)
      .optional(),
    /** Values the kiosk asks for. */
    inputs: z.array(inputSchema).max(100).default([]),
    /** One entry per page. */
    pages: z.array(pageSchema).min(1).max(20),
    /** If present, the form can carry a QR code with its filled data (when the caller asks for it). */
    qr: qrPlacementSchema.optional(),
    /**
     * The municipality accepts this form as an electronic application: the kiosk offers
     * 「電子署名して提出」 (signed with the card, sent to the counter's inbox) besides printing.
     */
    electronic: z.boolean().optional(),
  })
  .strict();

/** Cross-field checks: bindings name declared inputs, boxes are on the paper, etc. */
export const formDefinitionSchema = baseFormDefinitionSchema.superRefine((form, ctx) => {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const paper = PAPER_MM[form.paper];
  const [pw, ph] = form.orientation === 'portrait' ? [paper.w, paper.h] : [paper.h, paper.w];
  const inputs = new Map<string, FormInput>();
  form.inputs.forEach((inp, i) => {
    if (inputs.has(inp.key)) issue(['inputs', i, 'key'], `duplicate input key "${inp.key}"`);
    inputs.set(inp.key, inp);
    if (inp.type === 'choice' && !inp.options)
      issue(['inputs', i, 'options'], 'a choice input needs options');
    if (inp.type === 'list') {
      inp.columns.forEach((c, j) => {
        if (c.type === 'choice' && !c.options) {
          issue(['inputs', i, 'columns', j, 'options'], 'a choice column needs options');
        }
      });
    }
  });
  form.inputs.forEach((inp, i) => {
    if (inp.type !== 'address' || inp.postalCodeKey === undefined) return;
    const target = inputs.get(inp.postalCodeKey);
    if (!target || target.type !== 'digits' || target.length !== 7)
      issue(
        ['inputs', i, 'postalCodeKey'],
        `postalCodeKey "${inp.postalCodeKey}" must name a digits input of length 7 in this form`,
      );
  });
  let bindsMyNumber = false;

  const checkBinding = (path: (string | number)[], bind: string, rowOf?: ListInput) => {
    const parsed = bindingSchema.safeParse(bind);
    if (!parsed.success) return issue(path, `bad binding "${bind}": ${parsed.error.issues[0]?.message}`);
    const [root, name, sub] = bind.split('.');
    if (root === 'resident' && name === 'myNumber') bindsMyNumber = true;
    if (root === 'derived' && !(DERIVED_NAMES as readonly string[]).includes(name!)) {
      issue(path, `unknown derived value "${bind}" (known: ${DERIVED_NAMES.join(', ')})`);
    }
    if (root === 'input') {
      const inp = inputs.get(name!);
      if (!inp) return issue(path, `"${bind}" names no input: declare "${name}" in "inputs"`);
      if (sub !== undefined && (inp.type !== 'list' || !inp.columns.some((c) => c.key === sub))) {
        issue(path, `"${bind}": input "${name}" has no column "${sub}"`);
      }
    }
    if (root === 'row') {
      if (!rowOf) return issue(path, `"${bind}" is only allowed inside a table column`);
      if (!rowOf.columns.some((c) => c.key === name)) {
        issue(path, `"${bind}": list input "${rowOf.key}" has no column "${name}"`);
      }
    }
  };

  const checkSource = (
    path: (string | number)[],
    f: { bind?: string | undefined; template?: string | undefined },
    rowOf?: ListInput,
  ) => {
    if (f.bind === undefined && f.template === undefined)
      return issue(path, 'a field needs "bind" or "template"');
    if (f.bind !== undefined && f.template !== undefined) issue(path, 'give "bind" or "template", not both');
    if (f.bind !== undefined) checkBinding([...path, 'bind'], f.bind, rowOf);
    if (f.template !== undefined) {
      for (const p of templatePlaceholders(f.template)) {
        checkBinding([...path, 'template'], p.bind, rowOf);
        if (p.format !== undefined && !formatSchema.safeParse(p.format).success) {
          issue(
            [...path, 'template'],
            `unknown format "${p.format}" (known: ${formatSchema.options.join(', ')})`,
          );
        }
      }
    }
  };

  const checkBox = (
    path: (string | number)[],
    b: { x?: number | undefined; y?: number | undefined; w?: number | undefined; h?: number | undefined },
    origin: { x: number; y: number },
  ) => {
    if (b.x === undefined || b.y === undefined || b.w === undefined || b.h === undefined) {
      return issue(path, 'x, y, w and h are required (or "acroField" with a template)');
    }
    if (origin.x + b.x + b.w > pw + 0.01 || origin.y + b.y + b.h > ph + 0.01) {
      issue(
        path,
        `box (${origin.x + b.x}, ${origin.y + b.y}, ${b.w}×${b.h} mm) leaves the ${form.paper} page`,
      );
    }
  };

  const checkCell = (
    path: (string | number)[],
    f: CellField,
    origin: { x: number; y: number },
    rowOf?: ListInput,
  ) => {
    checkSource(path, f, rowOf);
    if (f.type === 'circle') {
      f.options.forEach((o, k) => checkBox([...path, 'options', k], o, origin));
      return;
    }
    if (f.acroField !== undefined) {
      if (!form.template) issue([...path, 'acroField'], '"acroField" needs a "template"');
      if (rowOf) issue([...path, 'acroField'], '"acroField" is not allowed in a table column');
    } else {
      checkBox(path, f, origin);
    }
  };

  form.pages.forEach((page, p) => {
    page.fields.forEach((f, i) => {
      const path = ['pages', p, 'fields', i];
      if (f.type !== 'table') return checkCell(path, f, { x: 0, y: 0 });
      checkBinding([...path, 'bind'], f.bind);
      const list = inputs.get(f.bind.split('.')[1] ?? '');
      if (!f.bind.startsWith('input.') || !list || list.type !== 'list' || f.bind.split('.').length !== 2) {
        return issue([...path, 'bind'], 'a table binds a list input: "input.<key>"');
      }
      if (list.maxRows > f.rows) {
        issue(
          [...path, 'rows'],
          `table has ${f.rows} rows but input "${list.key}" allows ${list.maxRows} (maxRows)`,
        );
      }
      if (f.y + f.rows * f.rowHeight > ph + 0.01) issue(path, 'the table leaves the page');
      f.columns.forEach((c, j) => checkCell([...path, 'columns', j], c, { x: f.x, y: f.y }, list));
    });
    page.draw.forEach((d, i) => {
      const path = ['pages', p, 'draw', i];
      if (d.type === 'rect' || d.type === 'label') checkBox(path, d, { x: 0, y: 0 });
      if (d.type === 'line' && (Math.max(d.x1, d.x2) > pw + 0.01 || Math.max(d.y1, d.y2) > ph + 0.01)) {
        issue(path, 'line leaves the page');
      }
      if (d.type === 'grid') {
        const gw = d.cols.reduce((a, b) => a + b, 0);
        const gh = d.rows.reduce((a, b) => a + b, 0);
        if (d.x + gw > pw + 0.01 || d.y + gh > ph + 0.01) issue(path, 'grid leaves the page');
      }
    });
  });

  if (bindsMyNumber !== form.requiresMyNumber) {
    issue(
      ['requiresMyNumber'],
      bindsMyNumber
        ? 'the form prints resident.myNumber, so requiresMyNumber must be true'
        : 'requiresMyNumber is true but no field binds resident.myNumber',
    );
  }
  if (form.qr) {
    if (form.qr.page >= form.pages.length) issue(['qr', 'page'], `no page ${form.qr.page}`);
    if (form.qr.x + form.qr.size > pw + 0.01 || form.qr.y + form.qr.size > ph + 0.01) {
      issue(['qr'], 'the QR code leaves the page');
    }
  }
});

export type FormDefinition = z.infer<typeof formDefinitionSchema>;
export type FormField = z.infer<typeof fieldSchema>;
export type CellField = z.infer<typeof cellFieldSchema>;
export type TextField = z.infer<typeof textFieldSchema>;
export type CombField = z.infer<typeof combFieldSchema>;
export type CheckField = z.infer<typeof checkFieldSchema>;
export type CircleField = z.infer<typeof circleFieldSchema>;
export type TableField = z.infer<typeof tableFieldSchema>;
export type DrawItem = z.infer<typeof drawItemSchema>;
export type FormInput = z.infer<typeof inputSchema>;
export type ScalarInput = z.infer<typeof scalarInputSchema>;
export type ListInput = z.infer<typeof listInputSchema>;
export type ValueFormat = z.infer<typeof formatSchema>;
export type FormFont = z.infer<typeof fontSchema>;

/** Paper sizes in mm (portrait). */
export const PAPER_MM: Record<FormDefinition['paper'], { w: number; h: number }> = {
  A4: { w: 210, h: 297 },
  A3: { w: 297, h: 420 },
  B5: { w: 182, h: 257 },
};
