/**
 * JPKI-AP operations (spec §6): certificates, the auth-certificate serial from a partial read, and
 * the card's RSA signature over a host-built DigestInfo. Lockout-protected VERIFY is in verify.ts;
 * these functions assume the right secret was verified when one is needed.
 */
import { swError } from '../apdu.ts';
import type { CardChannel } from '../channel.ts';
import { CardError } from '../errors.ts';
import { certificateHeadFromPrefix, serialFromDerPrefix, type CertificateHead } from '../../crypto/x509.ts';
import { AID, JPKI_EF, sfiRef } from './aids.ts';

export const CERT_KINDS = ['auth', 'sign', 'auth-ca', 'sign-ca'] as const;
export type CertKind = (typeof CERT_KINDS)[number];

export const CERT_EF: Record<CertKind, number> = {
  auth: JPKI_EF.AUTH_CERT,
  sign: JPKI_EF.SIGN_CERT,
  'auth-ca': JPKI_EF.AUTH_CA_CERT,
  'sign-ca': JPKI_EF.SIGN_CA_CERT,
};

/** Bytes of the auth certificate read for its serial: enough for a 20-byte serial (RFC 5280's maximum). */
export const SERIAL_PREFIX_BYTES = 40;

/**
 * Reads a certificate's DER: SELECT JPKI (when not selected), then READ BINARY by SFI (256 bytes)
 * and current-EF reads of the rest. The signing certificate answers 6982 (SECURITY_STATUS) until
 * the 署名用パスワード is verified.
 */
export async function readCertificateDer(channel: CardChannel, kind: CertKind): Promise<Uint8Array> {
  await channel.selectAp(AID.JPKI, 'SELECT JPKI');
  const der = await channel.readTlvFile({ sfi: CERT_EF[kind] });
  if (der[0] !== 0x30)
    throw new CardError('BAD_RESPONSE', { detail: `${kind} certificate is not a DER SEQUENCE` });
  return der;
}

/**
 * The auth certificate's serial (uppercase hex) from the first bytes of EF 000A:
 * `00 B0 8A 00 28` (1 APDU; one more only for an unusually long serial).
 */
export async function readAuthSerial(channel: CardChannel): Promise<string> {
  await channel.selectAp(AID.JPKI, 'SELECT JPKI');
  let prefix = (await channel.readBinary({ sfi: JPKI_EF.AUTH_CERT }, 0, SERIAL_PREFIX_BYTES)).data;
  for (let i = 0; i < 3; i++) {
    const r = serialFromDerPrefix(prefix);
    if (r.ok) return r.serial;
    const more = await channel.readBytes({ current: true }, r.needBytes, prefix.length);
    if (more.data.length === 0) break;
    prefix = Uint8Array.from([...prefix, ...more.data]);
  }
  throw new CardError('BAD_RESPONSE', { detail: 'auth certificate ends before its serial number' });
}

/**
 * Tap-only identification: the auth certificate's serial, issuer and validity without any PIN,
 * from one READ BINARY of its first 256 bytes (JPKI certificates keep them well inside), with a
 * continuation only for an unusual certificate. It identifies a card (its certificate), not a
 * person: a re-issued certificate has a new serial.
 */
export async function readAuthHead(channel: CardChannel): Promise<CertificateHead> {
  await channel.selectAp(AID.JPKI, 'SELECT JPKI');
  let prefix = (await channel.readBinary({ sfi: JPKI_EF.AUTH_CERT }, 0, 256)).data;
  for (let i = 0; i < 3; i++) {
    const r = certificateHeadFromPrefix(prefix);
    if (r.ok) return { serial: r.serial, issuer: r.issuer, notBefore: r.notBefore, notAfter: r.notAfter };
    const more = await channel.readBytes({ current: true }, r.needBytes, prefix.length);
    if (more.data.length === 0) break;
    prefix = Uint8Array.from([...prefix, ...more.data]);
  }
  throw new CardError('BAD_RESPONSE', { detail: 'auth certificate ends before its validity' });
}

/**
 * COMPUTE DIGITAL SIGNATURE with a private key EF: `80 2A 00 (80|SFI) Lc <DigestInfo> 00`, the key
 * named by its short EF identifier in P2 (spec §1; measured on a card by MC: same signature as
 * after a SELECT, one round trip less). P1=00: the card pads the DigestInfo with PKCS#1 v1.5
 * type 1. Should a card refuse the SFI form (6A86/6A82/6986/6A88 — no try is spent by a failed
 * sign), it falls back to SELECT EF <key> + `80 2A 00 80` once.
 */
export async function signDigestInfo(
  channel: CardChannel,
  keyEf: number,
  digestInfo: Uint8Array,
): Promise<Uint8Array> {
  await channel.selectAp(AID.JPKI, 'SELECT JPKI');
  const what = 'COMPUTE DIGITAL SIGNATURE';
  const command = (p2: number) => ({ cla: 0x80, ins: 0x2a, p1: 0x00, p2, data: digestInfo, le: 256 });
  let res = await channel.send(command(sfiRef(keyEf)), { what });
  if ([0x6a86, 0x6a82, 0x6986, 0x6a88].includes(res.sw)) {
    await channel.selectEf(keyEf, `SELECT EF ${keyEf.toString(16).padStart(4, '0')} (key)`);
    res = await channel.send(command(0x80), { what });
  }
  if (res.sw !== 0x9000) throw swError(res.sw, what);
  if (res.data.length < 64)
    throw new CardError('BAD_RESPONSE', { detail: `signature of ${res.data.length} bytes` });
  return res.data;
}
