/**
 * The vpcd wire protocol against a fake vpcd (a local TCP server speaking the same framing), so
 * this runs without pcscd; vpcd.integration.test.ts covers the real daemon.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AIDS } from './card-files.ts';
import { hexOf } from './test-support.ts';
import { startVpcdCard, type VpcdCard } from './vpcd-client.ts';

/** Reads length-prefixed frames from one accepted connection. */
class FakeVpcd {
  server: Server;
  sockets: Socket[] = [];
  #frames: Uint8Array[] = [];
  #buf = Buffer.alloc(0);
  #waiters = new Set<() => void>();

  constructor() {
    this.server = createServer((s) => {
      this.sockets.push(s);
      s.on('data', (d: Buffer) => {
        this.#buf = Buffer.concat([this.#buf, d]);
        while (this.#buf.length >= 2 && this.#buf.length >= 2 + this.#buf.readUInt16BE(0)) {
          const n = this.#buf.readUInt16BE(0);
          this.#frames.push(new Uint8Array(this.#buf.subarray(2, 2 + n)));
          this.#buf = this.#buf.subarray(2 + n);
        }
        this.#wake();
      });
      s.on('close', () => this.#wake());
      this.#wake();
    });
  }

  listen(port = 0): Promise<number> {
    return new Promise((r) =>
      this.server.listen(port, '127.0.0.1', () => r((this.server.address() as { port: number }).port)),
    );
  }

  #wake(): void {
    for (const w of [...this.#waiters]) w();
  }

  until(what: string, pred: () => boolean, ms = 3000): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms);
      const check = () => {
        if (pred()) {
          clearTimeout(t);
          this.#waiters.delete(check);
          resolve();
        }
      };
      this.#waiters.add(check);
    });
  }

  get current(): Socket {
    return this.sockets[this.sockets.length - 1]!;
  }

  /** Sends one frame (optionally split in two TCP writes) and waits for one answer frame. */
  async ask(payload: Uint8Array, split = false): Promise<Uint8Array> {
    const want = this.#frames.length + 1;
    const frame = Buffer.alloc(2 + payload.length);
    frame.writeUInt16BE(payload.length, 0);
    frame.set(payload, 2);
    if (split) {
      this.current.write(frame.subarray(0, 3));
      await new Promise((r) => setTimeout(r, 10));
      this.current.write(frame.subarray(3));
    } else this.current.write(frame);
    await this.until('answer', () => this.#frames.length >= want);
    return this.#frames[want - 1]!;
  }

  control(code: number): void {
    this.current.write(Uint8Array.of(0, 1, code));
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((r) => this.server.close(() => r()));
  }
}

const SELECT_JPKI = Uint8Array.from([0x00, 0xa4, 0x04, 0x0c, 0x0a, ...AIDS.jpki]);
const sw = (r: Uint8Array) => hexOf(r.subarray(-2));

let fake: FakeVpcd | undefined;
let vc: VpcdCard | undefined;
afterEach(async () => {
  await vc?.stop();
  await fake?.close();
  vc = fake = undefined;
});

describe('vpcd client', () => {
  it('answers ATR requests and APDUs, honours power control', async () => {
    fake = new FakeVpcd();
    const port = await fake.listen();
    vc = startVpcdCard({ port, persona: 'ordinary' });
    await vc.whenConnected();
    await fake.until('accepted', () => fake!.sockets.length === 1);
    expect(hexOf(await fake.ask(Uint8Array.of(4)))).toBe('3BE000FF8131FE4514');
    fake.control(1);
    expect(sw(await fake.ask(SELECT_JPKI, true))).toBe('9000');
    const verify = Uint8Array.from([0x00, 0x20, 0x00, 0x98, 4, ...Buffer.from('1234')]);
    expect(sw(await fake.ask(verify))).toBe('9000');
    expect(sw(await fake.ask(Uint8Array.from([0x00, 0x20, 0x00, 0x98])))).toBe('9000');
    fake.control(0); // power off: verification forgotten
    fake.control(1);
    await fake.ask(SELECT_JPKI);
    expect(sw(await fake.ask(Uint8Array.from([0x00, 0x20, 0x00, 0x98])))).toBe('63C3');
  });

  it('remove closes the connection; insert connects again; pullAfter removes after n APDUs', async () => {
    fake = new FakeVpcd();
    const port = await fake.listen();
    vc = startVpcdCard({ port, persona: 'ordinary' });
    const events: string[] = [];
    vc.events.on('card-removed', () => events.push('removed'));
    vc.events.on('card-inserted', () => events.push('inserted'));
    await vc.whenConnected();
    await fake.until('accepted', () => fake!.sockets.length === 1);
    vc.remove();
    expect(vc.present).toBe(false);
    await fake.until('closed', () => fake!.sockets[0]!.closed);
    vc.insert();
    await vc.whenConnected();
    await fake.until('second connection', () => fake!.sockets.length === 2);
    vc.pullAfter(1);
    expect(sw(await fake.ask(SELECT_JPKI))).toBe('9000');
    await fake.until('pulled', () => fake!.sockets[1]!.closed);
    expect(vc.present).toBe(false);
    expect(events).toEqual(['inserted', 'removed', 'inserted', 'removed']);
  });

  it('retries with backoff until vpcd is up', async () => {
    const probe = new FakeVpcd();
    const port = await probe.listen();
    await probe.close(); // a port nobody listens on (for now)
    vc = startVpcdCard({ port, persona: 'ordinary', backoffMinMs: 20, backoffMaxMs: 100 });
    const failures: string[] = [];
    vc.events.on('connect-failed', (m) => failures.push(m));
    await new Promise((r) => setTimeout(r, 120));
    expect(failures.length).toBeGreaterThan(0);
    expect(vc.connected).toBe(false);
    fake = new FakeVpcd();
    await fake.listen(port);
    await vc.whenConnected(3000);
    expect(hexOf(await fake.ask(Uint8Array.of(4)))).toBe('3BE000FF8131FE4514');
  });

  it('reconnects when vpcd drops the connection', async () => {
    fake = new FakeVpcd();
    const port = await fake.listen();
    vc = startVpcdCard({ port, persona: 'ordinary', backoffMinMs: 20 });
    await vc.whenConnected();
    await fake.until('accepted', () => fake!.sockets.length === 1);
    fake.current.destroy();
    await fake.until('reconnected', () => fake!.sockets.length === 2);
    expect(sw(await fake.ask(SELECT_JPKI))).toBe('9000');
  });
});
