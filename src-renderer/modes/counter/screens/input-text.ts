/**
 * How typed values read back to the resident: dates by era (令和8年4月1日), choices by their
 * label (同居, not "together"), yes/no in the resident's language. Shared by the input screens and
 * the confirmation list so a value never shows differently in two places.
 */
import type { FormInputView, InputValue } from '../../../api/types.ts';

export const ERAS = [
  { id: 'showa', ja: '昭和', first: 1926 },
  { id: 'heisei', ja: '平成', first: 1989 },
  { id: 'reiwa', ja: '令和', first: 2019 },
  { id: 'taisho', ja: '大正', first: 1912 },
  { id: 'gregorian', ja: '', first: 0 },
] as const;
export type EraId = (typeof ERAS)[number]['id'];

/** The ISO date for an era date, or "" while it is incomplete or not a real day. */
export function isoFrom(era: EraId, y: string, m: string, d: string): string {
  const e = ERAS.find((x) => x.id === era)!;
  const year = era === 'gregorian' ? Number(y) : e.first + Number(y) - 1;
  const month = Number(m);
  const day = Number(d);
  if (!y || !m || !d || year < 1868 || year > 2200) return '';
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return '';
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The era parts of an ISO date (the newest era it falls in; 西暦 before 大正). */
export function fromIso(iso: string): { era: EraId; y: string; m: string; d: string } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const starts: Array<[EraId, string]> = [
    ['reiwa', '2019-05-01'],
    ['heisei', '1989-01-08'],
    ['showa', '1926-12-25'],
    ['taisho', '1912-07-30'],
  ];
  const era = starts.find(([, s]) => iso >= s)?.[0];
  if (!era) return { era: 'gregorian', y: String(year), m: String(month), d: String(day) };
  const first = ERAS.find((e) => e.id === era)!.first;
  return { era, y: String(year - first + 1), m: String(month), d: String(day) };
}

/** 令和8年4月1日 for an ISO date (the way residents read dates); the input as-is otherwise. */
export function formatDateJa(iso: string): string {
  const p = fromIso(iso);
  if (!p) return iso;
  if (p.era === 'gregorian') return `${p.y}年${p.m}月${p.d}日`;
  const era = ERAS.find((e) => e.id === p.era)!;
  return `${era.ja}${p.y === '1' ? '元' : p.y}年${p.m}月${p.d}日`;
}

/**
 * The same day as the resident's own language writes it (December 1, 2026), shown beside the 和暦
 * for a resident who does not read Japanese dates; null for Japanese or a value that is no date.
 */
export function localDate(iso: string, htmlLang: string): string | null {
  if (htmlLang === 'ja' || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(htmlLang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

type Described = { type: string; options?: Array<{ value: string; label: string }> | undefined };
type YesNo = { yes: string; no: string };

/** One scalar value (or one cell of a household row) as the resident should read it. */
export function cellText(input: Described, v: string | boolean | undefined, words: YesNo): string {
  if (v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? words.yes : words.no;
  if (input.type === 'choice') return input.options?.find((o) => o.value === v)?.label ?? v;
  if (input.type === 'date') return formatDateJa(v);
  return v;
}

/** A whole answer: household rows become "name relation date / name …" in column order. */
export function valueText(input: FormInputView, v: InputValue | undefined, words: YesNo): string {
  if (!Array.isArray(v)) return cellText(input, v, words);
  if (input.type !== 'list' || v.length === 0) return '—';
  return v
    .map((row) =>
      input.columns
        .filter((c) => row[c.key] !== undefined && row[c.key] !== '')
        .map((c) => cellText(c, row[c.key], words))
        .join(' '),
    )
    .join(' / ');
}

/** Where a date stands against its input's range (min/max/lateBefore are ISO, from the main process). */
export function dateStanding(
  iso: string,
  range: { min?: string | undefined; max?: string | undefined; lateBefore?: string | undefined },
): 'ok' | 'tooEarly' | 'tooLate' | 'late' {
  if (!iso) return 'ok';
  if (range.min !== undefined && iso < range.min) return 'tooEarly';
  if (range.max !== undefined && iso > range.max) return 'tooLate';
  if (range.lateBefore !== undefined && iso < range.lateBefore) return 'late';
  return 'ok';
}
