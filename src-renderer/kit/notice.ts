/**
 * A message for the person at the screen: a translation key (with values) or, for an error the
 * mode has no message of its own for, the service's text. Every mode's store keeps at most one.
 */
import type { ApiError } from '../../src-main/contract/index.ts';
import { errorKey, type ErrorKeys } from '../i18n/error-keys.ts';

export interface Notice {
  tone: 'error' | 'info' | 'ok';
  key: string;
  params?: Record<string, string | number>;
  error?: ApiError;
}

/** The notice for an error: the mode's own key first (see errorKey), tries left and field filled in. */
export function errorNotice(
  error: ApiError,
  ownKeys: ErrorKeys,
  params: Record<string, string | number> = {},
): Notice {
  return {
    tone: 'error',
    key: errorKey(error.code, ownKeys),
    error,
    params: { count: error.retriesLeft ?? '?', ...params, field: error.field ?? '' },
  };
}

/**
 * What a notice says: a sentence in the screen's language and, for staff only, the error code.
 * A resident never reads a code or the service's own text (English or Japanese, with field keys).
 */
export function noticeText(
  notice: Notice,
  t: (key: string, params: Record<string, string | number>) => string,
  who: { staff: boolean; japanese: boolean },
): { text: string; code?: string } {
  const serviceText =
    who.staff && notice.key === 'error.generic' && notice.error
      ? who.japanese
        ? notice.error.messageJa
        : notice.error.message
      : undefined;
  const text = serviceText ?? t(notice.key, notice.params ?? {});
  const code = who.staff && notice.tone === 'error' ? notice.error?.code : undefined;
  return code ? { text, code } : { text };
}
