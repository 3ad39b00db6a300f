/** Typed hub errors: a stable code for the CLI's exit status, the screens and tests, ja/en text. */

export const HUB_ERROR_CODES = [
  /** The hub URL cannot be used (not postgres://, no host, a bad group id). */
  'HUB_BAD_URL',
  /** A hub outside loopback without TLS (verify-full is required there). */
  'HUB_TLS_REQUIRED',
  /** The database does not answer (down, network cut, slow). */
  'HUB_UNREACHABLE',
  /** The database refused the terminal's login or an action its role may not do. */
  'HUB_REFUSED',
  /** The database has no hub schema (run `kakanai hub init`), or a newer one. */
  'HUB_NOT_INITIALISED',
  'HUB_INIT_FAILED',
  /** This terminal has no hub configured. */
  'HUB_NOT_CONFIGURED',
] as const;
export type HubErrorCode = (typeof HUB_ERROR_CODES)[number];

const MESSAGES: Record<HubErrorCode, { ja: string; en: string }> = {
  HUB_BAD_URL: { ja: 'ハブの URL が正しくありません。', en: 'The hub URL cannot be used.' },
  HUB_TLS_REQUIRED: {
    ja: 'ループバック以外のハブには TLS（証明書の確認つき）が必要です。',
    en: 'A hub outside this machine needs TLS with a verified certificate (sslmode verify-full).',
  },
  HUB_UNREACHABLE: {
    ja: 'ハブにつながりません。この端末はそのまま使え、つながったら追いつきます。',
    en: 'The hub cannot be reached. This terminal keeps working and catches up when it is back.',
  },
  HUB_REFUSED: { ja: 'ハブが接続または操作を拒否しました。', en: 'The hub refused the login or the action.' },
  HUB_NOT_INITIALISED: {
    ja: 'このデータベースにはハブがありません（kakanai hub init を実行してください）。',
    en: 'This database has no hub schema (run kakanai hub init).',
  },
  HUB_INIT_FAILED: { ja: 'ハブを作れませんでした。', en: 'The hub could not be created.' },
  HUB_NOT_CONFIGURED: {
    ja: 'この端末にはハブが設定されていません。',
    en: 'No hub is configured on this terminal (kakanai <mode> hub --url …).',
  },
};

export class HubError extends Error {
  readonly code: HubErrorCode;
  readonly detail: string | undefined;
  readonly messageJa: string;

  constructor(code: HubErrorCode, detail?: string) {
    const m = MESSAGES[code];
    super(detail ? `${m.en} (${detail})` : m.en);
    this.name = 'HubError';
    this.code = code;
    this.detail = detail;
    this.messageJa = m.ja;
  }
}
