/**
 * For inbox tests: a real application — 住民異動届 rendered with its QR code — signed PAdES with
 * the persona `ordinary`'s signing key from the test PKI (what the card does with its key).
 */
import { constants, privateEncrypt, X509Certificate } from 'node:crypto';
import { loadPersonaKeys } from '../card/emulator/persona-keys.ts';
import { sha256DigestInfo } from '../crypto/cms.ts';
import { signPdf } from '../forms/pades.ts';
import { renderForms } from '../forms/render.ts';
import type { OutgoingApplication } from './outbox.ts';

export const FORM_DATA = {
  resident: {
    name: '山田　太郎',
    address: '神奈川県横浜市中区日本大通１－２－３０４',
    birthDate: '1980-02-17',
    sex: '1',
  },
  input: {
    moveType: 'tennyu',
    moveDate: '2026-12-01',
    phone: '090-1234-5678',
    nameKana: 'ヤマダ　タロウ',
    newPostalCode: '2310021',
    newAddress: '神奈川県横浜市中区日本大通１－２－３０４',
    relationship: '世帯主',
    members: [],
    hasNhi: true,
  },
  date: '2026-12-07',
};

export async function signedApplication(signedAt: Date): Promise<OutgoingApplication> {
  const keys = loadPersonaKeys('ordinary');
  const r = await renderForms({ formIds: ['jumin-ido'], data: FORM_DATA, qr: true });
  const pdf = await signPdf(r.forms[0]!.pdf!, {
    signer: async (sha256) =>
      new Uint8Array(
        privateEncrypt({ key: keys.signKey, padding: constants.RSA_PKCS1_PADDING }, sha256DigestInfo(sha256)),
      ),
    certificateDer: keys.signCert,
    caCertificatesDer: [keys.signCaCert],
    reason: '電子申請',
    signingTime: signedAt,
  });
  const cert = new X509Certificate(keys.signCert);
  return {
    formId: 'jumin-ido',
    title: r.forms[0]!.title,
    pdf,
    signedAt: signedAt.toISOString(),
    certificate: {
      serial: cert.serialNumber,
      issuer: cert.issuer,
      notBefore: new Date(cert.validFrom).toISOString(),
      notAfter: new Date(cert.validTo).toISOString(),
    },
  };
}
