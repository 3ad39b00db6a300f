/**
 * A minimal IPP/1.1 client (RFC 8010 encoding) for the one thing the CUPS command-line tools cannot
 * tell us: a finished job's outcome. `lpstat -W completed` lists completed, cancelled and aborted
 * jobs alike; IPP Get-Job-Attributes returns job-state (7 canceled, 8 aborted, 9 completed) in a
 * locale-free binary form.
 *
 * Responses are parsed as hostile input: every length is bounds-checked and a malformed message
 * raises IppParseError instead of reading past the buffer.
 */
import { request } from 'node:http';
import { existsSync } from 'node:fs';

export const IPP_OP = {
  GET_JOB_ATTRIBUTES: 0x0009,
  GET_PRINTER_ATTRIBUTES: 0x000b,
} as const;

export const TAG = {
  OPERATION: 0x01,
  JOB: 0x02,
  END: 0x03,
  PRINTER: 0x04,
  UNSUPPORTED_GROUP: 0x05,
  INTEGER: 0x21,
  BOOLEAN: 0x22,
  ENUM: 0x23,
  BEG_COLLECTION: 0x34,
  END_COLLECTION: 0x37,
  TEXT: 0x41,
  NAME: 0x42,
  KEYWORD: 0x44,
  URI: 0x45,
  CHARSET: 0x47,
  NATURAL_LANGUAGE: 0x48,
  MEMBER_NAME: 0x4a,
} as const;

export type IppValue = string | number | boolean | null;

export interface IppAttributeIn {
  tag: number;
  name: string;
  values: (string | number)[];
}

export interface IppResponse {
  version: string;
  statusCode: number;
  requestId: number;
  /** Attributes by group tag (1 operation, 2 job, 4 printer…), each name → values. */
  groups: { tag: number; attributes: Map<string, IppValue[]> }[];
}

export class IppParseError extends Error {
  override readonly name = 'IppParseError';
}

function encodeValue(tag: number, v: string | number): Buffer {
  if (tag === TAG.INTEGER || tag === TAG.ENUM) {
    const b = Buffer.alloc(4);
    b.writeInt32BE(Number(v));
    return b;
  }
  if (tag === TAG.BOOLEAN) return Buffer.from([v ? 1 : 0]);
  return Buffer.from(String(v), 'utf8');
}

/** Encodes a request with one operation-attributes group (charset and language are added first). */
export function encodeRequest(operation: number, requestId: number, attributes: IppAttributeIn[]): Buffer {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(8);
  head.writeUInt8(1, 0);
  head.writeUInt8(1, 1);
  head.writeUInt16BE(operation, 2);
  head.writeUInt32BE(requestId, 4);
  parts.push(head, Buffer.from([TAG.OPERATION]));
  const all: IppAttributeIn[] = [
    { tag: TAG.CHARSET, name: 'attributes-charset', values: ['utf-8'] },
    { tag: TAG.NATURAL_LANGUAGE, name: 'attributes-natural-language', values: ['en'] },
    ...attributes,
  ];
  for (const a of all) {
    a.values.forEach((v, i) => {
      const name = Buffer.from(i === 0 ? a.name : '', 'utf8');
      const value = encodeValue(a.tag, v);
      const h = Buffer.alloc(3);
      h.writeUInt8(a.tag, 0);
      h.writeUInt16BE(name.length, 1);
      const vl = Buffer.alloc(2);
      vl.writeUInt16BE(value.length, 0);
      parts.push(h, name, vl, value);
    });
  }
  parts.push(Buffer.from([TAG.END]));
  return Buffer.concat(parts);
}

function decodeValue(tag: number, b: Buffer): IppValue {
  if (tag === TAG.INTEGER || tag === TAG.ENUM) {
    if (b.length !== 4) throw new IppParseError(`integer of length ${b.length}`);
    return b.readInt32BE(0);
  }
  if (tag === TAG.BOOLEAN) {
    if (b.length !== 1) throw new IppParseError(`boolean of length ${b.length}`);
    return b[0] !== 0;
  }
  if (tag >= 0x10 && tag <= 0x1f) return null; // out-of-band: unsupported, unknown, no-value
  if (tag >= 0x40 && tag <= 0x5f) return b.toString('utf8');
  if (tag === 0x35 || tag === 0x36) {
    // textWithLanguage / nameWithLanguage: lang-length, lang, text-length, text.
    if (b.length < 2) throw new IppParseError('short text-with-language');
    const ll = b.readUInt16BE(0);
    if (2 + ll + 2 > b.length) throw new IppParseError('bad text-with-language');
    const tl = b.readUInt16BE(2 + ll);
    if (4 + ll + tl > b.length) throw new IppParseError('bad text-with-language');
    return b.subarray(4 + ll, 4 + ll + tl).toString('utf8');
  }
  // dateTime, resolution, rangeOfInteger, octetString…: not needed here.
  return `<${b.length} bytes>`;
}

/** Parses an IPP response; collections are skipped (their values are reported as null). */
export function parseResponse(buf: Uint8Array): IppResponse {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 9) throw new IppParseError('response shorter than an IPP header');
  const res: IppResponse = {
    version: `${b[0]}.${b[1]}`,
    statusCode: b.readUInt16BE(2),
    requestId: b.readUInt32BE(4),
    groups: [],
  };
  let pos = 8;
  let group: IppResponse['groups'][number] | undefined;
  let lastName = '';
  let collectionDepth = 0;
  const need = (n: number) => {
    if (pos + n > b.length) throw new IppParseError('attribute runs past the end of the response');
  };
  for (;;) {
    need(1);
    const tag = b[pos++]!;
    if (tag === TAG.END) return res;
    if (tag < 0x10) {
      if (collectionDepth > 0) throw new IppParseError('group delimiter inside a collection');
      group = { tag, attributes: new Map() };
      res.groups.push(group);
      continue;
    }
    if (!group) throw new IppParseError('attribute outside any group');
    let valueTag = tag;
    if (tag === 0x7f) {
      need(4); // extended tag: 4-byte tag value follows
      valueTag = b.readUInt32BE(pos);
      pos += 4;
    }
    need(2);
    const nl = b.readUInt16BE(pos);
    pos += 2;
    need(nl);
    const name = b.subarray(pos, pos + nl).toString('utf8');
    pos += nl;
    need(2);
    const vl = b.readUInt16BE(pos);
    pos += 2;
    need(vl);
    const raw = b.subarray(pos, pos + vl);
    pos += vl;

    if (valueTag === TAG.BEG_COLLECTION) {
      if (collectionDepth === 0) {
        if (nl > 0) lastName = name;
        const vals = group.attributes.get(lastName) ?? [];
        vals.push(null);
        group.attributes.set(lastName, vals);
      }
      collectionDepth++;
      if (collectionDepth > 16) throw new IppParseError('collections nested too deep');
      continue;
    }
    if (valueTag === TAG.END_COLLECTION) {
      if (collectionDepth === 0) throw new IppParseError('end of a collection that never began');
      collectionDepth--;
      continue;
    }
    if (collectionDepth > 0) continue; // member attributes of a skipped collection
    if (nl > 0) lastName = name;
    else if (lastName === '') throw new IppParseError('additional value without an attribute');
    const vals = group.attributes.get(lastName) ?? [];
    vals.push(decodeValue(valueTag, raw));
    group.attributes.set(lastName, vals);
  }
}

/** First group with the given tag. */
export function groupOf(res: IppResponse, tag: number): Map<string, IppValue[]> | undefined {
  return res.groups.find((g) => g.tag === tag)?.attributes;
}

export interface IppEndpoint {
  /** Unix socket of the scheduler, or undefined for TCP. */
  socketPath?: string;
  host: string;
  port: number;
}

const SOCKETS = ['/run/cups/cups.sock', '/var/run/cups/cups.sock', '/private/var/run/cupsd'];

/**
 * Where the local scheduler listens, following libcups: CUPS_SERVER (a socket path or host[:port]),
 * else the well-known domain sockets, else localhost:631.
 */
export function cupsEndpoint(env: NodeJS.ProcessEnv = process.env): IppEndpoint {
  const server = env.CUPS_SERVER;
  if (server && server.startsWith('/')) return { socketPath: server, host: 'localhost', port: 631 };
  if (server) {
    const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(server);
    return { host: m?.[1] ?? 'localhost', port: m?.[2] ? Number(m[2]) : 631 };
  }
  const sock = SOCKETS.find((p) => existsSync(p));
  return sock ? { socketPath: sock, host: 'localhost', port: 631 } : { host: 'localhost', port: 631 };
}

const MAX_RESPONSE = 4 * 1024 * 1024;

/** POSTs an IPP request to `path` (e.g. "/jobs/42") and parses the answer. */
export function ippRequest(
  endpoint: IppEndpoint,
  path: string,
  body: Buffer,
  timeoutMs = 5000,
): Promise<IppResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...(endpoint.socketPath
          ? { socketPath: endpoint.socketPath }
          : { host: endpoint.host, port: endpoint.port }),
        method: 'POST',
        path,
        headers: {
          'Content-Type': 'application/ipp',
          'Content-Length': body.length,
          Host: endpoint.socketPath ? 'localhost' : `${endpoint.host}:${endpoint.port}`,
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE) {
            req.destroy(new IppParseError('IPP response too large'));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => {
          if (res.statusCode !== 200) {
            reject(new Error(`IPP HTTP status ${res.statusCode ?? '?'}`));
            return;
          }
          try {
            resolve(parseResponse(Buffer.concat(chunks)));
          } catch (e) {
            reject(e as Error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`IPP request timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export const JOB_STATE_KEYWORDS: Record<number, string> = {
  3: 'pending',
  4: 'pending-held',
  5: 'processing',
  6: 'processing-stopped',
  7: 'canceled',
  8: 'aborted',
  9: 'completed',
};
