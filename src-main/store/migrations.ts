/**
 * Schema migrations per module. The store core and each mode (election, shelter, fare) own their
 * tables and number their migrations 1, 2, 3…; a module's applied version is recorded in
 * `store_migrations`, and everything pending runs in one transaction when the store opens.
 */
import { StoreError } from './errors.ts';
import type { Db } from './sqlite.ts';

export interface Migration {
  version: number;
  /** SQL script, or a function for migrations that need code. */
  up: string | ((db: Db) => void);
}

export interface ModuleSchema {
  /** Unique module name: 'store', 'election', 'shelter', … */
  name: string;
  migrations: readonly Migration[];
}

const BOOTSTRAP = `CREATE TABLE IF NOT EXISTS store_migrations (
  module TEXT NOT NULL PRIMARY KEY,
  version INTEGER NOT NULL,
  applied_at INTEGER NOT NULL
) WITHOUT ROWID`;

export function appliedVersion(db: Db, module: string): number {
  const row = db.prepare('SELECT version FROM store_migrations WHERE module = ?').get(module) as
    { version: number } | undefined;
  return row?.version ?? 0;
}

export function migrate(db: Db, modules: readonly ModuleSchema[], now: () => number = Date.now): void {
  db.transaction(() => {
    db.exec(BOOTSTRAP);
    for (const mod of modules) {
      const sorted = [...mod.migrations].sort((a, b) => a.version - b.version);
      sorted.forEach((m, i) => {
        if (m.version !== i + 1) throw new Error(`${mod.name}: migrations must be numbered 1..n`);
      });
      const current = appliedVersion(db, mod.name);
      if (current > sorted.length) {
        throw new StoreError(
          'SCHEMA_TOO_NEW',
          `${mod.name} is at version ${current}, this build knows ${sorted.length}`,
        );
      }
      for (const m of sorted.slice(current)) {
        if (typeof m.up === 'string') db.exec(m.up);
        else m.up(db);
      }
      if (sorted.length > current) {
        db.prepare(
          `INSERT INTO store_migrations (module, version, applied_at) VALUES (?, ?, ?)
           ON CONFLICT(module) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at`,
        ).run(mod.name, sorted.length, now());
      }
    }
  }).immediate();
}
