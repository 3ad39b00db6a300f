import { constants, privateEncrypt } from 'node:crypto';
import { PDFDocument, PDFName, PDFNumber, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPersonaKeys, TEST_TRUST_DIR, type PersonaKeys } from '../card/emulator/persona-keys.ts';
import { sha256DigestInfo } from '../crypto/cms.ts';
import { loadTrustRoots } from '../crypto/trust.ts';
import { parsePdfDate, pdfDate, signPdf, verifyPdf, type PdfSignatureReport } from './pades.ts';

let keys: PersonaKeys;
const roots = () => loadTrustRoots(TEST_TRUST_DIR);

/** A direct-key signer: what the card does, done with the persona's test key. */
const keySigner = (k: PersonaKeys) => async (sha256: Uint8Array) =>
  new Uint8Array(
    privateEncrypt({ key: k.signKey, padding: constants.RSA_PKCS1_PADDING }, sha256DigestInfo(sha256)),
  );

async function samplePdf(useObjectStreams: boolean, pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++)
    doc.addPage([595.28, 841.89]).drawText(`form page ${i + 1}`, { x: 50, y: 700, font });
  return doc.save({ useObjectStreams });
}

function flip(bytes: Uint8Array, at: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

const indexOf = (bytes: Uint8Array, s: string, from = 0) => Buffer.from(bytes).indexOf(s, from, 'latin1');

beforeAll(() => {
  keys = loadPersonaKeys('ordinary');
});

describe('signPdf + verifyPdf', () => {
  for (const useObjectStreams of [false, true]) {
    it(`signs as an incremental update and verifies (${useObjectStreams ? 'xref stream' : 'xref table'})`, async () => {
      const original = await samplePdf(useObjectStreams, 2);
      const when = new Date('2026-04-01T01:02:03Z');
      const signed = await signPdf(original, {
        signer: keySigner(keys),
        certificateDer: keys.signCert,
        caCertificatesDer: [keys.signCaCert],
        reason: '転入届の電子申請',
        location: '横浜市中区役所 1F',
        name: '山田　太郎',
        signingTime: when,
      });
      // The original bytes are untouched: only appended to.
      expect(Buffer.from(signed.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);

      const text = Buffer.from(signed).toString('latin1');
      expect(text).toContain('/Filter /Adobe.PPKLite');
      expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
      expect(text).toMatch(/\/SigFlags 3/);
      expect(text).toContain(`/M (${pdfDate(when)})`);

      const { signatures } = verifyPdf(signed, { trustRoots: roots() });
      expect(signatures).toHaveLength(1);
      const s = signatures[0]!;
      expect(s).toMatchObject({
        valid: true,
        intact: true,
        chainTrusted: true,
        coversWholeDocument: true,
        signingTime: '2026-04-01T01:02:03.000Z',
        reason: '転入届の電子申請',
        location: '横浜市中区役所 1F',
        name: '山田　太郎',
        subFilter: 'ETSI.CAdES.detached',
      });
      expect(s.problem).toBeUndefined();
      expect(s.signer?.subject).toMatch(/CN=/);
      expect(s.signer?.serial).toMatch(/^[0-9A-F]+$/);
      // ByteRange: from 0 to the /Contents string, and from its end to the end of the file.
      const [, a, b, c] = s.byteRange as [number, number, number, number];
      expect(signed[a]).toBe(0x3c); // '<'
      expect(signed[b - 1]).toBe(0x3e); // '>'
      expect(b + c).toBe(signed.length);

      // pdf-lib still reads it: same pages, a signature field, SigFlags 3.
      const reread = await PDFDocument.load(signed);
      expect(reread.getPageCount()).toBe(2);
      const form = reread.catalog.lookup(PDFName.of('AcroForm'));
      expect((form as unknown as { get(n: PDFName): unknown }).get(PDFName.of('SigFlags'))).toEqual(
        PDFNumber.of(3),
      );
      expect(
        reread
          .getForm()
          .getFields()
          .map((f) => f.getName()),
      ).toEqual(['Signature1']);
    });
  }

  it('puts no signingTime in the CMS (PAdES baseline: the time is /M)', async () => {
    const signed = await signPdf(await samplePdf(false), {
      signer: keySigner(keys),
      certificateDer: keys.signCert,
    });
    // OID 1.2.840.113549.1.9.5 (signingTime) DER: 06 09 2A 86 48 86 F7 0D 01 09 05, hex-encoded in /Contents.
    expect(Buffer.from(signed).toString('latin1')).not.toContain('06092A864886F70D010905');
    // …while signingCertificateV2 (1.2.840.113549.1.9.16.2.47) is there.
    expect(Buffer.from(signed).toString('latin1')).toContain('060B2A864886F70D010910022F');
  });

  it('signs twice: both signatures verify, the first covers only its revision', async () => {
    const once = await signPdf(await samplePdf(true), {
      signer: keySigner(keys),
      certificateDer: keys.signCert,
    });
    const twice = await signPdf(once, {
      signer: keySigner(keys),
      certificateDer: keys.signCert,
      reason: 'second',
    });
    const { signatures } = verifyPdf(twice, { trustRoots: roots() });
    expect(signatures.map((s) => [s.intact, s.chainTrusted, s.coversWholeDocument])).toEqual([
      [true, true, false],
      [true, true, true],
    ]);
    expect(signatures[0]?.problem).toMatch(/bytes were added after this signature/);
    expect(signatures[1]).toMatchObject({ valid: true, reason: 'second' });
    const reread = await PDFDocument.load(twice);
    expect(
      reread
        .getForm()
        .getFields()
        .map((f) => f.getName()),
    ).toEqual(['Signature1', 'Signature2']);
  });

  it('accepts a whole CMS from a signCms callback (the card facade path)', async () => {
    const { buildDetachedCms } = await import('../crypto/cms.ts');
    let seen: Uint8Array | undefined;
    const signed = await signPdf(await samplePdf(false), {
      signCms: async (digest) => {
        seen = digest;
        return buildDetachedCms({
          contentDigest: digest,
          signerCertificate: keys.signCert,
          signer: { signSha256: keySigner(keys) },
        });
      },
    });
    expect(seen).toHaveLength(32);
    expect(verifyPdf(signed, { trustRoots: roots() }).signatures[0]?.valid).toBe(true);
  });
});

describe('verifyPdf on damaged and hostile files', () => {
  let signed: Uint8Array;
  let report: PdfSignatureReport;
  beforeAll(async () => {
    signed = await signPdf(await samplePdf(false), {
      signer: keySigner(keys),
      certificateDer: keys.signCert,
      signingTime: new Date('2026-04-01T00:00:00Z'),
    });
    report = verifyPdf(signed, { trustRoots: roots() }).signatures[0]!;
  });

  it('reports one flipped byte anywhere in the signed ranges as not intact', () => {
    const [, a, b] = report.byteRange as [number, number, number, number];
    // In the original document (the header's version digit), in the signature dictionary's
    // /M date (after /Contents in layout order or before it), and at the very end (%%EOF).
    const spots = [indexOf(signed, '%PDF-1.') + 7, indexOf(signed, '/M (D:') + 10, signed.length - 3];
    for (const at of spots) {
      expect(at < a || at >= b).toBe(true);
      const r = verifyPdf(flip(signed, at), { trustRoots: roots() }).signatures[0]!;
      expect(r, `flip at ${at}`).toMatchObject({ valid: false, intact: false });
      expect(r.problem).toMatch(/does not match/);
    }
  });

  it('reports bytes appended after signing: intact but not valid', () => {
    const appended = Buffer.concat([Buffer.from(signed), Buffer.from('\n% added later\n')]);
    const r = verifyPdf(appended, { trustRoots: roots() }).signatures[0]!;
    expect(r).toMatchObject({ intact: true, chainTrusted: true, coversWholeDocument: false, valid: false });
  });

  it('reports an untrusted chain when the roots do not include the signer CA', () => {
    const r = verifyPdf(signed, { trustRoots: [] }).signatures[0]!;
    expect(r).toMatchObject({ intact: true, chainTrusted: false, valid: false });
    expect(r.problem).toMatch(/no trusted root/);
  });

  it('reports a certificate outside its validity at `at`', () => {
    const r = verifyPdf(signed, { trustRoots: roots(), at: new Date('1999-01-01T00:00:00Z') }).signatures[0]!;
    expect(r).toMatchObject({ intact: true, chainTrusted: false, valid: false });
  });

  it('never throws on broken ByteRanges, gaps or contents', () => {
    const text = Buffer.from(signed).toString('latin1');
    const br = /\/ByteRange \[[^\]]*\]/.exec(text)!;
    const variants = [
      '/ByteRange [0 10 5 1]', // backwards
      '/ByteRange [0 99999999 99999999 1]', // outside the file
      '/ByteRange [1 10 20 30]', // does not start at 0
      '/ByteRange [0 20 40 10]', // gap is not the /Contents string
    ];
    for (const v of variants) {
      const bad = Buffer.from(
        text.slice(0, br.index) + v.padEnd(br[0].length, ' ') + text.slice(br.index + br[0].length),
        'latin1',
      );
      const r = verifyPdf(bad, { trustRoots: roots() }).signatures[0]!;
      expect(r.valid).toBe(false);
      expect(r.problem).toBeTruthy();
    }
    // Contents that are not a CMS.
    const [, a] = report.byteRange as [number, number];
    const garbage = Buffer.from(signed);
    garbage.write('3082FFFF', a + 1, 'latin1');
    expect(verifyPdf(garbage, { trustRoots: roots() }).signatures[0]?.valid).toBe(false);
    expect(verifyPdf(new Uint8Array(0), { trustRoots: roots() })).toEqual({ signatures: [] });
    expect(
      verifyPdf(new Uint8Array(Buffer.from('/ByteRange [0 1 2 3]')), { trustRoots: roots() }).signatures[0]
        ?.valid,
    ).toBe(false);
  });
});

describe('signPdf input errors', () => {
  it('refuses what is not a PDF, and a CMS larger than the reserved space', async () => {
    await expect(
      signPdf(new Uint8Array(Buffer.from('hello')), {
        signer: keySigner(keys),
        certificateDer: keys.signCert,
      }),
    ).rejects.toMatchObject({ code: 'PDF_INVALID' });
    await expect(
      signPdf(await samplePdf(false), {
        signer: keySigner(keys),
        certificateDer: keys.signCert,
        contentsSize: 64,
      }),
    ).rejects.toMatchObject({ code: 'SIGNATURE_TOO_LARGE', messageJa: expect.stringContaining('署名') });
  });

  it('fails with SIGNATURE_INVALID when the key does not match the certificate (checked before embedding)', async () => {
    const other = loadPersonaKeys('gaiji');
    await expect(
      signPdf(await samplePdf(false), { signer: keySigner(other), certificateDer: keys.signCert }),
    ).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
  });
});

describe('PDF dates', () => {
  it('formats UTC and parses offsets', () => {
    expect(pdfDate(new Date('2026-01-02T03:04:05Z'))).toBe('D:20260102030405Z');
    expect(parsePdfDate('D:20260102030405Z')).toBe('2026-01-02T03:04:05.000Z');
    expect(parsePdfDate("D:20260102120405+09'00'")).toBe('2026-01-02T03:04:05.000Z');
    expect(parsePdfDate('D:2026')).toBe('2026-01-01T00:00:00.000Z');
    expect(parsePdfDate('yesterday')).toBeUndefined();
  });
});
