/**
 * Limits every HTTP server of the kiosk shares (the API server, LAN sync): how many connections,
 * how long a client may take to send its headers and its request, and how large a body may be.
 * A body over the limit is answered 413 (the rest of it is read and dropped, up to a point, so the
 * client sees the answer instead of a reset connection); idle or half-sent connections are closed.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface ServerLimits {
  /** Open connections at once (default 128). */
  maxConnections?: number;
  /** Time to receive a request's headers (default 10 s). */
  headersTimeoutMs?: number;
  /** Time to receive a whole request (default 30 s). */
  requestTimeoutMs?: number;
}

/** For createServer: how often Node looks for connections over their time (default 30 s). */
export const SERVER_OPTIONS = { connectionsCheckingInterval: 1000 } as const;

export function limitServer(server: Server, limits: ServerLimits = {}): void {
  server.maxConnections = limits.maxConnections ?? 128;
  server.headersTimeout = limits.headersTimeoutMs ?? 10_000;
  server.requestTimeout = limits.requestTimeoutMs ?? 30_000;
  server.keepAliveTimeout = 5000;
}

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** Bytes of an over-large body read and dropped before the connection is cut. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/** The request body, or BodyTooLargeError once it passes `maxBytes` (the answer can still be sent). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (over) {
        if (size > DRAIN_LIMIT) req.destroy();
        return;
      }
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
        reject(new BodyTooLargeError(maxBytes));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** After answering a request whose body was refused: no keep-alive on that connection. */
export function closeAfterAnswer(res: ServerResponse): void {
  res.setHeader('connection', 'close');
}
