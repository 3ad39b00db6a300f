import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from './errors.ts';
import { Store } from './store.ts';
import { TALLY_MODULE, createTallyStore, pass, tally, tempDir } from './test-support.ts';
import { sha256Hex } from './keys.ts';

let tmp: ReturnType<typeof tempDir>;
beforeEach(async () => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

async function open(path: string, passphrase = 'correct horse battery', kind?: string): Promise<Store> {
  const s = pass(passphrase);
  try {
    return await Store.open(path, s, { modules: [TALLY_MODULE], ...(kind ? { kind } : {}) });
  } finally {
    s.dispose();
  }
}

async function storeCode(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof StoreError) return e.code;
    throw e;
  }
  return undefined;
}

describe('encrypted store', () => {
  it('creates, closes and reopens with its identity and data', async () => {
    const path = join(tmp.dir, 'a.db');
    const s = await createTallyStore(path, 'desk-1', 'election-x');
    s.events.append('test.add', { key: 'k' });
    s.setMeta('station', 'st-1');
    // The store and its WAL are the owner's alone.
    if (process.platform !== 'win32') {
      for (const f of [path, `${path}-wal`]) expect(statSync(f).mode & 0o777, f).toBe(0o600);
    }
    s.close();
    const again = await open(path);
    expect([again.terminalId, again.groupId, again.kind]).toEqual(['desk-1', 'election-x', 'tally']);
    expect(again.meta('station')).toBe('st-1');
    expect(tally(again)).toEqual({ k: 1 });
    again.close();
  });

  it('is a stock SQLCipher 4 file: SQLCipher’s own KDF opens it with the passphrase', async () => {
    const path = join(tmp.dir, 'a.db');
    const s = await createTallyStore(path, 'desk-1');
    s.events.append('test.add', { key: 'k' });
    s.close();
    const db = new Database(path, { fileMustExist: true });
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.key(Buffer.from('correct horse battery'));
    expect(db.prepare('SELECT n FROM tally WHERE key = ?').pluck().get('k')).toBe(1);
    db.close();
  });

  it('derives its keys off the main thread: other work goes on while a store opens', async () => {
    const path = join(tmp.dir, 'a.db');
    (await createTallyStore(path, 'desk-1')).close();
    // Turns of the event loop while the open is pending: none at all if the KDF (256,000 rounds
    // of PBKDF2) ran on the main thread, as it did inside sqlite3_key.
    let turns = 0;
    let opening = true;
    const spin = (): void => {
      turns += 1;
      if (opening) setImmediate(spin);
    };
    setImmediate(spin);
    const store = await open(path);
    opening = false;
    store.close();
    expect(turns).toBeGreaterThan(20);
  });

  it('a wrong passphrase is WRONG_PASSPHRASE and leaves the file byte-for-byte unchanged', async () => {
    const path = join(tmp.dir, 'a.db');
    const s = await createTallyStore(path, 'desk-1');
    s.events.append('test.add', { key: 'k' });
    s.close();
    const before = sha256Hex(readFileSync(path));
    expect(await storeCode(() => open(path, 'wrong passphrase'))).toBe('WRONG_PASSPHRASE');
    expect(await storeCode(() => open(path, 'correct horse batterY'))).toBe('WRONG_PASSPHRASE');
    expect(sha256Hex(readFileSync(path))).toBe(before);
    const ok = await open(path);
    expect(tally(ok)).toEqual({ k: 1 });
    ok.close();
  });

  it('a damaged page is STORE_CORRUPT at open, and the damaged file is never written', async () => {
    const path = join(tmp.dir, 'a.db');
    const s = await createTallyStore(path, 'desk-1');
    for (let i = 0; i < 300; i++) s.events.append('test.add', { key: `k${i % 40}` });
    s.close();
    const bytes = readFileSync(path);
    const pages = bytes.length / 4096;
    expect(pages).toBeGreaterThan(4);
    // Four bytes overwritten in the middle of a page in the middle of the file.
    const at = Math.floor(pages / 2) * 4096 + 2000;
    bytes.writeUInt32BE(0xdeadbeef, at);
    writeFileSync(path, bytes);
    const damaged = sha256Hex(bytes);
    const e = await (async () => {
      try {
        await open(path);
      } catch (err) {
        return err as StoreError;
      }
      throw new Error('opened a damaged store');
    })();
    expect(e.code).toBe('STORE_CORRUPT');
    expect(e.messageJa).toContain('merge');
    expect(sha256Hex(readFileSync(path))).toBe(damaged);
    expect(existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`).length : 0).toBe(0);
  });

  it('a wrong passphrase on a store left with a WAL (crash state) does not damage it', async () => {
    const path = join(tmp.dir, 'live.db');
    const s = await createTallyStore(path, 'desk-1');
    for (let i = 0; i < 20; i++) s.events.append('test.add', { key: `k${i % 4}` });
    // Copy the files while the connection is open: exactly what a crash leaves behind.
    const copy = join(tmp.dir, 'crashed.db');
    for (const suffix of ['', '-wal']) {
      if (existsSync(path + suffix)) writeFileSync(copy + suffix, readFileSync(path + suffix));
    }
    s.close();
    expect(existsSync(`${copy}-wal`)).toBe(true);
    const walBefore = sha256Hex(readFileSync(`${copy}-wal`));
    expect(await storeCode(() => open(copy, 'wrong passphrase'))).toBe('WRONG_PASSPHRASE');
    expect(await storeCode(() => open(copy, 'wrong again'))).toBe('WRONG_PASSPHRASE');
    if (existsSync(`${copy}-wal`)) expect(sha256Hex(readFileSync(`${copy}-wal`))).toBe(walBefore);
    const ok = await open(copy);
    expect(ok.events.count()).toBe(20);
    expect(tally(ok)).toEqual({ k0: 5, k1: 5, k2: 5, k3: 5 });
    expect(ok.db.pragma('integrity_check', { simple: true })).toBe('ok');
    ok.close();
  });

  it('keeps no personal text in plain form on disk (database and WAL, open and closed)', async () => {
    const path = join(tmp.dir, 'a.db');
    const s = await createTallyStore(path, 'desk-1');
    const name = '髙橋﨑子 TAKAHASHI-SAKIKO';
    s.events.append('test.add', { key: name });
    const needles = [
      Buffer.from(name, 'utf8'),
      Buffer.from('TAKAHASHI-SAKIKO', 'utf8'),
      Buffer.from('test.add'),
    ];
    const files = [path, `${path}-wal`].filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) for (const n of needles) expect(readFileSync(f).includes(n)).toBe(false);
    s.close();
    for (const n of needles) expect(readFileSync(path).includes(n)).toBe(false);
    // Control: the same text is visible in an unencrypted SQLite file, so the check can fail.
    const plain = new Database(join(tmp.dir, 'plain.db'));
    plain.exec('CREATE TABLE t (x TEXT)');
    plain.prepare('INSERT INTO t VALUES (?)').run(name);
    plain.close();
    expect(readFileSync(join(tmp.dir, 'plain.db')).includes(needles[0]!)).toBe(true);
  });

  it('a new store needs a passphrase of at least 12 characters (Japanese ones count as one each)', async () => {
    const short = join(tmp.dir, 'short.db');
    expect(await storeCode(() => createTallyStore(short, 'desk-1', 'g', 'x'))).toBe('WEAK_PASSPHRASE');
    expect(
      await storeCode(async () =>
        (await createTallyStore(short, 'desk-1', 'g', '選挙管理委員会の合言葉です')).close(),
      ),
    ).toBeUndefined();
    expect(existsSync(join(tmp.dir, 'never.db'))).toBe(false);
  });

  it('refuses an unencrypted database, a missing file and an existing file on create', async () => {
    const plainPath = join(tmp.dir, 'plain.db');
    const plain = new Database(plainPath);
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    expect(await storeCode(() => open(plainPath))).toBe('NOT_ENCRYPTED');
    expect(await storeCode(() => open(join(tmp.dir, 'none.db')))).toBe('STORE_MISSING');
    const path = join(tmp.dir, 'a.db');
    (await createTallyStore(path, 'desk-1')).close();
    expect(await storeCode(() => createTallyStore(path, 'desk-2'))).toBe('STORE_EXISTS');
    writeFileSync(join(tmp.dir, 'junk.db'), Buffer.alloc(4096, 7));
    expect(await storeCode(() => open(join(tmp.dir, 'junk.db')))).toBe('WRONG_PASSPHRASE');
  });

  it('refuses a store of another kind and malformed ids', async () => {
    const path = join(tmp.dir, 'a.db');
    (await createTallyStore(path, 'desk-1')).close();
    expect(await storeCode(() => open(path, undefined, 'election'))).toBe('WRONG_STORE');
    expect(await storeCode(() => createTallyStore(join(tmp.dir, 'b.db'), 'desk 1'))).toBe('INVALID_ID');
    expect(existsSync(join(tmp.dir, 'b.db'))).toBe(false);
  });

  it('the event table is append-only at the database level', async () => {
    const s = await createTallyStore(join(tmp.dir, 'a.db'), 'desk-1');
    s.events.append('test.add', { key: 'k' });
    expect(() => s.db.prepare(`UPDATE events SET type = 'x'`).run()).toThrow(/append-only/);
    expect(() => s.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    s.close();
  });

  it('an event and its projection commit or roll back together', async () => {
    const s = await createTallyStore(join(tmp.dir, 'a.db'), 'desk-1');
    expect(() =>
      s.transaction(() => {
        s.events.append('test.add', { key: 'k' });
        throw new Error('operator cancelled');
      }),
    ).toThrow('operator cancelled');
    expect(s.events.count()).toBe(0);
    expect(tally(s)).toEqual({});
    expect(s.events.append('test.add', { key: 'k' }).seq).toBe(1);
    s.close();
  });
});
