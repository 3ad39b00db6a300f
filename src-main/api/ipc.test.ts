import { afterEach, describe, expect, it } from 'vitest';
// The renderer's own client, driven over the real main-side IPC handlers.
import { createBridgeClient } from '../../src-renderer/api/client.ts';
import type { KioskBridge } from '../contract/index.ts';
import {
  installIpcBridge,
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  type IpcInvokeEventLike,
  type IpcMainLike,
} from './ipc.ts';
import { createTestKiosk, type TestKiosk } from './testing.ts';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** ipcMain as Electron behaves for invoke/handle: one handler per channel. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(url: string | undefined, channel: string, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return h({ senderFrame: url === undefined ? null : { url } }, ...args);
  }
}

class FakeWebContents {
  readonly sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return this.destroyed;
  }
}

const APP = 'app://kiosk/';

let kiosk: TestKiosk | undefined;
afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

async function setup() {
  kiosk = await createTestKiosk();
  const listenersBefore = kiosk.events.listenerCount;
  const ipcMain = new FakeIpcMain();
  const wc = new FakeWebContents();
  const dispose = installIpcBridge({
    ipcMain,
    router: kiosk.router,
    events: kiosk.events,
    target: () => wc,
    isTrustedUrl: (u) => u.startsWith(APP),
  });
  return { ipcMain, wc, dispose, listenersBefore };
}

describe('Electron IPC bridge', () => {
  it('carries calls from the kiosk page to the router', async () => {
    const { ipcMain } = await setup();
    const r = await ipcMain.invoke(`${APP}index.html`, IPC_CALL_CHANNEL, 'planner.lifeEvents', {});
    expect(r).toMatchObject({ ok: true, value: { lifeEvents: expect.any(Array) } });
    const badPin = { method: 'pin', pin: 'x' };
    const withoutVisit = await ipcMain.invoke(`${APP}index.html`, IPC_CALL_CHANNEL, 'card.read', badPin);
    expect(withoutVisit).toMatchObject({ ok: false, error: { code: 'NO_VISIT' } });
    // The visit key rides as the third argument (preload.ts).
    const visit = (await ipcMain.invoke(`${APP}index.html`, IPC_CALL_CHANNEL, 'session.wipe', {
      reason: 'user',
    })) as { value: { visitKey: string } };
    const bad = await ipcMain.invoke(
      `${APP}index.html`,
      IPC_CALL_CHANNEL,
      'card.read',
      badPin,
      visit.value.visitKey,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses frames from anywhere else, and malformed call names', async () => {
    const { ipcMain } = await setup();
    expect(await ipcMain.invoke('https://evil.example/', IPC_CALL_CHANNEL, 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(await ipcMain.invoke(undefined, IPC_CALL_CHANNEL, 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(await ipcMain.invoke(APP, IPC_CALL_CHANNEL, { toString: () => 'app.info' }, {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CALL' },
    });
  });

  it('pushes events to the window (not to a destroyed one) and uninstalls cleanly', async () => {
    const { ipcMain, wc, dispose, listenersBefore } = await setup();
    kiosk!.reader.remove();
    expect(wc.sent).toEqual([
      {
        channel: IPC_EVENT_CHANNEL,
        payload: { type: 'card', kind: 'card-removed', reader: 'Kakanai Virtual Card 00' },
      },
    ]);
    wc.destroyed = true;
    kiosk!.reader.insert();
    expect(wc.sent).toHaveLength(1);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(kiosk!.events.listenerCount).toBe(listenersBefore);
  });

  it('the renderer-side client over the bridge gives typed results and events', async () => {
    const { ipcMain, wc } = await setup();
    const listeners = new Set<(e: unknown) => void>();
    const bridge: KioskBridge = {
      call: (name, input) => ipcMain.invoke(`${APP}index.html`, IPC_CALL_CHANNEL, name, input),
      onEvent: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    const api = createBridgeClient(bridge);
    const info = await api.call('app.info', {});
    expect(info.ok && info.value.transport).toBe('http');
    const status = await api.call('card.status', {});
    expect(status).toMatchObject({ ok: true, value: { state: 'card-present' } });
    const seen: unknown[] = [];
    const off = api.onEvent((e) => seen.push(e));
    // Forward what the main side sent, as the preload would; garbage is dropped by the client.
    kiosk!.reader.remove();
    for (const l of listeners) for (const m of wc.sent) l(m.payload);
    for (const l of listeners) for (const garbage of ['garbage', null, { no: 'type' }]) l(garbage);
    off();
    expect(seen).toEqual([{ type: 'card', kind: 'card-removed', reader: 'Kakanai Virtual Card 00' }]);
    // A transport failure is a typed error, not an exception.
    const broken = createBridgeClient({
      call: () => Promise.reject(new Error('gone')),
      onEvent: () => () => undefined,
    });
    expect(await broken.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
