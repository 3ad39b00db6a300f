/**
 * Browser-side clients of the contract: one over the Electron preload bridge (window.kakanai), one
 * over HTTP + WebSocket (server mode). Both give the same KioskApi object. Browser-safe: no node:
 * imports, only fetch/WebSocket.
 *
 * Results are checked against the contract here too, so a transport fault becomes a typed
 * INTERNAL error rather than an undefined property deep in a screen.
 */
import {
  apiErrorSchema,
  CALL_NAMES,
  kioskEventSchema,
  type ApiError,
  type CallName,
  type KioskApi,
  type KioskBridge,
  type KioskEvent,
  type Result,
} from './contract.ts';

/** Sends one call and resolves with the raw Result object. */
export type CallTransport = (name: CallName, input: unknown) => Promise<unknown>;
export type EventSource = (listener: (event: unknown) => void) => () => void;

function transportError(message: string): ApiError {
  return {
    code: 'INTERNAL',
    message: `Connection to the kiosk service failed: ${message}`,
    messageJa: '内部の接続に失敗しました。職員にお知らせください。',
  };
}

function asResult(raw: unknown): Result<unknown> {
  if (raw && typeof raw === 'object' && 'ok' in raw) {
    const r = raw as { ok: unknown; value?: unknown; error?: unknown };
    if (r.ok === true) return { ok: true, value: r.value };
    const e = apiErrorSchema.safeParse(r.error);
    if (r.ok === false && e.success) return { ok: false, error: e.data };
  }
  return { ok: false, error: transportError('malformed response') };
}

/** Builds a KioskApi from a call transport and an event source. */
export function createKioskApi(send: CallTransport, events: EventSource): KioskApi {
  const api: Record<string, unknown> = {};
  for (const name of CALL_NAMES) {
    api[name] = async (input: unknown) => {
      try {
        return asResult(await send(name, input ?? {}));
      } catch (e) {
        return { ok: false, error: transportError(e instanceof Error ? e.message : String(e)) };
      }
    };
  }
  api.onEvent = (listener: (event: KioskEvent) => void) =>
    events((raw) => {
      const parsed = kioskEventSchema.safeParse(raw);
      if (parsed.success) listener(parsed.data);
    });
  return api as KioskApi;
}

/** Over the Electron preload bridge. */
export function createIpcKioskApi(bridge: KioskBridge): KioskApi {
  return createKioskApi(
    (name, input) => bridge.call(name, input),
    (listener) => bridge.onEvent(listener),
  );
}

export interface HttpClientOptions {
  /** e.g. "http://127.0.0.1:8787" (default: the page's own origin). */
  baseUrl?: string;
  /** Pairing token for non-loopback servers (sent as a Bearer token and ?token= on the socket). */
  token?: string;
  /** Reconnect delay for the event socket (default 1000 ms). */
  reconnectMs?: number;
}

/** Over HTTP (POST /api/call/:name) and a WebSocket at /api/events that reconnects by itself. */
export function createHttpKioskApi(options: HttpClientOptions = {}): KioskApi {
  const base = (options.baseUrl ?? globalThis.location?.origin ?? '').replace(/\/$/, '');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  const send: CallTransport = async (name, input) => {
    const res = await fetch(`${base}/api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input),
    });
    return res.json();
  };

  const listeners = new Set<(event: unknown) => void>();
  let socket: WebSocket | undefined;
  const connect = () => {
    const wsBase = base.replace(/^http/, 'ws');
    const url = `${wsBase}/api/events${options.token ? `?token=${encodeURIComponent(options.token)}` : ''}`;
    socket = new WebSocket(url);
    socket.onmessage = (m) => {
      let data: unknown;
      try {
        data = JSON.parse(String(m.data));
      } catch {
        return;
      }
      for (const l of listeners) l(data);
    };
    socket.onclose = () => {
      socket = undefined;
      if (listeners.size > 0) setTimeout(connect, options.reconnectMs ?? 1000);
    };
  };

  return createKioskApi(send, (listener) => {
    listeners.add(listener);
    if (!socket) connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) socket?.close();
    };
  });
}
