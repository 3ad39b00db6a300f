/**
 * Event files: how terminals without a network exchange events (a USB stick between desks, or
 * from the 期日前 station to election-day terminals).
 *
 * Format (text, three lines):
 *   KAKANAI-EVENTS/1
 *   {"groupId":…,"kind":…,"from":…,"createdAt":…,"count":…,"vector":{…}}   ← header, readable
 *   base64( AES-256-GCM( JSON array of events ) )                            ← sealed body
 * The body is encrypted and authenticated under a key derived from the group key, with the first
 * two lines as additional authenticated data: a lost stick reveals nothing, and any changed byte
 * (header or body) or a file from another group is refused before a single event is read.
 *
 * A file carries every event its terminal holds (its own and those it received), so files can be
 * carried on transitively; importing is idempotent by (terminal_id, seq).
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { StoreError } from './errors.ts';
import type { IngestReport, LoggedEvent } from './event-log.ts';
import { seal, unseal } from './keys.ts';
import type { Store } from './store.ts';

const MAGIC = 'KAKANAI-EVENTS/1';
const MAX_FILE_BYTES = 256 * 1024 * 1024;

const HeaderSchema = z.object({
  groupId: z.string(),
  kind: z.string(),
  from: z.string(),
  createdAt: z.number(),
  count: z.number().int().nonnegative(),
  vector: z.record(z.string(), z.number().int().nonnegative()),
});

export type EventFileHeader = z.infer<typeof HeaderSchema>;

export interface ExportResult {
  path: string;
  count: number;
  vector: Record<string, number>;
}

/** Writes the file atomically (temp file, fsync, rename): a pulled stick never holds half a file. */
function writeFileDurably(path: string, text: string): void {
  const tmp = `${path}.partial`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export function encodeEventFile(store: Store, events: readonly LoggedEvent[], now = Date.now()): string {
  const header: EventFileHeader = {
    groupId: store.groupId,
    kind: store.kind,
    from: store.terminalId,
    createdAt: now,
    count: events.length,
    vector: store.events.vector(),
  };
  const head = `${MAGIC}\n${JSON.stringify(header)}`;
  const key = store.subkey('event-file/v1');
  try {
    const body = seal(key, Buffer.from(head, 'utf8'), Buffer.from(JSON.stringify(events), 'utf8'));
    return `${head}\n${body.toString('base64')}\n`;
  } finally {
    key.fill(0);
  }
}

export function exportEventFile(store: Store, path: string): ExportResult {
  const events = store.events.all();
  writeFileDurably(path, encodeEventFile(store, events));
  return { path, count: events.length, vector: store.events.vector() };
}

/** Verifies and opens a file's content; throws TAMPERED / WRONG_GROUP / BAD_EVENT_FILE. */
export function decodeEventFile(store: Store, text: string): { header: EventFileHeader; events: unknown[] } {
  const lines = text.split('\n');
  if (lines[0] !== MAGIC || lines.length < 3)
    throw new StoreError('BAD_EVENT_FILE', 'not a kakanai event file');
  let header: EventFileHeader;
  try {
    header = HeaderSchema.parse(JSON.parse(lines[1]!));
  } catch {
    throw new StoreError('BAD_EVENT_FILE', 'unreadable header');
  }
  if (header.groupId !== store.groupId || header.kind !== store.kind) {
    throw new StoreError('WRONG_GROUP', `file is for ${header.kind} ${header.groupId}`);
  }
  // Nothing may follow the sealed body (it would be unauthenticated data riding along).
  if (lines.length > 4 || (lines.length === 4 && lines[3] !== '')) {
    throw new StoreError('TAMPERED', 'data after the sealed body');
  }
  const body = lines[2]!;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new StoreError('TAMPERED', 'body is not base64');
  const key = store.subkey('event-file/v1');
  let plain: Buffer;
  try {
    plain = unseal(key, Buffer.from(`${lines[0]}\n${lines[1]}`, 'utf8'), Buffer.from(body, 'base64'));
  } finally {
    key.fill(0);
  }
  let events: unknown;
  try {
    events = JSON.parse(plain.toString('utf8'));
  } catch {
    throw new StoreError('BAD_EVENT_FILE', 'body is not JSON');
  }
  if (!Array.isArray(events) || events.length !== header.count) {
    throw new StoreError('BAD_EVENT_FILE', 'event count does not match the header');
  }
  return { header, events };
}

export function importEventFile(store: Store, path: string): IngestReport & { from: string } {
  const buf = readFileSync(path);
  if (buf.length > MAX_FILE_BYTES) throw new StoreError('BAD_EVENT_FILE', 'file too large');
  const { header, events } = decodeEventFile(store, buf.toString('utf8'));
  return { from: header.from, ...store.events.ingest(events) };
}
