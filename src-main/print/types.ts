/**
 * The print backend contract. One implementation per print system (CUPS on Linux and macOS, the
 * Windows spooler); the kiosk, the CLI and the tests only see this interface.
 */

/** Paper sizes the municipal forms use. B5 means JIS B5 (182×257 mm), the Japanese office size. */
export const MEDIA = ['A4', 'A3', 'B5'] as const;
export type Media = (typeof MEDIA)[number];

export type PrinterState = 'idle' | 'printing' | 'stopped' | 'unknown';

/** What would stop a print to this printer right now, if anything. */
export type PrinterProblem = 'PRINTER_STOPPED' | 'PRINTER_NOT_ACCEPTING' | 'OUT_OF_PAPER';

export interface PrinterInfo {
  name: string;
  description?: string;
  location?: string;
  state: PrinterState;
  /** Whether the queue accepts new jobs; undefined when the print system does not say. */
  accepting: boolean | undefined;
  /** IPP printer-state-reasons keywords as reported ("paused", "media-empty-error", …); never "none". */
  reasons: string[];
  /** Free text from the print system (why it was paused or rejects jobs). */
  message?: string;
  isDefault: boolean;
  /** The job being printed now, when the print system reports it. */
  currentJob?: string;
  /** The most important reason a print would be refused now; undefined when it can print. */
  problem?: PrinterProblem;
}

export interface PrintOptions {
  printer: string;
  copies?: number;
  media?: Media;
  /** Shown in the queue (no personal data: it is visible to every user of the print server). */
  title?: string;
}

export interface SubmittedJob {
  /** Print-system job id, e.g. "PDF-42" for CUPS. */
  jobId: string;
  printer: string;
}

/** Where a job is, in the words the kiosk screen needs. */
export type JobPhase = 'queued' | 'printing' | 'completed' | 'failed' | 'cancelled';

export interface JobStatus {
  jobId: string;
  printer: string;
  phase: JobPhase;
  /** The print system's own state keyword (IPP: pending, pending-held, processing, processing-stopped, canceled, aborted, completed). */
  state: string;
  /** job-state-reasons keywords. */
  reasons: string[];
  message?: string;
  /** Sheets (impressions) done so far, when reported. */
  pagesCompleted?: number;
  copies?: number;
}

/** One event of a job's progress stream; `printerProblem` explains a job that is not moving. */
export interface JobProgress extends JobStatus {
  at: string;
  printerProblem?: PrinterProblem;
}

export interface WatchOptions {
  /** Poll interval; CUPS has no push channel that works without subscriptions (default 250 ms). */
  intervalMs?: number;
  /** Give up after this long (default 120 s). */
  timeoutMs?: number;
  /**
   * On timeout, cancel the job (default true). A form with a resident's data must not come out of
   * the printer minutes later when the next person is standing there.
   */
  cancelOnTimeout?: boolean;
  signal?: AbortSignal;
}

export interface PrinterBackend {
  readonly kind: 'cups' | 'windows';
  /** False when the backend can only hand a job to the spooler and cannot follow it (Windows). */
  readonly tracksJobs: boolean;
  listPrinters(): Promise<PrinterInfo[]>;
  /** Throws PRINTER_NOT_FOUND. */
  getPrinter(name: string): Promise<PrinterInfo>;
  defaultPrinter(): Promise<string | undefined>;
  /**
   * Prints a PDF silently. Refuses up front (PRINTER_NOT_FOUND, PRINTER_STOPPED, OUT_OF_PAPER,
   * PRINTER_NOT_ACCEPTING) instead of queueing a job that would wait in limbo.
   */
  print(pdf: Uint8Array | { path: string }, options: PrintOptions): Promise<SubmittedJob>;
  jobStatus(jobId: string): Promise<JobStatus>;
  /** Cancels and returns the job's state after it (completed if it was already too late). */
  cancel(jobId: string): Promise<JobStatus>;
  /** Progress events, ending with completed, failed or cancelled (or a PRINT_TIMEOUT throw). */
  watchJob(jobId: string, options?: WatchOptions): AsyncGenerator<JobProgress, JobProgress>;
  /** Resolves when completed; throws JOB_FAILED / JOB_CANCELLED / PRINT_TIMEOUT carrying the job id. */
  waitForJob(
    jobId: string,
    options?: WatchOptions & { onProgress?: (p: JobProgress) => void },
  ): Promise<JobProgress>;
}

/** The name the brief uses for the backend interface. */
export type Printer = PrinterBackend;
