/**
 * The kiosk's card path for real: `kakanai serve`'s services over pcscd + vpcd with the virtual card
 * as a separate process, through the HTTP contract. Measures card placed → data shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EmulatorProcess } from '../../test/helpers/emulator-process.ts';
import { screenCaller } from '../../test/helpers/screen-caller.ts';
import { ensurePcscd } from '../../test/helpers/services.ts';
import { PcscProvider } from '../card/pcsc/pcsc-provider.ts';
import { defaultTerminalConfig } from '../services/terminal-config.ts';
import type { KioskEvent } from '../contract/index.ts';
import { startHttpServer, type RunningServer } from './http-server.ts';
import { createKiosk, type Kiosk } from './kiosk.ts';
import { FakeFormsEngine, FakePrinter } from './testing.ts';
import { EmulatorProvider } from '../card/emulator/in-process.ts';

const READER = 'Virtual PCD 00 00'; // vpcd slot 0 = 127.0.0.1:35963

let emulator: EmulatorProcess | undefined;
let kiosk: Kiosk | undefined;
let server: RunningServer | undefined;

beforeAll(async () => {
  await ensurePcscd();
  emulator = await EmulatorProcess.start('ordinary');
  kiosk = await createKiosk({
    transport: 'http',
    config: { ...defaultTerminalConfig(), reader: { filter: READER, extendedApdu: 'auto' } },
    configPath: '/nonexistent/kakanai-int/terminal.json',
    persistConfig: false,
    formsEngine: new FakeFormsEngine(),
    printerBackend: new FakePrinter(),
    createSystemProvider: () => new PcscProvider(),
    createDemoProvider: () => new EmulatorProvider({ present: false }),
    personas: () => [],
  });
  server = await startHttpServer({ router: kiosk.router, events: kiosk.events, port: 0 });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await kiosk?.close();
  await emulator?.stop();
});

/** This test plays the kiosk screen: it starts a visit before the visit's calls. */
const call = screenCaller(() => server!.url);

describe('server mode with a real PC/SC reader (pcscd + vpcd + virtual card)', () => {
  it('card placed → identify → 照合番号B read, with card events over the WebSocket', async () => {
    const ws = new WebSocket(`${server!.url.replace('http', 'ws')}api/events`);
    const events: KioskEvent[] = [];
    ws.on('message', (m) => events.push(JSON.parse(String(m)) as KioskEvent));
    await new Promise((r) => ws.on('open', r));
    // pcscd reports the reader's first state asynchronously after the provider starts.
    await expect
      .poll(async () => ((await call('card.status')) as { value?: { state: string } }).value?.state, {
        timeout: 5000,
      })
      .toBe('card-present');

    let from = events.length;
    await emulator!.command('remove');
    await expect
      .poll(() => events.slice(from).some((e) => e.type === 'card' && e.kind === 'card-removed'), {
        timeout: 5000,
      })
      .toBe(true);
    expect(await call('card.status')).toMatchObject({ ok: true, value: { state: 'no-card' } });

    await call('session.wipe', { reason: 'user' });
    await call('planner.plan', { lifeEventId: 'seal-registration', answers: { alsoCertificate: false } });
    const placed = performance.now();
    from = events.length;
    await emulator!.command('insert');
    await expect
      .poll(() => events.slice(from).some((e) => e.type === 'card' && e.kind === 'card-inserted'), {
        timeout: 5000,
      })
      .toBe(true);
    const seen = performance.now();
    const id = await call('card.identify');
    expect(id).toMatchObject({
      ok: true,
      value: { reader: READER, tokenLabel: 'JPKIAPICCTOKEN2', retries: { pin: 3, bno: 10 } },
    });
    const read = await call('card.read', {
      method: 'bno',
      bno: {
        birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
        expiryYear: 2035,
        securityCode: '2285',
      },
    });
    const shown = performance.now();
    expect(read).toMatchObject({ ok: true, value: { name: '山田　太郎', myNumberRead: false } });
    expect(
      events
        .filter((e) => e.type === 'card.progress')
        .map((e) => (e.type === 'card.progress' ? e.stage : '')),
    ).toEqual(expect.arrayContaining(['connecting', 'verifying', 'reading', 'done']));
    console.warn(
      `[measure] real PC/SC: insert event after ${(seen - placed).toFixed(0)} ms (incl. the emulator's 300 ms settle); ` +
        `identify + read ${(shown - seen).toFixed(0)} ms; card placed → data ${(shown - placed).toFixed(0)} ms`,
    );

    // Pulling the card wipes the session (wipeOnCardRemoval defaults to true).
    await emulator!.command('remove');
    await expect
      .poll(() => events.some((e) => e.type === 'session.wiped' && e.reason === 'card-removed'), {
        timeout: 5000,
      })
      .toBe(true);
    expect(kiosk!.services.session.resident).toBeNull();
    await emulator!.command('insert');
    ws.close();
  });

  it('a wrong PIN over the real reader reports the tries left', async () => {
    await expect
      .poll(async () => ((await call('card.status')) as { value?: { state: string } }).value?.state, {
        timeout: 5000,
      })
      .toBe('card-present');
    await call('session.wipe', { reason: 'user' });
    const r = await call('card.read', { method: 'pin', pin: '0000' });
    expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET', retriesLeft: 2 } });
    // The right PIN resets the counter (the persona is shared with other tests).
    expect((await call('card.read', { method: 'pin', pin: '1234' })).ok).toBe(true);
  });
});
