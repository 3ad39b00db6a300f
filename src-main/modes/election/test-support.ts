/**
 * Helpers for election tests and the benchmark: a Shift_JIS encoder (Node can decode Shift_JIS
 * but not encode it; the table is built from the decoder itself, so both always agree), roll CSV
 * builders, a seeded PRNG and quick terminal set-up.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Secret } from '../../card/secret.ts';
import { ElectionService, type InitOptions } from './service.ts';

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

export const DEFAULT_HEADER = '名簿番号,投票区,氏名,ふりがな,生年月日,性別,住所';

export function rollCsv(rows: string[], header = DEFAULT_HEADER): string {
  return [header, ...rows].join('\r\n') + '\r\n';
}

/** mulberry32: a small seeded PRNG for reproducible property tests and data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PASSPHRASE = 'senkyo-kanri 2026';

export function secret(s = PASSPHRASE): Secret {
  return Secret.fromString(s);
}

export const BASE_ELECTION: Omit<InitOptions, 'terminalId' | 'stationId' | 'kind'> = {
  electionName: '第27回参議院議員通常選挙',
  date: '2026-07-19',
};

/**
 * A small roll: look-alike names (異体字, spaces), twins sharing name and birth date told apart
 * by address, two districts.
 */
export const SAMPLE_ROWS = [
  '0001,1,髙橋 一郎,たかはし いちろう,昭和55年2月17日,男,新潟県三条市旭町二丁目3番5号',
  '0002,1,山﨑　花子,ヤマサキ ハナコ,S60.4.1,女,新潟県三条市旭町2-4-1',
  '0003,2,渡邊 次郎,わたなべ じろう,1990-12-31,1,新潟県三条市東裏館1-1-1',
  '0004,2,齋藤 さくら,さいとう さくら,平成2年1月8日,2,新潟県三条市東裏館3-2-1',
  '0005,1,佐藤 太郎,さとう たろう,H1.1.8,男,新潟県三条市旭町1-1-1',
  '0006,2,佐藤 太郎,さとう たろう,H1.1.8,男,新潟県三条市東裏館5-5-5',
  '0007,1,濵田 ゆき,はまだ ゆき,S元.12.25,女,新潟県三条市旭町9-9-9',
  '0008,2,田中 ヨシ,たなか よし,大正14年5月5日,F,新潟県三条市東裏館7-1',
];

export interface Terminal {
  svc: ElectionService;
  path: string;
}

export function initTerminal(
  dir: string,
  terminalId: string,
  opts: Partial<InitOptions> & { rows?: string[]; now?: () => number } = {},
): Terminal {
  const path = join(dir, `${terminalId}.db`);
  const s = secret();
  const svc = ElectionService.init(
    path,
    s,
    {
      ...BASE_ELECTION,
      kind: 'tojitsu',
      stationId: 'st1',
      stationName: '第1投票所',
      terminalId,
      ...opts,
    },
    opts.now ? { now: opts.now } : {},
  );
  s.dispose();
  const csv = join(dir, `${terminalId}-roll.csv`);
  writeFileSync(csv, rollCsv(opts.rows ?? SAMPLE_ROWS));
  const report = svc.importRoll(csv);
  if (!report.committed) throw new Error(`sample roll rejected: ${JSON.stringify(report.rejected)}`);
  return { svc, path };
}
