/**
 * Opening the encrypted SQLite file.
 *
 * Encryption: SQLite3 Multiple Ciphers in SQLCipher 4 format (AES-256-CBC per page with an
 * HMAC-SHA512 per page; the key is SQLCipher 4's, PBKDF2-HMAC-SHA512 with 256,000 iterations and
 * a random 16-byte salt kept in the first bytes of the file — so there is no side file to lose,
 * and the format can be audited with stock SQLCipher tools). We run that KDF ourselves, on libuv's
 * thread pool, and hand SQLCipher the raw key with its salt: 256,000 iterations take 100–300 ms,
 * and inside sqlite3_key they would stop every other call (and the screen's) for that long, at
 * every open and every wrong try. The passphrase bytes never become a JS string. The WAL file is
 * encrypted the same way.
 *
 * Durability: WAL + synchronous=FULL — a transaction is on disk (fsync'd) before commit returns,
 * which covers a killed process *and* a power cut (blackouts are a real election-day hazard);
 * callers confirm an action only after commit returns.
 */
import { pbkdf2, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, readSync } from 'node:fs';
import { promisify } from 'node:util';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Secret } from '../card/secret.ts';
import { isSqliteCorruption, StoreError } from './errors.ts';

export type Db = Database.Database;

const PLAIN_SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** SQLCipher 4 defaults (what `legacy=4` selects): the file's salt and the page key. */
const SALT_BYTES = 16;
const KDF_ITERATIONS = 256_000;
const KEY_BYTES = 32;

const pbkdf2Async = promisify(pbkdf2);

/**
 * SQLCipher's raw-key form, `x'<key hex><salt hex>'`, as bytes: the key is used as is (no KDF in
 * SQLite), and a new file gets the salt in its first bytes, so stock SQLCipher opening the file
 * with the passphrase derives the same key.
 */
async function rawKey(passphrase: Secret, salt: Buffer): Promise<Buffer> {
  const key = await passphrase.useCopy((bytes) =>
    pbkdf2Async(bytes, salt, KDF_ITERATIONS, KEY_BYTES, 'sha512'),
  );
  const raw = Buffer.from(`x'${key.toString('hex')}${salt.toString('hex')}'`, 'latin1');
  key.fill(0);
  return raw;
}

/** A store to create must not exist yet; one to open must. */
function assertPresence(path: string, create: boolean): void {
  const exists = existsSync(path);
  if (create && exists) throw new StoreError('STORE_EXISTS', path);
  if (!create && !exists) throw new StoreError('STORE_MISSING', path);
}

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
export async function openEncryptedDb(
  path: string,
  passphrase: Secret,
  opts: { create: boolean },
): Promise<Db> {
  assertPresence(path, opts.create);
  const header = opts.create ? undefined : readHeader(path);
  if (header?.equals(PLAIN_SQLITE_MAGIC)) throw new StoreError('NOT_ENCRYPTED', path);
  // An existing file's salt is its first 16 bytes (a file shorter than that is no store: the key
  // derived from whatever is there fails the first read, as a wrong passphrase would).
  const salt = header
    ? Buffer.concat([header, Buffer.alloc(SALT_BYTES)]).subarray(0, SALT_BYTES)
    : randomBytes(SALT_BYTES);
  const key = await rawKey(passphrase, salt);
  // Again: the file may have appeared or gone while the key was derived.
  assertPresence(path, opts.create);

  const db = new Database(path, { fileMustExist: !opts.create });
  // Owner only, before the WAL exists (SQLite gives the WAL and -shm the database's mode).
  if (process.platform !== 'win32') chmodSync(path, 0o600);
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.key(key);
    // First read: decrypts page 1 or fails with SQLITE_NOTADB.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    db.close();
    if (sqliteCode(e) === 'SQLITE_NOTADB') throw new StoreError('WRONG_PASSPHRASE');
    throw e;
  } finally {
    key.fill(0);
  }
  if (!opts.create) checkIntegrity(db, path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Bulk imports build big indexes; give them memory instead of temp files.
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  return db;
}

type Statement = Database.Statement<unknown[], unknown>;
const preparedByDb = new WeakMap<Db, Map<string, Statement>>();

/** A statement prepared once per connection (projectors run for every ingested event). */
export function preparedOn(db: Db, sql: string): Statement {
  let byText = preparedByDb.get(db);
  if (!byText) preparedByDb.set(db, (byText = new Map()));
  let s = byText.get(sql);
  if (!s) byText.set(sql, (s = db.prepare(sql)));
  return s;
}
