/**
 * 10,000 malformed HTTP requests and API calls against the running server (loopback, seeded):
 * random methods, paths (broken percent-escapes, traversal, NULs, very long), headers (foreign
 * Host, bad cookies, wrong content types), bodies (invalid JSON, deep nesting, huge numbers,
 * __proto__ keys, wrong types for every call's fields). Every answer must be a 2xx–4xx — never a
 * 500 — and no contract answer may be INTERNAL (an exception a handler did not expect). The
 * server must still answer normally afterwards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../test/helpers/prng.ts';
import { CALL_NAMES } from '../contract/index.ts';
import { startHttpServer, type RunningServer } from './http-server.ts';
import { createTestKiosk, type TestKiosk } from './testing.ts';

const TOKEN = 'pairing-token-0123456789abcdef';
const CASES = 10_000;

/** Every call of the contract, so a call added later is fuzzed too. */
const CALLS = CALL_NAMES;
const FIELDS = [
  'pin',
  'bno',
  'method',
  'renderId',
  'jobId',
  'printer',
  'copies',
  'token',
  'lifeEventId',
  'answers',
  'inputs',
  'language',
  'reason',
  'rollNumber',
  'passphrase',
  'query',
  'formIds',
  'persona',
  'name',
  'values',
  '__proto__',
  'constructor',
];

let kiosk: TestKiosk;
let server: RunningServer;
/** Its own screens folder, so the test does not depend on `npm run build:renderer` having run. */
let staticDir: string;
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

beforeAll(async () => {
  kiosk = await createTestKiosk();
  staticDir = mkdtempSync(join(tmpdir(), 'kakanai-fuzz-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Kakanai</title>');
  server = await startHttpServer({
    staticDir,
    router: kiosk.router,
    events: kiosk.events,
    port: 0,
    pairingToken: TOKEN,
  });
});

afterAll(async () => {
  agent.destroy();
  await server.close();
  await kiosk.close();
  rmSync(staticDir, { recursive: true, force: true });
});

type Rnd = () => number;
const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

function randomValue(rnd: Rnd, depth = 0): unknown {
  switch (Math.floor(rnd() * (depth > 3 ? 7 : 10))) {
    case 0:
      return null;
    case 1:
      return rnd() < 0.5;
    case 2:
      return pick(rnd, [0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, 1234, 99999999999]);
    case 3:
      return pick(rnd, [
        '',
        '1234',
        'ja',
        'x'.repeat(5000),
        '\u0000\u202e',
        '../../etc/passwd',
        '𠮷',
        '%E0%A4%A',
      ]);
    case 4:
      return String.fromCharCode(
        ...Array.from({ length: Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 0xffff)),
      );
    case 5:
      return pick(rnd, ['55021720352285', 'PDF-1', 'moving', 'bno', 'pin', 'tennyu']);
    case 6:
      return Math.floor(rnd() * 100);
    case 7:
      return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(rnd, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      // Own properties, "__proto__" included, as JSON.parse on the server would make them.
      for (let i = Math.floor(rnd() * 4); i > 0; i--) {
        const value = randomValue(rnd, depth + 1);
        Object.defineProperty(o, pick(rnd, FIELDS), {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return o;
    }
  }
}

function randomBody(rnd: Rnd): string {
  switch (Math.floor(rnd() * 8)) {
    case 0:
      return '';
    case 1:
      return pick(rnd, ['{', '{"a":', 'null', '[]', '"x"', '{"__proto__":{"ok":true}}', '\u0000', 'nan']);
    case 2:
      return `${'['.repeat(5000)}${']'.repeat(5000)}`;
    case 3:
      return JSON.stringify({ [pick(rnd, FIELDS)]: randomValue(rnd) }).replace(/}$/, ',}');
    default:
      return JSON.stringify(randomValue(rnd));
  }
}

/** Percent-escapes what it can; a lone surrogate becomes a broken escape (also worth sending). */
function escapeLoosely(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0';
  }
}

function randomPath(rnd: Rnd): string {
  switch (Math.floor(rnd() * 10)) {
    case 0:
      return pick(rnd, [
        '/api/call/%E0%A4%A',
        '/api/call/%',
        '/api/call/',
        '/api/call/../../etc',
        '/api/events',
      ]);
    case 1:
      return pick(rnd, [
        '/..%2f..%2fetc/passwd',
        '/%00',
        '/assets/../../x.js',
        `/${'a'.repeat(8000)}`,
        '/?token=x',
      ]);
    case 2:
      return `/api/${pick(rnd, ['call', 'x', 'calls'])}/${escapeLoosely(JSON.stringify(randomValue(rnd)) ?? '')}`;
    default:
      return `/api/call/${pick(rnd, CALLS)}`;
  }
}

interface Answer {
  status: number;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', () => resolve({ status: -1, body: '' }));
    });
    // A request Node itself refuses to send (an invalid header value) is not the server's answer.
    req.on('error', (e) => resolve({ status: -2, body: e.message }));
    if (method !== 'GET' && method !== 'HEAD') req.end(body);
    else req.end();
  });
}

describe('HTTP fuzz (seeded, loopback)', () => {
  it(`${CASES.toLocaleString('en')} malformed requests: no 500, no INTERNAL, the server still answers`, async () => {
    const rnd = prng(0xfa11);
    const statuses: Record<number, number> = {};
    const bad: string[] = [];
    const host = `127.0.0.1:${server.port}`;
    for (let i = 0; i < CASES; i++) {
      const method = rnd() < 0.8 ? 'POST' : pick(rnd, ['GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HEAD']);
      const path = randomPath(rnd);
      const headers: Record<string, string> = { host };
      if (rnd() < 0.9) headers.authorization = `Bearer ${rnd() < 0.95 ? TOKEN : 'wrong-token-xxxxxxxxxxxx'}`;
      else headers.cookie = pick(rnd, ['kakanai_pair=%', `kakanai_pair=${TOKEN}`, 'kakanai_pair', '=;=;']);
      headers['content-type'] = pick(rnd, [
        'application/json',
        'application/json',
        'text/plain',
        'application/json; charset=utf-16',
      ]);
      if (rnd() < 0.05) headers.host = pick(rnd, ['evil.example', '127.0.0.1:1', '[::1]', '']);
      if (rnd() < 0.05) headers.origin = pick(rnd, ['http://evil.example', 'null', `http://${host}`]);
      const body = randomBody(rnd);
      const a = await send(method, path, headers, body);
      statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      const internal = a.status === 200 && a.body.includes('"code":"INTERNAL"');
      if (a.status >= 500 || a.status === -1 || internal) {
        bad.push(
          `${a.status} ${method} ${path.slice(0, 80)} ${body.slice(0, 120)} → ${a.body.slice(0, 200)}`,
        );
      }
    }
    console.warn(`[measure] http fuzz statuses: ${JSON.stringify(statuses)}`);
    expect(bad.slice(0, 10)).toEqual([]);
    const ok = await send(
      'POST',
      '/api/call/app.info',
      { host, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      '{}',
    );
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
  }, 180_000);
});
