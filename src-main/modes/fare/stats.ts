/**
 * Ride statistics for the city: by hour of the day, by age band (on the ride's day), by operator
 * and by the rule that made the rider eligible (age or a category). Counts and subsidies only.
 */
import type { Db } from '../../store/sqlite.ts';

export const AGE_BANDS = ['-64', '65-74', '75-84', '85-'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export interface Bucket {
  key: string;
  rides: number;
  subsidyYen: number;
}

export interface FareStats {
  today: string;
  holders: number;
  cards: number;
  blocked: number;
  rides: number;
  subsidyYen: number;
  byHour: Bucket[];
  byAgeBand: Bucket[];
  byOperator: Bucket[];
  byCategory: Bucket[];
}

// Age on the ride's day: years between birth and day, one less before the birthday (the day
// before the birthday counts as reached, as in eligibility.ts).
const AGE_SQL = `(CAST(substr(date(r.day, '+1 day'), 1, 4) AS INTEGER) - CAST(substr(h.birth_date, 1, 4) AS INTEGER)
  - (substr(date(r.day, '+1 day'), 6, 5) < substr(h.birth_date, 6, 5)))`;

export function fareStats(db: Db, today: string): FareStats {
  const one = (sql: string) => db.prepare(sql).pluck().get() as number;
  const buckets = (sql: string) => db.prepare(sql).all() as Bucket[];
  const byCategory = buckets(
    `SELECT coalesce(json_extract(h.rule, '$.id'), 'age' || json_extract(h.rule, '$.minAge')) AS key,
            count(*) AS rides, sum(r.subsidy) AS subsidyYen
       FROM fare_rides r JOIN fare_holders h ON h.holder_id = r.holder_id GROUP BY key ORDER BY key`,
  );
  return {
    today,
    holders: one('SELECT count(*) FROM fare_holders'),
    cards: one('SELECT count(*) FROM fare_cards'),
    blocked: one('SELECT count(*) FROM fare_blocks'),
    rides: one('SELECT count(*) FROM fare_rides'),
    subsidyYen: one('SELECT coalesce(sum(subsidy), 0) FROM fare_rides'),
    byHour: buckets(
      `SELECT printf('%02d', hour) AS key, count(*) AS rides, sum(subsidy) AS subsidyYen
         FROM fare_rides GROUP BY hour ORDER BY hour`,
    ),
    byAgeBand: buckets(
      `SELECT CASE WHEN age < 65 THEN '-64' WHEN age < 75 THEN '65-74' WHEN age < 85 THEN '75-84' ELSE '85-' END AS key,
              count(*) AS rides, sum(subsidy) AS subsidyYen
         FROM (SELECT ${AGE_SQL} AS age, r.subsidy FROM fare_rides r JOIN fare_holders h ON h.holder_id = r.holder_id)
        GROUP BY key ORDER BY key`,
    ),
    byOperator: buckets(
      `SELECT operator_id AS key, count(*) AS rides, sum(subsidy) AS subsidyYen
         FROM fare_rides GROUP BY operator_id ORDER BY operator_id`,
    ),
    byCategory,
  };
}
