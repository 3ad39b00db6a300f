/**
 * The stable codes of card errors (see errors.ts). A module of its own with no imports, so the
 * browser-safe API contract can list them without pulling in the card stack.
 */
export const CARD_ERROR_CODES = [
  'NO_READER',
  'NO_CARD',
  'NOT_MYNUMBER_CARD',
  'NO_SIGNING_CERT',
  'WRONG_SECRET',
  'BLOCKED',
  'LAST_TRY_NEEDS_CONFIRMATION',
  'CARD_REMOVED',
  'CARD_IO',
  'BAD_RESPONSE',
  'SECURITY_STATUS',
  'INVALID_SECRET_FORMAT',
  'INVALID_MY_NUMBER',
  'CERT_INVALID',
  'SIGNATURE_INVALID',
  'TIMEOUT',
] as const;

export type CardErrorCode = (typeof CARD_ERROR_CODES)[number];
