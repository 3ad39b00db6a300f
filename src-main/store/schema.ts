/**
 * The store core's own tables: settings, the append-only event log with its per-terminal heads,
 * and store-level anomalies (forked sequences, gaps, clock skew).
 */
import type { ModuleSchema } from './migrations.ts';

export const STORE_SCHEMA: ModuleSchema = {
  name: 'store',
  migrations: [
    {
      version: 1,
      up: `
        CREATE TABLE store_meta (
          key TEXT NOT NULL PRIMARY KEY,
          value TEXT NOT NULL
        ) WITHOUT ROWID;

        -- One row per event ever seen, local or remote. (terminal_id, seq) is the identity;
        -- payload is kept as the exact JSON text received so digests agree on every terminal.
        CREATE TABLE events (
          terminal_id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          hlc TEXT NOT NULL,
          type TEXT NOT NULL,
          payload TEXT NOT NULL,
          digest TEXT NOT NULL,
          stored_at INTEGER NOT NULL,
          PRIMARY KEY (terminal_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX events_by_hlc ON events (hlc);
        CREATE INDEX events_by_type ON events (type, hlc);

        -- Append-only, enforced by the database itself.
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
          BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
          BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

        -- The highest contiguous seq held per terminal: the sync cursor ("vector").
        CREATE TABLE event_heads (
          terminal_id TEXT NOT NULL PRIMARY KEY,
          seq INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE store_anomalies (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          terminal_id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          detail TEXT NOT NULL,
          at INTEGER NOT NULL,
          UNIQUE (kind, terminal_id, seq)
        );
      `,
    },
  ],
};
