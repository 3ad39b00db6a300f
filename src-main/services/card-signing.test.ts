/**
 * The card signs a visit's applications through the kiosk's card service (the virtual card in
 * process): one session, the signing certificate read first for the stamp, one PAdES signature
 * per document, each valid against the test roots; a wrong password says the tries left and
 * signs nothing; a card without a signing certificate says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestKiosk, type TestKiosk } from '../api/testing.ts';
import { TEST_TRUST_DIR } from '../card/emulator/persona-keys.ts';
import { CardError } from '../card/errors.ts';
import { loadTrustRoots } from '../crypto/trust.ts';
import { verifyPdf } from '../forms/pades.ts';
import { renderForms } from '../forms/render.ts';
import { stampForSignature } from '../forms/signature-stamp.ts';
import { FORM_DATA } from '../inbox/test-support.ts';

let kiosk: TestKiosk | undefined;
afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

async function forms(): Promise<Array<{ id: string; pdf: Uint8Array }>> {
  const r = await renderForms({ formIds: ['jumin-ido', 'jumin-ido'], data: FORM_DATA, qr: true });
  return r.forms.map((f, i) => ({ id: `${f.id}-${i}`, pdf: f.pdf! }));
}

describe('signing applications with the card', () => {
  it('stamps with the certificate holder and signs each document once, all valid', async () => {
    kiosk = await createTestKiosk({ persona: 'ordinary' });
    const at = new Date();
    const r = await kiosk.services.card.signPdfs('ABC123', await forms(), {
      confirmLastTry: false,
      signingTime: at,
      prepare: (pdf, cert) =>
        stampForSignature(pdf, { name: cert.san?.name ?? '', date: at.toISOString().slice(0, 10) }),
    });
    expect(r.certificate.san?.name).toBe('山田　太郎');
    expect(r.documents).toHaveLength(2);
    for (const d of r.documents) {
      const v = verifyPdf(d.pdf, { trustRoots: loadTrustRoots(TEST_TRUST_DIR) }).signatures;
      expect(v).toHaveLength(1);
      expect(v[0]).toMatchObject({ valid: true, name: '山田　太郎' });
    }
  });

  it('a wrong password signs nothing and says the tries left; no signing certificate is said so', async () => {
    kiosk = await createTestKiosk({ persona: 'ordinary' });
    const wrong = await kiosk.services.card
      .signPdfs('WRONG1', await forms(), { confirmLastTry: false, signingTime: new Date() })
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(CardError);
    expect(wrong).toMatchObject({ code: 'WRONG_SECRET', details: { retriesLeft: 4 } });
    await kiosk.close();
    kiosk = await createTestKiosk({ persona: 'no-signing-cert' });
    const none = await kiosk.services.card
      .signPdfs('ABC123', await forms(), { confirmLastTry: false, signingTime: new Date() })
      .catch((e: unknown) => e);
    expect(none).toMatchObject({ code: 'NO_SIGNING_CERT' });
  });
});
