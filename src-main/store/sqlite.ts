/**
 * Opening the encrypted SQLite file.
 *
 * Encryption: SQLite3 Multiple Ciphers in SQLCipher 4 format (AES-256-CBC per page with an
 * HMAC-SHA512 per page; the key is derived from the passphrase by SQLCipher's own KDF,
 * PBKDF2-HMAC-SHA512 with 256,000 iterations and a random 16-byte salt kept in the first bytes of
 * the file — so there is no side file to lose, and the format can be audited with stock SQLCipher
 * tools). The passphrase bytes go from the Secret straight to sqlite3_key, never into a JS string.
 * The WAL file is encrypted the same way.
 *
 * Durability: WAL + synchronous=FULL — a transaction is on disk (fsync'd) before commit returns,
 * which covers a killed process *and* a power cut (blackouts are a real election-day hazard);
 * callers confirm an action only after commit returns.
 */
import { chmodSync, closeSync, existsSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Secret } from '../card/secret.ts';
import { isSqliteCorruption, StoreError } from './errors.ts';

export type Db = Database.Database;

const PLAIN_SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function sqliteCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Every page read and checked (b-trees, and each page's HMAC as it is decrypted): a damaged store
 * is refused at open, closed, and never written to — not found later by a vote that half-lands.
 */
function checkIntegrity(db: Db, path: string): void {
  let problem: string | undefined;
  try {
    const rows = db.pragma('quick_check(5)') as Array<{ quick_check: string }>;
    if (rows.length !== 1 || rows[0]!.quick_check !== 'ok')
      problem = rows.map((r) => r.quick_check).join('; ');
  } catch (e) {
    if (!isSqliteCorruption(e)) {
      db.close();
      throw e;
    }
    problem = e instanceof Error ? e.message : String(e);
  }
  if (problem !== undefined) {
    db.close();
    throw new StoreError('STORE_CORRUPT', `${path}: ${problem}`);
  }
}

/**
 * Opens (create=false) or creates (create=true) an encrypted database. A wrong passphrase is
 * detected on the first read and reported as WRONG_PASSPHRASE; nothing is written to the file
 * before the key has been proven, so a wrong passphrase can never damage it.
 */
export function openEncryptedDb(path: string, passphrase: Secret, opts: { create: boolean }): Db {
  const exists = existsSync(path);
  if (opts.create && exists) throw new StoreError('STORE_EXISTS', path);
  if (!opts.create && !exists) throw new StoreError('STORE_MISSING', path);
  if (exists && readHeader(path).equals(PLAIN_SQLITE_MAGIC)) throw new StoreError('NOT_ENCRYPTED', path);

  const db = new Database(path, { fileMustExist: !opts.create });
  // Owner only, before the WAL exists (SQLite gives the WAL and -shm the database's mode).
  if (process.platform !== 'win32') chmodSync(path, 0o600);
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    passphrase.use((bytes) => db.key(bytes));
    // First read: decrypts page 1 or fails with SQLITE_NOTADB.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    db.close();
    if (sqliteCode(e) === 'SQLITE_NOTADB') throw new StoreError('WRONG_PASSPHRASE');
    throw e;
  }
  if (exists) checkIntegrity(db, path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Bulk imports build big indexes; give them memory instead of temp files.
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  return db;
}
