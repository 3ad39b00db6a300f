/**
 * The counter (窓口) mode: life events, their questions and the plan of procedures and forms.
 */
import { z } from 'zod';
import { call, empty, VISIT } from './call.ts';
import { counterSchema, localizedTextSchema, translationsSchema } from './common.ts';

// ───────────────────────────── planner ─────────────────────────────

export const questionOptionSchema = z.object({
  value: z.string(),
  label: localizedTextSchema,
});

/** A question as the renderer shows it. `single` = one option, `multi` = any options, `yesno`. */
export const questionSchema = z.object({
  id: z.string(),
  kind: z.enum(['single', 'multi', 'yesno']),
  text: localizedTextSchema,
  help: localizedTextSchema.optional(),
  /** For single/multi. */
  options: z.array(questionOptionSchema),
});
export type Question = z.infer<typeof questionSchema>;

export const lifeEventSchema = z.object({
  id: z.string(),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  /** An icon name from assets/icons (renderer's choice when absent). */
  icon: z.string().optional(),
});
export type LifeEvent = z.infer<typeof lifeEventSchema>;

/** An answer: one value (single), several (multi) or yes/no. */
export const answerSchema = z.union([z.string(), z.array(z.string()), z.boolean()]);
export const answersSchema = z.record(z.string(), answerSchema);
export type Answers = z.infer<typeof answersSchema>;

export const planFormSchema = z.object({
  id: z.string(),
  title: z.string(),
  titleEn: z.string().optional(),
  /** The official (Japanese) title's translations, shown beside it. */
  titleI18n: translationsSchema.optional(),
  /** The form prints the 個人番号, so the 4-digit PIN is needed. */
  requiresMyNumber: z.boolean(),
});

export const procedureSchema = z.object({
  id: z.string(),
  title: localizedTextSchema,
  /** What happens there, in one or two sentences. */
  description: localizedTextSchema.optional(),
  counter: counterSchema,
  /** What to bring (本人確認書類, 印鑑, 母子健康手帳…). */
  bring: z.array(localizedTextSchema),
  /** Form ids printed for this procedure (may be empty: some procedures are done by talking). */
  formIds: z.array(z.string()),
});
export type Procedure = z.infer<typeof procedureSchema>;

export const planSchema = z.object({
  lifeEventId: z.string(),
  procedures: z.array(procedureSchema),
  /** Every form to print, each once, in print order. */
  forms: z.array(planFormSchema),
  /** Counters to visit, in order, each once. */
  counters: z.array(counterSchema),
  /** Everything to bring, merged. */
  bring: z.array(localizedTextSchema),
  /** pin when a form prints the 個人番号, else bno; none when no form needs card data. */
  cardMethod: z.enum(['pin', 'bno', 'none']),
  /** Why this card method (for the explanation on the card screen). */
  cardMethodReason: localizedTextSchema,
});
export type Plan = z.infer<typeof planSchema>;

export const COUNTER_CALLS = {
  'planner.lifeEvents': call(
    'The life events to choose from, in display order.',
    empty,
    z.object({ lifeEvents: z.array(lifeEventSchema) }),
  ),
  'planner.questions': call(
    'The questions that apply given the answers so far, in order; `next` is the first unanswered one (null when the plan can be made).',
    z.object({ lifeEventId: z.string(), answers: answersSchema.default({}) }).strict(),
    z.object({ questions: z.array(questionSchema), next: z.string().nullable() }),
  ),
  'planner.plan': call(
    'Turns the answers into procedures, forms, counters and what to bring, and keeps the plan in the session (it decides PIN vs 照合番号B). MISSING_ANSWER / INVALID_ANSWER name the question.',
    z.object({ lifeEventId: z.string(), answers: answersSchema }).strict(),
    planSchema,
    VISIT,
  ),
  'planner.setForms': call(
    "Replaces the plan's forms (e.g. staff add/remove a form); returns the updated plan (card method recomputed).",
    z.object({ formIds: z.array(z.string()).max(30) }).strict(),
    planSchema,
    VISIT,
  ),
} as const;
