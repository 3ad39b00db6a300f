/**
 * The renderer's one door to the main process. In Electron the preload exposes `window.kakanai`
 * (contextBridge); in server mode we POST /api/call/:name and listen on the WebSocket /api/events.
 * Only the contract's TYPES are imported: no zod, no Node code in the bundle. A transport failure
 * becomes a typed INTERNAL error, never an exception a screen has to catch.
 */
import type {
  ApiError,
  CallInput,
  CallName,
  CallOutput,
  KioskBridge,
  KioskEvent,
  Result,
} from '../../src-main/contract/index.ts';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface KioskClient {
  readonly transport: 'ipc' | 'http';
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  onEvent(listener: (event: KioskEvent) => void): () => void;
  /** Event channel health (always "open" over IPC). */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

declare global {
  interface Window {
    kakanai?: KioskBridge;
  }
}

export function transportError(message: string): ApiError {
  return {
    code: 'INTERNAL',
    message: `Connection to the kiosk service failed: ${message}`,
    messageJa: '内部の接続に失敗しました。職員にお知らせください。',
  };
}

/** Accepts only a well-formed Result; anything else is a transport fault. */
export function toResult<T>(raw: unknown): Result<T> {
  if (raw && typeof raw === 'object') {
    const r = raw as { ok?: unknown; value?: unknown; error?: unknown };
    if (r.ok === true) return { ok: true, value: r.value as T };
    if (r.ok === false && r.error && typeof r.error === 'object') {
      const e = r.error as Partial<ApiError>;
      if (typeof e.code === 'string' && typeof e.message === 'string') {
        return { ok: false, error: { messageJa: e.message, ...e } as ApiError };
      }
    }
  }
  return { ok: false, error: transportError('malformed response') };
}

/**
 * The key of the visit this screen started (`session.wipe` hands it out); sent with every call so
 * the main process answers the visit's calls to this screen only. Kept in memory: a reload starts
 * over without it.
 */
class VisitKey {
  value: string | undefined;
  /** Remembers the key a new visit returned. */
  note(name: string, result: Result<unknown>): void {
    if (name !== 'session.wipe' || !result.ok) return;
    const key = (result.value as { visitKey?: unknown }).visitKey;
    if (typeof key === 'string') this.value = key;
  }
}

/** The contract's VISIT_HEADER (repeated: the client takes only types; client.test.ts compares). */
export const VISIT_HEADER = 'x-kakanai-visit';

function isEvent(raw: unknown): raw is KioskEvent {
  return !!raw && typeof raw === 'object' && typeof (raw as { type?: unknown }).type === 'string';
}

export function createBridgeClient(bridge: KioskBridge): KioskClient {
  const visit = new VisitKey();
  return {
    transport: 'ipc',
    async call(name, input) {
      try {
        const result = toResult<CallOutput<typeof name>>(await bridge.call(name, input ?? {}, visit.value));
        visit.note(name, result);
        return result;
      } catch (e) {
        return { ok: false, error: transportError(e instanceof Error ? e.message : String(e)) };
      }
    },
    onEvent(listener) {
      return bridge.onEvent((raw) => {
        if (isEvent(raw)) listener(raw);
      });
    },
    onConnection(listener) {
      listener('open');
      return () => {};
    },
  };
}

export interface HttpClientOptions {
  /** Default: the page's own origin. */
  baseUrl?: string;
  /** Pairing token for a non-loopback server (Authorization: Bearer, and ?token= on the socket). */
  token?: string;
  reconnectMs?: number;
  /** For tests. */
  fetchImpl?: typeof fetch;
  webSocketImpl?: typeof WebSocket;
}

export function createHttpClient(options: HttpClientOptions = {}): KioskClient {
  const base = (options.baseUrl ?? globalThis.location?.origin ?? '').replace(/\/$/, '');
  const doFetch = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  const WS = options.webSocketImpl ?? globalThis.WebSocket;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const visit = new VisitKey();

  const listeners = new Set<(e: KioskEvent) => void>();
  const connListeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = 'closed';
  let socket: WebSocket | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (s: ConnectionState) => {
    state = s;
    for (const l of connListeners) l(s);
  };

  const connect = () => {
    retryTimer = undefined;
    const url = `${base.replace(/^http/, 'ws')}/api/events${options.token ? `?token=${encodeURIComponent(options.token)}` : ''}`;
    setState('connecting');
    const ws = new WS(url);
    socket = ws;
    ws.onopen = () => setState('open');
    ws.onmessage = (m: MessageEvent) => {
      let data: unknown;
      try {
        data = JSON.parse(String(m.data));
      } catch {
        return;
      }
      if (isEvent(data)) for (const l of listeners) l(data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      setState('closed');
      if (listeners.size > 0 && !retryTimer) retryTimer = setTimeout(connect, options.reconnectMs ?? 1000);
    };
  };

  return {
    transport: 'http',
    async call(name, input) {
      try {
        const res = await doFetch(`${base}/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: visit.value ? { ...headers, [VISIT_HEADER]: visit.value } : headers,
          body: JSON.stringify(input ?? {}),
        });
        const result = toResult<CallOutput<typeof name>>(await res.json());
        visit.note(name, result);
        return result;
      } catch (e) {
        return { ok: false, error: transportError(e instanceof Error ? e.message : String(e)) };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!socket && !retryTimer) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          if (retryTimer) clearTimeout(retryTimer);
          retryTimer = undefined;
          const ws = socket;
          socket = undefined;
          ws?.close();
        }
      };
    },
    onConnection(listener) {
      connListeners.add(listener);
      listener(state);
      return () => connListeners.delete(listener);
    },
  };
}

/** The preload bridge when we run inside Electron, else HTTP to the page's origin. */
export function createDefaultClient(): KioskClient {
  if (typeof window !== 'undefined' && window.kakanai) return createBridgeClient(window.kakanai);
  const token = new URLSearchParams(globalThis.location?.search ?? '').get('token') ?? undefined;
  return createHttpClient(token ? { token } : {});
}
