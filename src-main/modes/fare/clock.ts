/** Japan time for rides: the day and hour a ride counts in (Japan has no daylight saving time). */

const JST_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

/** The last day computed (a ride file is in time order: nearly every call is the same day). */
let lastDay = { from: 0, to: -1, day: '' };

/** "2026-12-07" for a ride at `ms` (JST). */
export function jstDay(ms: number): string {
  if (ms >= lastDay.from && ms <= lastDay.to) return lastDay.day;
  const day = new Date(ms + JST_MS).toISOString().slice(0, 10);
  const from = Math.floor((ms + JST_MS) / DAY_MS) * DAY_MS - JST_MS;
  lastDay = { from, to: from + DAY_MS - 1, day };
  return day;
}

/** 0–23, the JST hour of `ms`. */
export function jstHour(ms: number): number {
  return Math.floor(((((ms + JST_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000);
}

/** The first millisecond of a JST day ("2026-12-07" → 2026-12-06T15:00Z). */
export function jstDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00+09:00`);
}
