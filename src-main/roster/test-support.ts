/**
 * A Shift_JIS encoder for roster tests and benchmarks: Node can decode Shift_JIS but not encode it;
 * the table is built from the decoder itself, so both always agree.
 */

let sjisTable: Map<string, Buffer> | undefined;

function buildSjisTable(): Map<string, Buffer> {
  const table = new Map<string, Buffer>();
  const dec = new TextDecoder('shift_jis');
  for (let b = 0xa1; b <= 0xdf; b++) table.set(dec.decode(Uint8Array.of(b)), Buffer.of(b));
  const leads = [
    ...Array.from({ length: 0x1f }, (_, i) => 0x81 + i),
    ...Array.from({ length: 0x1d }, (_, i) => 0xe0 + i),
  ];
  for (const lead of leads) {
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(lead, trail));
      if (ch.length >= 1 && !ch.includes('\uFFFD') && [...ch].length === 1 && !table.has(ch)) {
        table.set(ch, Buffer.of(lead, trail));
      }
    }
  }
  return table;
}

/** Encodes text as Shift_JIS (CP932); throws on a character Shift_JIS cannot hold. */
export function encodeShiftJis(text: string): Buffer {
  sjisTable ??= buildSjisTable();
  const table = sjisTable;
  const out = Buffer.alloc(text.length * 2);
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out[n++] = code;
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new RangeError(`not encodable in Shift_JIS: ${ch} U+${code.toString(16)}`);
      bytes.copy(out, n);
      n += bytes.length;
    }
  }
  return out.subarray(0, n);
}
