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
  repeat: number;
}

const shiftDay = (day: string, by: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
};
const dayBefore = (day: string) => shiftDay(day, -1);
const dayAfter = (day: string) => shiftDay(day, 1);

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

/** What the month's checks need to know besides the rides. */
interface Context {
  blocks: Map<string, number>;
  termsOf: (holderId: string) => { perDay?: number; perYear?: number };
  /** Rides of the programme year before this month, per holder. */
  earlier: Map<string, number>;
  month: { from: string; to: string };
}

/**
 * The checks on one holder's rides of the month (in time order), with what came before them:
 * the same holder in two vehicles close together, a ride after a block, beyond a cap (vehicles
 * offline cannot see each other), a repeat the driver confirmed.
 */
function holderFlags(rides: readonly RideRow[], c: Context, out: FlaggedRide[]): void {
  const terms = c.termsOf(rides[0]!.holderId);
  let nYear = c.earlier.get(rides[0]!.holderId) ?? 0;
  const perDay = new Map<string, number>();
  for (let i = 0; i < rides.length; i++) {
    const r = rides[i]!;
    // The day either side of the month is there for its neighbours only (and counted in `earlier`).
    if (r.day < c.month.from || r.day > c.month.to) continue;
    for (const j of [i - 1, i + 1]) {
      // Neighbours within the window, either side (rides are in time order).
      for (let k = j; k >= 0 && k < rides.length; k += j < i ? -1 : 1) {
        const o = rides[k]!;
        if (Math.abs(o.at - r.at) > TWO_VEHICLE_WINDOW_MS) break;
        if (o.vehicle !== r.vehicle) {
          out.push(
            flagged(
              'TWO_VEHICLES',
              r,
              `also in ${o.vehicle} ${Math.round(Math.abs(r.at - o.at) / 60_000)} min apart`,
            ),
          );
          break;
        }
      }
    }
    const blockedAt = c.blocks.get(r.serial);
    if (blockedAt !== undefined && r.at >= blockedAt)
      out.push(flagged('AFTER_BLOCK', r, `card blocked at ${new Date(blockedAt).toISOString()}`));
    const nDay = (perDay.get(r.day) ?? 0) + 1;
    perDay.set(r.day, nDay);
    nYear++;
    if (terms.perDay !== undefined && nDay > terms.perDay)
      out.push(flagged('OVER_CAP', r, `ride ${nDay} of the day (cap ${terms.perDay})`));
    else if (terms.perYear !== undefined && nYear > terms.perYear)
      out.push(flagged('OVER_CAP', r, `ride ${nYear} of the year (cap ${terms.perYear})`));
    if (r.repeat) out.push(flagged('REPEAT', r, 'second ride within a minute, confirmed by the driver'));
  }
}

/**
 * The month in one pass over its rides in holder and time order: the statements' sums per
 * operator and day, and every check of holderFlags on each holder's rides as they stream by.
 */
export function settle(db: Db, program: Program, month: string): Settlement {
  const range = monthRange(month);
  const names = new Map(program.operators.map((o) => [o.id, o.name]));
  const rules = new Map(
    (
      db.prepare('SELECT holder_id AS h, rule FROM fare_holders').all() as Array<{ h: string; rule: string }>
    ).map((r) => [r.h, termsFor(program, { rule: JSON.parse(r.rule) as RegistryEntry['rule'] })]),
  );
  const base = termsFor(program, { rule: { kind: 'age', minAge: 0 } });
  const ctx: Context = {
    blocks: new Map(
      (db.prepare('SELECT serial, at FROM fare_blocks').raw().all() as Array<[string, number]>).map(
        ([s, a]) => [s, a],
      ),
    ),
    termsOf: (h) => rules.get(h) ?? base,
    earlier: new Map(
      db
        .prepare('SELECT holder_id, count(*) FROM fare_rides WHERE day >= ? AND day < ? GROUP BY holder_id')
        .raw()
        .all(programYear(program, range.from).from, range.from) as Array<[string, number]>,
    ),
    month: range,
  };

  const lines = new Map<string, DayLine & { operatorId: string }>();
  const flags: FlaggedRide[] = [];
  let holders = 0;
  let current: RideRow[] = [];
  const endHolder = () => {
    if (current.length === 0) return;
    if (current.some((r) => r.day >= range.from && r.day <= range.to)) holders++;
    holderFlags(current, ctx, flags);
    current = [];
  };
  const rows = db
    .prepare(
      `SELECT terminal_id, seq, holder_id, serial, vehicle, operator_id, at, day, fare, subsidy, repeat
         FROM fare_rides WHERE day BETWEEN ? AND ? ORDER BY holder_id, at, terminal_id, seq`,
    )
    .raw()
    .iterate(dayBefore(range.from), dayAfter(range.to)) as IterableIterator<
    [string, number, string, string, string, string, number, string, number, number, number]
  >;
  for (const [
    terminalId,
    seq,
    holderId,
    serial,
    vehicle,
    operatorId,
    at,
    day,
    fare,
    subsidy,
    repeat,
  ] of rows) {
    if (current.length > 0 && current[0]!.holderId !== holderId) endHolder();
    current.push({ terminalId, seq, holderId, serial, vehicle, operatorId, at, day, fare, subsidy, repeat });
    if (day < range.from || day > range.to) continue;
    const key = `${operatorId}\u0000${day}`;
    const line = lines.get(key);
    if (line) {
      line.rides++;
      line.fareYen += fare;
      line.subsidyYen += subsidy;
    } else lines.set(key, { operatorId, day, rides: 1, fareYen: fare, subsidyYen: subsidy });
  }
  endHolder();
  flags.sort((a, b) => a.at - b.at || a.rideId.localeCompare(b.rideId) || a.kind.localeCompare(b.kind));

  const flaggedIds = new Map<string, FlaggedRide>();
  for (const f of flags) flaggedIds.set(f.rideId, f);
  const statements = new Map<string, OperatorStatement>();
  const ordered = [...lines.values()].sort((a, b) =>
    a.operatorId === b.operatorId ? (a.day < b.day ? -1 : 1) : a.operatorId < b.operatorId ? -1 : 1,
  );
  for (const d of ordered) {
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
