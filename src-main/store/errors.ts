/**
 * Typed store errors. Every failure of the encrypted store, the event log, event files and LAN
 * sync carries a stable code (for the UI, the CLI's exit status and tests) and ja/en messages.
 */

export const STORE_ERROR_CODES = [
  /** The passphrase does not open this store (or the file is not a store at all). */
  'WRONG_PASSPHRASE',
  /** The file is a plain, unencrypted SQLite database: refused, rosters must be encrypted. */
  'NOT_ENCRYPTED',
  'STORE_MISSING',
  /** A new store's passphrase is too short to resist guessing (at least 12 characters). */
  'WEAK_PASSPHRASE',
  /** Pages of the file are damaged (disk, USB stick, power): it is closed and never written again. */
  'STORE_CORRUPT',
  'STORE_EXISTS',
  /** The store was made for another mode/group than the caller expects. */
  'WRONG_STORE',
  /** Created by a newer program: its schema has migrations this build does not know. */
  'SCHEMA_TOO_NEW',
  'INVALID_ID',
  /** A group set-up code (the group's salt) that is not 32 hexadecimal characters. */
  'BAD_GROUP_SALT',
  /** An event file or a sync message failed its authentication: altered, or another key. */
  'TAMPERED',
  /** An event file or a peer belongs to another election/group. */
  'WRONG_GROUP',
  'BAD_EVENT_FILE',
  /** A batch of remote events skips sequence numbers of a terminal. */
  'EVENT_GAP',
  /** A sync request's time is far from this terminal's clock (a replay, or a clock set wrong). */
  'CLOCK_SKEW',
  'PEER_UNREACHABLE',
  'PEER_REFUSED',
  /** LAN sync settings that cannot be used: a port outside 1–65535, a peer list that is not one. */
  'BAD_SYNC_SETTINGS',
  'SYNC_RUNNING',
] as const;

export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

const MESSAGES: Record<StoreErrorCode, { ja: string; en: string }> = {
  WRONG_PASSPHRASE: {
    ja: 'パスフレーズが違います（またはこのファイルはデータベースではありません）。',
    en: 'The passphrase is wrong (or the file is not a kakanai store).',
  },
  NOT_ENCRYPTED: {
    ja: 'このデータベースは暗号化されていないため開けません。',
    en: 'This database is not encrypted and is refused.',
  },
  STORE_MISSING: { ja: 'データベースが見つかりません。', en: 'The store file does not exist.' },
  WEAK_PASSPHRASE: {
    ja: 'パスフレーズが短すぎます。12文字以上にしてください（例: 単語を4つ、空白でつなぐ）。',
    en: 'The passphrase is too short: use at least 12 characters (for example four words with spaces).',
  },
  STORE_CORRUPT: {
    ja:
      'データベースのファイルが壊れています。このファイルには書き込みません。新しいデータベースを作り（init）、' +
      '最後に書き出したイベントファイルと、ほかの端末のイベントファイルを取り込んで（merge）ください。' +
      '壊れたファイルは消さずに保管してください。',
    en:
      'The store file is damaged and is no longer written to. Create a new store (init) and merge the ' +
      "last event file exported from this terminal and the other terminals' event files into it " +
      '(merge). Keep the damaged file; do not delete it.',
  },
  STORE_EXISTS: { ja: 'データベースはすでにあります。', en: 'The store file already exists.' },
  WRONG_STORE: {
    ja: 'このデータベースは別の用途のものです。',
    en: 'This store belongs to another mode or group.',
  },
  SCHEMA_TOO_NEW: {
    ja: 'このデータベースは新しい版のプログラムで作られています。',
    en: 'This store was written by a newer version of the program.',
  },
  INVALID_ID: { ja: '識別子の形式が正しくありません。', en: 'The identifier is malformed.' },
  BAD_GROUP_SALT: {
    ja: 'グループの設定コードは16進数32文字です（最初の端末の設定時に表示されたものを入力してください）。',
    en: "The group set-up code is 32 hexadecimal characters (type the one the group's first terminal showed when it was set up).",
  },
  TAMPERED: {
    ja: '改ざんされているか、別の鍵で作られたデータです。取り込みません。',
    en: 'The data was altered or made with another key; it is refused.',
  },
  WRONG_GROUP: {
    ja: '別の選挙（グループ）のデータです。',
    en: 'The data belongs to another election or group.',
  },
  BAD_EVENT_FILE: {
    ja: 'イベントファイルの形式が正しくありません。',
    en: 'The event file is malformed.',
  },
  EVENT_GAP: {
    ja: 'イベントの連番に抜けがあります。',
    en: 'The events skip sequence numbers of a terminal.',
  },
  CLOCK_SKEW: {
    ja: '端末の時計が大きくずれています（または古い要求の再送です）。両方の端末の時刻を確認してください。',
    en: "The terminals' clocks differ too much (or an old request was replayed). Check both terminals' time.",
  },
  PEER_UNREACHABLE: { ja: '他の端末に接続できません。', en: 'The peer terminal cannot be reached.' },
  PEER_REFUSED: { ja: '他の端末が要求を拒否しました。', en: 'The peer terminal refused the request.' },
  BAD_SYNC_SETTINGS: {
    ja: '端末間同期の設定（ポート・接続先）が正しくありません。',
    en: 'The LAN sync settings (port, peers) are not valid.',
  },
  SYNC_RUNNING: { ja: '端末間同期はすでに動いています。', en: 'LAN sync is already running.' },
};

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly messageJa: string;

  constructor(
    readonly code: StoreErrorCode,
    readonly detail?: string,
  ) {
    const m = MESSAGES[code];
    super(detail ? `${m.en} (${detail})` : m.en);
    this.messageJa = m.ja;
  }

  toJSON(): { code: StoreErrorCode; message: string; messageJa: string } {
    return { code: this.code, message: this.message, messageJa: this.messageJa };
  }
}

export function isStoreError(e: unknown, code?: StoreErrorCode): e is StoreError {
  return e instanceof StoreError && (code === undefined || e.code === code);
}

/** SQLite's own words for a damaged file (a page that fails its HMAC reads as SQLITE_CORRUPT). */
export function isSqliteCorruption(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** A damaged store, whether found at open (STORE_CORRUPT) or by a later read or write. */
export function isCorruptStore(e: unknown): boolean {
  return isStoreError(e, 'STORE_CORRUPT') || isSqliteCorruption(e);
}
