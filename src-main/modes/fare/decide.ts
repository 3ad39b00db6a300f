/**
 * The decision at the vehicle door, as a pure function of the programme, the card's registry
 * entry, the rides known for its holder and the time: green with the rides left today and this
 * programme year, or red with the reason. Caps count JST days and the programme year (which may
 * start in April); a ride of the same holder on the same vehicle less than a minute ago asks the
 * driver before a second ride is recorded.
 */
import { jstDay, jstDayStart } from './clock.ts';
import { programYear, subsidyFor } from './eligibility.ts';
import type { Program, RideValue } from './program.ts';

export interface RegistryEntry {
  holderId: string;
  serial: string;
  categories: readonly string[];
  rule: { kind: 'age'; minAge: number } | { kind: 'category'; id: string; label: string; minAge?: number };
  validFrom: string;
  validTo: string;
  blockedAt?: number;
}

export interface KnownRide {
  at: number;
  vehicle?: string;
}

export const REFUSALS = [
  'NOT_REGISTERED',
  'OTHER_PROGRAM',
  'BLOCKED',
  'NOT_YET_VALID',
  'EXPIRED',
  'DAILY_CAP',
  'YEARLY_CAP',
] as const;
export type Refusal = (typeof REFUSALS)[number];

export type Decision =
  | {
      ok: true;
      holderId: string;
      /** Rides left after this one (null: no cap). */
      leftToday: number | null;
      leftThisYear: number | null;
      value: RideValue;
      /** A ride on this vehicle less than a minute ago: the driver must confirm a second one. */
      repeatOf?: { at: number };
    }
  | { ok: false; reason: Refusal; detail?: string };

export const REPEAT_WINDOW_MS = 60_000;

/** The ride value and caps for this holder: their category's, else the programme's. */
export function termsFor(
  program: Program,
  entry: Pick<RegistryEntry, 'rule'>,
): { value: RideValue; perDay?: number; perYear?: number } {
  const cat =
    entry.rule.kind === 'category'
      ? program.eligibility.categories.find((c) => c.id === (entry.rule as { id: string }).id)
      : undefined;
  const perDay = cat?.caps?.perDay ?? program.caps.perDay;
  const perYear = cat?.caps?.perYear ?? program.caps.perYear;
  return {
    value: cat?.value ?? program.value,
    ...(perDay !== undefined ? { perDay } : {}),
    ...(perYear !== undefined ? { perYear } : {}),
  };
}

/** The decision for a tap at `now` on `vehicle`. `entry` undefined: the serial is not in the registry. */
export function decideRide(
  program: Program,
  entry: RegistryEntry | undefined,
  rides: readonly KnownRide[],
  now: number,
  vehicle: string,
): Decision {
  if (!entry) return { ok: false, reason: 'NOT_REGISTERED' };
  if (entry.blockedAt !== undefined && entry.blockedAt <= now) return { ok: false, reason: 'BLOCKED' };
  const day = jstDay(now);
  if (day < entry.validFrom) return { ok: false, reason: 'NOT_YET_VALID', detail: entry.validFrom };
  if (day > entry.validTo) return { ok: false, reason: 'EXPIRED', detail: entry.validTo };
  const terms = termsFor(program, entry);
  const dayStart = jstDayStart(day);
  const yearStart = jstDayStart(programYear(program, day).from);
  const past = rides.filter((r) => r.at <= now);
  const today = past.filter((r) => r.at >= dayStart).length;
  const thisYear = past.filter((r) => r.at >= yearStart).length;
  if (terms.perDay !== undefined && today >= terms.perDay)
    return { ok: false, reason: 'DAILY_CAP', detail: String(terms.perDay) };
  if (terms.perYear !== undefined && thisYear >= terms.perYear)
    return { ok: false, reason: 'YEARLY_CAP', detail: String(terms.perYear) };
  const recent = past
    .filter((r) => r.vehicle === vehicle && now - r.at < REPEAT_WINDOW_MS)
    .sort((a, b) => b.at - a.at)[0];
  return {
    ok: true,
    holderId: entry.holderId,
    leftToday: terms.perDay !== undefined ? terms.perDay - today - 1 : null,
    leftThisYear: terms.perYear !== undefined ? terms.perYear - thisYear - 1 : null,
    value: terms.value,
    ...(recent ? { repeatOf: { at: recent.at } } : {}),
  };
}

/** What the passenger pays and the subsidy, for a metered fare. */
export function splitFare(value: RideValue, fareYen: number): { subsidyYen: number; payYen: number } {
  const subsidyYen = subsidyFor(value, fareYen);
  return { subsidyYen, payYen: fareYen - subsidyYen };
}
