/**
 * Helpers every mode's projector shares: reading an event's payload through its schema (a payload
 * that does not validate is kept in the log and recorded in the mode's `<mode>_bad_events` table,
 * never projected), and the "latest event by HLC wins" upsert that makes a projection independent
 * of the order events arrive in.
 */
import type { LoggedEvent } from './event-log.ts';
import { preparedOn, type Db } from './sqlite.ts';

interface PayloadSchema<T> {
  safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}

/** The payload, or undefined after recording the event in `badEventsTable`. */
export function parsePayload<T>(
  db: Db,
  badEventsTable: string,
  e: LoggedEvent,
  schema: PayloadSchema<T>,
): T | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(e.payload);
  } catch {
    raw = undefined;
  }
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  preparedOn(
    db,
    `INSERT OR IGNORE INTO ${badEventsTable} (terminal_id, seq, type, problem) VALUES (?, ?, ?, ?)`,
  ).run(e.terminalId, e.seq, e.type, r.error.message.slice(0, 500));
  return undefined;
}

/** `INSERT … ON CONFLICT DO UPDATE … WHERE newer`: the latest event by HLC wins, whatever the order. */
export function latestWins(
  db: Db,
  table: string,
  key: string,
  columns: readonly string[],
  values: readonly unknown[],
): void {
  const cols = [key, ...columns, 'hlc'];
  preparedOn(
    db,
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
     ON CONFLICT(${key}) DO UPDATE SET ${[...columns, 'hlc'].map((c) => `${c} = excluded.${c}`).join(', ')}
     WHERE excluded.hlc > ${table}.hlc`,
  ).run(...values);
}
