/**
 * Who may ride, and what a ride is worth — decided from the card's data and the categories a clerk
 * registered, and explained: which rule, from which date. Ages follow 年齢計算ニ関スル法律: a person
 * reaches an age at the end of the day before their birthday, so someone born on 1 April 1951
 * is 75 from 31 March 2026 (and one born on 29 February reaches it on 28 February).
 */
import { parseIsoDate, toIsoDate } from '../../util/wareki.ts';
import type { Program, RideValue } from './program.ts';

export interface Applicant {
  birthDate: string;
  /** The address as on the card (full-width digits are fine). */
  address: string;
  categories?: readonly string[];
}

export type Eligibility =
  | {
      eligible: true;
      rule:
        { kind: 'age'; minAge: number } | { kind: 'category'; id: string; label: string; minAge?: number };
      since: string;
    }
  | { eligible: false; reason: 'NOT_RESIDENT' | 'TOO_YOUNG' | 'NOT_IN_PERIOD'; from?: string };

/** The first day someone born on `birth` has reached `age` (the day before the birthday). */
export function dayReaching(birth: string, age: number): string {
  const b = parseIsoDate(birth);
  const d = new Date(Date.UTC(b.year + age, b.month - 1, b.day));
  // 29 February in a non-leap year: Date rolls to 1 March; the day before is 28 February.
  d.setUTCDate(d.getUTCDate() - 1);
  return toIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function resident(program: Program, address: string): boolean {
  return address.normalize('NFKC').replace(/\s/g, '').startsWith(program.municipality.name.normalize('NFKC'));
}

/** Eligibility on `date` (ISO), with the rule that gives it and the day it started. */
export function decideEligibility(program: Program, who: Applicant, date: string): Eligibility {
  if (date < program.valid.from || date > program.valid.to)
    return { eligible: false, reason: 'NOT_IN_PERIOD' };
  if (!resident(program, who.address)) return { eligible: false, reason: 'NOT_RESIDENT' };
  const options: Array<Extract<Eligibility, { eligible: true }>> = [];
  const e = program.eligibility;
  if (e.minAge !== undefined)
    options.push({
      eligible: true,
      rule: { kind: 'age', minAge: e.minAge },
      since: dayReaching(who.birthDate, e.minAge),
    });
  for (const c of e.categories) {
    if (!who.categories?.includes(c.id)) continue;
    const since = c.minAge !== undefined ? dayReaching(who.birthDate, c.minAge) : who.birthDate;
    options.push({
      eligible: true,
      rule: {
        kind: 'category',
        id: c.id,
        label: c.label,
        ...(c.minAge !== undefined ? { minAge: c.minAge } : {}),
      },
      since,
    });
  }
  const now = options.filter((o) => o.since <= date).sort((a, b) => (a.since < b.since ? -1 : 1));
  if (now[0]) return now[0];
  const later = options.map((o) => o.since).sort()[0];
  return { eligible: false, reason: 'TOO_YOUNG', ...(later ? { from: later } : {}) };
}

/** The subsidy for a metered fare (yen, whole): never more than the fare. */
export function subsidyFor(value: RideValue, fareYen: number): number {
  if (!Number.isInteger(fareYen) || fareYen < 0)
    throw new RangeError(`a fare is a whole number of yen ≥ 0: ${fareYen}`);
  switch (value.kind) {
    case 'free':
      return fareYen;
    case 'fixed':
      return Math.min(value.yen, fareYen);
    case 'share': {
      const share = Math.floor(fareYen * value.share);
      return value.capYen !== undefined ? Math.min(share, value.capYen) : share;
    }
  }
}

/** The programme year a date falls in, as its first and last day (年度 when it starts in April). */
export function programYear(program: Program, date: string): { from: string; to: string } {
  const d = parseIsoDate(date);
  const m = program.yearStartsMonth;
  const startYear = d.month >= m ? d.year : d.year - 1;
  const end = new Date(Date.UTC(startYear + 1, m - 1, 1));
  end.setUTCDate(0);
  return {
    from: toIsoDate(startYear, m, 1),
    to: toIsoDate(end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate()),
  };
}
