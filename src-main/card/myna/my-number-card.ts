/**
 * MyNumberCard: the one class the kiosk, the CLI and the benchmark use to talk to a My Number Card.
 *
 * Every flow sends only what it must (spec §8); SELECTs are skipped when the AP is already
 * selected, retry counters learned earlier in the exclusive session are not asked again, and
 * certificates read once are kept (in memory, until close). Every secret passed in is disposed
 * (zeroed) when the call ends, whatever happens. APDU sequences, short APDUs, from a fresh card:
 *
 * open (identify) — 2:
 *   00 A4 04 0C 0A <JPKI AID>          SELECT JPKI            (6A82 → NOT_MYNUMBER_CARD)
 *   00 B0 86 00 20                     READ token EF 0006
 * readWithPin({myNumber: true}) — +5 (+1 per extra 256 bytes of EF 0002):
 *   00 A4 04 0C 0A <Kenhojo AID>       SELECT Kenhojo
 *   00 20 00 91                        retry counter of PIN 0011 (spends nothing)
 *   00 20 00 91 04 <PIN>               VERIFY
 *   00 B0 82 00 00                     READ EF 0002 (256 bytes)  [+ 00 B0 01 00 xx …]
 *   00 B0 81 00 11                     READ EF 0001 (17 bytes)   (only with myNumber)
 * readWithBno — +4: the same with key 0015 (00 20 00 95), without EF 0001.
 * readAuthSerial — +1:  00 B0 8A 00 28  (first 40 bytes of EF 000A; JPKI already selected)
 * readCertificate(kind) — +⌈size/256⌉: 00 B0 (80|SFI) 00 00, then 00 B0 <off> xx
 *   ('sign' first: 00 20 00 9B counter + 00 20 00 9B Lc <password>)
 * signCms — +2 +⌈cert/256⌉ +1:
 *   00 20 00 9B, 00 20 00 9B Lc <password>   counter + VERIFY 署名用パスワード
 *   00 B0 81 00 00, 00 B0 01 00 00, …        read the signing certificate
 *   80 2A 00 9A 33 <DigestInfo> 00           sign the signed attributes' DigestInfo with key 001A
 *                                            (by SFI; SELECT 001A + 80 2A 00 80 if a card refuses)
 * signDigest — +3: counter, VERIFY 001B, 80 2A 00 9A.
 * internalAuthenticate — +⌈authcert/256⌉ +3: read auth cert, counter, VERIFY 0018, 80 2A 00 97.
 * retries — +5: 00 20 00 98, 00 20 00 9B (JPKI selected), SELECT Kenhojo, 00 20 00 91, 00 20 00 95.
 * With an extended-APDU reader each file is one read (00 B0 (80|SFI) 00 00 00 00).
 */
import { randomBytes, verify as rsaVerify, type X509Certificate } from 'node:crypto';
import { CardChannel } from '../channel.ts';
import { CardError, isCardError, type SecretKind } from '../errors.ts';
import type { Secret } from '../secret.ts';
import type { CardTransport } from '../transport.ts';
import { buildDetachedCms, sha256, sha256DigestInfo } from '../../crypto/cms.ts';
import { verifyChain } from '../../crypto/trust.ts';
import {
  certificateInfo,
  summarizeCertificate,
  type CertificateHead,
  type CertificateInfo,
} from '../../crypto/x509.ts';
import { log } from '../../util/log.ts';
import { AID, JPKI_EF, SECRET_SPECS } from './aids.ts';
import { identifyCard, type TokenInfo, type TokenKind } from './identify.ts';
import { readAuthHead, readAuthSerial, readCertificateDer, signDigestInfo, type CertKind } from './jpki.ts';
import { readBasicInfo, readMyNumber, type BasicInfo } from './kenhojo.ts';
import { jpkiSubjectAltName, type JpkiSubjectAltName } from './san.ts';
import { SecretGuard, assertSecretFormat, retriesLeftOf, type VerifyOptions } from './verify.ts';

export type { CertKind } from './jpki.ts';
export type { TokenInfo, TokenKind } from './identify.ts';
export type { BasicInfo, Sex } from './kenhojo.ts';
export type { RetryState } from './verify.ts';

/** Tries left per secret; null when the card gives no count (already verified in this session, or no limit). */
const ALL_SECRETS: readonly SecretKind[] = ['kenhojoPin', 'kenhojoB', 'jpkiAuthPin', 'jpkiSignPassword'];

/**
 * The card has no signing certificate when its password or certificate file is not there (6A88
 * reference data not found, 6A82 file not found): children under 15, people who declined it.
 */
function noSigningCertificate(e: unknown): unknown {
  if (isCardError(e, 'BAD_RESPONSE') && (e.details.sw === '6A88' || e.details.sw === '6A82')) {
    return new CardError('NO_SIGNING_CERT', { sw: e.details.sw, secret: 'jpkiSignPassword' });
  }
  return e;
}

export interface RetryCounts {
  kenhojoPin: number | null;
  kenhojoB: number | null;
  jpkiAuthPin: number | null;
  jpkiSignPassword: number | null;
}

export interface PersonalInfo extends BasicInfo {
  /** 個人番号: only when asked for, with the PIN. Never log or store it. */
  myNumber?: string;
}

export interface CardCertificate extends CertificateInfo {
  der: Uint8Array;
  /** The JPKI subjectAltName fields (signing certificate only). */
  san?: JpkiSubjectAltName;
}

export type ConfirmOptions = VerifyOptions;

export interface PinReadOptions extends ConfirmOptions {
  /** Also read the 個人番号 (EF 0001). */
  myNumber?: boolean;
}

export interface CertificateReadOptions extends ConfirmOptions {
  /** 署名用パスワード, needed for 'sign' (else SECURITY_STATUS) unless verified earlier in this session. */
  password?: Secret;
}

export interface InternalAuthOptions extends ConfirmOptions {
  /** The challenge to sign (default 32 random bytes). */
  challenge?: Uint8Array;
  /** Also verify the auth certificate's chain against these roots (CERT_INVALID on failure). */
  trustRoots?: readonly X509Certificate[];
  /** Moment for the chain's validity check (default now). */
  at?: Date;
}

export interface InternalAuthResult {
  /** The signature verifies with the auth certificate's public key. */
  valid: boolean;
  /** The auth certificate's serial (the card's pseudonymous id). */
  serial: string;
  subject: string;
  notAfter: string;
  /** Hex. */
  challenge: string;
  /** Hex. */
  signature: string;
  /** Set when trustRoots were given: the chain verified. */
  chainVerified?: boolean;
}

export interface SignCmsOptions extends ConfirmOptions {
  /** signingTime attribute; default now, null to omit (PAdES). */
  signingTime?: Date | null;
  /** Embed the signing CA certificate read from the card too (more APDUs). */
  includeCaCertificate?: boolean;
}

function disposeAll(...secrets: (Secret | undefined)[]): void {
  for (const s of secrets) s?.dispose();
}

export class MyNumberCard {
  readonly #channel: CardChannel;
  readonly #guard: SecretGuard;
  readonly #certs = new Map<CertKind, Uint8Array>();
  readonly tokenInfo: TokenInfo;

  private constructor(channel: CardChannel, token: TokenInfo) {
    this.#channel = channel;
    this.#guard = new SecretGuard(channel);
    this.tokenInfo = token;
  }

  /** Identifies the card (SELECT JPKI + token EF); NOT_MYNUMBER_CARD when there is no JPKI AP. */
  static async open(transport: CardTransport): Promise<MyNumberCard> {
    const channel = new CardChannel(transport);
    const token = await identifyCard(channel);
    return new MyNumberCard(channel, token);
  }

  /** The token label, e.g. "JPKIAPICCTOKEN2". */
  get token(): string {
    return this.tokenInfo.label;
  }

  get tokenKind(): TokenKind {
    return this.tokenInfo.kind;
  }

  get readerName(): string {
    return this.#channel.transport.readerName;
  }

  /** APDUs exchanged since open, identification included. */
  get apduCount(): number {
    return this.#channel.apduCount;
  }

  /** The APDU channel, for diagnostics and tests. Using it directly bypasses lockout protection. */
  get channel(): CardChannel {
    return this.#channel;
  }

  /**
   * Remaining tries of the secrets asked for (all by default), fresh from the card (spends none).
   * Ask only what the flow needs: every query is a round trip. A secret whose application the
   * token lacks (phone tokens have no Kenhojo AP) is null, and so is one the card answers with an
   * unexpected status (a card without a signing certificate answers 6A88 for its password): an
   * unknown count never stops a flow that does not need that secret. A card that is pulled or
   * fails in transport still throws.
   */
  async retries(kinds: readonly SecretKind[] = ALL_SECRETS): Promise<RetryCounts> {
    const kenhojoFirst = this.#channel.selectedAp === Buffer.from(AID.KENHOJO).toString('hex').toUpperCase();
    const order = (
      kenhojoFirst
        ? (['kenhojoPin', 'kenhojoB', 'jpkiAuthPin', 'jpkiSignPassword'] as const)
        : (['jpkiAuthPin', 'jpkiSignPassword', 'kenhojoPin', 'kenhojoB'] as const)
    ).filter((k) => kinds.includes(k));
    const out: Record<SecretKind, number | null> = {
      kenhojoPin: null,
      kenhojoB: null,
      jpkiAuthPin: null,
      jpkiSignPassword: null,
    };
    const missingAps = new Set<string>();
    for (const k of order) {
      const ap = SECRET_SPECS[k].ap;
      if (missingAps.has(ap)) continue;
      try {
        out[k] = retriesLeftOf(await this.#guard.query(k));
      } catch (e) {
        if (!isCardError(e, 'BAD_RESPONSE') && !isCardError(e, 'SECURITY_STATUS')) throw e;
        if (e.details.sw === '6A82') missingAps.add(ap);
        else log.warn('card.read', { detail: `retry counter of ${k}: status ${e.details.sw ?? '?'}` });
      }
    }
    return out;
  }

  /** 基本4情報, and the 個人番号 when `myNumber` is set, with the 4-digit 券面事項入力補助 PIN. */
  async readWithPin(pin: Secret, opts: PinReadOptions = {}): Promise<PersonalInfo> {
    try {
      await this.#guard.verify('kenhojoPin', pin, opts);
      const info: PersonalInfo = await readBasicInfo(this.#channel);
      if (opts.myNumber) info.myNumber = await readMyNumber(this.#channel);
      log.info('card.read', { what: 'kenhojo', fields: opts.myNumber ? 'basic4+number' : 'basic4' });
      return info;
    } finally {
      pin.dispose();
    }
  }

  /** 基本4情報 with the 14-digit 照合番号B (which does not open the 個人番号). */
  async readWithBno(bno: Secret, opts: ConfirmOptions = {}): Promise<PersonalInfo> {
    try {
      await this.#guard.verify('kenhojoB', bno, opts);
      const info = await readBasicInfo(this.#channel);
      log.info('card.read', { what: 'kenhojo', fields: 'basic4' });
      return info;
    } finally {
      bno.dispose();
    }
  }

  /**
   * Tap-only identification: the auth certificate's serial, issuer and validity without any
   * secret (1 APDU after open: 3 from power-up).
   */
  async tap(): Promise<CertificateHead> {
    const cached = this.#certs.get('auth');
    if (cached) {
      const c = summarizeCertificate(cached);
      return { serial: c.serial, issuer: c.issuer, notBefore: c.notBefore, notAfter: c.notAfter };
    }
    const head = await readAuthHead(this.#channel);
    log.info('card.read', { what: 'tap' });
    return head;
  }

  /** The auth certificate's serial, without any secret (1 APDU after open). */
  async readAuthSerial(): Promise<string> {
    const cached = this.#certs.get('auth');
    if (cached) return summarizeCertificate(cached).serial;
    return readAuthSerial(this.#channel);
  }

  async #certDer(kind: CertKind): Promise<Uint8Array> {
    let der = this.#certs.get(kind);
    if (!der) {
      try {
        der = await readCertificateDer(this.#channel, kind);
      } catch (e) {
        throw kind === 'sign' ? noSigningCertificate(e) : e;
      }
      this.#certs.set(kind, der);
    }
    return der;
  }

  /** VERIFY of the 署名用パスワード; a card without a signing certificate is said so kindly. */
  async #verifySignPassword(password: Secret, opts: ConfirmOptions): Promise<void> {
    try {
      await this.#guard.verify('jpkiSignPassword', password, opts);
    } catch (e) {
      throw noSigningCertificate(e);
    }
  }

  /**
   * Whether the card can sign at all, and the 署名用パスワード's tries left — asked before the
   * resident types anything (an empty VERIFY, which spends nothing). A card without a signing
   * certificate (under 15, declined) answers 6A88/6A82: `hasCertificate` false, not an error.
   */
  async signingPassword(): Promise<{ hasCertificate: boolean; retriesLeft: number | null }> {
    try {
      return {
        hasCertificate: true,
        retriesLeft: retriesLeftOf(await this.#guard.query('jpkiSignPassword')),
      };
    } catch (e) {
      if (isCardError(noSigningCertificate(e), 'NO_SIGNING_CERT'))
        return { hasCertificate: false, retriesLeft: null };
      throw e;
    }
  }

  /** A JPKI certificate; 'sign' needs the 署名用パスワード (verified first, lockout-protected). */
  async readCertificate(kind: CertKind, opts: CertificateReadOptions = {}): Promise<CardCertificate> {
    try {
      if (kind === 'sign' && opts.password && !this.#certs.has('sign')) {
        await this.#verifySignPassword(opts.password, opts);
      }
      const der = await this.#certDer(kind);
      const summary = summarizeCertificate(der);
      const san = kind === 'sign' ? jpkiSubjectAltName(der) : undefined;
      return { ...certificateInfo(summary), der, ...(san ? { san } : {}) };
    } finally {
      disposeAll(opts.password);
    }
  }

  /**
   * Internal authentication: the card signs a fresh challenge with its auth key after VERIFY of the
   * auth PIN; the signature is checked with the auth certificate's public key.
   */
  async internalAuthenticate(pin: Secret, opts: InternalAuthOptions = {}): Promise<InternalAuthResult> {
    try {
      assertSecretFormat('jpkiAuthPin', pin);
      const challenge = opts.challenge ?? new Uint8Array(randomBytes(32));
      const der = await this.#certDer('auth');
      const cert = summarizeCertificate(der);
      let chainVerified: boolean | undefined;
      if (opts.trustRoots) {
        verifyChain(der, { roots: opts.trustRoots, ...(opts.at ? { at: opts.at } : {}) });
        chainVerified = true;
      }
      await this.#guard.verify('jpkiAuthPin', pin, opts);
      const signature = await signDigestInfo(
        this.#channel,
        JPKI_EF.AUTH_KEY,
        sha256DigestInfo(sha256(challenge)),
      );
      const valid = rsaVerify('sha256', challenge, cert.publicKey, signature);
      log.info('card.sign', { key: 'auth', valid });
      return {
        valid,
        serial: cert.serial,
        subject: cert.subject,
        notAfter: cert.notAfter,
        challenge: Buffer.from(challenge).toString('hex'),
        signature: Buffer.from(signature).toString('hex'),
        ...(chainVerified ? { chainVerified } : {}),
      };
    } finally {
      pin.dispose();
    }
  }

  /** Signs a SHA-256 digest with the signing key (VERIFY 001B right before); returns the raw RSA signature. */
  async signDigest(password: Secret, digest: Uint8Array, opts: ConfirmOptions = {}): Promise<Uint8Array> {
    try {
      const digestInfo = sha256DigestInfo(digest);
      await this.#verifySignPassword(password, opts);
      const signature = await signDigestInfo(this.#channel, JPKI_EF.SIGN_KEY, digestInfo);
      log.info('card.sign', { key: 'sign' });
      return signature;
    } finally {
      password.dispose();
    }
  }

  /**
   * A detached CMS/PKCS#7 SignedData over `content` (or its precomputed SHA-256, for PAdES) signed by
   * the card's signing key, with the signing certificate embedded. The signature is checked with
   * the certificate before it is returned.
   */
  async signCms(
    password: Secret,
    content: Uint8Array | { sha256: Uint8Array },
    opts: SignCmsOptions = {},
  ): Promise<Uint8Array> {
    try {
      if (!(content instanceof Uint8Array) && content.sha256.length !== 32) {
        throw new RangeError('sha256 must be 32 bytes');
      }
      await this.#verifySignPassword(password, opts);
      const cert = await this.#certDer('sign');
      const extra = opts.includeCaCertificate ? [await this.#certDer('sign-ca')] : [];
      const signingTime = opts.signingTime === undefined ? new Date() : opts.signingTime;
      const p7s = await buildDetachedCms({
        ...(content instanceof Uint8Array ? { content } : { contentDigest: content.sha256 }),
        signerCertificate: cert,
        extraCertificates: extra,
        ...(signingTime ? { signingTime } : {}),
        signer: { signDigestInfo: (di) => signDigestInfo(this.#channel, JPKI_EF.SIGN_KEY, di) },
      });
      log.info('card.sign', { key: 'sign', cms: true });
      return p7s;
    } finally {
      password.dispose();
    }
  }

  /** Releases the card with power-off, so every verification is forgotten. */
  async close(): Promise<void> {
    this.#certs.clear();
    await this.#channel.close('unpower');
  }
}
