/**
 * Resolves a field's binding (resident.*, input.*, derived.*, row.*) against the data, and turns the
 * value into the text printed (和暦 dates, 男/女, digits…). One value entered once serves every form
 * that binds it: forms share `input.<key>` names.
 */
import {
  ageOn,
  eraOf,
  formatWareki,
  isValidIsoDate,
  parseIsoDate,
  todayInJapan,
  toWareki,
} from '../util/wareki.ts';
import { FormError } from './errors.ts';
import type { FormData, Scalar } from './data.ts';
import {
  DATE_FORMATS,
  templatePlaceholders,
  type FormDefinition,
  type FormInput,
  type ListInput,
  type ValueFormat,
} from './schema.ts';

/** What kind of value a binding yields; decides the default presentation. */
export type ValueKind = 'text' | 'date' | 'sex' | 'number' | 'boolean';

export interface Resolved {
  value: Scalar | undefined;
  kind: ValueKind;
}

export interface BindingContext {
  form: FormDefinition;
  data: FormData;
  /** The current table row and its list input, inside a table column. */
  row?: { values: Record<string, Scalar>; list: ListInput };
}

function inputKind(inp: FormInput | undefined): ValueKind {
  if (!inp) return 'text';
  if (inp.type === 'date') return 'date';
  if (inp.type === 'boolean') return 'boolean';
  return 'text';
}

/** 氏名 split at the first full-width or ASCII space. */
function splitName(name: string | undefined): [string | undefined, string | undefined] {
  if (name === undefined) return [undefined, undefined];
  const m = /^\s*(\S+)[\s\u3000]+(.+?)\s*$/u.exec(name);
  return m ? [m[1], m[2]] : [name.trim(), undefined];
}

function isEmpty(v: Scalar | undefined): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function scalarOf(v: unknown): Scalar | undefined {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null
    ? v
    : undefined;
}

function toHalfwidthDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export function resolveBinding(bind: string, ctx: BindingContext): Resolved {
  const [root, name = '', sub] = bind.split('.');
  const { data, form } = ctx;
  const r = data.resident;
  const today = data.date ?? todayInJapan();
  switch (root) {
    case 'resident': {
      if (name === 'birthDate') return { value: r.birthDate, kind: 'date' };
      if (name === 'sex') return { value: r.sex === 'unspecified' ? undefined : r.sex, kind: 'sex' };
      if (name === 'myNumber') {
        // Defence in depth: the schema already ties this binding to requiresMyNumber.
        return { value: form.requiresMyNumber ? r.myNumber : undefined, kind: 'text' };
      }
      if (name === 'nameKana') return { value: r.nameKana ?? scalarOf(data.input.nameKana), kind: 'text' };
      return { value: r[name as 'name' | 'address'], kind: 'text' };
    }
    case 'input': {
      const inp = form.inputs.find((i) => i.key === name);
      const v = data.input[name];
      if (sub !== undefined) {
        const first = Array.isArray(v) ? v[0] : undefined;
        const col = inp?.type === 'list' ? inp.columns.find((c) => c.key === sub) : undefined;
        return { value: first?.[sub] ?? undefined, kind: inputKind(col) };
      }
      return { value: scalarOf(v), kind: inputKind(inp) };
    }
    case 'row': {
      if (!ctx.row) return { value: undefined, kind: 'text' };
      const col = ctx.row.list.columns.find((c) => c.key === name);
      return { value: ctx.row.values[name], kind: inputKind(col) };
    }
    case 'derived':
      return resolveDerived(name, ctx, today);
    default:
      return { value: undefined, kind: 'text' };
  }
}

function resolveDerived(name: string, ctx: BindingContext, today: string): Resolved {
  const r = ctx.data.resident;
  const kana = r.nameKana ?? scalarOf(ctx.data.input.nameKana)?.toString();
  const postal = toHalfwidthDigits(String(scalarOf(ctx.data.input.postalCode) ?? '')).replace(/\D/g, '');
  switch (name) {
    case 'today':
      return { value: today, kind: 'date' };
    case 'todayWareki':
      return { value: formatWareki(today), kind: 'text' };
    case 'age':
      return { value: r.birthDate ? ageOn(r.birthDate, today) : undefined, kind: 'number' };
    case 'birthDateWareki':
      return { value: r.birthDate ? formatWareki(r.birthDate) : undefined, kind: 'text' };
    case 'birthEra':
      return { value: r.birthDate ? eraOf(r.birthDate).key : undefined, kind: 'text' };
    case 'familyName':
      return { value: splitName(r.name)[0], kind: 'text' };
    case 'givenName':
      return { value: splitName(r.name)[1], kind: 'text' };
    case 'familyNameKana':
      return { value: splitName(kana)[0], kind: 'text' };
    case 'givenNameKana':
      return { value: splitName(kana)[1], kind: 'text' };
    case 'postalCodeUpper':
      return { value: postal.length === 7 ? postal.slice(0, 3) : undefined, kind: 'text' };
    case 'postalCodeLower':
      return { value: postal.length === 7 ? postal.slice(3) : undefined, kind: 'text' };
    default:
      return { value: undefined, kind: 'text' };
  }
}

const DATE_FORMAT_SET: ReadonlySet<ValueFormat> = new Set(DATE_FORMATS);

/**
 * The printed text of a value. Without a format: dates in 和暦, sex as 男/女, booleans as ✓-less
 * text "はい"; with `raw` (circled choices) the value is compared as is unless a format is given.
 * Returns undefined for an empty value.
 */
export function formatValue(
  resolved: Resolved,
  format: ValueFormat | undefined,
  opts: { field: string; form: string; raw?: boolean },
): string | undefined {
  const { value, kind } = resolved;
  if (isEmpty(value)) return undefined;
  const s = String(value).trim();
  const fmt =
    format ?? (opts.raw ? undefined : kind === 'date' ? 'wareki' : kind === 'sex' ? 'sexJa' : undefined);
  if (fmt === undefined) return kind === 'boolean' ? (value === true ? 'はい' : 'いいえ') : s;
  if (DATE_FORMAT_SET.has(fmt)) {
    if (!isValidIsoDate(s)) {
      throw new FormError(
        'INVALID_INPUT',
        `${opts.form}/${opts.field}: format "${fmt}" needs a date (YYYY-MM-DD)`,
        {
          form: opts.form,
          field: opts.field,
        },
      );
    }
    const w = toWareki(s);
    const g = parseIsoDate(s);
    switch (fmt) {
      case 'wareki':
        return formatWareki(s);
      case 'warekiNoEra':
        return `${w.year}年${w.month}月${w.day}日`;
      case 'seireki':
        return `${g.year}年${g.month}月${g.day}日`;
      case 'iso':
        return s;
      case 'era':
        return w.era.name;
      case 'eraShort':
        return w.era.short;
      case 'eraKey':
        return w.era.key;
      case 'eraYear':
        return String(w.year);
      case 'year':
        return String(g.year);
      case 'month':
        return String(g.month);
      case 'day':
        return String(g.day);
    }
  }
  switch (fmt) {
    case 'sexJa':
      return s === 'male' ? '男' : s === 'female' ? '女' : s;
    case 'digits':
      return toHalfwidthDigits(s).replace(/\D/g, '');
    case 'fullwidth':
      return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    default:
      return s;
  }
}

/** Value text of a field source (bind or template); undefined when empty. */
export function fieldText(
  source: { bind?: string | undefined; template?: string | undefined; format?: ValueFormat | undefined },
  ctx: BindingContext,
  opts: { field: string; raw?: boolean },
): string | undefined {
  const fo = { ...opts, form: ctx.form.id };
  if (source.bind !== undefined) return formatValue(resolveBinding(source.bind, ctx), source.format, fo);
  if (source.template === undefined) return undefined;
  let anyValue = false;
  const text = source.template.replace(/\{([^{}|]+)(?:\|([^{}]+))?\}/g, (_m, bind: string, fmt?: string) => {
    const t = formatValue(resolveBinding(bind.trim(), ctx), fmt?.trim() as ValueFormat | undefined, fo);
    if (t !== undefined) anyValue = true;
    return t ?? '';
  });
  // A template with placeholders and no values is empty (not "〒" alone); a constant stays.
  return templatePlaceholders(source.template).length === 0 || anyValue ? text : undefined;
}

/** Truthiness for check fields without `equals`. */
export function isTruthy(v: Scalar | undefined): boolean {
  if (isEmpty(v) || v === false || v === 0) return false;
  return !['false', '0', 'no', 'いいえ'].includes(String(v).trim().toLowerCase());
}
