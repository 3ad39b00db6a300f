/**
 * Typed printing errors. Each has a stable code the kiosk maps to a screen, plus plain Japanese and
 * English messages that a resident or a clerk can act on. A failure that concerns a submitted job
 * always carries its job id and last known state, so no job is ever lost silently.
 */

import { PRINT_ERROR_CODES, type PrintErrorCode } from './error-codes.ts';

export { PRINT_ERROR_CODES, type PrintErrorCode };

export interface PrintErrorDetails {
  printer?: string;
  jobId?: string;
  /** Last known job state keyword (IPP job-state: pending, processing, aborted, …). */
  jobState?: string;
  /** IPP printer-state-reasons or job-state-reasons keywords, for staff diagnostics. */
  reasons?: string[];
  /** English diagnostic text (a CUPS message, a tool's stderr); never shown to residents alone. */
  detail?: string;
}

const MESSAGES: Record<PrintErrorCode, (d: PrintErrorDetails) => { ja: string; en: string }> = {
  PRINTER_NOT_FOUND: (d) => ({
    ja: `プリンター「${d.printer ?? ''}」が見つかりません。職員にお知らせください。`,
    en: `The printer "${d.printer ?? ''}" was not found. Please tell a member of staff.`,
  }),
  PRINTER_STOPPED: () => ({
    ja: 'プリンターが停止しているため印刷できません。職員にお知らせください。',
    en: 'The printer is stopped, so nothing was printed. Please tell a member of staff.',
  }),
  PRINTER_NOT_ACCEPTING: () => ({
    ja: 'プリンターが印刷を受け付けていません。職員にお知らせください。',
    en: 'The printer is not accepting print jobs right now. Please tell a member of staff.',
  }),
  OUT_OF_PAPER: () => ({
    ja: 'プリンターの用紙がありません。職員にお知らせください。',
    en: 'The printer is out of paper. Please tell a member of staff.',
  }),
  JOB_FAILED: (d) => ({
    ja: `印刷に失敗しました（受付番号 ${d.jobId ?? '不明'}）。職員にお知らせください。`,
    en: `Printing failed (job ${d.jobId ?? 'unknown'}). Please tell a member of staff.`,
  }),
  JOB_CANCELLED: (d) => ({
    ja: `印刷が取り消されました（受付番号 ${d.jobId ?? '不明'}）。`,
    en: `The print job was cancelled (job ${d.jobId ?? 'unknown'}).`,
  }),
  JOB_NOT_FOUND: (d) => ({
    ja: `印刷の受付番号 ${d.jobId ?? ''} が見つかりません。`,
    en: `Print job ${d.jobId ?? ''} is not known to the print system.`,
  }),
  PRINT_TIMEOUT: (d) => ({
    ja: `印刷が時間内に終わりませんでした（受付番号 ${d.jobId ?? '不明'}）。職員にお知らせください。`,
    en: `Printing did not finish in time (job ${d.jobId ?? 'unknown'}). Please tell a member of staff.`,
  }),
  CUPS_UNAVAILABLE: () => ({
    ja: '印刷システムに接続できません。職員にお知らせください。',
    en: 'The printing system is not available. Please tell a member of staff.',
  }),
  PRINT_INVALID_INPUT: () => ({
    ja: '印刷するファイルが正しくありません。',
    en: 'The file to print is not valid.',
  }),
  PRINT_UNSUPPORTED: () => ({
    ja: 'この端末ではその印刷操作はできません。',
    en: 'This print operation is not supported on this terminal.',
  }),
};

export class PrintError extends Error {
  override readonly name = 'PrintError';
  readonly code: PrintErrorCode;
  readonly details: PrintErrorDetails;
  readonly messageJa: string;

  constructor(code: PrintErrorCode, details: PrintErrorDetails = {}) {
    const m = MESSAGES[code](details);
    super(details.detail ? `${m.en} (${details.detail})` : m.en);
    this.code = code;
    this.details = details;
    this.messageJa = m.ja;
  }

  get jobId(): string | undefined {
    return this.details.jobId;
  }

  toJSON(): Record<string, unknown> {
    const { printer, jobId, jobState, reasons } = this.details;
    return {
      code: this.code,
      message: this.message,
      messageJa: this.messageJa,
      ...(printer !== undefined ? { printer } : {}),
      ...(jobId !== undefined ? { jobId } : {}),
      ...(jobState !== undefined ? { jobState } : {}),
      ...(reasons && reasons.length > 0 ? { reasons } : {}),
    };
  }
}

export function isPrintError(e: unknown, code?: PrintErrorCode): e is PrintError {
  return e instanceof PrintError && (code === undefined || e.code === code);
}
