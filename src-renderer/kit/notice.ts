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
