/**
 * The append-only event log and its projections.
 *
 * Every event is identified by (terminal_id, seq): each terminal numbers its own events 1, 2, 3…
 * without gaps, and carries a hybrid-logical-clock timestamp, a type and a JSON payload. Local
 * events are appended; other terminals' events are ingested (from a USB file or LAN sync) and are
 * idempotent by their identity. Projections (read models: who voted, who is in the shelter…) are
 * updated by projectors in the same SQLite transaction as the event row, so the log and the
 * projections can never disagree, even after a crash.
 *
 * Projector contract: the projection must be a function of the *set* of events, not of their
 * arrival order (terminals receive each other's events in different orders). `rebuild()` replays
 * the log in HLC order and must give the same tables as incremental application.
 */
import { z } from 'zod';
import { StoreError } from './errors.ts';
import { HlcClock, formatHlc, isHlc, parseHlc } from './hlc.ts';
import { sha256Hex } from './keys.ts';
import type { Db } from './sqlite.ts';

export interface LoggedEvent {
  terminalId: string;
  seq: number;
  /** Formatted HLC timestamp (see hlc.ts); its node is always terminalId. */
  hlc: string;
  type: string;
  /** The payload as JSON text, byte-for-byte as first recorded. */
  payload: string;
}

export interface Projector {
  name: string;
  handles(type: string): boolean;
  apply(db: Db, event: LoggedEvent): void;
  /** Empties the projection's tables (before a rebuild). */
  reset(db: Db): void;
}

/** Terminal, station and group ids: short, ASCII, safe in file names, URLs and HLC strings. */
export const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

export function assertId(id: string, what: string): void {
  if (!ID_RE.test(id))
    throw new StoreError('INVALID_ID', `${what} ${JSON.stringify(id)} (1–32 of A-Z a-z 0-9 _ . -)`);
}

const TYPE_RE = /^[a-z][a-z0-9_.-]{0,63}$/;
const MAX_PAYLOAD_CHARS = 16_384;

/** An event as it travels in files and sync messages: validated before anything is stored. */
export const WireEventSchema = z
  .object({
    terminalId: z.string().regex(ID_RE),
    seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    hlc: z.string().refine(isHlc, 'malformed HLC'),
    type: z.string().regex(TYPE_RE),
    payload: z
      .string()
      .max(MAX_PAYLOAD_CHARS)
      .refine((p) => {
        try {
          const v: unknown = JSON.parse(p);
          return typeof v === 'object' && v !== null && !Array.isArray(v);
        } catch {
          return false;
        }
      }, 'payload must be a JSON object'),
  })
  .strict()
  .refine((e) => parseHlc(e.hlc).node === e.terminalId, 'HLC node differs from terminalId');

export interface IngestReport {
  received: number;
  added: number;
  duplicates: number;
  /** Same (terminal, seq) but different content: the first copy is kept, this is reported. */
  forks: Array<{ terminalId: string; seq: number }>;
  /** Events skipped because earlier seqs of that terminal are missing (fetched again later). */
  gaps: Array<{ terminalId: string; expected: number; got: number }>;
  /** Terminals whose clock ran ahead of ours by more than the skew limit. */
  skewed: string[];
}

export interface StoreAnomaly {
  kind: 'FORK' | 'GAP' | 'CLOCK_SKEW';
  terminalId: string;
  seq: number;
  detail: Record<string, unknown>;
  at: number;
}

const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;

function digestOf(e: LoggedEvent): string {
  return sha256Hex(`${e.terminalId}\n${e.seq}\n${e.hlc}\n${e.type}\n${e.payload}`);
}

interface EventRow {
  terminal_id: string;
  seq: number;
  hlc: string;
  type: string;
  payload: string;
}

function fromRow(r: EventRow): LoggedEvent {
  return { terminalId: r.terminal_id, seq: r.seq, hlc: r.hlc, type: r.type, payload: r.payload };
}

export class EventLog {
  readonly #db: Db;
  readonly #clock: HlcClock;
  readonly #projectors: readonly Projector[];
  readonly #now: () => number;
  readonly #stmt;

  constructor(
    db: Db,
    readonly terminalId: string,
    projectors: readonly Projector[],
    now: () => number = Date.now,
  ) {
    this.#db = db;
    this.#projectors = projectors;
    this.#now = now;
    this.#clock = new HlcClock(terminalId, now);
    this.#stmt = {
      insert: db.prepare(
        `INSERT INTO events (terminal_id, seq, hlc, type, payload, digest, stored_at)
         VALUES (@terminalId, @seq, @hlc, @type, @payload, @digest, @storedAt)`,
      ),
      head: db.prepare('SELECT seq FROM event_heads WHERE terminal_id = ?').pluck(),
      setHead: db.prepare(
        `INSERT INTO event_heads (terminal_id, seq) VALUES (?, ?)
         ON CONFLICT(terminal_id) DO UPDATE SET seq = excluded.seq`,
      ),
      digest: db.prepare('SELECT digest FROM events WHERE terminal_id = ? AND seq = ?').pluck(),
      heads: db.prepare('SELECT terminal_id, seq FROM event_heads ORDER BY terminal_id'),
      range: db.prepare(
        `SELECT terminal_id, seq, hlc, type, payload FROM events
         WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      maxHlc: db.prepare('SELECT max(hlc) FROM events').pluck(),
      anomaly: db.prepare(
        `INSERT OR IGNORE INTO store_anomalies (kind, terminal_id, seq, detail, at) VALUES (?, ?, ?, ?, ?)`,
      ),
    };
    const last = this.#stmt.maxHlc.get() as string | null;
    if (last) this.#clock.restore(parseHlc(last));
  }

  /** The latest HLC this terminal issued or saw. */
  clock(): string {
    return formatHlc(this.#clock.peek());
  }

  /**
   * Appends a local event and updates the projections, atomically. Call it inside the caller's
   * transaction when a check must be atomic with the write (e.g. "not yet voted" → "voted").
   */
  append(type: string, payload: object): LoggedEvent {
    if (!TYPE_RE.test(type)) throw new Error(`bad event type ${type}`);
    const text = JSON.stringify(payload);
    if (text.length > MAX_PAYLOAD_CHARS) throw new Error('event payload too large');
    return this.#db
      .transaction(() => {
        const seq = this.head(this.terminalId) + 1;
        const event: LoggedEvent = {
          terminalId: this.terminalId,
          seq,
          hlc: formatHlc(this.#clock.tick()),
          type,
          payload: text,
        };
        this.#store(event);
        return event;
      })
      .immediate();
  }

  /**
   * Ingests events made elsewhere (any terminal, including this one's own after a restore).
   * Idempotent: known events are counted as duplicates. All-or-nothing per call.
   */
  ingest(input: readonly unknown[]): IngestReport {
    const events: LoggedEvent[] = input.map((raw, i) => {
      const parsed = WireEventSchema.safeParse(raw);
      if (!parsed.success) {
        throw new StoreError(
          'BAD_EVENT_FILE',
          `event #${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        );
      }
      return parsed.data;
    });
    events.sort((a, b) =>
      a.terminalId < b.terminalId ? -1 : a.terminalId > b.terminalId ? 1 : a.seq - b.seq,
    );
    const report: IngestReport = {
      received: events.length,
      added: 0,
      duplicates: 0,
      forks: [],
      gaps: [],
      skewed: [],
    };
    this.#db
      .transaction(() => {
        const gapped = new Set<string>();
        // Heads move in memory and are written once per terminal at the end of the batch.
        const heads = new Map<string, number>();
        for (const e of events) {
          if (gapped.has(e.terminalId)) continue;
          const have = heads.get(e.terminalId) ?? this.head(e.terminalId);
          if (e.seq <= have) {
            const digest = this.#stmt.digest.get(e.terminalId, e.seq) as string;
            if (digest === digestOf(e)) report.duplicates++;
            else {
              report.forks.push({ terminalId: e.terminalId, seq: e.seq });
              this.#anomaly('FORK', e.terminalId, e.seq, { hlc: e.hlc, type: e.type });
            }
            continue;
          }
          if (e.seq > have + 1) {
            gapped.add(e.terminalId);
            report.gaps.push({ terminalId: e.terminalId, expected: have + 1, got: e.seq });
            continue;
          }
          const skew = this.#clock.receive(parseHlc(e.hlc));
          if (skew > CLOCK_SKEW_LIMIT_MS && !report.skewed.includes(e.terminalId)) {
            report.skewed.push(e.terminalId);
            this.#anomaly('CLOCK_SKEW', e.terminalId, 0, { aheadMs: skew, hlc: e.hlc });
          }
          this.#store(e, false);
          heads.set(e.terminalId, e.seq);
          report.added++;
        }
        for (const [terminalId, seq] of heads) this.#stmt.setHead.run(terminalId, seq);
      })
      .immediate();
    return report;
  }

  #store(e: LoggedEvent, moveHead = true): void {
    this.#stmt.insert.run({ ...e, digest: digestOf(e), storedAt: this.#now() });
    if (moveHead) this.#stmt.setHead.run(e.terminalId, e.seq);
    for (const p of this.#projectors) if (p.handles(e.type)) p.apply(this.#db, e);
  }

  #anomaly(
    kind: StoreAnomaly['kind'],
    terminalId: string,
    seq: number,
    detail: Record<string, unknown>,
  ): void {
    this.#stmt.anomaly.run(kind, terminalId, seq, JSON.stringify(detail), this.#now());
  }

  head(terminalId: string): number {
    return (this.#stmt.head.get(terminalId) as number | undefined) ?? 0;
  }

  /** Highest seq held per terminal: what a peer needs to send us only what we lack. */
  vector(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.#stmt.heads.all() as Array<{ terminal_id: string; seq: number }>)
      out[r.terminal_id] = r.seq;
    return out;
  }

  /**
   * Events the holder of `vector` lacks, per terminal in seq order (so the receiver never sees a
   * gap), at most `limit` in all; `more` when some were held back.
   */
  since(vector: Readonly<Record<string, number>>, limit = 1000): { events: LoggedEvent[]; more: boolean } {
    const events: LoggedEvent[] = [];
    let more = false;
    for (const [terminalId, seq] of Object.entries(this.vector())) {
      const known = vector[terminalId] ?? 0;
      if (seq <= known) continue;
      const room = limit - events.length;
      if (room <= 0) {
        more = true;
        break;
      }
      const rows = this.#stmt.range.all(terminalId, known, room) as EventRow[];
      events.push(...rows.map(fromRow));
      if (known + rows.length < seq) more = true;
    }
    return { events, more };
  }

  /** Every event, in HLC order (for exports, audits and rebuilds; logs hold thousands, not millions). */
  all(filter: { type?: string } = {}): LoggedEvent[] {
    const rows = filter.type
      ? this.#db
          .prepare('SELECT terminal_id, seq, hlc, type, payload FROM events WHERE type = ? ORDER BY hlc')
          .all(filter.type)
      : this.#db.prepare('SELECT terminal_id, seq, hlc, type, payload FROM events ORDER BY hlc').all();
    return (rows as EventRow[]).map(fromRow);
  }

  count(): number {
    return this.#db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  }

  anomalies(): StoreAnomaly[] {
    const rows = this.#db
      .prepare('SELECT kind, terminal_id, seq, detail, at FROM store_anomalies ORDER BY id')
      .all() as Array<{
      kind: StoreAnomaly['kind'];
      terminal_id: string;
      seq: number;
      detail: string;
      at: number;
    }>;
    return rows.map((r) => ({
      kind: r.kind,
      terminalId: r.terminal_id,
      seq: r.seq,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      at: r.at,
    }));
  }

  /** Empties every projection and replays the whole log in HLC order. */
  rebuildProjections(): void {
    this.#db
      .transaction(() => {
        for (const p of this.#projectors) p.reset(this.#db);
        for (const e of this.all()) {
          for (const p of this.#projectors) if (p.handles(e.type)) p.apply(this.#db, e);
        }
      })
      .immediate();
  }
}
