/**
 * Server mode: the same contract over HTTP and WebSocket, and the built renderer as static files.
 *
 *   POST /api/call/<name>   JSON input → JSON Result (always HTTP 200 for a contract answer)
 *   GET  /api/events        WebSocket; every KioskEvent as one JSON text message
 *   GET  /*                 dist/renderer (index.html for unknown paths without an extension)
 *
 * Safety: binds 127.0.0.1 unless told otherwise; any other address needs a pairing token, and then
 * every request must present it (Authorization: Bearer, the pairing cookie, or ?token= once, which
 * sets the cookie). On loopback the Host header must be a loopback name (stops DNS rebinding) and
 * a cross-origin Origin is refused (stops other web pages driving the kiosk). Every response has
 * a strict Content-Security-Policy.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BodyTooLargeError,
  closeAfterAnswer,
  limitServer,
  readBody,
  SERVER_OPTIONS,
  type ServerLimits,
} from '../util/http-limits.ts';
import { log } from '../util/log.ts';
import { CONTENT_TYPES, SECURITY_HEADERS } from './csp.ts';
import type { EventBus } from '../contract/event-bus.ts';
import { VISIT_HEADER } from '../contract/call.ts';
import type { Router } from './router.ts';

export { CONTENT_SECURITY_POLICY } from './csp.ts';

const PAIR_COOKIE = 'kakanai_pair';
const MAX_BODY_BYTES = 1024 * 1024;

export class ServerConfigError extends Error {
  override readonly name = 'ServerConfigError';
  constructor(
    readonly code: 'PAIRING_TOKEN_REQUIRED' | 'PAIRING_TOKEN_WEAK' | 'TLS_REQUIRED',
    message: string,
  ) {
    super(message);
  }
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

export interface HttpServerOptions {
  router: Router;
  events: EventBus;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Required for a non-loopback host (at least 16 characters); when set, required from every client. */
  pairingToken?: string;
  /** The built renderer (default dist/renderer). */
  staticDir?: string;
  /** Connection and time limits (defaults in util/http-limits.ts). */
  limits?: ServerLimits;
  /** PEM certificate and key: serve HTTPS (the pairing cookie is then Secure). */
  tls?: { cert: Buffer | string; key: Buffer | string };
  /** Serve plain HTTP on a non-loopback address anyway (the token and PDFs travel readable). */
  insecureLan?: boolean;
}

export interface RunningServer {
  server: Server;
  host: string;
  port: number;
  /** http(s)://host:port/ */
  url: string;
  close(): Promise<void>;
}

function tokenEquals(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined; // a malformed cookie is no token
    }
  }
  return undefined;
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', {
    'cache-control': 'no-store',
  });
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  const token = options.pairingToken;
  if (!loopback && !token) {
    throw new ServerConfigError(
      'PAIRING_TOKEN_REQUIRED',
      `Refusing to listen on ${host} without a pairing token (--pairing-token-file).`,
    );
  }
  if (token !== undefined && token.length < 16) {
    throw new ServerConfigError('PAIRING_TOKEN_WEAK', 'The pairing token must have at least 16 characters.');
  }
  // On the LAN the token and the residents' filled forms must not travel readable.
  if (!loopback && !options.tls && options.insecureLan !== true) {
    throw new ServerConfigError(
      'TLS_REQUIRED',
      `Refusing plain HTTP on ${host}: give a TLS certificate and key (server.tls), or --insecure-lan to accept the risk.`,
    );
  }
  const scheme = options.tls ? 'https' : 'http';
  const staticDir = resolve(options.staticDir ?? 'dist/renderer');
  let port = options.port ?? 8787;

  /** Loopback: the Host header must name a loopback address on our port (DNS rebinding). */
  const hostAllowed = (req: IncomingMessage): boolean => {
    if (!loopback) return true;
    const h = req.headers.host ?? '';
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(h);
    return !!m && isLoopbackHost(m[1]!) && (m[2] === undefined || Number(m[2]) === port);
  };
  /** A browser's Origin, when sent, must be this server. */
  const originAllowed = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    return origin === `${scheme}://${req.headers.host ?? ''}`;
  };
  const presentedToken = (req: IncomingMessage, url: URL): string | undefined => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
    return url.searchParams.get('token') ?? cookieValue(req, PAIR_COOKIE);
  };
  const authorized = (req: IncomingMessage, url: URL): boolean => {
    if (!token) return true;
    const given = presentedToken(req, url);
    return given !== undefined && tokenEquals(given, token);
  };

  const serveStatic = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'bad path', 'text/plain; charset=utf-8');
    }
    if (path.includes('\0')) return send(res, 400, 'bad path', 'text/plain; charset=utf-8');
    let file = normalize(join(staticDir, path));
    if (file !== staticDir && !file.startsWith(staticDir + sep))
      return send(res, 403, 'forbidden', 'text/plain; charset=utf-8');
    const isFile = existsSync(file) && statSync(file).isFile();
    if (!isFile) {
      if (extname(path) !== '') return send(res, 404, 'not found', 'text/plain; charset=utf-8');
      file = join(staticDir, 'index.html');
      if (!existsSync(file)) {
        return send(
          res,
          503,
          '<!doctype html><meta charset="utf-8"><title>Kakanai</title><p>The kiosk screens are not built yet: run <code>npm run build:renderer</code>.</p>',
          'text/html; charset=utf-8',
        );
      }
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const body = readFileSync(file);
    const cache = file.endsWith('.html') ? 'no-store' : 'public, max-age=3600';
    if (req.method === 'HEAD') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': type,
        'content-length': body.length,
        'cache-control': cache,
      });
      return res.end();
    }
    send(res, 200, body, type, { 'cache-control': cache });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hostAllowed(req)) return send(res, 421, 'misdirected request', 'text/plain; charset=utf-8');
    if (!authorized(req, url)) {
      return send(
        res,
        401,
        'pairing token required / ペアリングトークンが必要です',
        'text/plain; charset=utf-8',
        {
          'www-authenticate': 'Bearer realm="kakanai"',
        },
      );
    }
    // A token given in the URL becomes a cookie, and the URL is cleaned of it.
    if (token && url.searchParams.has('token') && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        location: url.pathname + url.search,
        'set-cookie': `${PAIR_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/${options.tls ? '; Secure' : ''}`,
        'content-length': 0,
      });
      return res.end();
    }

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST')
        return send(res, 405, 'use POST', 'text/plain; charset=utf-8', { allow: 'POST' });
      if (!originAllowed(req))
        return send(res, 403, 'cross-origin request refused', 'text/plain; charset=utf-8');
      if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        return send(res, 415, 'expected application/json', 'text/plain; charset=utf-8');
      }
      let name: string;
      try {
        name = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      } catch {
        return sendJson(res, 400, {
          ok: false,
          error: {
            code: 'UNKNOWN_CALL',
            message: 'Malformed call name.',
            messageJa: '呼び出し名の形式が正しくありません。',
          },
        });
      }
      let input: unknown;
      try {
        const body = await readBody(req, MAX_BODY_BYTES);
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch (e) {
        const status = e instanceof BodyTooLargeError ? 413 : 400;
        if (status === 413) closeAfterAnswer(res);
        return sendJson(res, status, {
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: status === 413 ? 'The request is too large.' : 'The request body is not valid JSON.',
            messageJa: '要求の形式が正しくありません。',
          },
        });
      }
      const visitKey = req.headers[VISIT_HEADER];
      const result = await options.router.call(name, input, {
        transport: 'http',
        ...(typeof visitKey === 'string' ? { visitKey } : {}),
      });
      return sendJson(res, 200, result);
    }
    if (url.pathname.startsWith('/api/')) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'method not allowed', 'text/plain; charset=utf-8');
    serveStatic(req, res, url);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      log.error('server.request', { error: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) send(res, 500, 'internal error', 'text/plain; charset=utf-8');
      else res.destroy();
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ ...SERVER_OPTIONS, cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createServer(SERVER_OPTIONS, onRequest);
  limitServer(server, options.limits);

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/api/events') return refuse(404, 'Not Found');
    if (!hostAllowed(req)) return refuse(421, 'Misdirected Request');
    if (!originAllowed(req)) return refuse(403, 'Forbidden');
    if (!authorized(req, url)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const unsubscribe = options.events.subscribe((event) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
      });
      let alive = true;
      ws.on('pong', () => (alive = true));
      const ping = setInterval(() => {
        if (!alive) return ws.terminate();
        alive = false;
        ws.ping();
      }, 30_000);
      ping.unref();
      // Clients only listen; anything they send is ignored.
      ws.on('message', () => undefined);
      ws.on('close', () => {
        clearInterval(ping);
        unsubscribe();
        sockets.delete(ws);
      });
      ws.on('error', () => ws.terminate());
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address();
  if (address && typeof address === 'object') port = address.port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  log.info('server.start', { host, port, paired: token !== undefined, tls: options.tls !== undefined });

  return {
    server,
    host,
    port,
    url: `${scheme}://${urlHost}:${port}/`,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
