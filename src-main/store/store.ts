/**
 * The shared, mode-agnostic store: one encrypted SQLite file per terminal holding the mode's
 * reference data (a voter roll, a household list…), the append-only event log and the
 * projections. Election, shelter and fare modes plug in as modules (their migrations and a
 * projector); the store itself knows nothing about voters or rides.
 *
 * Identity: a store belongs to one terminal (`terminalId`) of one group (`groupId`, e.g. an
 * election) and one mode (`kind`). Terminals of a group exchange events; the group key that
 * authenticates and encrypts those exchanges is derived from the passphrase, the group id and the
 * group's random salt when the store is created (see keys.ts) and is kept inside the encrypted
 * file. Opening and creating are async: both keys are derived off the main thread.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Secret } from '../card/secret.ts';
import { StoreError } from './errors.ts';
import { EventLog, assertId, type Projector } from './event-log.ts';
import { deriveGroupKey, newGroupSalt, subkey, type SubkeyPurpose } from './keys.ts';
import { migrate, type ModuleSchema } from './migrations.ts';
import { STORE_SCHEMA } from './schema.ts';
import { openEncryptedDb, type Db } from './sqlite.ts';

export interface StoreModule extends ModuleSchema {
  projector?: Projector;
}

export interface CreateStoreOptions {
  terminalId: string;
  groupId: string;
  /**
   * The group's salt (keys.ts): absent for the group's first terminal, which draws it; every other
   * terminal of the group is created with the first one's (its `groupSalt`).
   */
  groupSalt?: string;
  /** The mode that owns the store: 'election', 'shelter', 'fare'. */
  kind: string;
  modules: readonly StoreModule[];
  now?: () => number;
}

export interface OpenStoreOptions {
  modules: readonly StoreModule[];
  /** When given, a store of another kind is refused with WRONG_STORE. */
  kind?: string;
  now?: () => number;
}

/** Removes a store's files (the database and its WAL), e.g. after a failed set-up. */
export function removeStoreFiles(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
}

/** A new store's passphrase: at least this many characters (a lost USB file is attacked offline). */
export const MIN_PASSPHRASE_CHARS = 12;

/** Characters in a UTF-8 secret, counted without turning it into a string. */
function passphraseLength(passphrase: Secret): number {
  return passphrase.use((b) => b.reduce((n, byte) => n + ((byte & 0xc0) !== 0x80 ? 1 : 0), 0));
}

export class Store {
  readonly events: EventLog;
  readonly terminalId: string;
  readonly groupId: string;
  /** The group's set-up code: other terminals of the group are created with it. */
  readonly groupSalt: string;
  readonly kind: string;
  readonly storeId: string;
  readonly #groupKey: Buffer;
  #closed = false;

  private constructor(
    readonly db: Db,
    readonly path: string,
    modules: readonly StoreModule[],
    now: () => number,
  ) {
    const meta = (k: string) => {
      const v = db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck().get(k) as string | undefined;
      if (v === undefined) throw new StoreError('WRONG_STORE', `missing ${k}: not an initialised store`);
      return v;
    };
    this.terminalId = meta('terminal_id');
    this.groupId = meta('group_id');
    this.groupSalt = meta('group_salt');
    this.kind = meta('kind');
    this.storeId = meta('store_id');
    this.#groupKey = Buffer.from(meta('group_key'), 'hex');
    const projectors = modules.flatMap((m) => (m.projector ? [m.projector] : []));
    this.events = new EventLog(db, this.terminalId, projectors, now);
  }

  static async create(path: string, passphrase: Secret, opts: CreateStoreOptions): Promise<Store> {
    if (passphraseLength(passphrase) < MIN_PASSPHRASE_CHARS) throw new StoreError('WEAK_PASSPHRASE');
    assertId(opts.terminalId, 'terminal id');
    assertId(opts.groupId, 'group id');
    const now = opts.now ?? Date.now;
    const groupSalt = opts.groupSalt ?? newGroupSalt();
    const groupKey = await deriveGroupKey(passphrase, opts.groupId, groupSalt);
    try {
      return await Store.#initialise(path, passphrase, opts, groupKey, groupSalt, now);
    } finally {
      groupKey.fill(0);
    }
  }

  /** Creates the file and writes the store's identity; a failure leaves no file behind. */
  static async #initialise(
    path: string,
    passphrase: Secret,
    opts: CreateStoreOptions,
    groupKey: Buffer,
    groupSalt: string,
    now: () => number,
  ): Promise<Store> {
    const db = await openEncryptedDb(path, passphrase, { create: true });
    try {
      migrate(db, [STORE_SCHEMA, ...opts.modules], now);
      const put = db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?)');
      db.transaction(() => {
        put.run('store_id', randomUUID());
        put.run('terminal_id', opts.terminalId);
        put.run('group_id', opts.groupId);
        put.run('group_salt', groupSalt);
        put.run('kind', opts.kind);
        put.run('group_key', groupKey.toString('hex'));
        put.run('created_at', String(now()));
      }).immediate();
      return new Store(db, path, opts.modules, now);
    } catch (e) {
      db.close();
      removeStoreFiles(path);
      throw e;
    }
  }

  static async open(path: string, passphrase: Secret, opts: OpenStoreOptions): Promise<Store> {
    const now = opts.now ?? Date.now;
    const db = await openEncryptedDb(path, passphrase, { create: false });
    try {
      const hasMeta = db
        .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'`)
        .pluck()
        .get();
      if (!hasMeta) throw new StoreError('WRONG_STORE', 'not an initialised store');
      migrate(db, [STORE_SCHEMA, ...opts.modules], now);
      const store = new Store(db, path, opts.modules, now);
      if (opts.kind !== undefined && store.kind !== opts.kind) {
        throw new StoreError('WRONG_STORE', `this is a ${store.kind} store, not ${opts.kind}`);
      }
      return store;
    } catch (e) {
      if (db.open) db.close();
      throw e;
    }
  }

  meta(key: string): string | undefined {
    return this.db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck().get(key) as
      string | undefined;
  }

  setMeta(key: string, value: string): void {
    if (['store_id', 'terminal_id', 'group_id', 'group_salt', 'kind', 'group_key'].includes(key)) {
      throw new Error(`store_meta ${key} is fixed at creation`);
    }
    this.db
      .prepare(
        `INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      )
      .run(key, value);
  }

  /** Runs fn in one write transaction (BEGIN IMMEDIATE: no other process can slip in between). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** A purpose-specific key derived from the group key. The caller should zero it after use. */
  subkey(purpose: SubkeyPurpose): Buffer {
    return subkey(this.#groupKey, purpose);
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#groupKey.fill(0);
    this.db.close();
  }
}
