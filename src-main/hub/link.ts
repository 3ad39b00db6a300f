/**
 * What moves between a terminal's store and the hub, one exchange at a time: push the events the
 * hub lacks (this terminal's and any it relays), pull the ones this terminal lacks by
 * per-terminal cursor, each sealed with the group key.
 *
 * A row is AES-256-GCM under an HKDF subkey of the group key ('hub-event/v1'), its additional
 * data binding the group, terminal, seq and HLC: a row copied to another place, changed by hand,
 * or written by a terminal with another key does not open. Such rows are reported and ignored —
 * never ingested — and the cursor does not pass them (the events after it from that terminal come
 * by LAN or USB, which carry their own authentication).
 */
import type pg from 'pg';
import { seal, unseal } from '../store/keys.ts';
import type { IngestReport, LoggedEvent } from '../store/event-log.ts';
import type { Store } from '../store/store.ts';
import { hubErrorOf } from './connection.ts';

export const PUSH_BATCH = 500;
export const PULL_BATCH = 2000;

export interface RejectedRow {
  terminalId: string;
  seq: number;
  /** Why (English, for staff and logs). */
  reason: string;
}

export interface ExchangeReport {
  pushed: number;
  pulled: number;
  /** Rows that do not open with the group key (another key, changed in the database). */
  rejected: RejectedRow[];
  ingest: Pick<IngestReport, 'added' | 'duplicates' | 'forks' | 'gaps'>;
}

export interface HubHead {
  terminalId: string;
  headSeq: number;
  lastPushedAt: string;
}

function aad(group: string, e: { terminalId: string; seq: number; hlc: string }): Buffer {
  return Buffer.from(`kakanai-hub/1\n${group}\n${e.terminalId}\n${e.seq}\n${e.hlc}`, 'utf8');
}

export function sealEvent(key: Buffer, group: string, e: LoggedEvent): Buffer {
  return seal(key, aad(group, e), Buffer.from(JSON.stringify({ type: e.type, payload: e.payload }), 'utf8'));
}

export function openEvent(
  key: Buffer,
  group: string,
  row: { terminalId: string; seq: number; hlc: string; sealed: Buffer },
): LoggedEvent {
  const body = JSON.parse(unseal(key, aad(group, row), row.sealed).toString('utf8')) as {
    type: string;
    payload: string;
  };
  return { terminalId: row.terminalId, seq: row.seq, hlc: row.hlc, type: body.type, payload: body.payload };
}

/** The hub's heads for the group (what each terminal has pushed, and when). */
export async function hubHeads(db: pg.Client, group: string): Promise<HubHead[]> {
  const r = await db.query<{ terminal_id: string; head_seq: string; last_pushed_at: Date }>(
    'SELECT terminal_id, head_seq, last_pushed_at FROM kakanai_hub.terminals WHERE group_id = $1',
    [group],
  );
  return r.rows.map((x) => ({
    terminalId: x.terminal_id,
    headSeq: Number(x.head_seq),
    lastPushedAt: x.last_pushed_at.toISOString(),
  }));
}

export class HubLink {
  readonly #store: Store;
  readonly #key: Buffer;
  readonly #group: string;
  /** Rows already reported, and the (terminal, seq) a cursor must not pass. */
  readonly #rejected = new Map<string, RejectedRow>();

  constructor(store: Store) {
    this.#store = store;
    this.#key = store.subkey('hub-event/v1');
    this.#group = store.groupId;
  }

  rejected(): RejectedRow[] {
    return [...this.#rejected.values()];
  }

  /** Pushes what the hub lacks, then pulls what this terminal lacks. */
  async exchange(db: pg.Client): Promise<ExchangeReport> {
    try {
      const heads = await hubHeads(db, this.#group);
      const pushed = await this.#push(db, heads);
      const pulledReport = await this.#pull(db, heads);
      return { pushed, ...pulledReport };
    } catch (e) {
      throw hubErrorOf(e);
    }
  }

  /** Pushes only (after a local commit: the others learn at once). */
  async push(db: pg.Client): Promise<number> {
    try {
      return await this.#push(db, await hubHeads(db, this.#group));
    } catch (e) {
      throw hubErrorOf(e);
    }
  }

  async #push(db: pg.Client, heads: HubHead[]): Promise<number> {
    const known: Record<string, number> = {};
    for (const h of heads) known[h.terminalId] = h.headSeq;
    let pushed = 0;
    for (;;) {
      const { events, more } = this.#store.events.since(known, PUSH_BATCH);
      if (events.length === 0) break;
      const sealed = events.map((e) => sealEvent(this.#key, this.#group, e));
      const r = await db.query(
        `INSERT INTO kakanai_hub.events (group_id, terminal_id, seq, hlc, sealed, size)
         SELECT $1, t, s, h, b, length(b) FROM unnest($2::text[], $3::bigint[], $4::text[], $5::bytea[]) AS x(t, s, h, b)
         ON CONFLICT DO NOTHING`,
        [
          this.#group,
          events.map((e) => e.terminalId),
          events.map((e) => e.seq),
          events.map((e) => e.hlc),
          sealed,
        ],
      );
      pushed += r.rowCount ?? 0;
      for (const e of events) known[e.terminalId] = Math.max(known[e.terminalId] ?? 0, e.seq);
      if (!more) break;
    }
    return pushed;
  }

  async #pull(db: pg.Client, heads: HubHead[]): Promise<Omit<ExchangeReport, 'pushed'>> {
    const out: Omit<ExchangeReport, 'pushed'> = {
      pulled: 0,
      rejected: [],
      ingest: { added: 0, duplicates: 0, forks: [], gaps: [] },
    };
    const self = this.#store.terminalId;
    for (const h of heads) {
      if (h.terminalId === self) continue;
      for (;;) {
        const cursor = this.#store.events.head(h.terminalId);
        if (cursor >= h.headSeq || this.#rejected.has(`${h.terminalId}/${cursor + 1}`)) break;
        const r = await db.query<{ seq: string; hlc: string; sealed: Buffer }>(
          `SELECT seq, hlc, sealed FROM kakanai_hub.events
           WHERE group_id = $1 AND terminal_id = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
          [this.#group, h.terminalId, cursor, PULL_BATCH],
        );
        if (r.rows.length === 0) break;
        const events: LoggedEvent[] = [];
        for (const row of r.rows) {
          const at = { terminalId: h.terminalId, seq: Number(row.seq), hlc: row.hlc, sealed: row.sealed };
          try {
            events.push(openEvent(this.#key, this.#group, at));
          } catch {
            const reason =
              'does not open with this group’s key: written by a terminal with another key, or changed in the database';
            const id = `${at.terminalId}/${at.seq}`;
            if (!this.#rejected.has(id)) {
              const rej = { terminalId: at.terminalId, seq: at.seq, reason };
              this.#rejected.set(id, rej);
              out.rejected.push(rej);
            }
            break; // nothing after it from this terminal can be ingested in order
          }
        }
        out.pulled += r.rows.length;
        if (events.length > 0) {
          const rep = this.#store.events.ingest(events);
          out.ingest.added += rep.added;
          out.ingest.duplicates += rep.duplicates;
          out.ingest.forks.push(...rep.forks);
          out.ingest.gaps.push(...rep.gaps);
          if (rep.added === 0) break;
        }
        if (events.length < r.rows.length || r.rows.length < PULL_BATCH) break;
      }
    }
    return out;
  }
}
