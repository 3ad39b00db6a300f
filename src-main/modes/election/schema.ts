/**
 * The election module of the store: its tables and its projector.
 *
 * Reference data (not events): stations and the voter roll, imported identically on every
 * terminal of the election. Projections (from events): votes, undos, notes and conflicts.
 *
 * The projection is a function of the *set* of events (any arrival order gives the same tables):
 * - a vote is active unless some undo targets it; `undone_hlc` is the earliest such undo;
 * - a voter with two or more active votes has an OPEN conflict (recorded on two terminals that
 *   did not know of each other, e.g. across a partition or before a USB merge);
 * - a conflict stays listed as RESOLVED when an undo made while it was open (flagged
 *   `resolvesConflict`) brought the voter back to one active vote — the anomaly screen keeps
 *   the history; nothing is dropped silently.
 */
import type { Projector } from '../../store/event-log.ts';
import { preparedOn as stmt, type Db } from '../../store/sqlite.ts';
import { parsePayload } from '../../store/projection.ts';
import type { StoreModule } from '../../store/store.ts';
import { EVENT_NOTE, EVENT_UNDO, EVENT_VOTED, NotePayload, UndoPayload, VotedPayload } from './events.ts';

/** Secondary indexes on the roll: dropped during a bulk import and rebuilt after it. */
export const VOTER_INDEXES = [
  'CREATE INDEX IF NOT EXISTS election_voters_name ON election_voters (name_key, birth_date)',
  'CREATE INDEX IF NOT EXISTS election_voters_kana ON election_voters (kana_key)',
  'CREATE INDEX IF NOT EXISTS election_voters_birth ON election_voters (birth_date, kana_key)',
] as const;
export const VOTER_INDEX_NAMES = [
  'election_voters_name',
  'election_voters_kana',
  'election_voters_birth',
] as const;

const MIGRATION_1 = `
  CREATE TABLE election_stations (
    station_id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    -- JSON array of 投票区 codes served on election day; [] = every district (期日前 stations).
    districts TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE election_voters (
    roll_number TEXT NOT NULL PRIMARY KEY,
    district TEXT NOT NULL,
    name TEXT NOT NULL,
    kana TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    sex TEXT NOT NULL,
    address TEXT NOT NULL,
    name_key TEXT NOT NULL,
    kana_key TEXT NOT NULL,
    address_key TEXT NOT NULL,
    line INTEGER NOT NULL
  ) WITHOUT ROWID;
  ${VOTER_INDEXES.join(';\n')};

  CREATE TABLE election_votes (
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hlc TEXT NOT NULL,
    roll_number TEXT NOT NULL,
    station_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    reason TEXT,
    operator TEXT,
    at INTEGER NOT NULL,
    undone_hlc TEXT,
    PRIMARY KEY (terminal_id, seq)
  ) WITHOUT ROWID;
  CREATE INDEX election_votes_roll ON election_votes (roll_number);

  CREATE TABLE election_undos (
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hlc TEXT NOT NULL,
    roll_number TEXT NOT NULL,
    target_terminal TEXT NOT NULL,
    target_seq INTEGER NOT NULL,
    reason TEXT NOT NULL,
    operator TEXT NOT NULL,
    at INTEGER NOT NULL,
    resolves_conflict INTEGER NOT NULL,
    PRIMARY KEY (terminal_id, seq)
  ) WITHOUT ROWID;
  CREATE INDEX election_undos_target ON election_undos (target_terminal, target_seq);
  CREATE INDEX election_undos_roll ON election_undos (roll_number);

  CREATE TABLE election_notes (
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hlc TEXT NOT NULL,
    roll_number TEXT,
    text TEXT NOT NULL,
    operator TEXT,
    at INTEGER NOT NULL,
    PRIMARY KEY (terminal_id, seq)
  ) WITHOUT ROWID;

  CREATE TABLE election_conflicts (
    roll_number TEXT NOT NULL PRIMARY KEY,
    status TEXT NOT NULL,          -- 'open' | 'resolved'
    active INTEGER NOT NULL,
    total INTEGER NOT NULL
  ) WITHOUT ROWID;

  -- Remote events whose payload did not validate: kept in the log, reported, not projected.
  CREATE TABLE election_bad_events (
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    problem TEXT NOT NULL,
    PRIMARY KEY (terminal_id, seq)
  ) WITHOUT ROWID;
`;

function recomputeConflict(db: Db, rollNumber: string): void {
  const counts = stmt(
    db,
    `SELECT count(*) AS total, count(*) FILTER (WHERE undone_hlc IS NULL) AS active
       FROM election_votes WHERE roll_number = ?`,
  ).get(rollNumber) as { total: number; active: number };
  const flagged = stmt(
    db,
    'SELECT 1 FROM election_undos WHERE roll_number = ? AND resolves_conflict = 1 LIMIT 1',
  ).get(rollNumber);
  const status = counts.active >= 2 ? 'open' : flagged && counts.total >= 2 ? 'resolved' : undefined;
  if (status) {
    stmt(
      db,
      `INSERT INTO election_conflicts (roll_number, status, active, total) VALUES (?, ?, ?, ?)
       ON CONFLICT(roll_number) DO UPDATE SET status = excluded.status, active = excluded.active, total = excluded.total`,
    ).run(rollNumber, status, counts.active, counts.total);
  } else {
    stmt(db, 'DELETE FROM election_conflicts WHERE roll_number = ?').run(rollNumber);
  }
}

export const electionProjector: Projector = {
  name: 'election',
  handles: (type) => type === EVENT_VOTED || type === EVENT_UNDO || type === EVENT_NOTE,
  apply(db, e) {
    if (e.type === EVENT_VOTED) {
      const p = parsePayload(db, 'election_bad_events', e, VotedPayload);
      if (!p) return;
      const undone = (
        stmt(db, 'SELECT min(hlc) AS h FROM election_undos WHERE target_terminal = ? AND target_seq = ?').get(
          e.terminalId,
          e.seq,
        ) as { h: string | null }
      ).h;
      stmt(
        db,
        `INSERT INTO election_votes (terminal_id, seq, hlc, roll_number, station_id, kind, reason, operator, at, undone_hlc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        e.terminalId,
        e.seq,
        e.hlc,
        p.rollNumber,
        p.stationId,
        p.kind,
        p.reason ?? null,
        p.operator ?? null,
        p.at,
        undone,
      );
      recomputeConflict(db, p.rollNumber);
    } else if (e.type === EVENT_UNDO) {
      const p = parsePayload(db, 'election_bad_events', e, UndoPayload);
      if (!p) return;
      stmt(
        db,
        `INSERT INTO election_undos (terminal_id, seq, hlc, roll_number, target_terminal, target_seq, reason, operator, at, resolves_conflict)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        e.terminalId,
        e.seq,
        e.hlc,
        p.rollNumber,
        p.target.terminalId,
        p.target.seq,
        p.reason,
        p.operator,
        p.at,
        p.resolvesConflict ? 1 : 0,
      );
      stmt(
        db,
        `UPDATE election_votes SET undone_hlc = ?
         WHERE terminal_id = ? AND seq = ? AND (undone_hlc IS NULL OR undone_hlc > ?)`,
      ).run(e.hlc, p.target.terminalId, p.target.seq, e.hlc);
      recomputeConflict(db, p.rollNumber);
      const target = stmt(db, 'SELECT roll_number FROM election_votes WHERE terminal_id = ? AND seq = ?').get(
        p.target.terminalId,
        p.target.seq,
      ) as { roll_number: string } | undefined;
      if (target && target.roll_number !== p.rollNumber) recomputeConflict(db, target.roll_number);
    } else {
      const p = parsePayload(db, 'election_bad_events', e, NotePayload);
      if (!p) return;
      stmt(
        db,
        `INSERT INTO election_notes (terminal_id, seq, hlc, roll_number, text, operator, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(e.terminalId, e.seq, e.hlc, p.rollNumber ?? null, p.text, p.operator ?? null, p.at);
    }
  },
  reset(db) {
    db.exec(`DELETE FROM election_votes; DELETE FROM election_undos; DELETE FROM election_notes;
             DELETE FROM election_conflicts; DELETE FROM election_bad_events;`);
  },
};

export const ELECTION_MODULE: StoreModule = {
  name: 'election',
  migrations: [{ version: 1, up: MIGRATION_1 }],
  projector: electionProjector,
};
