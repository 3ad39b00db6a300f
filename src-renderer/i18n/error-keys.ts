/**
 * Message keys for the errors a resident or a poll worker can meet, shared by the counter and the
 * election desk so one error reads the same everywhere. Codes not listed show the service's own
 * text (error.generic).
 */
import type { ApiError } from '../../src-main/contract/index.ts';
import { tk } from './keys.ts';

export type ErrorKeys = Partial<Record<ApiError['code'], string>>;

export const COMMON_ERROR_KEYS: ErrorKeys = {
  CARD_IO: tk('error.cardIo'),
  BAD_RESPONSE: tk('error.cardIo'),
  TIMEOUT: tk('error.cardIo'),
  CARD_BUSY: tk('error.cardBusy'),
  OUT_OF_PAPER: tk('error.outOfPaper'),
  PRINTER_STOPPED: tk('error.printerStopped'),
  PRINTER_NOT_ACCEPTING: tk('error.printerStopped'),
  PRINTER_NOT_FOUND: tk('error.noPrinter'),
  NO_PRINTER: tk('error.noPrinter'),
  CUPS_UNAVAILABLE: tk('error.noPrinter'),
  JOB_FAILED: tk('error.printFailed'),
  JOB_CANCELLED: tk('error.printFailed'),
  PRINT_TIMEOUT: tk('error.printFailed'),
  WRONG_OPERATOR_PIN: tk('error.wrongOperatorPin'),
  OPERATOR_LOCKED: tk('error.operatorLocked'),
  NO_VISIT: tk('error.visitEnded'),
  INTERNAL: tk('error.internal'),
};

/** The key for an error: the screen's own table first, then the common one, then the generic. */
export function errorKey(code: ApiError['code'], own: ErrorKeys = {}): string {
  return own[code] ?? COMMON_ERROR_KEYS[code] ?? tk('error.generic');
}
