/**
 * The 照合番号B draft as the resident types it, and its checks. Pure functions, unit-tested; the main
 * process builds the 14 digits (never the renderer) from the parts returned by toParts().
 */
import type { BnoParts } from '../api/types.ts';

export type BirthEra = 'taisho' | 'showa' | 'heisei' | 'reiwa' | 'gregorian';

export interface BnoDraft {
  era: BirthEra | null;
  /** Year within the era (1–2 digits) or the 4-digit Gregorian year. */
  year: string;
  month: string;
  day: string;
  expiryYear: string;
  securityCode: string;
}

export const EMPTY_DRAFT: BnoDraft = {
  era: null,
  year: '',
  month: '',
  day: '',
  expiryYear: '',
  securityCode: '',
};

/** First Gregorian year and the last year number of each era (令和 open-ended). */
const ERA_SPAN: Record<Exclude<BirthEra, 'gregorian'>, { first: number; lastYear: number | null }> = {
  taisho: { first: 1912, lastYear: 15 },
  showa: { first: 1926, lastYear: 64 },
  heisei: { first: 1989, lastYear: 31 },
  reiwa: { first: 2019, lastYear: null },
};

export function gregorianYear(draft: BnoDraft): number | null {
  const y = Number(draft.year);
  if (!draft.era || !draft.year || !Number.isInteger(y)) return null;
  if (draft.era === 'gregorian') return draft.year.length === 4 ? y : null;
  const span = ERA_SPAN[draft.era];
  if (y < 1 || (span.lastYear !== null && y > span.lastYear) || y > 99) return null;
  return span.first + y - 1;
}

export type DraftProblem = 'year' | 'month' | 'day' | 'date' | 'expiryYear' | 'securityCode';

/** The parts still wrong (empty list = ready to send). `today` for the future-birth check. */
export function draftProblems(draft: BnoDraft, today = new Date()): DraftProblem[] {
  const out: DraftProblem[] = [];
  const gy = gregorianYear(draft);
  if (gy === null) out.push('year');
  const m = Number(draft.month);
  const d = Number(draft.day);
  if (!draft.month || m < 1 || m > 12) out.push('month');
  if (!draft.day || d < 1 || d > 31) out.push('day');
  if (gy !== null && !out.includes('month') && !out.includes('day')) {
    const date = new Date(Date.UTC(gy, m - 1, d));
    const real = date.getUTCFullYear() === gy && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    if (!real || date.getTime() > today.getTime()) out.push('date');
  }
  const ey = Number(draft.expiryYear);
  if (!/^\d{4}$/.test(draft.expiryYear) || ey < 2000 || ey > 2099) out.push('expiryYear');
  if (!/^\d{4}$/.test(draft.securityCode)) out.push('securityCode');
  return out;
}

/** The contract's parts; `variant` applies to a Gregorian birth date only. */
export function toParts(draft: BnoDraft, variant: 'wareki' | 'gregorian-yy' = 'wareki'): BnoParts | null {
  if (draftProblems(draft).length > 0 || !draft.era) return null;
  const month = Number(draft.month);
  const day = Number(draft.day);
  const common = { expiryYear: Number(draft.expiryYear), securityCode: draft.securityCode };
  if (draft.era === 'gregorian') {
    const date = `${draft.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return { birth: { date }, ...common, variant };
  }
  return { birth: { era: draft.era, eraYear: Number(draft.year), month, day }, ...common, variant: 'wareki' };
}
