import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from './errors.ts';
import { exportEventFile, importEventFile } from './event-file.ts';
import { Store } from './store.ts';
import { createTallyStore, pass, tally, TALLY_MODULE, tempDir, TEST_GROUP_SALT } from './test-support.ts';

let tmp: ReturnType<typeof tempDir>;
let n = 0;
const fresh = (terminal: string, group = 'grp1', passphrase?: string): Promise<Store> =>
  createTallyStore(join(tmp.dir, `s${n++}.db`), terminal, group, passphrase);
let a: Store;
let file: string;

beforeAll(async () => {
  tmp = tempDir();
  a = await fresh('A');
  for (const k of ['x', 'y', '山田']) a.events.append('test.add', { key: k });
  file = join(tmp.dir, 'a.events');
  exportEventFile(a, file);
});
afterAll(() => {
  a.close();
  tmp.cleanup();
});

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e.code;
    throw e;
  }
  return undefined;
}

describe('event files', () => {
  it('carry events to another terminal; a second import adds nothing', async () => {
    const b = await fresh('B');
    expect(importEventFile(b, file)).toMatchObject({ from: 'A', added: 3, duplicates: 0 });
    expect(importEventFile(b, file)).toMatchObject({ added: 0, duplicates: 3 });
    expect(tally(b)).toEqual({ x: 1, y: 1, 山田: 1 });
    b.close();
  });

  it('relay events transitively (A → B → C)', async () => {
    const b = await fresh('B');
    importEventFile(b, file);
    b.events.append('test.add', { key: 'z' });
    const relay = join(tmp.dir, 'b.events');
    exportEventFile(b, relay);
    const c = await fresh('C');
    expect(importEventFile(c, relay).added).toBe(4);
    expect(c.events.vector()).toEqual({ A: 3, B: 1 });
    b.close();
    c.close();
  });

  it('do not show personal text in plain form', async () => {
    expect(readFileSync(file).includes(Buffer.from('山田'))).toBe(false);
    expect(readFileSync(file, 'utf8')).toMatch(/^KAKANAI-EVENTS\/1\n/);
  });

  it('refuse any changed byte in the header or the body, before importing anything', async () => {
    const text = readFileSync(file, 'utf8');
    const [magic, header, body] = text.split('\n') as [string, string, string];
    const b = await fresh('B');
    const flipBody = body.slice(0, 40) + (body[40] === 'A' ? 'B' : 'A') + body.slice(41);
    writeFileSync(join(tmp.dir, 't1'), `${magic}\n${header}\n${flipBody}\n`);
    expect(code(() => importEventFile(b, join(tmp.dir, 't1')))).toBe('TAMPERED');
    const h = JSON.parse(header) as { from: string };
    writeFileSync(join(tmp.dir, 't2'), `${magic}\n${JSON.stringify({ ...h, from: 'Z' })}\n${body}\n`);
    expect(code(() => importEventFile(b, join(tmp.dir, 't2')))).toBe('TAMPERED');
    writeFileSync(join(tmp.dir, 't3'), `${magic}\n${header}\n${body.slice(0, -8)}\n`);
    expect(code(() => importEventFile(b, join(tmp.dir, 't3')))).toBe('TAMPERED');
    // Lines appended after the sealed body (unauthenticated data riding along).
    writeFileSync(join(tmp.dir, 't5'), `${text}{"extra":"line"}\n`);
    expect(code(() => importEventFile(b, join(tmp.dir, 't5')))).toBe('TAMPERED');
    writeFileSync(join(tmp.dir, 't4'), 'hello\n');
    expect(code(() => importEventFile(b, join(tmp.dir, 't4')))).toBe('BAD_EVENT_FILE');
    expect(b.events.count()).toBe(0);
    b.close();
  });

  it('refuse a file of another group, and a file made with another passphrase', async () => {
    const other = await fresh('B', 'grp2');
    expect(code(() => importEventFile(other, file))).toBe('WRONG_GROUP');
    other.close();
    const otherPass = await fresh('B', 'grp1', 'another passphrase');
    expect(code(() => importEventFile(otherPass, file))).toBe('TAMPERED');
    otherPass.close();
  });

  it('refuse a file of the same group and passphrase set up without its set-up code (random group salt)', async () => {
    // Someone who knows the election's name, date and even the passphrase, but not the group's
    // set-up code, derives another key: the file does not open.
    const secret = pass();
    const guessed = await Store.create(join(tmp.dir, `s${n++}.db`), secret, {
      terminalId: 'B',
      groupId: 'grp1',
      kind: 'tally',
      modules: [TALLY_MODULE],
    });
    secret.dispose();
    expect(guessed.groupSalt).toMatch(/^[0-9a-f]{32}$/);
    expect(guessed.groupSalt).not.toBe(TEST_GROUP_SALT);
    expect(code(() => importEventFile(guessed, file))).toBe('TAMPERED');
    guessed.close();
    const bad = pass();
    await expect(
      Store.create(join(tmp.dir, 'bad-salt.db'), bad, {
        terminalId: 'B',
        groupId: 'grp1',
        groupSalt: 'grp1',
        kind: 'tally',
        modules: [TALLY_MODULE],
      }),
    ).rejects.toMatchObject({ code: 'BAD_GROUP_SALT' });
    bad.dispose();
  });
});
