/**
 * Turning failures into the contract's typed error values. Services throw CardError, PrintError,
 * ApiFailure (or anything else); the router catches and converts here, so the renderer only ever
 * sees `{ code, message, messageJa, retriesLeft?, field?, details? }`.
 */
import type { z } from 'zod';
import { CardError } from '../card/errors.ts';
import { PrintError } from '../print/errors.ts';
import { API_ERROR_CODES, type ApiError, type ApiErrorCode } from './index.ts';

/** An expected failure raised by a service with its contract code. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly messageJa: string,
    readonly extra: { field?: string; retriesLeft?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message);
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, messageJa: this.messageJa, ...this.extra };
  }
}

export function isApiErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && (API_ERROR_CODES as readonly string[]).includes(code);
}

/** The dotted path of a zod issue ("bno.securityCode", "answers.children"). */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'symbol' ? p.toString() : String(p))).join('.');
}

export function invalidInput(error: z.ZodError, what = 'input'): ApiError {
  const issue = error.issues[0];
  const field = issue ? issuePath(issue.path) : '';
  const reason = issue?.message ?? 'invalid';
  return {
    code: 'INVALID_INPUT',
    message: `Invalid ${what}${field ? ` at "${field}"` : ''}: ${reason}`,
    messageJa: `入力が正しくありません${field ? `（${field}）` : ''}。`,
    ...(field ? { field } : {}),
  };
}

/** Any thrown value → ApiError. Unknown errors become INTERNAL with no stack or personal text. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiFailure) return e.toApiError();
  if (e instanceof CardError) {
    const j = e.toJSON();
    return {
      ...j,
      ...(e.details.secret ? { details: { secret: e.details.secret } } : {}),
    };
  }
  if (e instanceof PrintError) {
    const { code, message, messageJa, ...rest } = e.toJSON() as {
      code: ApiErrorCode;
      message: string;
      messageJa: string;
    } & Record<string, unknown>;
    return { code, message, messageJa, ...(Object.keys(rest).length > 0 ? { details: rest } : {}) };
  }
  const err = e as { code?: unknown; message?: unknown; messageJa?: unknown; field?: unknown };
  if (err && isApiErrorCode(err.code) && typeof err.message === 'string') {
    return {
      code: err.code,
      message: err.message,
      messageJa:
        typeof err.messageJa === 'string' ? err.messageJa : '処理できませんでした。職員にお知らせください。',
      ...(typeof err.field === 'string' ? { field: err.field } : {}),
    };
  }
  return {
    code: 'INTERNAL',
    message: 'An internal error occurred. Please tell a member of staff.',
    messageJa: '内部エラーが発生しました。職員にお知らせください。',
    details: { kind: e instanceof Error ? e.name : typeof e },
  };
}

export function fail(
  code: ApiErrorCode,
  message: string,
  messageJa: string,
  extra: ApiFailure['extra'] = {},
): ApiFailure {
  return new ApiFailure(code, message, messageJa, extra);
}
