/**
 * The PC/SC service restarted under a running kiosk (pcscd on Linux; on Windows the smart-card
 * service stops when the last reader is unplugged). The kiosk server runs over pcscd + vpcd; pcscd
 * is killed and started again. The screens' event stream says the reader is gone, then back;
 * monitoring starts again by itself; a card placed afterwards is read through the HTTP contract —
 * without restarting the kiosk. `kakanai card watch` beside it shows the same, with the service's
 * own lost/back lines. This test restarts the machine's pcscd (and leaves it running with the vpcd
 * readers): do not run it beside the e2e journeys.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHttpServer, type RunningServer } from '../src-main/api/http-server.ts';
import { createKiosk, type Kiosk } from '../src-main/api/kiosk.ts';
import { FakeFormsEngine, FakePrinter } from '../src-main/api/testing.ts';
import { EmulatorProvider } from '../src-main/card/emulator/in-process.ts';
import { PcscProvider } from '../src-main/card/pcsc/pcsc-provider.ts';
import type { KioskEvent } from '../src-main/contract/index.ts';
import { defaultTerminalConfig } from '../src-main/services/terminal-config.ts';
import { EmulatorProcess } from './helpers/emulator-process.ts';
import { screenCaller } from './helpers/screen-caller.ts';
import { ensurePcscd, REPO_ROOT } from './helpers/services.ts';

const READER = 'Virtual PCD 00 00';
let emulator: EmulatorProcess | undefined;
let kiosk: Kiosk | undefined;
let server: RunningServer | undefined;
let watch: ChildProcessWithoutNullStreams | undefined;

async function until(
  what: string,
  pred: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function restartPcscd(): void {
  execFileSync('pkill', ['-x', 'pcscd']);
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync('pgrep', ['-x', 'pcscd']);
    } catch {
      break; // gone
    }
    execFileSync('sleep', ['0.1']);
  }
  execFileSync('bash', [`${REPO_ROOT}/scripts/ci/start-pcscd.sh`], { stdio: 'pipe' });
}

/** This test plays the kiosk screen: it starts a visit before the visit's calls. */
const screen = screenCaller(() => server!.url);
const call = (name: string, input: unknown = {}) => screen<{ state?: string; name?: string }>(name, input);

beforeAll(async () => {
  await ensurePcscd();
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
  watch?.kill('SIGKILL');
  await emulator?.stop();
  await server?.close();
  await kiosk?.close();
  await ensurePcscd();
});

describe('pcscd restarted under a running kiosk', () => {
  it('the screens hear the reader go and come back, and a card placed afterwards is read', async () => {
    const ws = new WebSocket(`${server!.url.replace('http', 'ws')}api/events`);
    const events: KioskEvent[] = [];
    ws.on('message', (m) => events.push(JSON.parse(String(m)) as KioskEvent));
    await new Promise((r) => ws.on('open', r));
    await until(
      'the kiosk seeing the empty reader',
      async () => (await call('card.status')).value?.state === 'no-card',
    );

    // `kakanai card watch` beside the kiosk: what an operator would see.
    watch = spawn(process.execPath, [
      `${REPO_ROOT}/bin/kakanai.mjs`,
      'card',
      'watch',
      '--json',
      '--reader',
      READER,
    ]);
    let watched = '';
    watch.stdout.on('data', (d: Buffer) => (watched += d.toString()));
    let watchErr = '';
    watch.stderr.on('data', (d: Buffer) => (watchErr += d.toString()));
    watch.on('exit', (code, signal) => (watchErr += `\n[card watch exited: ${code ?? signal}]`));
    const watchedEvents = () =>
      watched
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { event: string }).event);
    await until('card watch listing the reader', () => watchedEvents().includes('reader-added'));

    const cardEvent = (kind: string, from = 0) =>
      events.slice(from).findIndex((e) => e.type === 'card' && e.kind === kind && e.reader === READER);
    restartPcscd();
    await until('the screens told the reader is gone', () => cardEvent('reader-removed') >= 0);
    const gone = cardEvent('reader-removed');
    await until('the screens told the reader is back', () => cardEvent('reader-added', gone) >= 0);

    emulator = await EmulatorProcess.start('ordinary', { port: 35963 });
    await until(
      'the card placed after the restart',
      async () => (await call('card.status')).value?.state === 'card-present',
    );
    await call('session.wipe', { reason: 'user' });
    await call('planner.plan', { lifeEventId: 'seal-registration', answers: { alsoCertificate: false } });
    expect(await call('card.identify')).toMatchObject({
      ok: true,
      value: { reader: READER, tokenLabel: 'JPKIAPICCTOKEN2' },
    });
    const read = await call('card.read', {
      method: 'bno',
      bno: {
        birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
        expiryYear: 2035,
        securityCode: '2285',
      },
    });
    expect(read).toMatchObject({ ok: true, value: { name: '山田　太郎' } });
    ws.close();

    await until('card watch seeing it all', () => watchedEvents().includes('card-inserted')).catch(
      (e: Error) => {
        throw new Error(`${e.message}\nwatch printed:\n${watched}\nstderr:\n${watchErr}`);
      },
    );
    const exited = new Promise((r) => watch!.once('exit', r));
    watch.kill('SIGINT');
    await exited;
    const seen = watchedEvents();
    // Lost and gone, back, and the card placed afterwards, in that order.
    const at = (e: string) => seen.lastIndexOf(e);
    expect(at('service-lost')).toBeGreaterThan(0);
    expect(at('reader-removed')).toBeGreaterThan(0);
    expect(at('service-back')).toBeGreaterThan(at('service-lost'));
    expect(at('reader-added')).toBeGreaterThan(at('reader-removed'));
    expect(at('card-inserted')).toBeGreaterThan(at('reader-added'));
  }, 90_000);
});
