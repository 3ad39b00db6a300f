/**
 * Typed fare errors (codes for the screens and the CLI; ja/en messages). A refused ride is not an
 * error: it is a decision with its reason (see decide.ts).
 */
import { ModeError } from '../mode-error.ts';

export const FARE_ERROR_CODES = [
  'NOT_CONFIGURED',
  'BAD_INPUT',
  'NOT_ELIGIBLE',
  'CARD_BLOCKED',
  'NOT_FOUND',
  'NO_VEHICLE',
  'REGISTRY_REFUSED',
] as const;

export type FareErrorCode = (typeof FARE_ERROR_CODES)[number];

const JA: Record<FareErrorCode, string> = {
  NOT_CONFIGURED: '運賃補助の設定がされていません。',
  BAD_INPUT: '入力が正しくありません。',
  NOT_ELIGIBLE: 'この制度の対象ではありません。',
  CARD_BLOCKED: 'このカードは利用停止になっています。',
  NOT_FOUND: '登録されたカードが見つかりません。',
  NO_VEHICLE: 'この端末には車両が設定されていません。',
  REGISTRY_REFUSED: '登録者名簿のファイルを受け付けられません（署名・版を確認してください）。',
};

export class FareError extends ModeError<FareErrorCode> {
  override readonly name = 'FareError';

  constructor(code: FareErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details, JA);
  }
}
