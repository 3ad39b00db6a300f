/**
 * The stable codes of printing errors (see errors.ts). A module of its own with no imports, so the
 * browser-safe API contract can list them without pulling in the print backends.
 */
export const PRINT_ERROR_CODES = [
  'PRINTER_NOT_FOUND',
  'PRINTER_STOPPED',
  'PRINTER_NOT_ACCEPTING',
  'OUT_OF_PAPER',
  'JOB_FAILED',
  'JOB_CANCELLED',
  'JOB_NOT_FOUND',
  'PRINT_TIMEOUT',
  'CUPS_UNAVAILABLE',
  'PRINT_INVALID_INPUT',
  'PRINT_UNSUPPORTED',
] as const;

export type PrintErrorCode = (typeof PRINT_ERROR_CODES)[number];
