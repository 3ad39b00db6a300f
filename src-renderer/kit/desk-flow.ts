/**
 * What every staffed desk's store wires the same way (the shelter entrance, the fare terminal):
 * the navigator, an error as a notice, the "store closed" error taking the desk back to the
 * passphrase with the person at the desk forgotten, and the desk's life (start, status, open,
 * lock, stop) from its three calls.
 */
import type { KioskClient } from '../api/client.ts';
import type { ApiError, KioskEvent, Result } from '../api/types.ts';
import { createDeskLifecycle, type DeskLifecycle } from './desk-lifecycle.ts';
import { createNavigator } from './navigator.ts';
import type { Notice } from './notice.ts';

export interface DeskTimers {
  now?: () => number;
  statusIntervalMs?: number;
  setInterval?: typeof globalThis.setInterval;
  clearInterval?: typeof globalThis.clearInterval;
}

interface DeskState<Screen, Status> {
  status: Status | null;
  screen: Screen;
  busy: unknown;
  notice: Notice | null;
  flash: Notice | null;
}

export interface DeskFlowOptions<
  Screen extends { id: string },
  Status extends { ready: boolean; storeFound: boolean },
> {
  client: KioskClient;
  timers: DeskTimers;
  markName: (id: Screen['id']) => string;
  get: () => DeskState<Screen, Status>;
  /** The store's set (patches of the desk's own state). */
  set: (patch: Record<string, unknown>) => void;
  errorNotice: (error: ApiError) => Notice;
  calls: {
    status: () => Promise<Result<Status>>;
    open: (passphrase: string) => Promise<Result<Status>>;
    close: () => Promise<Result<unknown>>;
  };
  /** The desk's "not opened yet" and "no store here" codes (the latter with its message key). */
  notOpen: ApiError['code'];
  notSetUp: { code: ApiError['code']; key: string };
  /** The state of a desk with nobody at it (what lock and a closed store forget). */
  idle: () => Record<string, unknown>;
  onEvent: (e: KioskEvent) => void;
  /** Stops what the desk follows besides (print jobs). */
  stopping?: () => void;
}

export interface DeskFlow<Screen> {
  go(screen: Screen): void;
  begin(): void;
  /** The error as the notice; nothing busy any more. */
  fail(error: ApiError): void;
  /** The store was closed (locked, restarted): back to the passphrase. True if it was that. */
  handleNotOpen(error: ApiError): boolean;
  /** handleNotOpen, else fail. */
  failed(error: ApiError): void;
  life: DeskLifecycle;
}

export function createDeskFlow<
  Screen extends { id: string },
  Status extends { ready: boolean; storeFound: boolean },
>(o: DeskFlowOptions<Screen, Status>): DeskFlow<Screen> {
  const { go, begin } = createNavigator<Screen>({
    client: o.client,
    now: o.timers.now ?? (() => performance.now()),
    show: (screen) => o.set({ screen }),
    markName: o.markName,
  });
  const fail = (error: ApiError) => o.set({ notice: o.errorNotice(error), busy: null });
  const handleNotOpen = (error: ApiError): boolean => {
    if (error.code !== o.notOpen) return false;
    o.set({ ...o.idle(), busy: null, notice: o.errorNotice(error) });
    go({ id: 'open' } as Screen);
    return true;
  };
  const life = createDeskLifecycle<Status>({
    client: o.client,
    status: o.calls.status,
    open: o.calls.open,
    close: o.calls.close,
    notSetUp: o.notSetUp,
    onEvent: o.onEvent,
    get: o.get,
    set: o.set,
    go: (screen) => go(screen as Screen),
    begin,
    errorNotice: o.errorNotice,
    forget: () => o.set({ ...o.idle(), flash: null }),
    stopping: o.stopping ?? (() => undefined),
    ...(o.timers.statusIntervalMs !== undefined ? { statusIntervalMs: o.timers.statusIntervalMs } : {}),
    setInterval: o.timers.setInterval ?? globalThis.setInterval.bind(globalThis),
    clearInterval: o.timers.clearInterval ?? globalThis.clearInterval.bind(globalThis),
  });
  return {
    go,
    begin,
    fail,
    handleNotOpen,
    failed: (error) => {
      if (!handleNotOpen(error)) fail(error);
    },
    life,
  };
}
