/**
 * npm run bench:card — the card stack's cost over a real PC/SC path (pcscd + vpcd + the virtual
 * card in its own process), as a ratio against the bare minimal APDU sequence for the same flow
 * sent with pcsc-mini directly, in the same run, on the same reader.
 *
 * The baseline keeps the steps the protocol requires of any correct implementation (identify by
 * SELECT JPKI + token, query the retry counter before each VERIFY) and nothing else: SFI reads,
 * 256-byte chunks, no re-SELECTs. Each run connects exclusively and ends with an unpowering
 * disconnect, for both sides. Runs alternate (ours, baseline) so drift hits both equally.
 */
import { createHash } from 'node:crypto';
import * as pcsc from 'pcsc-mini';
import type { ExtendedApduPolicy } from '../src-main/card/pcsc/pcsc-provider.ts';
import { cardSession, median } from './support.ts';
import type { MyNumberCard } from '../src-main/card/myna/my-number-card.ts';
import { Secret } from '../src-main/card/secret.ts';
import { loadPersona } from '../src-main/card/emulator/personas.ts';
import { buildBno } from '../src-main/card/myna/bno.ts';
import { ensurePcscd } from '../test/helpers/services.ts';
import { EmulatorProcess } from '../test/helpers/emulator-process.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const READER = 'Virtual PCD 00 00';
const PERSONA = 'ordinary';
const EXTENDED_PERSONA = 'extended-apdu';

const JPKI_AID = 'D392F000260100000001';
const KENHOJO_AID = 'D3921000310001010408';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/ /g, ''), 'hex'));
const ascii = (s: string) => Uint8Array.from(Buffer.from(s, 'ascii'));
const cat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));
const sw = (r: Uint8Array) => (r[r.length - 2]! << 8) | r[r.length - 1]!;

/** A raw step: the APDU and whether to keep reading the current EF while it returns full chunks. */
type RawFlow = (tx: (apdu: Uint8Array) => Promise<Uint8Array>) => Promise<void>;

function expectOk(r: Uint8Array, what: string): Uint8Array {
  const s = sw(r);
  if (s !== 0x9000 && s !== 0x6282) throw new Error(`${what}: SW ${s.toString(16)}`);
  return r.subarray(0, r.length - 2);
}

const identifyRaw: RawFlow = async (tx) => {
  expectOk(await tx(cat(hex('00A4040C0A'), hex(JPKI_AID))), 'SELECT JPKI');
  expectOk(await tx(hex('00B0860020')), 'READ token');
};

function verifyRaw(sfi: number, secret: string): RawFlow {
  return async (tx) => {
    const p2 = (0x80 | sfi).toString(16);
    const q = sw(await tx(hex(`002000${p2}`)));
    if ((q & 0xfff0) !== 0x63c0 || q === 0x63c0) throw new Error(`counter query: ${q.toString(16)}`);
    expectOk(await tx(cat(hex(`002000${p2}`), Uint8Array.of(secret.length), ascii(secret))), 'VERIFY');
  };
}

/** Reads a whole DER/BER file: SFI read of 256, then current-EF reads until the TLV is complete. */
function readFileRaw(sfi: number): (tx: (apdu: Uint8Array) => Promise<Uint8Array>) => Promise<Uint8Array> {
  return async (tx) => {
    let data = expectOk(await tx(hex(`00B0${(0x80 | sfi).toString(16)}0000`)), 'READ');
    const lenByte = data[1]!;
    const headerLen = lenByte < 0x80 ? 2 : 2 + (lenByte & 0x7f);
    let total = headerLen;
    if (lenByte < 0x80) total += lenByte;
    else for (let i = 0; i < (lenByte & 0x7f); i++) total += data[2 + i]! * 256 ** ((lenByte & 0x7f) - 1 - i);
    while (data.length < total) {
      const off = data.length;
      const chunk = expectOk(await tx(hex(`00B0${off.toString(16).padStart(4, '0')}00`)), 'READ more');
      data = cat(data, chunk);
    }
    return data;
  };
}

function flows(p: ReturnType<typeof loadPersona>) {
  const pin = p.secrets.kenhojoPin;
  const pw = p.secrets.jpkiSignPassword;
  const bno = bnoOf(p);
  return {
    'read with PIN incl. 個人番号': {
      raw: (async (tx) => {
        await identifyRaw(tx);
        expectOk(await tx(cat(hex('00A4040C0A'), hex(KENHOJO_AID))), 'SELECT Kenhojo');
        await verifyRaw(0x11, pin)(tx);
        expectOk(await tx(hex('00B0810011')), 'READ My Number');
        await readFileRaw(0x02)(tx);
      }) as RawFlow,
      ours: async (card: MyNumberCard) => {
        await card.readWithPin(Secret.fromString(pin), { myNumber: true });
      },
    },
    'read with 照合番号B': {
      raw: (async (tx) => {
        await identifyRaw(tx);
        expectOk(await tx(cat(hex('00A4040C0A'), hex(KENHOJO_AID))), 'SELECT Kenhojo');
        await verifyRaw(0x15, bno)(tx);
        await readFileRaw(0x02)(tx);
      }) as RawFlow,
      ours: async (card: MyNumberCard) => {
        await card.readWithBno(Secret.fromString(bno), {});
      },
    },
    'auth-cert serial only': {
      raw: (async (tx) => {
        await identifyRaw(tx);
        expectOk(await tx(hex('00B08A0020')), 'READ auth cert head');
      }) as RawFlow,
      ours: async (card: MyNumberCard) => {
        await card.readAuthSerial();
      },
    },
    'tap: auth-cert serial, issuer and validity (no PIN)': {
      raw: (async (tx) => {
        await identifyRaw(tx);
        expectOk(await tx(hex('00B08A0000')), 'READ auth cert first 256 bytes');
      }) as RawFlow,
      ours: async (card: MyNumberCard) => {
        await card.tap();
      },
    },
    'sign (CMS incl. reading the signing cert)': {
      raw: (async (tx) => {
        await identifyRaw(tx);
        await verifyRaw(0x1b, pw)(tx);
        await readFileRaw(0x01)(tx);
        const digestInfo = cat(
          hex('3031300D060960864801650304020105000420'),
          createHash('sha256').update('signed attributes').digest(),
        );
        expectOk(
          await tx(cat(hex('802A009A'), Uint8Array.of(digestInfo.length), digestInfo, hex('00'))),
          'SIGN',
        );
      }) as RawFlow,
      ours: async (card: MyNumberCard) => {
        await card.signCms(Secret.fromString(pw), Buffer.from('a document to sign'), {});
      },
    },
  };
}

/**
 * On a card that accepts extended APDUs: short reads (what every reader gets) against one
 * extended read per file, each against its bare sequence — Kenhojo with the PIN (files that fit
 * in 256 bytes: no difference expected) and the auth certificate (about 1.2 KB).
 */
function extendedFlows(p: ReturnType<typeof loadPersona>) {
  const pin = p.secrets.kenhojoPin;
  const kenhojo =
    (read: (tx: (apdu: Uint8Array) => Promise<Uint8Array>) => Promise<void>): RawFlow =>
    async (tx) => {
      await identifyRaw(tx);
      expectOk(await tx(cat(hex('00A4040C0A'), hex(KENHOJO_AID))), 'SELECT Kenhojo');
      await verifyRaw(0x11, pin)(tx);
      await read(tx);
    };
  const ours = async (card: MyNumberCard) => {
    await card.readWithPin(Secret.fromString(pin), { myNumber: true });
  };
  const cert = async (card: MyNumberCard) => {
    await card.readCertificate('auth');
  };
  return {
    'read with PIN incl. 個人番号, short APDUs': {
      extended: 'never' as const,
      raw: kenhojo(async (tx) => {
        expectOk(await tx(hex('00B0810011')), 'READ My Number');
        await readFileRaw(0x02)(tx);
      }),
      ours,
    },
    'read with PIN incl. 個人番号, extended APDUs': {
      extended: 'always' as const,
      raw: kenhojo(async (tx) => {
        expectOk(await tx(hex('00B08100000000')), 'READ My Number (extended)');
        expectOk(await tx(hex('00B08200000000')), 'READ basic 4 (extended)');
      }),
      ours,
    },
    'auth certificate, short APDUs': {
      extended: 'never' as const,
      raw: (async (tx) => {
        await identifyRaw(tx);
        await readFileRaw(0x0a)(tx);
      }) as RawFlow,
      ours: cert,
    },
    'auth certificate, extended APDUs': {
      extended: 'always' as const,
      raw: (async (tx) => {
        await identifyRaw(tx);
        expectOk(await tx(hex('00B08A00000000')), 'READ auth cert (extended)');
      }) as RawFlow,
      ours: cert,
    },
  };
}

/** 照合番号B for the persona, from the same parts a resident reads off the card. */
function bnoOf(p: ReturnType<typeof loadPersona>): string {
  const secret = buildBno({
    birth: { date: p.resident.birthDate },
    expiryYear: Number(p.card.expiryDate.slice(0, 4)),
    securityCode: p.card.securityCode,
  });
  const value = secret.use((b) => b.toString('ascii'));
  secret.dispose();
  return value;
}

async function rawSession(flow: RawFlow): Promise<number> {
  const client = new pcsc.Client();
  const reader = await new Promise<pcsc.Reader>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${READER}`)), 5000);
    client.on('reader', (r) => {
      if (r.name() !== READER) return;
      r.on('change', (s) => {
        if (s.has(pcsc.ReaderStatus.PRESENT)) {
          clearTimeout(timer);
          resolve(r);
        }
      });
    });
    client.start();
  });
  const card = await reader.connect(pcsc.CardMode.EXCLUSIVE, pcsc.Protocol.T0 | pcsc.Protocol.T1);
  let count = 0;
  const buf = new ArrayBuffer(65538);
  const tx = async (apdu: Uint8Array) => {
    count++;
    return (await card.transmit(apdu, buf)).slice();
  };
  try {
    await flow(tx);
  } finally {
    await card.disconnect(pcsc.CardDisposition.UNPOWER);
    client.stop();
  }
  return count;
}

async function oursSession(
  fn: (card: MyNumberCard) => Promise<void>,
  extendedApdu: ExtendedApduPolicy = 'never',
): Promise<number> {
  return (await cardSession(READER, fn, extendedApdu)).apdus;
}

interface BenchFlow {
  raw: RawFlow;
  ours: (card: MyNumberCard) => Promise<void>;
  extended?: ExtendedApduPolicy;
}

async function measure(
  personaId: string,
  list: Record<string, BenchFlow>,
  rows: Array<Record<string, string | number>>,
): Promise<void> {
  const emulator = await EmulatorProcess.start(personaId);
  try {
    for (const [name, flow] of Object.entries(list)) {
      const run = () => oursSession(flow.ours, flow.extended);
      const oursT: number[] = [];
      const rawT: number[] = [];
      let oursApdus = 0;
      let rawApdus = 0;
      // One warm-up of each, not measured.
      await run();
      await rawSession(flow.raw);
      for (let i = 0; i < RUNS; i++) {
        let t = performance.now();
        oursApdus = await run();
        oursT.push(performance.now() - t);
        t = performance.now();
        rawApdus = await rawSession(flow.raw);
        rawT.push(performance.now() - t);
      }
      const row = {
        flow: name,
        persona: personaId,
        'ours ms (median)': Number(median(oursT).toFixed(1)),
        'baseline ms (median)': Number(median(rawT).toFixed(1)),
        ratio: Number((median(oursT) / median(rawT)).toFixed(3)),
        'ours APDUs': oursApdus,
        'baseline APDUs': rawApdus,
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  } finally {
    await emulator.stop();
  }
}

async function main() {
  await ensurePcscd();
  const rows: Array<Record<string, string | number>> = [];
  await measure(PERSONA, flows(loadPersona(PERSONA)), rows);
  await measure(EXTENDED_PERSONA, extendedFlows(loadPersona(EXTENDED_PERSONA)), rows);
  console.log(`\ncard benchmark: ${RUNS} runs per flow, reader "${READER}" (pcscd + vpcd)`);
  console.table(rows);
  const worst = Math.max(...rows.map((r) => Number(r.ratio)));
  console.log(`worst ratio ${worst.toFixed(3)}× (goal ≤ 1.2×)`);
}

await main();
