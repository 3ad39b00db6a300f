/**
 * CMS / PKCS#7 detached SignedData (RFC 5652) signed by the My Number Card.
 *
 * One signer, SHA-256 + rsaEncryption (PKCS#1 v1.5), signed attributes contentType, messageDigest,
 * optional signingTime and signingCertificateV2 (RFC 5035, binds the signer certificate), the
 * signer certificate embedded (plus optional extra certificates such as the CA's). The RSA
 * operation is an async callback so the card can do it: either over the DigestInfo the host
 * builds (what the JPKI sign command takes) or over the bare SHA-256 of the signed attributes.
 * PAdES signs a precomputed content digest: pass `contentDigest` instead of `content`.
 *
 * Layout built (DER):
 *   ContentInfo { signedData, [0] SignedData { v1, {sha256}, {data (no eContent)}, [0] certs,
 *     { SignerInfo { v1, IssuerAndSerialNumber, sha256, [0] signedAttrs, rsaEncryption, sig } } } }
 */
import { createHash, verify as rsaVerify, type X509Certificate } from 'node:crypto';
import { CardError } from '../card/errors.ts';
import { childrenOf, parseTlv, type Tlv } from '../card/tlv.ts';
import {
  concatBytes,
  contentOf,
  explicit,
  integer,
  nullValue,
  octetString,
  oid,
  sequence,
  setOf,
  time,
  tlv,
} from './der.ts';
import { verifyChain } from './trust.ts';
import {
  certificateInfo,
  certificateParts,
  decodeOid,
  summarizeCertificate,
  type CertificateInfo,
} from './x509.ts';

export const CMS_OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2 note 1); append the 32-byte hash. */
export const SHA256_DIGEST_INFO_PREFIX = Uint8Array.from(
  Buffer.from('3031300d060960864801650304020105000420', 'hex'),
);

export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** DigestInfo { sha256, hash } — what the card's sign command takes (it adds PKCS#1 v1.5 padding). */
export function sha256DigestInfo(hash: Uint8Array): Uint8Array {
  if (hash.length !== 32) throw new RangeError(`SHA-256 digest must be 32 bytes, got ${hash.length}`);
  return concatBytes([SHA256_DIGEST_INFO_PREFIX, hash]);
}

/** Who performs the RSA PKCS#1 v1.5 operation. */
export type CmsRawSigner =
  /** Signs a SHA-256 DigestInfo (the card's `80 2A` command). */
  | { signDigestInfo: (digestInfo: Uint8Array) => Promise<Uint8Array> }
  /** Signs the SHA-256 of the DER signed attributes (builds the DigestInfo itself). */
  | { signSha256: (sha256OfSignedAttrs: Uint8Array) => Promise<Uint8Array> };

export type CmsContent =
  | { content: Uint8Array; contentDigest?: undefined }
  /** SHA-256 of the content, computed elsewhere (PAdES: of the PDF's ByteRange). */
  | { contentDigest: Uint8Array; content?: undefined };

export type BuildCmsOptions = CmsContent & {
  /** DER of the signer's certificate (its key must be the one the signer uses). */
  signerCertificate: Uint8Array;
  /** More certificates to embed, e.g. the signing CA certificate. */
  extraCertificates?: readonly Uint8Array[];
  /** Adds a signingTime attribute; omit for PAdES (the time goes in the signature dictionary). */
  signingTime?: Date;
  signer: CmsRawSigner;
  /** Check the returned signature with the certificate's key before returning (default true). */
  checkSignature?: boolean;
};

const sha256AlgId = () => sequence(oid(CMS_OID.sha256));
const attribute = (type: string, ...values: Uint8Array[]) => sequence(oid(type), setOf(...values));

/** The DER SET OF signed attributes (tag 31): what is hashed and signed. */
export function buildSignedAttributes(opts: {
  contentDigest: Uint8Array;
  signerCertificate: Uint8Array;
  signingTime?: Date;
}): Uint8Array {
  const cert = certificateParts(opts.signerCertificate);
  // ESSCertIDv2 { certHash (sha256 is the DEFAULT algorithm), IssuerSerial { GeneralNames { [4] Name }, serial } }
  const issuerSerial = sequence(sequence(tlv(0xa4, cert.issuerElement)), cert.serialElement);
  const essCertId = sequence(octetString(sha256(opts.signerCertificate)), issuerSerial);
  const attrs = [
    attribute(CMS_OID.contentType, oid(CMS_OID.data)),
    ...(opts.signingTime ? [attribute(CMS_OID.signingTime, time(opts.signingTime))] : []),
    attribute(CMS_OID.messageDigest, octetString(opts.contentDigest)),
    attribute(CMS_OID.signingCertificateV2, sequence(sequence(essCertId))),
  ];
  return setOf(...attrs);
}

/** Builds a detached CMS SignedData; the RSA signature comes from `opts.signer` (e.g. the card). */
export async function buildDetachedCms(opts: BuildCmsOptions): Promise<Uint8Array> {
  const contentDigest = opts.content !== undefined ? sha256(opts.content) : opts.contentDigest;
  if (contentDigest.length !== 32) throw new RangeError('contentDigest must be a 32-byte SHA-256');
  const signerCert = summarizeCertificate(opts.signerCertificate);
  const parts = certificateParts(opts.signerCertificate);
  const signedAttrs = buildSignedAttributes({
    contentDigest,
    signerCertificate: opts.signerCertificate,
    ...(opts.signingTime ? { signingTime: opts.signingTime } : {}),
  });
  const attrsHash = sha256(signedAttrs);
  const signature =
    'signDigestInfo' in opts.signer
      ? await opts.signer.signDigestInfo(sha256DigestInfo(attrsHash))
      : await opts.signer.signSha256(attrsHash);
  if ((opts.checkSignature ?? true) && !rsaVerify('sha256', signedAttrs, signerCert.publicKey, signature)) {
    throw new CardError('SIGNATURE_INVALID', {
      detail: 'the signature does not verify with the signer certificate (wrong key or card fault)',
    });
  }
  const signerInfo = sequence(
    integer(1),
    sequence(parts.issuerElement, parts.serialElement),
    sha256AlgId(),
    tlv(0xa0, contentOf(signedAttrs)), // [0] IMPLICIT SET OF Attribute
    sequence(oid(CMS_OID.rsaEncryption), nullValue()),
    octetString(signature),
  );
  const certs = [opts.signerCertificate, ...(opts.extraCertificates ?? [])];
  const signedData = sequence(
    integer(1),
    setOf(sha256AlgId()),
    sequence(oid(CMS_OID.data)), // detached: no eContent
    tlv(0xa0, contentOf(setOf(...certs))), // [0] IMPLICIT CertificateSet
    setOf(signerInfo),
  );
  return sequence(oid(CMS_OID.signedData), explicit(0, signedData));
}

// ---------------------------------------------------------------- verification

export interface VerifyCmsOptions {
  trustRoots: readonly X509Certificate[];
  /** Moment the certificates must be valid at (default now). */
  at?: Date;
}

export type CmsVerification =
  | {
      valid: true;
      signer: CertificateInfo;
      /** Signer first, trusted root last. */
      chain: CertificateInfo[];
      /** From the signingTime attribute, ISO. */
      signingTime?: string;
      /** SHA-256 of the content, hex. */
      contentDigest: string;
      signerDer?: Uint8Array;
    }
  | {
      valid: false;
      code: 'SIGNATURE_INVALID' | 'CERT_INVALID' | 'MALFORMED';
      reason: string;
      signer?: CertificateInfo;
      signerDer?: Uint8Array;
    };

class Malformed extends Error {}

function need(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw new Malformed(`expected ${what}`);
  return t;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

interface ParsedSignedData {
  certificates: Uint8Array[];
  signerInfo: Tlv;
}

function parseSignedData(p7s: Uint8Array): ParsedSignedData {
  const ci = childrenOf(need(parseTlv(p7s), 0x30, 'ContentInfo'));
  if (decodeOid(need(ci[0], 0x06, 'contentType').value) !== CMS_OID.signedData) {
    throw new Malformed('not a SignedData');
  }
  const [sd] = childrenOf(need(ci[1], 0xa0, '[0] content'));
  const f = childrenOf(need(sd, 0x30, 'SignedData'));
  const encap = childrenOf(need(f[2], 0x30, 'encapContentInfo'));
  if (decodeOid(need(encap[0], 0x06, 'eContentType').value) !== CMS_OID.data) {
    throw new Malformed('eContentType is not id-data');
  }
  if (encap.length > 1) throw new Malformed('content is embedded; expected a detached signature');
  let i = 3;
  const certificates: Uint8Array[] = [];
  if (f[i]?.tag === 0xa0)
    certificates.push(
      ...childrenOf(f[i++]!)
        .filter((c) => c.tag === 0x30)
        .map((c) => c.raw),
    );
  if (f[i]?.tag === 0xa1) i++; // CRLs
  const infos = childrenOf(need(f[i], 0x31, 'signerInfos'));
  if (infos.length !== 1) throw new Malformed(`expected one SignerInfo, found ${infos.length}`);
  return { certificates, signerInfo: infos[0]! };
}

interface Attributes {
  contentType?: string;
  messageDigest?: Uint8Array;
  signingTime?: string;
  essCertHash?: Uint8Array;
}

function parseAttributes(set: Tlv): Attributes {
  const out: Attributes = {};
  for (const a of childrenOf(set)) {
    const [type, values] = childrenOf(need(a, 0x30, 'Attribute'));
    const id = decodeOid(need(type, 0x06, 'attrType').value);
    const [v] = childrenOf(need(values, 0x31, 'attrValues'));
    if (!v) throw new Malformed('empty attribute');
    if (id === CMS_OID.contentType) out.contentType = decodeOid(need(v, 0x06, 'contentType').value);
    else if (id === CMS_OID.messageDigest) out.messageDigest = need(v, 0x04, 'messageDigest').value;
    else if (id === CMS_OID.signingTime) out.signingTime = decodeSigningTime(v);
    else if (id === CMS_OID.signingCertificateV2) {
      const [certs] = childrenOf(need(v, 0x30, 'SigningCertificateV2'));
      const [first] = childrenOf(need(certs, 0x30, 'certs'));
      const ess = childrenOf(need(first, 0x30, 'ESSCertIDv2'));
      const hashEl = ess[0]?.tag === 0x30 ? ess[1] : ess[0]; // an explicit hashAlgorithm may precede
      if (ess[0]?.tag === 0x30) {
        const alg = childrenOf(ess[0]);
        if (decodeOid(need(alg[0], 0x06, 'hashAlgorithm').value) !== CMS_OID.sha256) {
          throw new Malformed('ESSCertIDv2 hash algorithm is not SHA-256');
        }
      }
      out.essCertHash = need(hashEl, 0x04, 'certHash').value;
    }
  }
  return out;
}

function decodeSigningTime(t: Tlv): string {
  const s = Buffer.from(t.value).toString('latin1');
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) throw new Malformed('bad signingTime');
  let y = Number(m[1]);
  if (m[1]!.length === 2) y += y < 50 ? 2000 : 1900;
  return new Date(
    Date.UTC(y, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])),
  ).toISOString();
}

/**
 * Verifies a detached CMS signature over `content` (or its SHA-256 given as `{ sha256 }`): the
 * message digest, the RSA signature over the signed attributes, the signingCertificateV2 binding
 * when present, and the signer's chain up to `trustRoots` at `at`. Returns a result, never throws
 * for a bad signature or certificate.
 */
export function verifyDetachedCms(
  p7s: Uint8Array,
  content: Uint8Array | { sha256: Uint8Array },
  opts: VerifyCmsOptions,
): CmsVerification {
  const found: { der?: Uint8Array } = {};
  const result = verifyCms(p7s, content, opts, found);
  // Callers that need more than the summary (the JPKI subjectAltName: name, birth date) get the DER.
  return found.der ? { ...result, signerDer: found.der } : result;
}

function verifyCms(
  p7s: Uint8Array,
  content: Uint8Array | { sha256: Uint8Array },
  opts: VerifyCmsOptions,
  found: { der?: Uint8Array },
): CmsVerification {
  const digest = content instanceof Uint8Array ? sha256(content) : content.sha256;
  let signer: CertificateInfo | undefined;
  try {
    const { certificates, signerInfo } = parseSignedData(p7s);
    const si = childrenOf(need(signerInfo, 0x30, 'SignerInfo'));
    const sid = childrenOf(
      need(si[1], 0x30, 'IssuerAndSerialNumber (subjectKeyIdentifier is not supported)'),
    );
    const [sidIssuer, sidSerial] = [need(sid[0], 0x30, 'issuer'), need(sid[1], 0x02, 'serial')];
    const digestAlg = childrenOf(need(si[2], 0x30, 'digestAlgorithm'));
    if (decodeOid(need(digestAlg[0], 0x06, 'digest OID').value) !== CMS_OID.sha256) {
      throw new Malformed('digest algorithm is not SHA-256');
    }
    const attrsEl = need(si[3], 0xa0, 'signedAttrs');
    const sigAlg = decodeOid(
      need(childrenOf(need(si[4], 0x30, 'signatureAlgorithm'))[0], 0x06, 'sig OID').value,
    );
    if (sigAlg !== CMS_OID.rsaEncryption && sigAlg !== CMS_OID.sha256WithRsa) {
      throw new Malformed(`unsupported signature algorithm ${sigAlg}`);
    }
    const signature = need(si[5], 0x04, 'signature').value;

    const signerDer = certificates.find((c) => {
      const p = certificateParts(c);
      return equalBytes(p.issuerElement, sidIssuer.raw) && equalBytes(p.serialElement, sidSerial.raw);
    });
    if (!signerDer) throw new Malformed('the signer certificate is not in the signature');
    found.der = signerDer;
    const summary = summarizeCertificate(signerDer);
    signer = certificateInfo(summary);

    const attrs = parseAttributes(attrsEl);
    if (attrs.contentType !== CMS_OID.data)
      throw new Malformed('contentType attribute missing or not id-data');
    if (!attrs.messageDigest) throw new Malformed('messageDigest attribute missing');
    if (!equalBytes(attrs.messageDigest, digest)) {
      return {
        valid: false,
        code: 'SIGNATURE_INVALID',
        reason: 'the content does not match the signature',
        signer,
      };
    }
    if (attrs.essCertHash && !equalBytes(attrs.essCertHash, sha256(signerDer))) {
      return {
        valid: false,
        code: 'SIGNATURE_INVALID',
        reason: 'signingCertificateV2 names another certificate',
        signer,
      };
    }
    // The signature covers the attributes DER-encoded with their SET OF tag (RFC 5652 §5.4).
    const signed = concatBytes([Uint8Array.of(0x31), attrsEl.raw.subarray(1)]);
    if (!rsaVerify('sha256', signed, summary.publicKey, signature)) {
      return { valid: false, code: 'SIGNATURE_INVALID', reason: 'the RSA signature does not verify', signer };
    }
    const { chain } = verifyChain(signerDer, {
      roots: opts.trustRoots,
      intermediates: certificates.filter((c) => c !== signerDer),
      ...(opts.at ? { at: opts.at } : {}),
    });
    return {
      valid: true,
      signer,
      chain: chain.map(certificateInfo),
      ...(attrs.signingTime ? { signingTime: attrs.signingTime } : {}),
      contentDigest: Buffer.from(digest).toString('hex'),
    };
  } catch (e) {
    if (e instanceof Malformed)
      return { valid: false, code: 'MALFORMED', reason: e.message, ...(signer ? { signer } : {}) };
    if (e instanceof CardError && e.code === 'CERT_INVALID') {
      return {
        valid: false,
        code: 'CERT_INVALID',
        reason: e.details.detail ?? e.message,
        ...(signer ? { signer } : {}),
      };
    }
    if (e instanceof CardError && e.code === 'BAD_RESPONSE') {
      return {
        valid: false,
        code: 'MALFORMED',
        reason: e.details.detail ?? e.message,
        ...(signer ? { signer } : {}),
      };
    }
    throw e;
  }
}
