/**
 * Tiny placeholder images for the Kenkaku card-face records: a blank 1-bit greyscale PNG of a
 * given size, built with node:zlib. Only their format matters to the host (it detects PNG by
 * its signature); a real card stores the rendered name, address and security code here.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A white 1-bit greyscale PNG of width × height pixels. */
export function blankPng(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rowBytes = Math.ceil(width / 8);
  const raw = Buffer.alloc((rowBytes + 1) * height, 0xff);
  for (let y = 0; y < height; y++) raw[y * (rowBytes + 1)] = 0; // filter type: none
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

/** The JPEG 2000 signature and file-type boxes only: recognisable as JP2, not a decodable photo. */
export function placeholderJp2(): Uint8Array {
  return Uint8Array.from([
    0x00,
    0x00,
    0x00,
    0x0c,
    0x6a,
    0x50,
    0x20,
    0x20,
    0x0d,
    0x0a,
    0x87,
    0x0a, // signature box
    0x00,
    0x00,
    0x00,
    0x14,
    0x66,
    0x74,
    0x79,
    0x70,
    0x6a,
    0x70,
    0x32,
    0x20, // ftyp 'jp2 '
    0x00,
    0x00,
    0x00,
    0x00,
    0x6a,
    0x70,
    0x32,
    0x20,
  ]);
}
