/**
 * The dashboard's figures: present / out / left, households, capacity used, by age band and by
 * need — for this shelter, or for every shelter this laptop holds events of (the HQ's picture).
 * One joined read of the stays, aggregated here: 30,000 people take tens of milliseconds.
 */
import type { Db } from '../../store/sqlite.ts';
import { ageOn, todayInJapan } from '../../util/wareki.ts';
import { toJstIso } from '../../util/csv-out.ts';
import { NEED_LABELS, NEEDS, type Need } from './events.ts';
import { stayRows, type StayRow } from './queries.ts';

export const AGE_BANDS = [
  { band: '0-5', from: 0, to: 5 },
  { band: '6-14', from: 6, to: 14 },
  { band: '15-64', from: 15, to: 64 },
  { band: '65-74', from: 65, to: 74 },
  { band: '75+', from: 75, to: Infinity },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['band'];

export function ageBandOf(age: number): AgeBand {
  return AGE_BANDS.find((b) => age >= b.from && age <= b.to)!.band;
}

export interface Counts {
  here: number;
  out: number;
  left: number;
  /** Households with someone here or out. */
  households: number;
}

export interface ShelterFigures extends Counts {
  shelterId: string;
  name: string;
  capacity: number;
  /** Here + out (a bed is kept for a person who is out), against the capacity; null without one. */
  capacityUsedPct: number | null;
}

export interface ShelterStats {
  generatedAt: string;
  /** One shelter's figures, or all the shelters this laptop knows of. */
  scope: 'shelter' | 'all';
  totals: Counts & { capacity: number; capacityUsedPct: number | null };
  byShelter: ShelterFigures[];
  /** People here or out, by age band. */
  byAgeBand: Array<{ band: AgeBand; here: number; out: number }>;
  /** People here or out with each need. */
  byNeed: Array<{ need: Need; label: string; count: number }>;
}

function count(rows: StayRow[]): Counts {
  const c = { here: 0, out: 0, left: 0, households: 0 };
  const households = new Set<string>();
  for (const r of rows) {
    c[r.state]++;
    if (r.state !== 'left') households.add(r.householdId || r.personId);
  }
  c.households = households.size;
  return c;
}

const pct = (used: number, capacity: number) =>
  capacity > 0 ? Math.round((used / capacity) * 1000) / 10 : null;

export function computeStats(
  db: Db,
  shelters: Map<string, { name: string; capacity: number }>,
  opts: { shelterId?: string; now: number },
): ShelterStats {
  const rows = stayRows(db, opts.shelterId);
  const today = todayInJapan(new Date(opts.now));
  const byShelterRows = new Map<string, StayRow[]>();
  for (const id of opts.shelterId ? [opts.shelterId] : shelters.keys()) byShelterRows.set(id, []);
  for (const r of rows) {
    let list = byShelterRows.get(r.shelterId);
    if (!list) byShelterRows.set(r.shelterId, (list = []));
    list.push(r);
  }
  const byShelter = [...byShelterRows].map(([shelterId, list]): ShelterFigures => {
    const c = count(list);
    const capacity = shelters.get(shelterId)?.capacity ?? 0;
    return {
      shelterId,
      name: shelters.get(shelterId)?.name ?? shelterId,
      capacity,
      ...c,
      capacityUsedPct: pct(c.here + c.out, capacity),
    };
  });
  const present = rows.filter((r) => r.state !== 'left');
  const bands = new Map(AGE_BANDS.map((b) => [b.band, { band: b.band, here: 0, out: 0 }]));
  const needs = new Map(NEEDS.map((n) => [n, 0]));
  for (const r of present) {
    if (r.birthDate) bands.get(ageBandOf(ageOn(r.birthDate, today)))![r.state as 'here' | 'out']++;
    for (const n of r.needs ? (JSON.parse(r.needs) as Need[]) : []) needs.set(n, (needs.get(n) ?? 0) + 1);
  }
  // Across shelters a household counts once, even when its members went to different shelters.
  const totals = count(rows);
  const capacity = byShelter.reduce((a, s) => a + s.capacity, 0);
  return {
    generatedAt: toJstIso(opts.now),
    scope: opts.shelterId ? 'shelter' : 'all',
    totals: { ...totals, capacity, capacityUsedPct: pct(totals.here + totals.out, capacity) },
    byShelter,
    byAgeBand: [...bands.values()],
    byNeed: NEEDS.map((n) => ({ need: n, label: NEED_LABELS[n], count: needs.get(n) ?? 0 })),
  };
}
