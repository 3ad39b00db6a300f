/**
 * PAdES signatures (ETSI EN 319 142, baseline B-B) on rendered PDFs, and their verification.
 *
 * Signing appends an incremental update to the original bytes (which stay untouched, so a
 * document already signed keeps its earlier signatures valid):
 *   - a signature dictionary /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached
 *     with /M (the signing time: PAdES puts it here, not in the CMS), optional /Reason /Location
 *     /Name, a fixed-width /ByteRange placeholder and a zero-filled /Contents hex string;
 *   - an invisible, locked, printable widget/field /FT /Sig pointing at it, added to the first
 *     page's /Annots and to the AcroForm (/SigFlags 3: signatures exist, append only);
 *   - a cross-reference section of the same kind as the original's (table or stream) with /Prev.
 * After layout the /ByteRange is patched in place to cover every byte except the /Contents hex
 * string, those ranges are hashed with SHA-256, and the detached CMS (signed attributes
 * contentType, messageDigest, signingCertificateV2; no signingTime) goes into /Contents.
 *
 * Verification reads the raw bytes (not the parsed object tree), so a tampered file that no
 * longer parses is still reported: for every /ByteRange it checks that the gap is exactly one hex
 * string, re-hashes the ranges, verifies the CMS and its chain, and whether the range reaches the
 * end of the file (nothing was appended after signing).
 */
import { createHash, type X509Certificate } from 'node:crypto';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { buildDetachedCms, verifyDetachedCms } from '../crypto/cms.ts';
import { certificatePem } from '../crypto/trust.ts';

// ------------------------------------------------------------------------------------ errors

export const PADES_ERROR_CODES = ['PDF_INVALID', 'PDF_ENCRYPTED', 'SIGNATURE_TOO_LARGE'] as const;
export type PadesErrorCode = (typeof PADES_ERROR_CODES)[number];

const MESSAGES: Record<PadesErrorCode, { ja: string; en: string }> = {
  PDF_INVALID: { ja: 'PDFファイルを読み取れません。', en: 'The PDF file could not be read.' },
  PDF_ENCRYPTED: {
    ja: '暗号化されたPDFには署名できません。',
    en: 'An encrypted PDF cannot be signed.',
  },
  SIGNATURE_TOO_LARGE: {
    ja: '署名データが予約した領域に収まりません。',
    en: 'The signature does not fit in the space reserved for it.',
  },
};

export class PadesError extends Error {
  override readonly name = 'PadesError';
  readonly messageJa: string;
  constructor(
    readonly code: PadesErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${MESSAGES[code].en} (${detail})` : MESSAGES[code].en);
    this.messageJa = MESSAGES[code].ja;
  }

  toJSON(): { code: PadesErrorCode; message: string; messageJa: string } {
    return { code: this.code, message: this.message, messageJa: this.messageJa };
  }
}

// ------------------------------------------------------------------------------------ signing

/** Where the signature comes from: a raw RSA signer plus certificates, or a whole CMS (the card). */
export type PdfSignatureSource =
  | {
      /**
       * RSA PKCS#1 v1.5 over the SHA-256 of the DER signed attributes, as in cms.ts's
       * `{ signSha256 }` (MyNumberCard.signDigest fits: it takes a SHA-256 digest).
       */
      signer: (sha256OfSignedAttributes: Uint8Array) => Promise<Uint8Array>;
      certificateDer: Uint8Array;
      caCertificatesDer?: readonly Uint8Array[];
      signCms?: undefined;
    }
  | {
      /**
       * Returns a detached CMS over content whose SHA-256 is given, without a signingTime
       * attribute — e.g. `(d) => card.signCms(password, { sha256: d }, { signingTime: null })`.
       */
      signCms: (byteRangeSha256: Uint8Array) => Promise<Uint8Array>;
      signer?: undefined;
      certificateDer?: undefined;
    };

export type SignPdfOptions = PdfSignatureSource & {
  reason?: string;
  location?: string;
  /** The signer's name as shown by viewers (the certificate identifies the signer anyway). */
  name?: string;
  /** Written as /M; default now. */
  signingTime?: Date;
  /** Bytes reserved for the CMS (default 16 KiB; a JPKI CMS with both certificates is ~4 KiB). */
  contentsSize?: number;
};

const BYTE_RANGE_PLACEHOLDER = '[0 ********** ********** **********]';
const DEFAULT_CONTENTS_SIZE = 16 * 1024;

const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

function serialize(obj: PDFObject): Uint8Array {
  const out = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(out, 0);
  return out;
}

/** PDF date string in UTC: D:YYYYMMDDHHmmSSZ (PDF 32000 §7.9.4). */
export function pdfDate(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}` +
    `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`
  );
}

interface XrefInfo {
  /** Offset of the last cross-reference section (the new section's /Prev). */
  prev: number;
  isStream: boolean;
}

function findXref(bytes: Buffer): XrefInfo {
  const tail = bytes.subarray(Math.max(0, bytes.length - 2048)).toString('latin1');
  const all = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)];
  const last = all.at(-1);
  if (!last?.[1]) throw new PadesError('PDF_INVALID', 'no startxref at the end of the file');
  const prev = Number(last[1]);
  if (!Number.isSafeInteger(prev) || prev >= bytes.length) {
    throw new PadesError('PDF_INVALID', 'startxref points outside the file');
  }
  const at = bytes.subarray(prev, prev + 64).toString('latin1');
  if (/^\s*xref/.test(at)) return { prev, isStream: false };
  if (/^\s*\d+\s+\d+\s+obj/.test(at)) return { prev, isStream: true };
  throw new PadesError('PDF_INVALID', 'startxref does not point at a cross-reference section');
}

/** The highest object number the file uses: any "N G obj" header or a trailer's /Size − 1. */
function highestObjectNumber(bytes: Buffer): number {
  const text = bytes.toString('latin1');
  const LIMIT = 8_388_607; // PDF 32000 Annex C: the largest object number; ignore noise above it
  let max = 0;
  for (const m of text.matchAll(/(?<![0-9])(\d{1,7})\s+\d{1,5}\s+obj\b/g)) {
    if (Number(m[1]) <= LIMIT) max = Math.max(max, Number(m[1]));
  }
  for (const m of text.matchAll(/\/Size\s+(\d{1,7})\b/g)) {
    if (Number(m[1]) <= LIMIT + 1) max = Math.max(max, Number(m[1]) - 1);
  }
  return max;
}

/** Adds `item` to the array `holder[key]`, creating it; records which object changed. */
function pushToArray(
  ctx: PDFContext,
  holder: PDFDict,
  holderRef: PDFRef,
  key: string,
  item: PDFObject,
  changed: Set<PDFRef>,
): void {
  const raw = holder.get(PDFName.of(key));
  if (raw instanceof PDFRef) {
    const arr = ctx.lookup(raw);
    if (!(arr instanceof PDFArray)) throw new PadesError('PDF_INVALID', `/${key} is not an array`);
    arr.push(item);
    changed.add(raw);
  } else if (raw instanceof PDFArray) {
    raw.push(item);
    changed.add(holderRef);
  } else {
    holder.set(PDFName.of(key), ctx.obj([item]));
    changed.add(holderRef);
  }
}

function existingFieldNames(form: PDFDict): Set<string> {
  const names = new Set<string>();
  const fields = form.lookup(PDFName.of('Fields'));
  if (!(fields instanceof PDFArray)) return names;
  for (let i = 0; i < fields.size(); i++) {
    const f = fields.lookup(i);
    const t = f instanceof PDFDict ? f.lookup(PDFName.of('T')) : undefined;
    if (t instanceof PDFString || t instanceof PDFHexString) names.add(t.decodeText());
  }
  return names;
}

async function loadForUpdate(bytes: Uint8Array): Promise<PDFDocument> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, {
      updateMetadata: false,
      ignoreEncryption: true,
      throwOnInvalidObject: true,
    });
  } catch (e) {
    throw new PadesError('PDF_INVALID', (e as Error).message);
  }
  if (doc.isEncrypted) throw new PadesError('PDF_ENCRYPTED');
  if (doc.getPageCount() === 0) throw new PadesError('PDF_INVALID', 'the document has no pages');
  return doc;
}

/** The incremental update (objects + xref + trailer) for the changed objects, as bytes. */
function writeUpdate(ctx: PDFContext, changed: Set<PDFRef>, base: number, xref: XrefInfo): Uint8Array {
  const parts: Uint8Array[] = [];
  let pos = base;
  const put = (b: Uint8Array) => {
    parts.push(b);
    pos += b.length;
  };
  const entries: { num: number; gen: number; offset: number }[] = [];
  const refs = [...changed].sort((a, b) => a.objectNumber - b.objectNumber);
  for (const ref of refs) {
    const obj = ctx.lookup(ref);
    if (!obj) throw new PadesError('PDF_INVALID', `object ${ref.toString()} is missing`);
    entries.push({ num: ref.objectNumber, gen: ref.generationNumber, offset: pos });
    put(ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`));
    put(serialize(obj));
    put(ascii('\nendobj\n'));
  }

  const { Root, Info, ID } = ctx.trailerInfo;
  if (!(Root instanceof PDFRef)) throw new PadesError('PDF_INVALID', 'the trailer has no /Root reference');
  const extra =
    (Info ? ` /Info ${Buffer.from(serialize(Info)).toString('latin1')}` : '') +
    (ID ? ` /ID ${Buffer.from(serialize(ID)).toString('latin1')}` : '');

  const subsections = (list: { num: number }[]) => {
    const runs: { start: number; count: number }[] = [];
    for (const e of list) {
      const last = runs.at(-1);
      if (last && last.start + last.count === e.num) last.count++;
      else runs.push({ start: e.num, count: 1 });
    }
    return runs;
  };

  if (!xref.isStream) {
    const size = ctx.largestObjectNumber + 1;
    const xrefAt = pos;
    let text = 'xref\n';
    let i = 0;
    for (const run of subsections(entries)) {
      text += `${run.start} ${run.count}\n`;
      for (let k = 0; k < run.count; k++, i++) {
        const e = entries[i]!;
        text += `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
      }
    }
    text += `trailer\n<< /Size ${size} /Root ${Root.toString()} /Prev ${xref.prev}${extra} >>\n`;
    text += `startxref\n${xrefAt}\n%%EOF\n`;
    put(ascii(text));
  } else {
    // A cross-reference stream (uncompressed) whose own entry is included.
    const xrefRef = ctx.nextRef();
    const xrefAt = pos;
    const all = [...entries, { num: xrefRef.objectNumber, gen: 0, offset: xrefAt }];
    const size = ctx.largestObjectNumber + 1;
    const data = Buffer.alloc(all.length * 7);
    all.forEach((e, k) => {
      if (e.offset > 0xffffffff) throw new PadesError('PDF_INVALID', 'file larger than 4 GiB');
      data.writeUInt8(1, k * 7);
      data.writeUInt32BE(e.offset, k * 7 + 1);
      data.writeUInt16BE(e.gen, k * 7 + 5);
    });
    const index = subsections(all)
      .map((r) => `${r.start} ${r.count}`)
      .join(' ');
    put(
      ascii(
        `${xrefRef.objectNumber} 0 obj\n<< /Type /XRef /Size ${size} /W [1 4 2] /Index [${index}]` +
          ` /Root ${Root.toString()} /Prev ${xref.prev}${extra} /Length ${data.length} >>\nstream\n`,
      ),
    );
    put(new Uint8Array(data));
    put(ascii(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`));
  }
  return Buffer.concat(parts);
}

/**
 * Signs a PDF: returns the original bytes plus an incremental update carrying a PAdES
 * signature. The signer is called once.
 */
export async function signPdf(pdfBytes: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
  const original = Buffer.from(pdfBytes.buffer, pdfBytes.byteOffset, pdfBytes.byteLength);
  if (!original.subarray(0, 1024).includes('%PDF-')) throw new PadesError('PDF_INVALID', 'no %PDF- header');
  const xref = findXref(original);
  const doc = await loadForUpdate(original);
  const ctx = doc.context;
  // pdf-lib forgets object and xref streams it has unpacked; never reuse their numbers.
  ctx.largestObjectNumber = Math.max(ctx.largestObjectNumber, highestObjectNumber(original));
  const contentsSize = opts.contentsSize ?? DEFAULT_CONTENTS_SIZE;
  const changed = new Set<PDFRef>();

  const rootRef = ctx.trailerInfo.Root;
  if (!(rootRef instanceof PDFRef)) throw new PadesError('PDF_INVALID', 'the trailer has no /Root reference');
  const catalog = doc.catalog;

  // Signature dictionary with placeholders.
  const sig = ctx.obj({ Type: 'Sig', Filter: 'Adobe.PPKLite', SubFilter: 'ETSI.CAdES.detached' });
  sig.set(PDFName.of('ByteRange'), PDFInvalidObject.of(ascii(BYTE_RANGE_PLACEHOLDER)));
  sig.set(PDFName.of('Contents'), PDFHexString.of('0'.repeat(contentsSize * 2)));
  sig.set(PDFName.of('M'), PDFString.of(pdfDate(opts.signingTime ?? new Date())));
  if (opts.reason) sig.set(PDFName.of('Reason'), PDFHexString.fromText(opts.reason));
  if (opts.location) sig.set(PDFName.of('Location'), PDFHexString.fromText(opts.location));
  if (opts.name) sig.set(PDFName.of('Name'), PDFHexString.fromText(opts.name));
  const sigRef = ctx.register(sig);
  changed.add(sigRef);

  // AcroForm (indirect, direct in the catalog, or new).
  let form: PDFDict;
  let formHolder: PDFRef;
  const rawForm = catalog.get(PDFName.of('AcroForm'));
  if (rawForm instanceof PDFRef) {
    const f = ctx.lookup(rawForm);
    if (!(f instanceof PDFDict)) throw new PadesError('PDF_INVALID', '/AcroForm is not a dictionary');
    form = f;
    formHolder = rawForm;
  } else if (rawForm instanceof PDFDict) {
    form = rawForm;
    formHolder = rootRef;
  } else {
    form = ctx.obj({});
    formHolder = ctx.register(form);
    catalog.set(PDFName.of('AcroForm'), formHolder);
    changed.add(rootRef);
  }
  const names = existingFieldNames(form);
  let n = 1;
  while (names.has(`Signature${n}`)) n++;

  // Invisible widget + field on the first page; Print (4) | Locked (128).
  const page = doc.getPage(0);
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    F: 132,
    P: page.ref,
  });
  widget.set(PDFName.of('T'), PDFString.of(`Signature${n}`));
  widget.set(PDFName.of('V'), sigRef);
  const widgetRef = ctx.register(widget);
  changed.add(widgetRef);
  pushToArray(ctx, page.node, page.ref, 'Annots', widgetRef, changed);
  pushToArray(ctx, form, formHolder, 'Fields', widgetRef, changed);
  form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  changed.add(formHolder);

  // Lay out the update, then find the placeholders in it.
  const sep = original.length > 0 && original[original.length - 1] === 0x0a ? '' : '\n';
  const base = original.length + sep.length;
  const update = writeUpdate(ctx, changed, base, xref);
  const out = Buffer.concat([original, Buffer.from(sep, 'latin1'), update]);

  const brAt = out.indexOf(BYTE_RANGE_PLACEHOLDER, base, 'latin1');
  const contentsHex = `<${'0'.repeat(contentsSize * 2)}>`;
  const a = out.indexOf(contentsHex, base, 'latin1');
  if (brAt < 0 || a < 0) throw new PadesError('PDF_INVALID', 'signature placeholders not found after layout');
  const b = a + contentsHex.length;
  const byteRange = `[0 ${a} ${b} ${out.length - b}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  out.write(byteRange, brAt, 'latin1');

  const digest = new Uint8Array(
    createHash('sha256').update(out.subarray(0, a)).update(out.subarray(b)).digest(),
  );
  const cms = opts.signCms
    ? await opts.signCms(digest)
    : await buildDetachedCms({
        contentDigest: digest,
        signerCertificate: opts.certificateDer,
        extraCertificates: opts.caCertificatesDer ?? [],
        signer: { signSha256: opts.signer },
      });
  const hex = Buffer.from(cms).toString('hex').toUpperCase();
  if (hex.length > contentsSize * 2) {
    throw new PadesError('SIGNATURE_TOO_LARGE', `${cms.length} bytes, ${contentsSize} reserved`);
  }
  out.write(hex, a + 1, 'latin1');
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

// ------------------------------------------------------------------------------------ verifying

export interface PdfSignatureReport {
  /** intact, chain trusted, and nothing added after signing. */
  valid: boolean;
  /** The signed bytes hash to the CMS messageDigest and the CMS signature verifies. */
  intact: boolean;
  /** The signer certificate chains to one of the trust roots (at `at`, default now). */
  chainTrusted: boolean;
  /** The ByteRange reaches the end of the file: no bytes were appended after this signature. */
  coversWholeDocument: boolean;
  signer?: {
    subject: string;
    serial: string;
    issuer: string;
    /** The certificate's validity (ISO UTC), to judge it at the signing time. */
    notBefore: string;
    notAfter: string;
    /** The certificate itself, PEM (for its subjectAltName, a revocation check). */
    pem: string;
  };
  /** From /M, ISO 8601. */
  signingTime?: string;
  reason?: string;
  location?: string;
  name?: string;
  subFilter?: string;
  byteRange: number[];
  /** Why the signature is not valid, in English, for staff. */
  problem?: string;
}

export interface PdfVerification {
  signatures: PdfSignatureReport[];
}

export interface VerifyPdfOptions {
  trustRoots: readonly X509Certificate[];
  at?: Date;
}

/** Reads a PDF string token (literal or hex) at `i`; returns its decoded text. */
function readPdfString(s: string, i: number): string | undefined {
  let bytes: Buffer;
  if (s[i] === '(') {
    const out: number[] = [];
    let depth = 0;
    for (let k = i; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c === 0x5c) {
        const nx = s[++k];
        const esc: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
        if (nx === undefined) return undefined;
        if (nx in esc) out.push(esc[nx]!);
        else if (/[0-7]/.test(nx)) {
          const m = /^[0-7]{1,3}/.exec(s.slice(k, k + 3))![0];
          out.push(parseInt(m, 8) & 0xff);
          k += m.length - 1;
        } else if (nx === '\r' || nx === '\n') {
          if (nx === '\r' && s[k + 1] === '\n') k++;
        } else out.push(nx.charCodeAt(0));
        continue;
      }
      if (c === 0x28) {
        depth++;
        if (depth === 1) continue;
      }
      if (c === 0x29) {
        depth--;
        if (depth === 0) break;
      }
      out.push(c & 0xff);
    }
    bytes = Buffer.from(out);
  } else if (s[i] === '<') {
    const end = s.indexOf('>', i);
    if (end < 0) return undefined;
    let hex = s.slice(i + 1, end).replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]*$/.test(hex)) return undefined;
    if (hex.length % 2) hex += '0';
    bytes = Buffer.from(hex, 'hex');
  } else return undefined;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const be = Buffer.from(bytes.subarray(2));
    if (be.length % 2) return undefined;
    return be.swap16().toString('utf16le');
  }
  return bytes.toString('latin1');
}

function dictString(region: string, key: string): string | undefined {
  const m = new RegExp(`/${key}\\s*([(<])`).exec(region);
  if (!m || m.index === undefined) return undefined;
  return readPdfString(region, m.index + m[0].length - 1);
}

/** D:YYYYMMDDHHmmSS[Z|+HH'mm'|-HH'mm'] → ISO 8601 UTC. */
export function parsePdfDate(s: string): string | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(s);
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', tz] = m;
  let offsetMin = 0;
  if (tz && tz !== 'Z') {
    const t = /([+-])(\d{2})'?(\d{2})/.exec(tz);
    if (t) offsetMin = (t[1] === '-' ? -1 : 1) * (Number(t[2]) * 60 + Number(t[3]));
  }
  const ms =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se)) - offsetMin * 60_000;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** The DER element at the start of `b` (the CMS without the /Contents zero padding). */
function derPrefix(b: Buffer): Buffer | undefined {
  if (b.length < 2 || b[0] !== 0x30) return undefined;
  const l = b[1]!;
  if (l < 0x80) return b.subarray(0, 2 + l);
  const n = l & 0x7f;
  if (n === 0 || n > 4 || b.length < 2 + n) return undefined;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
  return 2 + n + len <= b.length ? b.subarray(0, 2 + n + len) : undefined;
}

function verifyOne(
  file: Buffer,
  text: string,
  at: number,
  range: number[],
  opts: VerifyPdfOptions,
): PdfSignatureReport {
  const [r0, r1, r2, r3] = range as [number, number, number, number];
  const report: PdfSignatureReport = {
    valid: false,
    intact: false,
    chainTrusted: false,
    coversWholeDocument: false,
    byteRange: range,
  };
  // The signature dictionary around this /ByteRange: from its "obj" to its "endobj".
  const objStart = Math.max(0, text.lastIndexOf(' obj', at));
  const objEnd = text.indexOf('endobj', at);
  const region = text.slice(objStart, objEnd < 0 ? Math.min(text.length, at + 4096) : objEnd);
  const gapInRegion = r1 - objStart;
  const described =
    gapInRegion > 0 ? region.slice(0, gapInRegion) + region.slice(gapInRegion + (r2 - r1)) : region;
  const m = dictString(described, 'M');
  const when = m ? parsePdfDate(m) : undefined;
  if (when) report.signingTime = when;
  for (const key of ['Reason', 'Location', 'Name'] as const) {
    const v = dictString(described, key);
    if (v !== undefined) report[key.toLowerCase() as 'reason' | 'location' | 'name'] = v;
  }
  const sub = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(described)?.[1];
  if (sub) report.subFilter = sub;

  const fail = (problem: string) => ({ ...report, problem });
  if (!(r0 === 0 && r1 > 0 && r2 > r1 && r3 >= 0 && r2 + r3 <= file.length)) {
    return fail('the ByteRange is malformed or points outside the file');
  }
  const gap = file.subarray(r1, r2).toString('latin1');
  if (!/^<[0-9A-Fa-f\s]*>$/.test(gap))
    return fail('the ByteRange gap is not exactly the /Contents hex string');
  report.coversWholeDocument = r2 + r3 === file.length;
  const der = derPrefix(Buffer.from(gap.slice(1, -1).replace(/\s+/g, ''), 'hex'));
  if (!der) return fail('/Contents does not hold a DER-encoded CMS');

  const digest = createHash('sha256')
    .update(file.subarray(r0, r1))
    .update(file.subarray(r2, r2 + r3))
    .digest();
  const result = verifyDetachedCms(
    der,
    { sha256: new Uint8Array(digest) },
    {
      trustRoots: opts.trustRoots,
      ...(opts.at ? { at: opts.at } : {}),
    },
  );
  if (result.signer) {
    report.signer = {
      subject: result.signer.subject,
      serial: result.signer.serial,
      issuer: result.signer.issuer,
      notBefore: result.signer.notBefore,
      notAfter: result.signer.notAfter,
      pem: result.signerDer ? certificatePem(result.signerDer) : '',
    };
  }
  report.intact = result.valid || result.code === 'CERT_INVALID';
  report.chainTrusted = result.valid;
  report.valid = report.intact && report.chainTrusted && report.coversWholeDocument;
  if (!result.valid) return fail(result.reason);
  if (!report.coversWholeDocument) {
    return fail(`${file.length - (r2 + r3)} bytes were added after this signature`);
  }
  return report;
}

/** Every signature in the file, in file order. Never throws for a bad or tampered file. */
export function verifyPdf(bytes: Uint8Array, opts: VerifyPdfOptions): PdfVerification {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = file.toString('latin1');
  const signatures: PdfSignatureReport[] = [];
  const re = /\/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]/g;
  for (const m of text.matchAll(re)) {
    const range = [m[1], m[2], m[3], m[4]].map(Number);
    signatures.push(verifyOne(file, text, m.index, range, opts));
  }
  return { signatures };
}
