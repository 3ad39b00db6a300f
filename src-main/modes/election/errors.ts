/**
 * Typed election errors (codes for the desk UI and the CLI; ja/en messages). Outcomes that are
 * part of normal work at the desk — already voted, not on the roll, wrong station — are *results*
 * (see service.ts), not errors.
 */
import { ModeError } from '../mode-error.ts';

export const ELECTION_ERROR_CODES = [
  'NOT_CONFIGURED',
  'BAD_INPUT',
  'ROLL_EXISTS',
  'ROLL_REJECTED',
  'BAD_HEADER',
  'BAD_MAP',
  'ENCODING',
  'BAD_CSV',
  'NOT_ON_ROLL',
  'NOT_VOTED',
  'AMBIGUOUS_UNDO',
  'REASON_REQUIRED',
  'REASON_NOT_ALLOWED',
  'UNKNOWN_STATION',
] as const;

export type ElectionErrorCode = (typeof ELECTION_ERROR_CODES)[number];

const JA: Record<ElectionErrorCode, string> = {
  NOT_CONFIGURED: '選挙の設定がされていません。',
  BAD_INPUT: '入力が正しくありません。',
  ROLL_EXISTS: '選挙人名簿はすでに取り込まれています（置き換えるには --replace）。',
  ROLL_REJECTED: '名簿ファイルに誤りのある行があるため、取り込みませんでした。',
  BAD_HEADER: '名簿ファイルの見出し行に必要な列がありません。',
  BAD_MAP: '列の対応表（MAP）が正しくありません。',
  ENCODING: '名簿ファイルの文字コードを読み取れません。',
  BAD_CSV: '名簿ファイルのCSV形式が壊れています。',
  NOT_ON_ROLL: '名簿にありません。',
  NOT_VOTED: 'この選挙人の投票記録はありません。',
  AMBIGUOUS_UNDO: '投票記録が複数あります。取り消す記録を選んでください。',
  REASON_REQUIRED: '期日前投票の事由を選んでください。',
  REASON_NOT_ALLOWED: '当日投票では事由は不要です。',
  UNKNOWN_STATION: '投票所が登録されていません。',
};

export class ElectionError extends ModeError<ElectionErrorCode> {
  override readonly name = 'ElectionError';

  constructor(code: ElectionErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details, JA);
  }
}
