import { describe, expect, it } from 'vitest';
import { loadPersonaKeys, TEST_TRUST_DIR } from '../card/emulator/persona-keys.ts';
import { loadTrustRoots } from '../crypto/trust.ts';
import { qrPayloadsOf } from '../inbox/pdf-qr.ts';
import { FORM_DATA } from '../inbox/test-support.ts';
import { verifyPdf } from './pades.ts';
import { renderForms } from './render.ts';
import { stampForSignature } from './signature-stamp.ts';
import { compact, pdfFonts, pdfText } from './test-pdf.ts';

describe('the visible signature stamp', () => {
  it('names the signer (異体字 kept) and the date, leaves the QR readable, and is covered by the signature', async () => {
    const r = await renderForms({ formIds: ['jumin-ido'], data: FORM_DATA, qr: true });
    const stamped = await stampForSignature(
      r.forms[0]!.pdf!,
      { name: '𠮷田　髙子', date: '2026-12-07' },
      { x: 167, y: 253, size: 33 },
    );
    const text = compact(pdfText(stamped));
    expect(text).toContain('電子署名済𠮷田髙子令和8年12月7日');
    expect(pdfFonts(stamped).every((f) => f.embedded && f.unicode)).toBe(true);
    expect((await qrPayloadsOf(stamped))[0]).toMatchObject({ form: 'jumin-ido' });
    // Signing after stamping: the stamp is inside the signed bytes.
    const { signPdf } = await import('./pades.ts');
    const { constants, privateEncrypt } = await import('node:crypto');
    const { sha256DigestInfo } = await import('../crypto/cms.ts');
    const keys = loadPersonaKeys('ordinary');
    const signed = await signPdf(stamped, {
      signer: async (d) =>
        new Uint8Array(
          privateEncrypt({ key: keys.signKey, padding: constants.RSA_PKCS1_PADDING }, sha256DigestInfo(d)),
        ),
      certificateDer: keys.signCert,
      caCertificatesDer: [keys.signCaCert],
    });
    const v = verifyPdf(signed, { trustRoots: loadTrustRoots(TEST_TRUST_DIR) }).signatures;
    expect(v).toHaveLength(1);
    expect(v[0]!.valid).toBe(true);
    expect(v[0]!.byteRange[0]).toBe(0);
  });
});
