/**
 * The schema of forms/procedures.json: life events → questions → procedures → forms. Staff edit
 * this file with a text editor, so every field is documented here and a broken file is rejected
 * with the field's path and the reason (see procedures.ts).
 *
 * Shape:
 *   counters:   default 窓口 (id, name); the terminal configuration may rename them by id.
 *   lifeEvents: [{ id, title, questions: [...], procedures: [...] }]
 *   question:   { id, kind: single|multi|yesno, text, options?, when?, setsInput? }
 *   procedure:  { id, title, counter, bring, forms, when? }
 *   condition:  { question, equals } | { question, oneOf } | { question, includes } |
 *               { all: [...] } | { any: [...] } | { not: ... }
 *
 * "Ask only questions that change the result" is enforced: a question that no procedure and no
 * other question's condition refers to is an error, as is an option no condition can tell apart.
 */
import { z } from 'zod';
import { counterSchema, localizedTextSchema } from '../../contract/index.ts';

const idSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens');
const questionIdSchema = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase letters and digits');

export type Condition =
  | { question: string; equals: string | boolean }
  | { question: string; oneOf: string[] }
  | { question: string; includes: string }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    /** The answer equals a value (a single option's value, or true/false for yesno). */
    z.object({ question: questionIdSchema, equals: z.union([z.string(), z.boolean()]) }).strict(),
    /** The answer is one of these values (single). */
    z.object({ question: questionIdSchema, oneOf: z.array(z.string()).min(1) }).strict(),
    /** A multi answer includes this value. */
    z.object({ question: questionIdSchema, includes: z.string() }).strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

export const questionDefSchema = z
  .object({
    id: questionIdSchema,
    /** single: one option; multi: any number (at least one); yesno: はい/いいえ. */
    kind: z.enum(['single', 'multi', 'yesno']),
    text: localizedTextSchema,
    help: localizedTextSchema.optional(),
    options: z
      .array(
        z
          .object({
            value: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, _ and -'),
            label: localizedTextSchema,
          })
          .strict(),
      )
      .max(12)
      .optional(),
    /** Asked only when this holds (on earlier answers). */
    when: conditionSchema.optional(),
    /**
     * The answer also fills this form input (same key in forms/<id>/form.json `inputs`), so the
     * resident never answers the same thing twice: e.g. moveType → 住民異動届's 届出の種類.
     */
    setsInput: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/)
      .optional(),
  })
  .strict();
export type QuestionDef = z.infer<typeof questionDefSchema>;

export const procedureDefSchema = z
  .object({
    id: idSchema,
    title: localizedTextSchema,
    description: localizedTextSchema.optional(),
    /** A counter id (from `counters` here or in the terminal configuration). */
    counter: idSchema,
    /** What to bring. */
    bring: z.array(localizedTextSchema).max(20).default([]),
    /** Forms to print (folder names under forms/). */
    forms: z.array(idSchema).max(10).default([]),
    /** Part of the plan only when this holds (always when absent). */
    when: conditionSchema.optional(),
  })
  .strict();
export type ProcedureDef = z.infer<typeof procedureDefSchema>;

export const lifeEventDefSchema = z
  .object({
    id: idSchema,
    title: localizedTextSchema,
    description: localizedTextSchema.optional(),
    icon: z.string().max(40).optional(),
    questions: z.array(questionDefSchema).max(12).default([]),
    procedures: z.array(procedureDefSchema).min(1).max(30),
  })
  .strict();
export type LifeEventDef = z.infer<typeof lifeEventDefSchema>;

export const proceduresFileSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(1),
    /** Default 窓口; ids are referenced by procedures. */
    counters: z.array(counterSchema).min(1).max(50),
    lifeEvents: z.array(lifeEventDefSchema).min(1).max(50),
  })
  .strict();
export type ProceduresFile = z.infer<typeof proceduresFileSchema>;

/** Every question id a condition mentions, with the value(s) it compares with. */
export function conditionRefs(c: Condition, out: { question: string; values: (string | boolean)[] }[] = []) {
  if ('all' in c) c.all.forEach((x) => conditionRefs(x, out));
  else if ('any' in c) c.any.forEach((x) => conditionRefs(x, out));
  else if ('not' in c) conditionRefs(c.not, out);
  else if ('equals' in c) out.push({ question: c.question, values: [c.equals] });
  else if ('oneOf' in c) out.push({ question: c.question, values: c.oneOf });
  else out.push({ question: c.question, values: [c.includes] });
  return out;
}
