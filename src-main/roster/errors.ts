/**
 * Why a roster file as a whole cannot be read (a bad line is not an error: it is a reject with its
 * line number, see read.ts). Codes for the CLI and the screens, with a Japanese message for staff.
 */

export const ROSTER_ERROR_CODES = ['ENCODING', 'BAD_CSV', 'BAD_HEADER', 'EMPTY'] as const;
export type RosterErrorCode = (typeof ROSTER_ERROR_CODES)[number];

const JA: Record<RosterErrorCode, string> = {
  ENCODING: 'ファイルの文字コードを読み取れません（UTF-8 か Shift_JIS で保存してください）。',
  BAD_CSV: 'ファイルのCSV形式が壊れています。',
  BAD_HEADER: 'ファイルの見出し行に必要な列がありません。',
  EMPTY: 'ファイルが空です。',
};

export class RosterError extends Error {
  override readonly name = 'RosterError';
  readonly messageJa: string;

  constructor(
    readonly code: RosterErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.messageJa = JA[code];
  }
}
