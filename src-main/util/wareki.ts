/**
 * 和暦 (Japanese era) dates. Used by 照合番号B, the forms' derived values, JPKI birth dates and
 * election roll import. Dates are ISO strings "YYYY-MM-DD" (Gregorian) everywhere else.
 */

export type EraKey = 'meiji' | 'taisho' | 'showa' | 'heisei' | 'reiwa';

export interface Era {
  key: EraKey;
  /** 明治, 大正, … */
  name: string;
  /** One-letter form used on forms: 明, 大, 昭, 平, 令 */
  short: string;
  /** Romaji initial used on many documents: M, T, S, H, R */
  letter: string;
  /** JPKI era digit (1 明治 … 5 令和) */
  jpkiDigit: number;
  /** First day of the era, ISO. */
  start: string;
}

/** Newest last. Era boundaries as promulgated (e.g. 平成 from 1989-01-08, 令和 from 2019-05-01). */
export const ERAS: readonly Era[] = [
  { key: 'meiji', name: '明治', short: '明', letter: 'M', jpkiDigit: 1, start: '1868-01-25' },
  { key: 'taisho', name: '大正', short: '大', letter: 'T', jpkiDigit: 2, start: '1912-07-30' },
  { key: 'showa', name: '昭和', short: '昭', letter: 'S', jpkiDigit: 3, start: '1926-12-25' },
  { key: 'heisei', name: '平成', short: '平', letter: 'H', jpkiDigit: 4, start: '1989-01-08' },
  { key: 'reiwa', name: '令和', short: '令', letter: 'R', jpkiDigit: 5, start: '2019-05-01' },
];

export interface WarekiDate {
  era: Era;
  /** Year within the era, 1-based (元年 = 1). */
  year: number;
  month: number;
  day: number;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(iso: string): { year: number; month: number; day: number } {
  const m = ISO_RE.exec(iso);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new RangeError(`no such date: ${iso}`);
  }
  return { year, month, day };
}

export function isValidIsoDate(iso: string): boolean {
  try {
    parseIsoDate(iso);
    return true;
  } catch {
    return false;
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function toIsoDate(year: number, month: number, day: number): string {
  const iso = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  parseIsoDate(iso); // validates
  return iso;
}

export function eraOf(iso: string): Era {
  parseIsoDate(iso);
  for (let i = ERAS.length - 1; i >= 0; i--) {
    const era = ERAS[i]!;
    if (iso >= era.start) return era;
  }
  throw new RangeError(`date before 明治: ${iso}`);
}

export function eraByKey(key: EraKey): Era {
  const era = ERAS.find((e) => e.key === key);
  if (!era) throw new RangeError(`unknown era: ${key}`);
  return era;
}

/** Finds an era by its name (昭和), one-letter form (昭), romaji letter (S) or key (showa). */
export function findEra(label: string): Era | undefined {
  const l = label.trim();
  return ERAS.find(
    (e) => e.name === l || e.short === l || e.letter === l.toUpperCase() || e.key === l.toLowerCase(),
  );
}

export function toWareki(iso: string): WarekiDate {
  const { year, month, day } = parseIsoDate(iso);
  const era = eraOf(iso);
  return { era, year: year - Number(era.start.slice(0, 4)) + 1, month, day };
}

/** Converts an era date to ISO, rejecting dates outside the era (e.g. 昭和64年2月1日). */
export function fromWareki(eraKey: EraKey, eraYear: number, month: number, day: number): string {
  const era = eraByKey(eraKey);
  if (!Number.isInteger(eraYear) || eraYear < 1) throw new RangeError(`bad era year: ${eraYear}`);
  const iso = toIsoDate(Number(era.start.slice(0, 4)) + eraYear - 1, month, day);
  const idx = ERAS.indexOf(era);
  const next = ERAS[idx + 1];
  if (iso < era.start || (next && iso >= next.start)) {
    throw new RangeError(`${era.name}${eraYear}年${month}月${day}日 is not a date of that era`);
  }
  return iso;
}

/** "令和8年11月22日"; `gannen` writes the first year as 元年. */
export function formatWareki(iso: string, opts: { gannen?: boolean } = {}): string {
  const w = toWareki(iso);
  const y = w.year === 1 && opts.gannen ? '元' : String(w.year);
  return `${w.era.name}${y}年${w.month}月${w.day}日`;
}

/** 昭和55年2月17日 (元年 for year 1) for screens; the ISO date itself for one before 明治. */
export function warekiOrIso(iso: string): string {
  try {
    return formatWareki(iso, { gannen: true });
  } catch {
    return iso;
  }
}

/** Full years of age on `onDate` (both ISO). Someone born on 29 Feb ages on 1 Mar in common years. */
export function ageOn(birthIso: string, onDate: string): number {
  const b = parseIsoDate(birthIso);
  const d = parseIsoDate(onDate);
  let age = d.year - b.year;
  if (d.month < b.month || (d.month === b.month && d.day < b.day)) age--;
  return age;
}

/** Today's date in Japan (Asia/Tokyo) as ISO, whatever the machine's timezone. */
export function todayInJapan(now: Date = new Date()): string {
  const t = new Date(now.getTime() + 9 * 3600_000);
  return t.toISOString().slice(0, 10);
}

/** A date relative to today in a form definition: `today`, or `-1y`, `+1m`, `-14d`. */
export const RELATIVE_DATE = /^(today|[+-][0-9]{1,3}[dmy])$/;

/**
 * The ISO date `rel` (RELATIVE_DATE) names, counted from `today` (ISO). Months and years keep the
 * day of the month, clamped to the month's last day (31 Jan + 1m = 28/29 Feb).
 */
export function resolveRelativeDate(rel: string, today: string): string {
  const t = parseIsoDate(today);
  if (rel === 'today') return today;
  const m = /^([+-])([0-9]{1,3})([dmy])$/.exec(rel);
  if (!m) throw new Error(`not a relative date: ${rel}`);
  const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  let date: Date;
  if (m[3] === 'd') {
    date = new Date(Date.UTC(t.year, t.month - 1, t.day + n));
  } else {
    const months = m[3] === 'm' ? n : 12 * n;
    const first = new Date(Date.UTC(t.year, t.month - 1 + months, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    date = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(t.day, last)));
  }
  return date.toISOString().slice(0, 10);
}

/** Where an ISO date falls against ISO bounds (either may be absent): before, after, or inside. */
export function againstRange(
  iso: string,
  bounds: { min?: string | undefined; max?: string | undefined },
): 'before' | 'after' | 'inside' {
  if (bounds.min !== undefined && iso < bounds.min) return 'before';
  if (bounds.max !== undefined && iso > bounds.max) return 'after';
  return 'inside';
}
