/**
 * The virtual card through the real PC/SC stack: vpcd-client → vpcd → pcscd → pcsc-mini.
 * Uses vpcd's second slot (port 35964, "Virtual PCD 00 01"); the tests in this file run one
 * after the other, so they never share the port at the same time.
 */
import * as pcsc from 'pcsc-mini';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorProcess } from '../../../test/helpers/emulator-process.ts';
import { ensurePcscd } from '../../../test/helpers/services.ts';
import { startVpcdCard } from './vpcd-client.ts';

const PORT = 35964;
const READER = 'Virtual PCD 00 01';
const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const SELECT_JPKI = hex('00A4040C0AD392F000260100000001');

/** Follows one reader's status through pcsc-mini's monitoring thread. */
class ReaderWatch {
  readonly client = new pcsc.Client();
  reader: pcsc.Reader | undefined;
  status: pcsc.ReaderStatusFlags | undefined;
  #waiters = new Set<() => void>();

  constructor(readonly name: string) {
    this.client.on('reader', (reader) => {
      if (reader.name() !== name) return;
      this.reader = reader;
      reader.on('change', (status) => {
        this.status = status;
        for (const w of [...this.#waiters]) w();
      });
    });
    this.client.on('error', () => undefined);
    this.client.start();
  }

  present(): boolean {
    return !!this.status?.has(pcsc.ReaderStatus.PRESENT);
  }

  waitFor(what: string, pred: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(
          new Error(
            `${this.name}: timed out waiting for ${what} (status ${this.status?.toString() ?? 'unknown'})`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        if (!pred()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
    });
  }

  async connect(): Promise<pcsc.Card> {
    if (!this.reader) throw new Error(`${this.name} not seen by pcsc-mini`);
    return this.reader.connect(pcsc.CardMode.EXCLUSIVE, pcsc.Protocol.T1);
  }

  stop(): void {
    this.client.stop();
  }
}

const sw = (r: Uint8Array) => toHex(r.subarray(-2));

let watch: ReaderWatch;

beforeAll(async () => {
  await ensurePcscd();
  watch = new ReaderWatch(READER);
  await watch.waitFor(`reader ${READER} to appear`, () => watch.status !== undefined);
});

afterAll(() => watch?.stop());

describe('virtual card over pcscd + vpcd', () => {
  it('shows a card, answers SELECT JPKI with 9000, and remove/insert change the reader state', async () => {
    const vc = startVpcdCard({ port: PORT, persona: 'ordinary' });
    try {
      await vc.whenConnected();
      await watch.waitFor('card present', () => watch.present());

      const card = await watch.connect();
      expect(sw(await card.transmit(SELECT_JPKI))).toBe('9000');
      const token = await card.transmit(hex('00B0860020'));
      expect(Buffer.from(token.subarray(0, 15)).toString('ascii')).toBe('JPKIAPICCTOKEN2');
      expect(sw(await card.transmit(hex('00200098')))).toBe('63C3');

      vc.remove();
      await expect(card.transmit(SELECT_JPKI)).rejects.toThrow();
      await watch.waitFor('card absent', () => watch.status!.has(pcsc.ReaderStatus.EMPTY));
      expect(watch.present()).toBe(false);
      await card.disconnect(pcsc.CardDisposition.UNPOWER).catch(() => undefined);

      vc.insert();
      await vc.whenConnected();
      await watch.waitFor('card present again', () => watch.present());
      const again = await watch.connect();
      expect(sw(await again.transmit(SELECT_JPKI))).toBe('9000');
      await again.disconnect(pcsc.CardDisposition.UNPOWER);
    } finally {
      await vc.stop();
    }
    await watch.waitFor('card absent after stop', () => !watch.present());
  });

  it('`kakanai emulator` drives removal, insertion and pull-after from stdin', async () => {
    const emu = await EmulatorProcess.start('not-mynumber', { port: PORT });
    try {
      await watch.waitFor('card present', () => watch.present());
      let card = await watch.connect();
      expect(sw(await card.transmit(SELECT_JPKI))).toBe('6A82'); // not a My Number Card
      await card.disconnect(pcsc.CardDisposition.UNPOWER);

      expect(JSON.parse(await emu.command('remove'))).toEqual({ ack: 'remove', present: false });
      await watch.waitFor('card absent', () => !watch.present());

      expect(JSON.parse(await emu.command('insert ordinary'))).toMatchObject({
        ack: 'insert',
        persona: 'ordinary',
      });
      await watch.waitFor('card present', () => watch.present());
      card = await watch.connect();
      expect(sw(await card.transmit(SELECT_JPKI))).toBe('9000');

      await emu.command('pull-after 1');
      const pulled = emu.waitForLine((l) => l.includes('"pulled"'));
      expect(sw(await card.transmit(hex('00B0860020')))).toBe('9000');
      // The card leaves right after answering; the next APDU goes to a card that is gone (waiting
      // for the emulator to say so keeps the next APDU from racing the socket's close).
      await pulled;
      await expect(card.transmit(SELECT_JPKI)).rejects.toThrow();
      await watch.waitFor('card pulled', () => !watch.present());
      await card.disconnect(pcsc.CardDisposition.UNPOWER).catch(() => undefined);
    } finally {
      await emu.stop();
    }
  });
});
