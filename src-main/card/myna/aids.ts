/**
 * Application identifiers and file identifiers of the My Number Card (spec §1–2).
 * Every EF is in 0001–001E, so its short file identifier (SFI) is the FID's low byte.
 */
import type { SecretKind } from '../errors.ts';

const aid = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));

export const AID = {
  /** 公的個人認証 */
  JPKI: aid('D3 92 F0 00 26 01 00 00 00 01'),
  /** 券面事項入力補助AP */
  KENHOJO: aid('D3 92 10 00 31 00 01 01 04 08'),
  /** 券面事項確認AP */
  KENKAKU: aid('D3 92 10 00 31 00 01 01 04 02'),
} as const;

export type ApName = keyof typeof AID;

/** JPKI-AP files. */
export const JPKI_EF = {
  SIGN_CERT: 0x0001,
  SIGN_CA_CERT: 0x0002,
  TOKEN: 0x0006,
  AUTH_CERT: 0x000a,
  AUTH_CA_CERT: 0x000b,
  AUTH_KEY: 0x0017,
  AUTH_PIN: 0x0018,
  SIGN_KEY: 0x001a,
  SIGN_PASSWORD: 0x001b,
} as const;

/** 券面事項入力補助AP files. */
export const KENHOJO_EF = {
  MY_NUMBER: 0x0001,
  BASIC_INFO: 0x0002,
  PIN: 0x0011,
  BNO: 0x0015,
} as const;

/** Where each secret lives and what it looks like. */
export interface SecretSpec {
  ap: ApName;
  /** Key EF; also its SFI/reference number. */
  ef: number;
  /** Tries a fresh card has (for display only; the card's count is authoritative). */
  maxTries: number;
}

export const SECRET_SPECS: Record<SecretKind, SecretSpec> = {
  kenhojoPin: { ap: 'KENHOJO', ef: KENHOJO_EF.PIN, maxTries: 3 },
  kenhojoB: { ap: 'KENHOJO', ef: KENHOJO_EF.BNO, maxTries: 10 },
  jpkiAuthPin: { ap: 'JPKI', ef: JPKI_EF.AUTH_PIN, maxTries: 3 },
  jpkiSignPassword: { ap: 'JPKI', ef: JPKI_EF.SIGN_PASSWORD, maxTries: 5 },
};

/** SFI-qualified P1/P2 byte: 80 | SFI. */
export const sfiRef = (ef: number): number => 0x80 | (ef & 0x1f);
