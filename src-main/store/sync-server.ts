/**
 * The sync server every networked terminal runs: peers pull the events they lack by sending
 * their per-terminal cursor (the highest seq they hold of each terminal), and may poke this
 * terminal to pull from them at once after they recorded something.
 *
 *   POST /v1/pull    body {"vector":{terminal:seq…},"limit"?:n} → sealed {terminalId, groupId,
 *                    vector, hlc, info, events:[…], more}
 *   POST /v1/notify  body {}                                  → sealed {ok:true}; triggers a pull
 *
 * Every request must carry a valid group MAC (sync-auth.ts); anything else gets 401/403 with a
 * bare error code and no data.
 */
import {
  BodyTooLargeError,
  closeAfterAnswer,
  limitServer,
  readBody,
  SERVER_OPTIONS,
} from '../util/http-limits.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { isStoreError } from './errors.ts';
import { ID_RE } from './event-log.ts';
import type { Store } from './store.ts';
import { ReplayGuard, SYNC_HEADERS, sealResponse, verifyRequest } from './sync-auth.ts';

const MAX_BODY_BYTES = 64 * 1024;
const MAX_BATCH = 1000;

const PullRequestSchema = z.object({
  vector: z.record(z.string().regex(ID_RE), z.number().int().nonnegative()),
  limit: z.number().int().positive().optional(),
});

export interface PullResponse {
  terminalId: string;
  groupId: string;
  vector: Record<string, number>;
  hlc: string;
  info: Record<string, string>;
  events: unknown[];
  more: boolean;
}

export interface SyncServerOptions {
  port: number;
  /** Default 0.0.0.0 (the LAN); tests use 127.0.0.1. */
  host?: string;
  /** Mode facts peers should see (e.g. the roll's digest) to warn about mismatched set-ups. */
  info?: () => Record<string, string>;
  /** Called when a peer says it has new events (the agent pulls at once). */
  onNotify?: (fromTerminal: string) => void;
}

export interface SyncServer {
  port: number;
  close(): Promise<void>;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function sendError(res: ServerResponse, status: number, code: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code }));
}

export function startSyncServer(store: Store, opts: SyncServerOptions): Promise<SyncServer> {
  const replays = new ReplayGuard();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method !== 'POST' || (path !== '/v1/pull' && path !== '/v1/notify')) {
      sendError(res, 404, 'NOT_FOUND');
      return;
    }
    const body = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
    const auth = verifyRequest(
      store,
      'POST',
      path,
      {
        group: header(req, SYNC_HEADERS.group),
        terminal: header(req, SYNC_HEADERS.terminal),
        time: header(req, SYNC_HEADERS.time),
        nonce: header(req, SYNC_HEADERS.nonce),
        mac: header(req, SYNC_HEADERS.mac),
      },
      body,
    );
    replays.check(auth);
    let reply: unknown;
    if (path === '/v1/notify') {
      opts.onNotify?.(auth.terminal);
      reply = { ok: true };
    } else {
      const parsed = PullRequestSchema.safeParse(JSON.parse(body));
      if (!parsed.success) {
        sendError(res, 400, 'BAD_REQUEST');
        return;
      }
      const { events, more } = store.events.since(
        parsed.data.vector,
        Math.min(parsed.data.limit ?? MAX_BATCH, MAX_BATCH),
      );
      const response: PullResponse = {
        terminalId: store.terminalId,
        groupId: store.groupId,
        vector: store.events.vector(),
        hlc: store.events.clock(),
        info: opts.info?.() ?? {},
        events,
        more,
      };
      reply = response;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(sealResponse(store, path, auth.nonce, reply));
  };

  const server: Server = createServer(SERVER_OPTIONS, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (isStoreError(e, 'WRONG_GROUP')) sendError(res, 403, 'WRONG_GROUP');
      else if (isStoreError(e, 'TAMPERED')) sendError(res, 401, 'TAMPERED');
      else if (isStoreError(e, 'CLOCK_SKEW')) sendError(res, 401, 'CLOCK_SKEW');
      else if (e instanceof SyntaxError) sendError(res, 400, 'BAD_REQUEST');
      else if (e instanceof BodyTooLargeError) {
        closeAfterAnswer(res);
        sendError(res, 413, 'TOO_LARGE');
      } else sendError(res, 500, 'INTERNAL');
    });
  });
  limitServer(server, { maxConnections: 64 });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
