/**
 * The kiosk window's preload (sandboxed, context-isolated): exposes exactly one object,
 * window.kakanai = { call(name, input, visitKey), onEvent(listener) }, which the renderer wraps with
 * createBridgeClient (src-renderer/api/client.ts). No Node, no ipcRenderer, no other channel leaks out.
 *
 * Sandboxed preloads can require only 'electron' (and a few built-ins), so this file imports
 * nothing else; the channel names repeat src-main/api/ipc.ts (a test checks they agree).
 * Built to CommonJS (dist/electron/preload.cjs) by scripts/build-electron.mjs.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const CALL_CHANNEL = 'kakanai:call';
const EVENT_CHANNEL = 'kakanai:event';

contextBridge.exposeInMainWorld('kakanai', {
  call: (name: string, input: unknown, visitKey?: string): Promise<unknown> =>
    ipcRenderer.invoke(
      CALL_CHANNEL,
      String(name),
      input,
      typeof visitKey === 'string' ? visitKey : undefined,
    ),
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    const handler = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
});
