/**
 * The Electron IPC bridge, main side, written against tiny structural interfaces so it is plain
 * Node (testable with a fake ipcMain): one invoke channel carries every contract call to the
 * router; one channel pushes contract events to the kiosk window.
 *
 * Only frames loaded from the app's own origin may call (a navigated-away or injected frame gets
 * UNAUTHORIZED), and arguments are checked before they reach the router.
 */
import type { EventBus } from '../contract/event-bus.ts';
import type { Router } from './router.ts';
import type { Result } from '../contract/index.ts';

/** Channel names; src-main/electron/preload.ts repeats them (a sandboxed preload cannot import). */
export const IPC_CALL_CHANNEL = 'kakanai:call';
export const IPC_EVENT_CHANNEL = 'kakanai:event';

export interface IpcInvokeEventLike {
  senderFrame?: { url: string } | null;
}

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

export interface IpcBridgeOptions {
  ipcMain: IpcMainLike;
  router: Router;
  events: EventBus;
  /** The window to push events to (undefined while there is none). */
  target: () => WebContentsLike | undefined;
  /** Whether a frame URL is the app's own page (e.g. starts with the renderer's file:// URL). */
  isTrustedUrl: (url: string) => boolean;
}

const refused = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'UNAUTHORIZED', message, messageJa: '許可されていない呼び出しです。' },
});

/** Installs the bridge; returns a function that removes it. */
export function installIpcBridge(options: IpcBridgeOptions): () => void {
  const { ipcMain, router, events } = options;
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, name, input, visitKey) => {
    const url = event.senderFrame?.url;
    if (!url || !options.isTrustedUrl(url)) return refused('Calls are accepted only from the kiosk page.');
    if (typeof name !== 'string' || name.length > 100) {
      return {
        ok: false,
        error: {
          code: 'UNKNOWN_CALL',
          message: 'The call name must be a string.',
          messageJa: '不明な操作です。',
        },
      };
    }
    return router.call(name, input, {
      transport: 'ipc',
      ...(typeof visitKey === 'string' ? { visitKey } : {}),
    });
  });
  const unsubscribe = events.subscribe((e) => {
    const wc = options.target();
    if (wc && !wc.isDestroyed()) wc.send(IPC_EVENT_CHANNEL, e);
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    unsubscribe();
  };
}
