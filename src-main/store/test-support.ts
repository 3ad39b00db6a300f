/**
 * Test helpers for the store: temporary store files and a tiny order-independent module
 * ("tally": counts `test.add` events per key) to exercise projections without a real mode.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret } from '../card/secret.ts';
import type { LoggedEvent } from './event-log.ts';
import type { Db } from './sqlite.ts';
import { Store, type StoreModule } from './store.ts';

export const TALLY_MODULE: StoreModule = {
  name: 'tally',
  migrations: [
    { version: 1, up: 'CREATE TABLE tally (key TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID' },
  ],
  projector: {
    name: 'tally',
    handles: (type) => type === 'test.add',
    apply(db: Db, e: LoggedEvent) {
      const { key } = JSON.parse(e.payload) as { key: string };
      db.prepare('INSERT INTO tally (key, n) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET n = n + 1').run(
        key,
      );
    },
    reset(db: Db) {
      db.exec('DELETE FROM tally');
    },
  },
};

export function tempDir(prefix = 'kakanai-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const pass = (s = 'correct horse battery') => Secret.fromString(s);

/** One salt for every test group, so terminals created with the same group id share a key. */
export const TEST_GROUP_SALT = '7e57a1107e57a1107e57a1107e57a110';

export async function createTallyStore(
  path: string,
  terminalId: string,
  groupId = 'grp1',
  passphrase = 'correct horse battery',
): Promise<Store> {
  const secret = pass(passphrase);
  try {
    return await Store.create(path, secret, {
      terminalId,
      groupId,
      groupSalt: TEST_GROUP_SALT,
      kind: 'tally',
      modules: [TALLY_MODULE],
    });
  } finally {
    secret.dispose();
  }
}

export function tally(store: Store): Record<string, number> {
  const rows = store.db.prepare('SELECT key, n FROM tally ORDER BY key').all() as Array<{
    key: string;
    n: number;
  }>;
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}
