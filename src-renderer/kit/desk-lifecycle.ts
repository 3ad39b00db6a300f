/**
 * A staffed desk's life, once (the election desk, the shelter entrance): on start, listen to the
 * main process's events and show open / ready / unavailable from the desk's status; keep the
 * header's status fresh; open with the passphrase; lock (close the store, forget the person at
 * the desk); stop. The desk gives its three calls and what to forget.
 */
import type { KioskClient } from '../api/client.ts';
import type { ApiError, KioskEvent, Result } from '../api/types.ts';
import type { Notice } from './notice.ts';

type DeskEntry = { id: 'open' } | { id: 'ready' } | { id: 'unavailable' };

export interface DeskLifecycleOptions<S extends { ready: boolean; storeFound: boolean }> {
  client: Pick<KioskClient, 'onEvent'>;
  status: () => Promise<Result<S>>;
  open: (passphrase: string) => Promise<Result<S>>;
  close: () => Promise<Result<unknown>>;
  /** The desk's "no store on this terminal" code and its message key. */
  notSetUp: { code: ApiError['code']; key: string };
  onEvent: (e: KioskEvent) => void;
  get: () => { status: S | null; busy: unknown };
  set: (patch: { status?: S; busy?: 'open' | null; notice?: Notice | null; flash?: null }) => void;
  go: (screen: DeskEntry) => void;
  begin: () => void;
  errorNotice: (error: ApiError) => Notice;
  /** Forgets the person at the desk and everything staff opened (on lock). */
  forget: () => void;
  /** Stops what the desk follows besides (print jobs). */
  stopping: () => void;
  statusIntervalMs?: number;
  setInterval: typeof globalThis.setInterval;
  clearInterval: typeof globalThis.clearInterval;
}

export interface DeskLifecycle {
  start(): Promise<void>;
  stop(): void;
  refreshStatus(): Promise<void>;
  open(passphrase: string): Promise<void>;
  lock(): Promise<void>;
}

export function createDeskLifecycle<S extends { ready: boolean; storeFound: boolean }>(
  o: DeskLifecycleOptions<S>,
): DeskLifecycle {
  const unsubscribers: Array<() => void> = [];
  let timer: ReturnType<typeof setInterval> | null = null;
  const fail = (error: ApiError) => o.set({ notice: o.errorNotice(error), busy: null });
  const life: DeskLifecycle = {
    async start() {
      unsubscribers.push(o.client.onEvent(o.onEvent));
      const r = await o.status();
      if (!r.ok) {
        o.set({ notice: o.errorNotice(r.error) });
        return o.go({ id: 'unavailable' });
      }
      o.set({ status: r.value });
      if (r.value.ready) o.go({ id: 'ready' });
      else if (r.value.storeFound) o.go({ id: 'open' });
      else {
        o.set({ notice: { tone: 'error', key: o.notSetUp.key } });
        o.go({ id: 'unavailable' });
      }
      timer = o.setInterval(() => {
        if (o.get().status?.ready) void life.refreshStatus();
      }, o.statusIntervalMs ?? 5000);
    },

    stop() {
      for (const u of unsubscribers.splice(0)) u();
      if (timer) o.clearInterval(timer);
      timer = null;
      o.stopping();
    },

    async refreshStatus() {
      const r = await o.status();
      if (r.ok) o.set({ status: r.value });
    },

    async open(passphrase) {
      if (o.get().busy) return;
      o.begin();
      o.set({ busy: 'open', notice: null });
      const r = await o.open(passphrase);
      if (!r.ok) {
        if (r.error.code === o.notSetUp.code) {
          o.set({ busy: null, notice: o.errorNotice(r.error) });
          return o.go({ id: 'unavailable' });
        }
        return fail(r.error);
      }
      o.set({ status: r.value, busy: null, flash: null });
      o.go({ id: 'ready' });
    },

    async lock() {
      o.begin();
      o.stopping();
      const r = await o.close();
      o.forget();
      if (!r.ok) return fail(r.error);
      await life.refreshStatus();
      o.go({ id: 'open' });
    },
  };
  return life;
}
