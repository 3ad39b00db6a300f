/**
 * Monthly settlement over the merged rides: each operator's statement (rides, fares, subsidies,
 * per day), the city's summary, and the rides to look at before paying:
 *
 *   TWO_VEHICLES — the same holder in two vehicles less than TWO_VEHICLE_WINDOW_MS apart
 *   AFTER_BLOCK  — a ride after the card was blocked (the vehicle had an older registry)
 *   OVER_CAP     — beyond the daily or yearly cap (vehicles offline cannot see each other)
 *   REPEAT       — a second ride within a minute that the driver confirmed
 *
 * Flagged rides stay in the totals (the city decides); the statements count them apart.
 */
import type { Db } from '../../store/sqlite.ts';
import { jstDayStart } from './clock.ts';
import { termsFor, type RegistryEntry } from './decide.ts';
import { programYear } from './eligibility.ts';
import type { Program } from './program.ts';

export const TWO_VEHICLE_WINDOW_MS = 10 * 60_000;

export interface DayLine {
  day: string;
  rides: number;
  fareYen: number;
  subsidyYen: number;
}

export interface OperatorStatement {
  operatorId: string;
  operatorName: string;
  rides: number;
  fareYen: number;
  subsidyYen: number;
  /** What passengers paid themselves. */
  paidYen: number;
  flaggedRides: number;
  flaggedSubsidyYen: number;
  days: DayLine[];
}

export type FlagKind = 'TWO_VEHICLES' | 'AFTER_BLOCK' | 'OVER_CAP' | 'REPEAT';

export interface FlaggedRide {
  kind: FlagKind;
  rideId: string;
  holderId: string;
  serial: string;
  vehicle: string;
  operatorId: string;
  at: number;
  fareYen: number;
  subsidyYen: number;
  detail: string;
}

export interface Settlement {
  month: string;
  programId: string;
  statements: OperatorStatement[];
  city: { rides: number; fareYen: number; subsidyYen: number; holders: number; flaggedRides: number };
  flags: FlaggedRide[];
}

interface RideRow {
  terminalId: string;
  seq: number;
  holderId: string;
  serial: string;
  vehicle: string;
  operatorId: string;
  at: number;
  day: string;
  fare: number;
  subsidy: number;
}

const RIDE_COLUMNS = `r.terminal_id AS terminalId, r.seq, r.holder_id AS holderId, r.serial, r.vehicle,
  r.operator_id AS operatorId, r.at, r.day, r.fare, r.subsidy`;

function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

function flagged(kind: FlagKind, r: RideRow, detail: string): FlaggedRide {
  return {
    kind,
    rideId: `${r.terminalId}:${r.seq}`,
    holderId: r.holderId,
    serial: r.serial,
    vehicle: r.vehicle,
    operatorId: r.operatorId,
    at: r.at,
    fareYen: r.fare,
    subsidyYen: r.subsidy,
    detail,
  };
}

/**
 * Rides beyond a cap. Vehicles offline cannot see each other's rides, so a holder may exceed the
 * daily or yearly cap across vehicles. Two cheap GROUP BYs find the holders over the smallest cap
 * any rule has; only their rides are then counted in order, in the programme year up to the month.
 */
function capFlags(db: Db, program: Program, range: { from: string; to: string }): FlaggedRide[] {
  const rules = new Map(
    (
      db.prepare('SELECT holder_id AS h, rule FROM fare_holders').all() as Array<{ h: string; rule: string }>
    ).map((r) => [r.h, termsFor(program, { rule: JSON.parse(r.rule) as RegistryEntry['rule'] })]),
  );
  const base = termsFor(program, { rule: { kind: 'age', minAge: 0 } });
  const yearFrom = programYear(program, range.from).from;
  const overDay = db
    .prepare(
      `SELECT DISTINCT holder_id FROM fare_rides WHERE day BETWEEN ? AND ?
        GROUP BY holder_id, day HAVING count(*) > ?`,
    )
    .pluck()
    .all(range.from, range.to, minCap(rules, base, 'perDay')) as string[];
  const overYear = db
    .prepare(
      `SELECT holder_id FROM fare_rides WHERE day BETWEEN ? AND ? GROUP BY holder_id HAVING count(*) > ?`,
    )
    .pluck()
    .all(yearFrom, range.to, minCap(rules, base, 'perYear')) as string[];
  const ridesOf = db.prepare(
    `SELECT ${RIDE_COLUMNS} FROM fare_rides r WHERE r.holder_id = ? AND r.day BETWEEN ? AND ?
      ORDER BY r.at, r.terminal_id, r.seq`,
  );
  const out: FlaggedRide[] = [];
  for (const holderId of new Set([...overDay, ...overYear])) {
    const t = rules.get(holderId) ?? base;
    const perDay = new Map<string, number>();
    let nYear = 0;
    for (const r of ridesOf.all(holderId, yearFrom, range.to) as RideRow[]) {
      const nDay = (perDay.get(r.day) ?? 0) + 1;
      perDay.set(r.day, nDay);
      nYear++;
      if (r.day < range.from) continue;
      if (t.perDay !== undefined && nDay > t.perDay)
        out.push(flagged('OVER_CAP', r, `ride ${nDay} of the day (cap ${t.perDay})`));
      else if (t.perYear !== undefined && nYear > t.perYear)
        out.push(flagged('OVER_CAP', r, `ride ${nYear} of the year (cap ${t.perYear})`));
    }
  }
  return out;
}

function minCap(
  rules: Map<string, { perDay?: number; perYear?: number }>,
  base: { perDay?: number; perYear?: number },
  which: 'perDay' | 'perYear',
): number {
  let min = base[which] ?? Number.MAX_SAFE_INTEGER;
  for (const t of rules.values()) min = Math.min(min, t[which] ?? Number.MAX_SAFE_INTEGER);
  return min;
}

export function settle(db: Db, program: Program, month: string): Settlement {
  const range = monthRange(month);
  const names = new Map(program.operators.map((o) => [o.id, o.name]));
  const days = db
    .prepare(
      `SELECT operator_id AS operatorId, day, count(*) AS rides, sum(fare) AS fareYen, sum(subsidy) AS subsidyYen
         FROM fare_rides WHERE day BETWEEN ? AND ? GROUP BY operator_id, day ORDER BY operator_id, day`,
    )
    .all(range.from, range.to) as Array<DayLine & { operatorId: string }>;

  const twoVehicles = db
    .prepare(
      `SELECT ${RIDE_COLUMNS}, o.vehicle AS otherVehicle, o.at AS otherAt
         FROM fare_rides r JOIN fare_rides o
           ON o.holder_id = r.holder_id AND o.vehicle <> r.vehicle
          AND o.at BETWEEN r.at - ${TWO_VEHICLE_WINDOW_MS} AND r.at + ${TWO_VEHICLE_WINDOW_MS}
        WHERE r.day BETWEEN ? AND ?`,
    )
    .all(range.from, range.to) as Array<RideRow & { otherVehicle: string; otherAt: number }>;
  const afterBlock = db
    .prepare(
      `SELECT ${RIDE_COLUMNS}, b.at AS blockedAt FROM fare_rides r JOIN fare_blocks b ON b.serial = r.serial
        WHERE r.day BETWEEN ? AND ? AND r.at >= b.at`,
    )
    .all(range.from, range.to) as Array<RideRow & { blockedAt: number }>;
  const repeats = db
    .prepare(`SELECT ${RIDE_COLUMNS} FROM fare_rides r WHERE r.day BETWEEN ? AND ? AND r.repeat = 1`)
    .all(range.from, range.to) as RideRow[];

  const flags: FlaggedRide[] = [
    ...twoVehicles.map((r) =>
      flagged(
        'TWO_VEHICLES',
        r,
        `also in ${r.otherVehicle} ${Math.round(Math.abs(r.at - r.otherAt) / 60_000)} min apart`,
      ),
    ),
    ...afterBlock.map((r) =>
      flagged('AFTER_BLOCK', r, `card blocked at ${new Date(r.blockedAt).toISOString()}`),
    ),
    ...capFlags(db, program, range),
    ...repeats.map((r) => flagged('REPEAT', r, 'second ride within a minute, confirmed by the driver')),
  ].sort((a, b) => a.at - b.at || a.rideId.localeCompare(b.rideId) || a.kind.localeCompare(b.kind));

  const flaggedIds = new Map<string, FlaggedRide>();
  for (const f of flags) flaggedIds.set(f.rideId, f);
  const statements = new Map<string, OperatorStatement>();
  for (const d of days) {
    const s =
      statements.get(d.operatorId) ??
      ({
        operatorId: d.operatorId,
        operatorName: names.get(d.operatorId) ?? d.operatorId,
        rides: 0,
        fareYen: 0,
        subsidyYen: 0,
        paidYen: 0,
        flaggedRides: 0,
        flaggedSubsidyYen: 0,
        days: [],
      } satisfies OperatorStatement);
    s.rides += d.rides;
    s.fareYen += d.fareYen;
    s.subsidyYen += d.subsidyYen;
    s.paidYen += d.fareYen - d.subsidyYen;
    s.days.push({ day: d.day, rides: d.rides, fareYen: d.fareYen, subsidyYen: d.subsidyYen });
    statements.set(d.operatorId, s);
  }
  for (const f of flaggedIds.values()) {
    const s = statements.get(f.operatorId);
    if (!s) continue;
    s.flaggedRides++;
    s.flaggedSubsidyYen += f.subsidyYen;
  }
  const list = [...statements.values()];
  const holders = db
    .prepare('SELECT count(DISTINCT holder_id) FROM fare_rides WHERE day BETWEEN ? AND ?')
    .pluck()
    .get(range.from, range.to) as number;
  return {
    month,
    programId: program.id,
    statements: list,
    city: {
      rides: list.reduce((n, s) => n + s.rides, 0),
      fareYen: list.reduce((n, s) => n + s.fareYen, 0),
      subsidyYen: list.reduce((n, s) => n + s.subsidyYen, 0),
      holders,
      flaggedRides: flaggedIds.size,
    },
    flags,
  };
}

/** The first millisecond of a month (JST), for callers filtering by time. */
export function monthStart(month: string): number {
  return jstDayStart(`${month}-01`);
}
