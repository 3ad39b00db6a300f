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
  // From the per-terminal heads (one row each) and one primary-key lookup per terminal, not a scan
  // of the log: the desk's status asks every few seconds. A terminal's newest event is its head
  // (its HLCs only grow), and a contiguous log holds exactly `head` of its events.
  const rows = store.db
    .prepare(
      `SELECT h.terminal_id, e.hlc, h.seq AS n FROM event_heads h
       JOIN events e ON e.terminal_id = h.terminal_id AND e.seq = h.seq ORDER BY h.terminal_id`,
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
