/**
 * Typed shelter errors (codes for the entrance screen and the CLI; ja/en messages). Outcomes of
 * normal work — a person already here, nobody in the household out — are results, not errors.
 */
import { ModeError } from '../mode-error.ts';

export const SHELTER_ERROR_CODES = [
  'NOT_CONFIGURED',
  'BAD_INPUT',
  'LIST_EXISTS',
  'BAD_HEADER',
  'BAD_MAP',
  'ENCODING',
  'BAD_CSV',
  'EMPTY',
  'NOT_FOUND',
  'AMBIGUOUS',
  'CARD_NOT_LINKED',
  'NOTHING_TO_DO',
] as const;

export type ShelterErrorCode = (typeof SHELTER_ERROR_CODES)[number];

const JA: Record<ShelterErrorCode, string> = {
  NOT_CONFIGURED: '避難所の設定がされていません。',
  BAD_INPUT: '入力が正しくありません。',
  LIST_EXISTS: '住民名簿はすでに取り込まれています（置き換えるには --replace）。',
  BAD_HEADER: '名簿ファイルの見出し行に必要な列がありません。',
  BAD_MAP: '列の対応表（MAP）が正しくありません。',
  ENCODING: '名簿ファイルの文字コードを読み取れません。',
  BAD_CSV: '名簿ファイルのCSV形式が壊れています。',
  EMPTY: '名簿ファイルが空です。',
  NOT_FOUND: '該当する方が見つかりません。',
  AMBIGUOUS: '該当する方が複数います。世帯や住所で確認してください。',
  CARD_NOT_LINKED: 'このカードはまだ登録されていません。最初の受付でカードを読み取ってください。',
  NOTHING_TO_DO: '対象の方はすでにその状態です。',
};

export class ShelterError extends ModeError<ShelterErrorCode> {
  override readonly name = 'ShelterError';

  constructor(code: ShelterErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details, JA);
  }
}
