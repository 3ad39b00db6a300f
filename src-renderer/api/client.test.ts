import { describe, expect, it } from 'vitest';
import { createBridgeClient, createHttpClient, toResult, VISIT_HEADER } from './client.ts';
import { VISIT_HEADER as CONTRACT_VISIT_HEADER, type KioskEvent } from '../../src-main/contract/index.ts';

class FakeSocket {
  static last: FakeSocket | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(public url: string) {
    FakeSocket.last = this;
  }
  close() {
    this.closed = true;
    this.onclose?.();
  }
}

describe('renderer client', () => {
  it('posts a call to /api/call/:name with the pairing token and returns its Result', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const client = createHttpClient({
      baseUrl: 'http://127.0.0.1:8787/',
      token: 'p'.repeat(20),
      fetchImpl: (async (url: string, init: RequestInit) => {
        seen.push({ url, init });
        return new Response(JSON.stringify({ ok: true, value: { idleInSec: 90 } }));
      }) as typeof fetch,
    });
    const r = await client.call('session.touch', {});
    expect(r).toEqual({ ok: true, value: { idleInSec: 90 } });
    expect(seen[0]!.url).toBe('http://127.0.0.1:8787/api/call/session.touch');
    expect((seen[0]!.init.headers as Record<string, string>).authorization).toBe(`Bearer ${'p'.repeat(20)}`);
  });

  it('sends the visit key a new visit handed out with every later call, over HTTP and the bridge', async () => {
    expect(VISIT_HEADER).toBe(CONTRACT_VISIT_HEADER);
    const key = 'ab'.repeat(32);
    const answer = (name: string) =>
      name === 'session.wipe'
        ? { ok: true, value: { sessionId: 's1', visitKey: key } }
        : { ok: true, value: {} };
    const headers: Array<Record<string, string>> = [];
    const http = createHttpClient({
      baseUrl: 'http://x',
      fetchImpl: (async (url: string, init: RequestInit) => {
        headers.push(init.headers as Record<string, string>);
        return new Response(JSON.stringify(answer(url.split('/').at(-1)!)));
      }) as typeof fetch,
    });
    await http.call('forms.inputs', {});
    await http.call('session.wipe', { reason: 'user' });
    await http.call('forms.inputs', {});
    expect(headers.map((h) => h[VISIT_HEADER])).toEqual([undefined, undefined, key]);

    const keys: Array<string | undefined> = [];
    const bridge = createBridgeClient({
      call: async (name, _input, visitKey) => {
        keys.push(visitKey);
        return answer(name);
      },
      onEvent: () => () => undefined,
    });
    await bridge.call('session.wipe', { reason: 'user' });
    await bridge.call('card.read', { method: 'pin', pin: '1234' });
    expect(keys).toEqual([undefined, key]);
  });

  it('turns a network failure or a malformed answer into a typed INTERNAL error', async () => {
    const down = createHttpClient({
      baseUrl: 'http://x',
      fetchImpl: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    const r = await down.call('app.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INTERNAL');
    expect(toResult({ hello: 1 })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(
      toResult({ ok: false, error: { code: 'WRONG_SECRET', message: 'm', messageJa: 'j', retriesLeft: 2 } }),
    ).toEqual({
      ok: false,
      error: { code: 'WRONG_SECRET', message: 'm', messageJa: 'j', retriesLeft: 2 },
    });
  });

  it('delivers WebSocket events, ignores garbage and reconnects after a drop', async () => {
    const client = createHttpClient({
      baseUrl: 'http://127.0.0.1:8787',
      reconnectMs: 5,
      webSocketImpl: FakeSocket as unknown as typeof WebSocket,
    });
    const got: KioskEvent[] = [];
    const states: string[] = [];
    client.onConnection((s) => states.push(s));
    const off = client.onEvent((e) => got.push(e));
    const first = FakeSocket.last!;
    expect(first.url).toBe('ws://127.0.0.1:8787/api/events');
    first.onopen?.();
    first.onmessage?.({
      data: JSON.stringify({ type: 'session.idle-warning', secondsLeft: 10, countdown: 1 }),
    });
    first.onmessage?.({ data: 'not json' });
    first.onmessage?.({ data: JSON.stringify({ nope: true }) });
    expect(got).toEqual([{ type: 'session.idle-warning', secondsLeft: 10, countdown: 1 }]);
    first.onclose?.();
    await new Promise((r) => setTimeout(r, 20));
    expect(FakeSocket.last).not.toBe(first);
    expect(states).toEqual(['closed', 'connecting', 'open', 'closed', 'connecting']);
    off();
    expect(FakeSocket.last!.closed).toBe(true);
  });

  it('uses the Electron preload bridge when present', async () => {
    const events: Array<(e: unknown) => void> = [];
    const client = createBridgeClient({
      call: async (name) => ({ ok: true, value: { name } }),
      onEvent: (l) => {
        events.push(l);
        return () => {};
      },
    });
    expect(await client.call('app.info', {})).toEqual({ ok: true, value: { name: 'app.info' } });
    const got: unknown[] = [];
    client.onEvent((e) => got.push(e));
    events[0]!({ type: 'config.changed' });
    events[0]!(42);
    expect(got).toEqual([{ type: 'config.changed' }]);
  });
});
