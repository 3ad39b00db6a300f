/**
 * Every error code a call can fail with, and the Result every call resolves to.
 */
import { z } from 'zod';
import { API_ERROR_CODES } from './error-codes.ts';

export { API_ERROR_CODES };

export const apiErrorCodeSchema = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorSchema = z.object({
  code: apiErrorCodeSchema,
  /** English message, fit to show. */
  message: z.string(),
  /** Japanese message, fit to show. */
  messageJa: z.string(),
  /** For WRONG_SECRET, LAST_TRY_NEEDS_CONFIRMATION, WRONG_OPERATOR_PIN. */
  retriesLeft: z.number().int().min(0).optional(),
  /** Dotted path of the offending input / file field / form binding, when one is at fault. */
  field: z.string().optional(),
  /** Non-personal diagnostics (job id, printer, engine code…). */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}
