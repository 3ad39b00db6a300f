/**
 * Checks the typed-in values a form declares (`inputs` in form.json): required ones are present and
 * each has the right shape. Errors name the form and the input key; values are never echoed.
 */
import { againstRange, isValidIsoDate, resolveRelativeDate, todayInJapan } from '../util/wareki.ts';
import { FormError } from './errors.ts';
import type { FormData, Scalar } from './data.ts';
import type { FormDefinition, ScalarInput } from './schema.ts';

const KANA = /^[\u30A0-\u30FF\u31F0-\u31FF\u3000 ・ー－-]+$/u;
const PHONE = /^[0-9０-９+＋()（）\-－‐ ]{6,20}$/u;
const DIGITS = /^[0-9０-９]+$/u;

function empty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/**
 * The dates a `date` input accepts on `today` (ISO bounds; either may be absent). With
 * `afterHolderBirth` and the card holder's birth date known, nothing before it (a child the holder
 * claims for is not older than the holder).
 */
export function dateBounds(
  range: ScalarInput['range'],
  today: string,
  holderBirthDate?: string,
): { min?: string; max?: string; lateBefore?: string } {
  const out: { min?: string; max?: string; lateBefore?: string } = {};
  if (range?.min) out.min = resolveRelativeDate(range.min, today);
  if (range?.afterHolderBirth && holderBirthDate && (!out.min || holderBirthDate > out.min))
    out.min = holderBirthDate;
  if (range?.max) out.max = resolveRelativeDate(range.max, today);
  if (range?.lateBefore) out.lateBefore = resolveRelativeDate(range.lateBefore, today);
  return out;
}

function problem(inp: ScalarInput, v: Scalar, today: string, holderBirthDate?: string): string | undefined {
  const s = typeof v === 'string' ? v.trim() : String(v);
  switch (inp.type) {
    case 'kana':
      return KANA.test(s) ? undefined : 'expected katakana (フリガナ)';
    case 'phone':
      return PHONE.test(s) ? undefined : 'expected a phone number (digits and hyphens)';
    case 'digits': {
      if (!DIGITS.test(s.replace(/[-－‐ ]/g, ''))) return 'expected digits';
      const n = s.replace(/[-－‐ ]/g, '').length;
      return inp.length !== undefined && n !== inp.length
        ? `expected ${inp.length} digits, got ${n}`
        : undefined;
    }
    case 'date': {
      if (!isValidIsoDate(s)) return 'expected a date YYYY-MM-DD';
      const bounds = dateBounds(inp.range, today, holderBirthDate);
      const where = againstRange(s, bounds);
      if (where === 'before') return `before ${bounds.min}, the earliest date this form accepts`;
      if (where === 'after') return `after ${bounds.max}, the latest date this form accepts`;
      return undefined;
    }
    case 'choice':
      return inp.options?.some((o) => o.value === s)
        ? undefined
        : `expected one of ${inp.options?.map((o) => o.value).join(', ')}`;
    case 'boolean':
      return typeof v === 'boolean' || ['true', 'false'].includes(s) ? undefined : 'expected true or false';
    case 'text':
    case 'address':
      return inp.maxLength !== undefined && [...s].length > inp.maxLength
        ? `longer than ${inp.maxLength} characters`
        : undefined;
  }
}

/**
 * Throws MISSING_VALUE or INVALID_INPUT for the first problem. `blank` skips the required check.
 * Date ranges count from the day the forms are filled on (`data.date`, else today in Japan).
 */
export function validateInputs(form: FormDefinition, data: FormData, opts: { blank?: boolean } = {}): void {
  const today = data.date ?? todayInJapan();
  const holder = data.resident?.birthDate;
  const fail = (code: 'MISSING_VALUE' | 'INVALID_INPUT', field: string, reason: string) => {
    throw new FormError(code, `${form.id}: ${field}: ${reason}`, { form: form.id, field });
  };
  for (const inp of form.inputs) {
    const v = data.input[inp.key];
    const field = `input.${inp.key}`;
    if (empty(v) || (Array.isArray(v) && v.length === 0)) {
      if (inp.required && !opts.blank) fail('MISSING_VALUE', field, `required value missing (${inp.label})`);
      continue;
    }
    if (inp.type === 'list') {
      if (!Array.isArray(v)) fail('INVALID_INPUT', field, 'expected a list of rows');
      const rows = v as Record<string, Scalar>[];
      if (rows.length > inp.maxRows)
        fail('INVALID_INPUT', field, `at most ${inp.maxRows} rows, got ${rows.length}`);
      rows.forEach((row, i) => {
        for (const col of inp.columns) {
          const cv = row[col.key];
          const cf = `${field}[${i}].${col.key}`;
          if (empty(cv)) {
            if (col.required && !opts.blank)
              fail('MISSING_VALUE', cf, `required value missing (${col.label})`);
            continue;
          }
          const p = problem(col, cv as Scalar, today, holder);
          if (p) fail('INVALID_INPUT', cf, p);
        }
      });
      continue;
    }
    if (Array.isArray(v)) fail('INVALID_INPUT', field, 'expected a single value, not a list');
    const p = problem(inp, v as Scalar, today, holder);
    if (p) fail('INVALID_INPUT', field, p);
  }
}
