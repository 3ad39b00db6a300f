/**
 * The kiosk's way to the counter's inbox: a visit's signed applications go to a folder (local or a
 * network share from the terminal configuration) as `<inbox>/<visit>/` with one PDF per
 * application and `manifest.json`. Written atomically: into a hidden `.partial-…` folder first,
 * every file synced, then renamed into place — the counter never sees half a visit.
 *
 * When the inbox cannot be reached (the share is down, the cable out), the visit is kept in a
 * queue on the kiosk **encrypted** (AES-256-GCM with the terminal's queue key, a 0600 file beside
 * its configuration) until `flush()` delivers it; then nothing of it stays on the kiosk.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, MANIFEST_FORMAT, ManifestSchema, type Manifest } from './manifest.ts';

export interface OutgoingApplication {
  formId: string;
  title: string;
  pdf: Uint8Array;
  /** ISO time of the signature. */
  signedAt: string;
  certificate: { serial: string; issuer: string; notBefore: string; notAfter: string };
}

export interface OutboxOptions {
  /** The counter's inbox folder. */
  inboxDir: string;
  /** Where undeliverable visits wait, encrypted. */
  queueDir: string;
  /** The queue key (32 random bytes, created 0600 on first use). */
  keyFile: string;
  terminalId: string;
  now?: () => Date;
}

export type SendResult =
  | { delivered: true; visitId: string; dir: string; files: number }
  | { delivered: false; queued: true; visitId: string; reason: string };

const QUEUE_MAGIC = Buffer.from('KQ1\n', 'latin1');
const QUEUE_SUFFIX = '.kq';

function writeSynced(path: string, data: Uint8Array | string, mode = 0o600): void {
  const fd = openSync(path, 'wx', mode);
  try {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some network shares cannot sync a directory; the files themselves are synced.
  }
}

const errText = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

export class Outbox {
  readonly #o: OutboxOptions;

  constructor(options: OutboxOptions) {
    this.#o = options;
  }

  /** Delivers a visit (or queues it, encrypted, when the inbox cannot be reached). */
  send(visitId: string, apps: readonly OutgoingApplication[]): SendResult {
    const now = (this.#o.now ?? (() => new Date()))();
    const files = apps.map((a, i) => ({
      name: `${String(i + 1).padStart(2, '0')}-${a.formId.replace(/[^0-9A-Za-z_-]/g, '_')}.pdf`,
      bytes: a.pdf,
    }));
    const manifest: Manifest = ManifestSchema.parse({
      format: MANIFEST_FORMAT,
      visitId,
      terminalId: this.#o.terminalId,
      createdAt: now.toISOString(),
      applications: apps.map((a, i) => ({
        file: files[i]!.name,
        formId: a.formId,
        title: a.title,
        sha256: createHash('sha256').update(a.pdf).digest('hex'),
        bytes: a.pdf.length,
        signedAt: a.signedAt,
        certificate: a.certificate,
      })),
    });
    try {
      const dir = this.#deliver(manifest, files);
      return { delivered: true, visitId, dir, files: files.length };
    } catch (e) {
      this.#enqueue(manifest, files);
      return { delivered: false, queued: true, visitId, reason: errText(e) };
    }
  }

  /** Visits waiting in the queue. */
  queued(): number {
    return this.#queueFiles().length;
  }

  /** Tries to deliver every queued visit; a delivered one leaves nothing behind. */
  flush(): { delivered: string[]; waiting: number; reason?: string } {
    const delivered: string[] = [];
    let reason: string | undefined;
    for (const f of this.#queueFiles()) {
      const path = join(this.#o.queueDir, f);
      const { manifest, files } = this.#open(readFileSync(path));
      try {
        this.#deliver(manifest, files);
      } catch (e) {
        reason = errText(e);
        break;
      } finally {
        for (const x of files) x.bytes.fill(0);
      }
      unlinkSync(path);
      delivered.push(manifest.visitId);
    }
    return { delivered, waiting: this.queued(), ...(reason ? { reason } : {}) };
  }

  #queueFiles(): string[] {
    if (!existsSync(this.#o.queueDir)) return [];
    return readdirSync(this.#o.queueDir)
      .filter((f) => f.endsWith(QUEUE_SUFFIX))
      .sort();
  }

  /** `<inbox>/.partial-<visit>-<random>/` → every file synced → renamed to `<inbox>/<visit>/`. */
  #deliver(manifest: Manifest, files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): string {
    const inbox = this.#o.inboxDir;
    const partial = join(inbox, `.partial-${manifest.visitId}-${randomBytes(4).toString('hex')}`);
    mkdirSync(partial, { mode: 0o700 }); // throws when the inbox is not there (share down)
    try {
      for (const f of files) writeSynced(join(partial, f.name), f.bytes, 0o640);
      writeSynced(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, 0o640);
      syncDir(partial);
      let target = join(inbox, manifest.visitId);
      for (let n = 2; existsSync(target); n++) target = join(inbox, `${manifest.visitId}-${n}`);
      renameSync(partial, target);
      syncDir(inbox);
      return target;
    } catch (e) {
      rmSync(partial, { recursive: true, force: true });
      throw e;
    }
  }

  #key(): Buffer {
    const file = this.#o.keyFile;
    if (!existsSync(file)) {
      try {
        writeSynced(file, randomBytes(32), 0o600);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    const key = readFileSync(file);
    if (key.length !== 32) throw new Error(`the queue key ${file} is not 32 bytes`);
    return key;
  }

  #enqueue(manifest: Manifest, files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): void {
    mkdirSync(this.#o.queueDir, { recursive: true, mode: 0o700 });
    const plain = Buffer.from(
      JSON.stringify({
        manifest,
        files: files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') })),
      }),
      'utf8',
    );
    const key = this.#key();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(QUEUE_MAGIC);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    plain.fill(0);
    key.fill(0);
    const sealed = Buffer.concat([QUEUE_MAGIC, iv, cipher.getAuthTag(), body]);
    const name = `${(this.#o.now ?? (() => new Date()))().getTime()}-${manifest.visitId}${QUEUE_SUFFIX}`;
    const tmp = join(this.#o.queueDir, `.${name}.tmp`);
    writeSynced(tmp, sealed, 0o600);
    renameSync(tmp, join(this.#o.queueDir, name));
    syncDir(this.#o.queueDir);
  }

  #open(sealed: Buffer): { manifest: Manifest; files: Array<{ name: string; bytes: Buffer }> } {
    if (!sealed.subarray(0, QUEUE_MAGIC.length).equals(QUEUE_MAGIC)) throw new Error('not a queued visit');
    const iv = sealed.subarray(4, 16);
    const tag = sealed.subarray(16, 32);
    const key = this.#key();
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(QUEUE_MAGIC);
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]);
    key.fill(0);
    const parsed = JSON.parse(plain.toString('utf8')) as {
      manifest: unknown;
      files: Array<{ name: string; b64: string }>;
    };
    plain.fill(0);
    return {
      manifest: ManifestSchema.parse(parsed.manifest),
      files: parsed.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.b64, 'base64') })),
    };
  }
}
