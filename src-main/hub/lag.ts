/**
 * The HQ view's "how current is each terminal": for every terminal of the group this store
 * follows, when its newest event was recorded (the wall time in its HLC) and how long ago.
 */
import { parseHlc } from '../store/hlc.ts';
import type { Store } from '../store/store.ts';

export interface TerminalLag {
  terminalId: string;
  events: number;
  lastEventAt: string;
  agoSeconds: number;
  /** "40 s ago", "12 min ago", "3 h ago". */
  agoText: string;
}

export function agoText(seconds: number): string {
  if (seconds < 90) return `${Math.max(0, Math.round(seconds))} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

export function hubLag(store: Store, now = Date.now()): TerminalLag[] {
  const rows = store.db
    .prepare(
      'SELECT terminal_id, max(hlc) AS hlc, count(*) AS n FROM events GROUP BY terminal_id ORDER BY terminal_id',
    )
    .all() as Array<{ terminal_id: string; hlc: string; n: number }>;
  return rows.map((r) => {
    const at = parseHlc(r.hlc).wall;
    const ago = (now - at) / 1000;
    return {
      terminalId: r.terminal_id,
      events: r.n,
      lastEventAt: new Date(at).toISOString(),
      agoSeconds: Math.round(ago),
      agoText: agoText(ago),
    };
  });
}
