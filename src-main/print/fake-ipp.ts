/**
 * Test helpers: build IPP messages by hand and serve them from a throwaway HTTP server, so the
 * CUPS backend's IPP side can be tested without a scheduler.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IppEndpoint } from './ipp.ts';

export type IppItem = number | [tag: number, name: string, value: Buffer];

/** An IPP/1.1 message: group delimiters as numbers, attributes as [tag, name, value] triples. */
export function ippMessage(status: number, items: IppItem[], requestId = 7): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt8(1, 0);
  head.writeUInt8(1, 1);
  head.writeUInt16BE(status, 2);
  head.writeUInt32BE(requestId, 4);
  const parts: Buffer[] = [head];
  for (const it of items) {
    if (typeof it === 'number') {
      parts.push(Buffer.from([it]));
      continue;
    }
    const [tag, name, value] = it;
    const n = Buffer.from(name);
    const h = Buffer.alloc(3);
    h.writeUInt8(tag, 0);
    h.writeUInt16BE(n.length, 1);
    const l = Buffer.alloc(2);
    l.writeUInt16BE(value.length);
    parts.push(h, n, l, value);
  }
  return Buffer.concat(parts);
}

export const ippInt = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
export const ippStr = (s: string): Buffer => Buffer.from(s, 'utf8');

/** Serves `answer(path)` as the IPP response to every POST. */
export async function startFakeIpp(
  answer: (path: string) => Buffer | undefined,
): Promise<{ endpoint: IppEndpoint; paths: string[]; close(): Promise<void> }> {
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    paths.push(req.url ?? '');
    req.resume();
    req.on('end', () => {
      const body = answer(req.url ?? '');
      if (!body) {
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/ipp' }).end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: { host: '127.0.0.1', port: (server.address() as AddressInfo).port },
    paths,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
