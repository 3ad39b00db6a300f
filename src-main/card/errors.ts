/**
 * Typed card errors. Every failure the card stack can report is a CardError with a stable `code`
 * the UI and the CLI map to a message and an exit code; never a bare string.
 */

import { CARD_ERROR_CODES, type CardErrorCode } from './error-codes.ts';

export { CARD_ERROR_CODES, type CardErrorCode };

/** Which secret an operation concerns; used in messages and retry reports. */
export type SecretKind = 'kenhojoPin' | 'kenhojoB' | 'jpkiAuthPin' | 'jpkiSignPassword';

export interface CardErrorDetails {
  retriesLeft?: number;
  secret?: SecretKind;
  /** Status word as 4 hex digits, for diagnostics (never contains secrets). */
  sw?: string;
  /** Extra diagnostic text in English (never contains secrets). */
  detail?: string;
  /** The transport failed because the card was reset (by the reader or another program). */
  reset?: boolean;
}

const SECRET_NAMES: Record<SecretKind, { ja: string; en: string }> = {
  kenhojoPin: { ja: '券面事項入力補助用暗証番号（4桁）', en: 'card-info PIN (4 digits)' },
  kenhojoB: { ja: '照合番号B', en: 'verification number B' },
  jpkiAuthPin: { ja: '利用者証明用電子証明書の暗証番号（4桁）', en: 'user-authentication PIN (4 digits)' },
  jpkiSignPassword: { ja: '署名用電子証明書のパスワード', en: 'signature password' },
};

function secretName(d: CardErrorDetails, lang: 'ja' | 'en'): string {
  if (d.secret) return SECRET_NAMES[d.secret][lang];
  return lang === 'ja' ? '暗証番号' : 'PIN';
}

const MESSAGES: Record<CardErrorCode, (d: CardErrorDetails) => { ja: string; en: string }> = {
  NO_READER: () => ({
    ja: 'カードリーダーが見つかりません。接続を確認してください。',
    en: 'No card reader was found. Please check that it is connected.',
  }),
  NO_CARD: () => ({
    ja: 'カードが置かれていません。マイナンバーカードをリーダーに置いてください。',
    en: 'No card is present. Please place your My Number Card on the reader.',
  }),
  NOT_MYNUMBER_CARD: () => ({
    ja: 'このカードはマイナンバーカードではありません。',
    en: 'This card is not a My Number Card.',
  }),
  NO_SIGNING_CERT: () => ({
    ja: 'このカードには署名用電子証明書がありません（15歳未満の方や、発行を希望されなかった方のカードなど）。署名のほかの手続きはこのカードでできます。',
    en: 'This card has no signing certificate (cards of children under 15, or of people who chose not to have one). Everything except signing works with this card.',
  }),
  WRONG_SECRET: (d) => ({
    ja: `${secretName(d, 'ja')}が違います。あと${d.retriesLeft ?? '?'}回入力できます。`,
    en: `The ${secretName(d, 'en')} is wrong. ${d.retriesLeft ?? '?'} attempt(s) left.`,
  }),
  BLOCKED: (d) => ({
    ja: `${secretName(d, 'ja')}はロックされています。市区町村の窓口で再設定できます。`,
    en: `The ${secretName(d, 'en')} is locked. It can be reset only at the municipal office counter.`,
  }),
  LAST_TRY_NEEDS_CONFIRMATION: (d) => ({
    ja: `${secretName(d, 'ja')}はあと1回でロックされます。確認のうえで入力してください。`,
    en: `Only one attempt is left for the ${secretName(d, 'en')}. Confirm before trying.`,
  }),
  CARD_REMOVED: () => ({
    ja: 'カードが読み取り中に外されました。もう一度置いてください。',
    en: 'The card was removed while it was being read. Please place it again.',
  }),
  CARD_IO: (d) => ({
    ja: 'カードとの通信に失敗しました。置き直してください。',
    en: `Communication with the card failed. Please place it again.${d.detail ? ` (${d.detail})` : ''}`,
  }),
  BAD_RESPONSE: (d) => ({
    ja: 'カードから読み取ったデータが正しくありません。',
    en: `The card returned malformed data.${d.detail ? ` (${d.detail})` : ''}`,
  }),
  SECURITY_STATUS: () => ({
    ja: 'この情報を読むには先に暗証番号の入力が必要です。',
    en: 'A secret must be verified before this data can be read.',
  }),
  INVALID_SECRET_FORMAT: (d) => ({
    ja: `${secretName(d, 'ja')}の形式が正しくありません（カードには送信していません）。`,
    en: `The ${secretName(d, 'en')} has the wrong format (it was not sent to the card).`,
  }),
  INVALID_MY_NUMBER: () => ({
    ja: '個人番号の検査用数字が一致しません。',
    en: 'The My Number failed its check-digit validation.',
  }),
  CERT_INVALID: (d) => ({
    ja: '電子証明書を検証できませんでした。',
    en: `The certificate could not be validated.${d.detail ? ` (${d.detail})` : ''}`,
  }),
  SIGNATURE_INVALID: (d) => ({
    ja: '電子署名が正しくありません。',
    en: `The signature is not valid.${d.detail ? ` (${d.detail})` : ''}`,
  }),
  TIMEOUT: () => ({
    ja: '時間内にカードが置かれませんでした。',
    en: 'No card was placed in time.',
  }),
};

export class CardError extends Error {
  override readonly name = 'CardError';
  readonly code: CardErrorCode;
  readonly details: CardErrorDetails;
  readonly messageJa: string;

  constructor(code: CardErrorCode, details: CardErrorDetails = {}) {
    const m = MESSAGES[code](details);
    super(m.en);
    this.code = code;
    this.details = details;
    this.messageJa = m.ja;
  }

  get retriesLeft(): number | undefined {
    return this.details.retriesLeft;
  }

  message_(lang: 'ja' | 'en'): string {
    return lang === 'ja' ? this.messageJa : this.message;
  }

  toJSON(): { code: CardErrorCode; message: string; messageJa: string; retriesLeft?: number } {
    return {
      code: this.code,
      message: this.message,
      messageJa: this.messageJa,
      ...(this.details.retriesLeft !== undefined ? { retriesLeft: this.details.retriesLeft } : {}),
    };
  }
}

export function isCardError(e: unknown, code?: CardErrorCode): e is CardError {
  return e instanceof CardError && (code === undefined || e.code === code);
}
