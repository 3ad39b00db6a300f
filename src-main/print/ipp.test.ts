import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ippInt, ippMessage, ippStr } from './fake-ipp.ts';
import {
  cupsEndpoint,
  encodeRequest,
  groupOf,
  ippRequest,
  IppParseError,
  parseResponse,
  TAG,
} from './ipp.ts';

const int = ippInt;
const str = ippStr;

describe('encodeRequest', () => {
  it('writes version 1.1, the operation, charset and language first, and additional values', () => {
    const b = encodeRequest(0x0009, 5, [
      { tag: TAG.KEYWORD, name: 'requested-attributes', values: ['a', 'bc'] },
    ]);
    expect([...b.subarray(0, 9)]).toEqual([1, 1, 0, 9, 0, 0, 0, 5, TAG.OPERATION]);
    expect(b.includes(Buffer.from('attributes-charset'))).toBe(true);
    expect(b.indexOf('attributes-charset')).toBeLessThan(b.indexOf('requested-attributes'));
    // The second value has a zero-length name.
    const second = Buffer.from([TAG.KEYWORD, 0, 0, 0, 2, 0x62, 0x63]);
    expect(b.includes(second)).toBe(true);
    expect(b[b.length - 1]).toBe(TAG.END);
    // Round trip through our own parser.
    const parsed = parseResponse(b);
    expect(groupOf(parsed, TAG.OPERATION)?.get('requested-attributes')).toEqual(['a', 'bc']);
  });
});

describe('parseResponse', () => {
  it('reads groups, integers, enums, booleans, strings, additional values and text-with-language', () => {
    const twl = Buffer.concat([Buffer.from([0, 2]), str('ja'), Buffer.from([0, 6]), str('停止')]);
    const msg = ippMessage(0, [
      TAG.OPERATION,
      [TAG.CHARSET, 'attributes-charset', str('utf-8')],
      TAG.JOB,
      [TAG.ENUM, 'job-state', int(9)],
      [TAG.KEYWORD, 'job-state-reasons', str('job-completed-successfully')],
      [TAG.KEYWORD, '', str('other')],
      [TAG.INTEGER, 'job-impressions-completed', int(6)],
      [TAG.BOOLEAN, 'printer-is-accepting-jobs', Buffer.from([1])],
      [0x35, 'job-state-message', twl],
      [0x13, 'job-name', Buffer.alloc(0)],
      TAG.END,
    ]);
    const r = parseResponse(msg);
    expect(r.statusCode).toBe(0);
    expect(r.requestId).toBe(7);
    const job = groupOf(r, TAG.JOB);
    expect(job?.get('job-state')).toEqual([9]);
    expect(job?.get('job-state-reasons')).toEqual(['job-completed-successfully', 'other']);
    expect(job?.get('job-impressions-completed')).toEqual([6]);
    expect(job?.get('printer-is-accepting-jobs')).toEqual([true]);
    expect(job?.get('job-state-message')).toEqual(['停止']);
    expect(job?.get('job-name')).toEqual([null]);
  });

  it('skips collections, nested ones included', () => {
    const msg = ippMessage(0, [
      TAG.PRINTER,
      [TAG.BEG_COLLECTION, 'media-col-default', Buffer.alloc(0)],
      [TAG.MEMBER_NAME, '', str('media-size')],
      [TAG.BEG_COLLECTION, '', Buffer.alloc(0)],
      [TAG.MEMBER_NAME, '', str('x-dimension')],
      [TAG.INTEGER, '', int(21000)],
      [TAG.END_COLLECTION, '', Buffer.alloc(0)],
      [TAG.END_COLLECTION, '', Buffer.alloc(0)],
      [TAG.ENUM, 'printer-state', int(5)],
      TAG.END,
    ]);
    const p = groupOf(parseResponse(msg), TAG.PRINTER);
    expect(p?.get('media-col-default')).toEqual([null]);
    expect(p?.get('printer-state')).toEqual([5]);
    expect(p?.has('x-dimension')).toBe(false);
  });

  it('rejects hostile or truncated input with IppParseError, never reading past the end', () => {
    const good = ippMessage(0, [TAG.JOB, [TAG.ENUM, 'job-state', int(9)], TAG.END]);
    for (let cut = 0; cut < good.length; cut++) {
      expect(() => parseResponse(good.subarray(0, cut))).toThrow(IppParseError);
    }
    // A value length that points past the end.
    const lying = Buffer.from(good);
    lying.writeUInt16BE(0xffff, 8 + 1 + 3 + 'job-state'.length);
    expect(() => parseResponse(lying)).toThrow(IppParseError);
    expect(() => parseResponse(ippMessage(0, [[TAG.ENUM, 'x', int(1)], TAG.END]))).toThrow(
      /outside any group/,
    );
    expect(() => parseResponse(ippMessage(0, [TAG.JOB, [TAG.ENUM, 'x', Buffer.from([1])], TAG.END]))).toThrow(
      /integer of length/,
    );
    expect(() =>
      parseResponse(ippMessage(0, [TAG.JOB, [TAG.END_COLLECTION, '', Buffer.alloc(0)], TAG.END])),
    ).toThrow(/never began/);
    // Random noise never escapes as anything but IppParseError.
    let seed = 1;
    for (let i = 0; i < 300; i++) {
      const junk = Buffer.alloc(9 + (i % 60));
      for (let j = 0; j < junk.length; j++)
        junk[j] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
      try {
        parseResponse(junk);
      } catch (e) {
        expect(e).toBeInstanceOf(IppParseError);
      }
    }
  });
});

describe('cupsEndpoint', () => {
  it('follows CUPS_SERVER as a socket path or host:port', () => {
    expect(cupsEndpoint({ CUPS_SERVER: '/tmp/cups.sock' })).toEqual({
      socketPath: '/tmp/cups.sock',
      host: 'localhost',
      port: 631,
    });
    expect(cupsEndpoint({ CUPS_SERVER: 'printhost:8631' })).toEqual({ host: 'printhost', port: 8631 });
    expect(cupsEndpoint({ CUPS_SERVER: 'printhost' })).toEqual({ host: 'printhost', port: 631 });
  });
});

describe('ippRequest', () => {
  it('POSTs application/ipp and parses the answer; HTTP errors and timeouts reject', async () => {
    let seenType = '';
    const server = createServer((req, res) => {
      seenType = req.headers['content-type'] ?? '';
      if (req.url === '/slow') return; // never answers
      if (req.url === '/bad') {
        res.writeHead(403).end();
        return;
      }
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/ipp' });
        res.end(ippMessage(0, [TAG.JOB, [TAG.ENUM, 'job-state', int(7)], TAG.END]));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const ep = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
    try {
      const body = encodeRequest(9, 1, []);
      const r = await ippRequest(ep, '/jobs/1', body);
      expect(seenType).toBe('application/ipp');
      expect(groupOf(r, TAG.JOB)?.get('job-state')).toEqual([7]);
      await expect(ippRequest(ep, '/bad', body)).rejects.toThrow(/HTTP status 403/);
      await expect(ippRequest(ep, '/slow', body, 200)).rejects.toThrow(/timed out/);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
