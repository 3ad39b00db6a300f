/**
 * The data a batch of forms is filled from — what the kiosk collected (card + inputs) or what
 * `kakanai forms fill --data FILE.json` reads:
 *   { "resident": {name, nameKana?, address, birthDate, sex, myNumber?}, "input": {…}, "date"?: "YYYY-MM-DD" }
 * Validated with zod (files are hostile input), then each form checks its own inputs (inputs.ts).
 */
import { z } from 'zod';
import { isValidIsoDate } from '../util/wareki.ts';
import { FormError } from './errors.ts';

const isoDate = z.string().refine(isValidIsoDate, 'expected a real date YYYY-MM-DD');

export type Sex = 'male' | 'female' | 'unspecified';

/** Accepts male/female/unspecified, 男/女, or the card's sex code ('1' male, '2' female, others). */
const sexSchema = z.union([z.string(), z.number()]).transform((v, ctx): Sex => {
  const s = String(v).trim().toLowerCase();
  if (['male', 'm', '1', '男'].includes(s)) return 'male';
  if (['female', 'f', '2', '女'].includes(s)) return 'female';
  if (['unspecified', '', '0', '3', '9'].includes(s)) return 'unspecified';
  ctx.addIssue({ code: 'custom', message: 'expected male, female, unspecified or a sex code 1/2/9' });
  return z.NEVER;
});

export const residentSchema = z.object({
  /** 氏名 (family and given name separated by U+3000 or a space). */
  name: z.string().max(200).optional(),
  nameKana: z.string().max(200).optional(),
  address: z.string().max(400).optional(),
  birthDate: isoDate.optional(),
  sex: sexSchema.optional(),
  /** Only read by forms with requiresMyNumber; never logged, never put anywhere else. */
  myNumber: z
    .string()
    .regex(/^\d{12}$/, 'expected 12 digits')
    .optional(),
});

/** A scalar input value or a list of rows (objects of scalars). */
const scalar = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
const inputValue = z.union([scalar, z.array(z.record(z.string(), scalar)).max(100)]);

export const formDataSchema = z.object({
  resident: residentSchema.default({}),
  input: z.record(z.string(), inputValue).default({}),
  /** The date the forms are filled on (届出日); defaults to today in Japan. */
  date: isoDate.optional(),
});

export type FormData = z.infer<typeof formDataSchema>;
export type Resident = z.infer<typeof residentSchema>;
export type Scalar = z.infer<typeof scalar>;
export type InputValue = z.infer<typeof inputValue>;
/** The shape callers pass in before validation (sex may still be a code, etc.). */
export type FormDataInput = z.input<typeof formDataSchema>;

/** Validates raw data; INVALID_DATA lists each problem with its path (no values are echoed). */
export function parseFormData(raw: unknown): FormData {
  const r = formDataSchema.safeParse(raw);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new FormError(
      'INVALID_DATA',
      `invalid form data: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      {
        issues,
      },
    );
  }
  const data = r.data;
  // The card has no フリガナ: a kana given with the resident fills input.nameKana too.
  if (data.resident.nameKana && data.input.nameKana === undefined)
    data.input.nameKana = data.resident.nameKana;
  return data;
}
