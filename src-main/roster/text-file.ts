/**
 * Reads a CSV file as text in chunks, in UTF-8 or Shift_JIS (CP932: the WHATWG "shift_jis"
 * decoder includes the NEC/IBM extensions, e.g. ①, and maps 外字 to the private-use area).
 *
 * `auto`: a UTF-8 BOM means UTF-8; otherwise the first MiB is tried as strict UTF-8 and, if that
 * fails, the file is Shift_JIS (a Japanese Shift_JIS file is practically never valid UTF-8).
 * UTF-16 (Excel's "Unicode text") is refused with a clear reason. Decoding is strict: a byte
 * sequence invalid in the chosen encoding stops the import instead of producing mojibake.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { RosterError } from './errors.ts';

export type TextEncodingChoice = 'auto' | 'utf8' | 'sjis';
export type TextEncoding = 'utf8' | 'sjis';

const CHUNK_BYTES = 1024 * 1024;

function looksLikeUtf8(sample: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export interface TextChunks {
  encoding: TextEncoding;
  /** Decoded text, chunk by chunk (synchronous, constant memory). */
  chunks(): Generator<string>;
  /** SHA-256 of the raw bytes, available after chunks() has been consumed. */
  digest(): string;
}

export function openTextFile(path: string, choice: TextEncodingChoice): TextChunks {
  const fd = openSync(path, 'r');
  const first = Buffer.alloc(CHUNK_BYTES);
  const firstLen = readSync(fd, first, 0, CHUNK_BYTES, null);
  const head = first.subarray(0, firstLen);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    closeSync(fd);
    throw new RosterError('ENCODING', 'UTF-16 files are not supported: save the CSV as UTF-8 or Shift_JIS');
  }
  const hasBom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const encoding: TextEncoding =
    choice === 'utf8' || choice === 'sjis' ? choice : hasBom || looksLikeUtf8(head) ? 'utf8' : 'sjis';
  const hash = createHash('sha256');
  let digest: string | undefined;

  function* chunks(): Generator<string> {
    const decoder = new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'shift_jis', { fatal: true });
    let offset = 0;
    const decode = (bytes: Buffer, stream: boolean): string => {
      try {
        return decoder.decode(bytes, { stream });
      } catch {
        throw new RosterError(
          'ENCODING',
          `bytes near offset ${offset} are not valid ${encoding === 'utf8' ? 'UTF-8' : 'Shift_JIS'}` +
            (choice === 'auto'
              ? ' (the encoding was detected from the start of the file; try --encoding)'
              : ''),
        );
      }
    };
    try {
      let buf = head;
      const more = Buffer.alloc(CHUNK_BYTES);
      while (buf.length > 0) {
        hash.update(buf);
        yield decode(buf, true);
        offset += buf.length;
        const n = readSync(fd, more, 0, CHUNK_BYTES, null);
        buf = more.subarray(0, n);
      }
      const tail = decode(Buffer.alloc(0), false);
      if (tail) yield tail;
      digest = hash.digest('hex');
    } finally {
      closeSync(fd);
    }
  }

  return {
    encoding,
    chunks,
    digest: () => {
      if (!digest) throw new Error('digest() before the file was read');
      return digest;
    },
  };
}
