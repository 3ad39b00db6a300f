import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { VISIT_HEADER, type KioskEvent } from '../contract/index.ts';
import {
  CONTENT_SECURITY_POLICY,
  isLoopbackHost,
  startHttpServer,
  type HttpServerOptions,
  type RunningServer,
} from './http-server.ts';
import { createTestKiosk, type TestKiosk } from './testing.ts';

const TOKEN = 'pairing-token-0123456789abcdef';

let kiosk: TestKiosk | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  await kiosk?.close();
  server = undefined;
  kiosk = undefined;
});

function staticDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-static-'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>kiosk</title><script type="module" src="./app.js"></script>',
  );
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

async function start(
  opts: Pick<HttpServerOptions, 'host' | 'pairingToken' | 'limits' | 'tls' | 'insecureLan'> = {},
): Promise<RunningServer> {
  kiosk = await createTestKiosk();
  server = await startHttpServer({
    router: kiosk.router,
    events: kiosk.events,
    port: 0,
    staticDir: staticDir(),
    ...opts,
  });
  return server;
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request (fetch would not let us send a foreign Host header). */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = (s: RunningServer, name: string, input: unknown = {}, headers: Record<string, string> = {}) =>
  raw(`${s.url}api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });

/** A non-loopback IPv4 address of this machine, if it has one. */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

describe('HTTP server', () => {
  it('binds 127.0.0.1 by default and answers contract calls as Result JSON', async () => {
    const s = await start();
    expect(s.host).toBe('127.0.0.1');
    const r = await call(s, 'app.info');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { mode: 'counter', transport: 'http' } });
    const bad = JSON.parse((await call(s, 'session.wipe', { reason: 'bored' })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } });
    const notJson = await raw(`${s.url}api/call/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await raw(`${s.url}api/call/app.info`)).status).toBe(405);
  });

  it('serves the renderer with a strict CSP, SPA fallback, and no path traversal', async () => {
    const s = await start();
    const index = await raw(s.url);
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect(index.headers['cache-control']).toBe('no-store');
    expect((await raw(`${s.url}assets/app.js`)).headers['content-type']).toMatch(/javascript/);
    expect((await raw(`${s.url}screens/card`)).body).toContain('<title>kiosk</title>');
    expect((await raw(`${s.url}missing.js`)).status).toBe(404);
    expect((await raw(`${s.url}..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) and cross-origin calls', async () => {
    const s = await start();
    const rebound = await raw(`${s.url}api/call/app.info`, {
      method: 'POST',
      headers: { host: `evil.example:${s.port}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(rebound.status).toBe(421);
    const cross = await call(s, 'app.info', {}, { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const same = await call(s, 'app.info', {}, { origin: `http://127.0.0.1:${s.port}` });
    expect(same.status).toBe(200);
    const textPlain = await raw(`${s.url}api/call/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(textPlain.status).toBe(415);
  });

  it('will not listen on another address without a pairing token', async () => {
    kiosk = await createTestKiosk();
    await expect(
      startHttpServer({ router: kiosk.router, events: kiosk.events, host: '0.0.0.0', port: 0 }),
    ).rejects.toMatchObject({
      code: 'PAIRING_TOKEN_REQUIRED',
    });
    await expect(
      startHttpServer({
        router: kiosk.router,
        events: kiosk.events,
        host: '0.0.0.0',
        port: 0,
        pairingToken: 'short',
      }),
    ).rejects.toMatchObject({ code: 'PAIRING_TOKEN_WEAK' });
    // A token, but plain HTTP on the LAN: refused unless the risk is accepted explicitly.
    await expect(
      startHttpServer({
        router: kiosk.router,
        events: kiosk.events,
        host: '0.0.0.0',
        port: 0,
        pairingToken: TOKEN,
      }),
    ).rejects.toMatchObject({ code: 'TLS_REQUIRED' });
    expect(isLoopbackHost('127.0.0.1') && isLoopbackHost('localhost') && isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('0.0.0.0') || isLoopbackHost('192.168.1.5')).toBe(false);
  });

  it('with a pairing token: 401 without it, accepted as Bearer, ?token= becomes a cookie', async () => {
    const s = await start({ host: '0.0.0.0', pairingToken: TOKEN, insecureLan: true });
    const base = `http://127.0.0.1:${s.port}/`;
    const lan = lanAddress();
    const remoteBase = lan ? `http://${lan}:${s.port}/` : base;
    expect(
      (
        await raw(`${remoteBase}api/call/app.info`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    expect((await raw(remoteBase)).status).toBe(401);
    expect(
      (
        await raw(`${remoteBase}api/call/app.info`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer wrong-token-0123456789' },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    const ok = await raw(`${remoteBase}api/call/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: '{}',
    });
    expect(ok.status).toBe(200);
    const pair = await raw(`${remoteBase}?token=${TOKEN}`);
    expect(pair.status).toBe(303);
    expect(pair.headers.location).toBe('/');
    const cookie = String(pair.headers['set-cookie']).split(';')[0]!;
    expect(String(pair.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await raw(remoteBase, { headers: { cookie } })).status).toBe(200);
  });

  it('pushes events over the WebSocket, and refuses sockets without the token', async () => {
    const s = await start({ host: '0.0.0.0', pairingToken: TOKEN, insecureLan: true });
    const wsUrl = `ws://127.0.0.1:${s.port}/api/events`;
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(wsUrl);
      ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.on('open', () => resolve('open'));
      ws.on('error', () => undefined);
    });
    expect(refused).toBe('401');

    const ws = new WebSocket(`${wsUrl}?token=${TOKEN}`);
    const received: KioskEvent[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => resolve());
      ws.on('error', reject);
    });
    const got = new Promise<void>((resolve) =>
      ws.on('message', (m) => {
        received.push(JSON.parse(String(m)) as KioskEvent);
        if (received.length === 2) resolve();
      }),
    );
    kiosk!.reader.remove();
    await call(s, 'session.wipe', { reason: 'staff' }, { authorization: `Bearer ${TOKEN}` });
    await got;
    expect(received[0]).toEqual({ type: 'card', kind: 'card-removed', reader: 'Kakanai Virtual Card 00' });
    expect(received[1]).toMatchObject({ type: 'session.wiped', reason: 'staff' });
    ws.close();
  });

  it("a visit answers only the screen that started it: another client, a forged key or no key gets NO_VISIT, and a second Start ends the first screen's visit", async () => {
    const s = await start();
    const json = async (p: Promise<Raw>) => JSON.parse((await p).body) as Record<string, unknown>;
    const code = (r: Record<string, unknown>) => (r.error as { code?: string } | undefined)?.code;
    const plan = { lifeEventId: 'seal-registration', answers: { alsoCertificate: false } };

    expect(code(await json(call(s, 'planner.plan', plan)))).toBe('NO_VISIT');
    const a = (await json(call(s, 'session.wipe', { reason: 'user' }))).value as { visitKey: string };
    expect(a.visitKey).toMatch(/^[0-9a-f]{64}$/);
    const asA = { [VISIT_HEADER]: a.visitKey };
    expect(await json(call(s, 'planner.plan', plan, asA))).toMatchObject({ ok: true });
    await json(call(s, 'forms.setInputs', { values: { phone: '03-1234-5678' } }, asA));
    expect((await json(call(s, 'forms.inputs', {}, asA))).value).toMatchObject({
      values: { phone: '03-1234-5678' },
    });

    // Another client (no key, a forged key, a key of the wrong shape) learns nothing of the visit.
    const others: Record<string, string>[] = [
      {},
      { [VISIT_HEADER]: 'f'.repeat(64) },
      { [VISIT_HEADER]: 'x' },
    ];
    for (const other of others) {
      for (const name of ['forms.inputs', 'forms.preview', 'forms.render', 'session.finish']) {
        const r = await json(call(s, name, {}, other));
        expect(code(r), name).toBe('NO_VISIT');
        expect(JSON.stringify(r)).not.toContain('5678');
      }
    }
    expect((await json(call(s, 'session.state'))).value).toMatchObject({ hasPlan: true });

    // A second screen pressing Start wipes the first visit; the first screen's key is dead.
    const b = (await json(call(s, 'session.wipe', { reason: 'user' }))).value as { visitKey: string };
    expect(b.visitKey).not.toBe(a.visitKey);
    expect(code(await json(call(s, 'forms.inputs', {}, asA)))).toBe('NO_VISIT');
    const fresh = await json(call(s, 'forms.inputs', {}, { [VISIT_HEADER]: b.visitKey }));
    expect(code(fresh)).toBe('NO_PLAN');
    expect(JSON.stringify(fresh)).not.toContain('5678');
    // A wipe by staff (or idle, card removed, finish) ends the visit and its key.
    await call(s, 'session.wipe', { reason: 'staff' });
    expect(code(await json(call(s, 'planner.plan', plan, { [VISIT_HEADER]: b.visitKey })))).toBe('NO_VISIT');
  });

  it('a cross-origin WebSocket is refused even on loopback', async () => {
    const s = await start();
    const status = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${s.port}/api/events`, { origin: 'http://evil.example' });
      ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.on('open', () => resolve('open'));
      ws.on('error', () => undefined);
    });
    expect(status).toBe('403');
  });

  it('on the LAN with a certificate: HTTPS, and the pairing cookie is Secure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-tls-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=kakanai-test',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const s = await start({
      host: '0.0.0.0',
      pairingToken: TOKEN,
      tls: { cert: readFileSync(cert), key: readFileSync(key) },
    });
    expect(s.url).toMatch(/^https:/);
    const get = (path: string) =>
      new Promise<{ status: number; cookie: string }>((resolve, reject) => {
        const req = httpsRequest(
          { host: '127.0.0.1', port: s.port, path, rejectUnauthorized: false },
          (res) => {
            res.resume();
            resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? '') });
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect((await get('/')).status).toBe(401);
    const paired = await get(`/?token=${TOKEN}`);
    expect(paired.status).toBe(303);
    expect(paired.cookie).toMatch(/HttpOnly; SameSite=Strict; Path=\/; Secure/);
  });

  it('malformed requests get 4xx answers, never 500: a bad cookie, a bad call name, a 2 MB body', async () => {
    const s = await start({ host: '127.0.0.1', pairingToken: TOKEN });
    const badCookie = await raw(`${s.url}api/call/app.info`, {
      method: 'POST',
      headers: { cookie: 'kakanai_pair=%', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(badCookie.status).toBe(401);
    const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const badName = await raw(`${s.url}api/call/%E0%A4%A`, { method: 'POST', headers: auth, body: '{}' });
    expect(badName.status).toBe(400);
    expect(JSON.parse(badName.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    const big = await raw(`${s.url}api/call/app.info`, {
      method: 'POST',
      headers: auth,
      body: `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}`,
    });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('closes connections that send nothing or stop half-way, and caps how many are open', async () => {
    const s = await start({ limits: { headersTimeoutMs: 500, requestTimeoutMs: 1000, maxConnections: 4 } });
    const open = (): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const sock = connect(s.port, '127.0.0.1', () => resolve(sock));
        sock.on('error', reject);
        sock.resume(); // read what the server says, so its closing is seen
      });
    const closed = (sock: Socket) =>
      new Promise<void>((r) => (sock.destroyed ? r() : sock.once('close', () => r())));
    const idle = await open();
    const half = await open();
    half.write('POST /api/call/app.info HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const t0 = Date.now();
    await Promise.all([closed(idle), closed(half)]);
    expect(Date.now() - t0).toBeLessThan(5000);
    // Four at once are served; a fifth is closed at once.
    const four = await Promise.all([open(), open(), open(), open()]);
    const fifth = await open();
    await closed(fifth);
    for (const sock of four) sock.destroy();
  });

  it('first response time after start (measured, printed; no timed assert)', async () => {
    const t0 = performance.now();
    const s = await start();
    const listening = performance.now();
    const index = await raw(s.url);
    const firstPage = performance.now();
    const info = await call(s, 'app.info');
    const firstCall = performance.now();
    expect(index.status).toBe(200);
    expect(info.status).toBe(200);
    console.warn(
      `[measure] server mode: kiosk+listen ${(listening - t0).toFixed(1)} ms, first page ${(firstPage - listening).toFixed(1)} ms, first app.info ${(firstCall - firstPage).toFixed(1)} ms`,
    );
  });
});
