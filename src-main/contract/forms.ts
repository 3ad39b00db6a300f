/**
 * Forms: the inputs a plan needs, previews and rendered PDFs.
 */
import { z } from 'zod';
import { call, empty, VISIT } from './call.ts';
import { translationsSchema } from './common.ts';

// ───────────────────────────── forms ─────────────────────────────

export const inputOptionSchema = z.object({
  value: z.string(),
  label: z.string(),
  labelEn: z.string().optional(),
  labelI18n: translationsSchema.optional(),
});

export const scalarInputViewShape = {
  key: z.string(),
  type: z.enum(['text', 'address', 'kana', 'phone', 'digits', 'date', 'choice', 'boolean']),
  label: z.string(),
  labelEn: z.string().optional(),
  labelI18n: translationsSchema.optional(),
  help: z.string().optional(),
  helpI18n: translationsSchema.optional(),
  required: z.boolean(),
  options: z.array(inputOptionSchema).optional(),
  length: z.number().int().optional(),
  maxLength: z.number().int().optional(),
  /** For a date: the earliest and latest date accepted today, and the first one not late (ISO). */
  min: z.string().optional(),
  max: z.string().optional(),
  lateBefore: z.string().optional(),
  /** For an address (added in v1.4): the input its postal code fills, not asked separately. */
  postalCodeKey: z.string().optional(),
};

/** One value to ask for (see src-main/forms/schema.ts `inputs`). */
export const formInputViewSchema = z.union([
  z.object({ ...scalarInputViewShape, formIds: z.array(z.string()) }),
  z.object({
    key: z.string(),
    type: z.literal('list'),
    label: z.string(),
    labelEn: z.string().optional(),
    labelI18n: translationsSchema.optional(),
    help: z.string().optional(),
    helpI18n: translationsSchema.optional(),
    required: z.boolean(),
    columns: z.array(z.object(scalarInputViewShape)),
    maxRows: z.number().int(),
    formIds: z.array(z.string()),
  }),
]);
export type FormInputView = z.infer<typeof formInputViewSchema>;

export const formSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  titleEn: z.string().optional(),
  titleI18n: translationsSchema.optional(),
  description: z.string().optional(),
  requiresMyNumber: z.boolean(),
  paper: z.enum(['A4', 'A3', 'B5']),
  pageCount: z.number().int().min(1),
  inputs: z.array(formInputViewSchema),
});
export type FormSummary = z.infer<typeof formSummarySchema>;

/** A value typed by the resident: text, yes/no, or the rows of a list input. */
export const inputValueSchema = z.union([
  z.string().max(2000),
  z.boolean(),
  z.array(z.record(z.string(), z.union([z.string().max(2000), z.boolean()]))).max(50),
]);
export const inputValuesSchema = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), inputValueSchema);
export type InputValues = z.infer<typeof inputValuesSchema>;

export const pageImageSchema = z.object({
  /** PNG, base64. */
  png: z.string(),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
});

export const renderedFormSchema = z.object({
  formId: z.string(),
  title: z.string(),
  pageCount: z.number().int().min(1),
  /** PDF bytes, base64 (format "pdf"). */
  pdf: z.string().optional(),
  /** Page images (format "png"). */
  pages: z.array(pageImageSchema).optional(),
});
export type RenderedForm = z.infer<typeof renderedFormSchema>;

export const FORMS_CALLS = {
  'forms.list': call(
    'Forms with the inputs each needs (all, or the given ids).',
    z.object({ ids: z.array(z.string()).optional() }).strict(),
    z.object({ forms: z.array(formSummarySchema) }),
  ),
  'forms.inputs': call(
    "What to ask for the plan's forms: every input once (same key = same value), in form order, minus what the card provides; with the values stored so far.",
    empty,
    z.object({ inputs: z.array(formInputViewSchema), values: inputValuesSchema }),
    VISIT,
  ),
  'forms.setInputs': call(
    'Stores typed values in the session (merged; an empty string clears a value). Returns the keys still missing for required inputs.',
    z.object({ values: inputValuesSchema }).strict(),
    z.object({ missing: z.array(z.string()) }),
    VISIT,
  ),
  'forms.preview': call(
    "Renders the plan's forms (or the given ids) with the session data, for the confirmation screen: PDF bytes or page images. blank: true prints empty forms (no card).",
    z
      .object({
        formIds: z.array(z.string()).optional(),
        format: z.enum(['pdf', 'png']).default('pdf'),
        blank: z.boolean().default(false),
        /** For png: resolution (default 96 dpi, keeps a page ≈ 800 px wide). */
        dpi: z.number().int().min(36).max(200).default(96),
        /** Also show the 手続き案内票 that forms.render appends (added in v1.1; default true). */
        includeGuide: z.boolean().default(true),
      })
      .strict(),
    z.object({ forms: z.array(renderedFormSchema) }),
    VISIT,
  ),
  'forms.render': call(
    "Renders the final documents (plan's forms + 手続き案内票) into the session for printing; returns a render id.",
    z
      .object({
        formIds: z.array(z.string()).optional(),
        blank: z.boolean().default(false),
        /** Append the 手続き案内票 (tetsuzuki-annai) listing counters and what to bring. */
        includeGuide: z.boolean().default(true),
      })
      .strict(),
    z.object({
      renderId: z.string(),
      forms: z.array(z.object({ formId: z.string(), title: z.string(), pageCount: z.number().int() })),
      pageCount: z.number().int(),
    }),
    VISIT,
  ),
} as const;
