/**
 * Printing a session's rendered document: pick the printer (asked, configured, or the system
 * default), submit one job, follow it in the background and publish print.progress events until it
 * completes, fails or is cancelled. A job that never finishes is cancelled by the backend's watch
 * timeout, so a resident's form cannot come out minutes later for the next person.
 */
import type { PrintJobStatus } from '../contract/index.ts';
import type { EventBus } from '../contract/event-bus.ts';
import { fail, toApiError } from '../contract/errors.ts';
import type { JobProgress, Media, PrinterBackend, PrinterInfo } from '../print/types.ts';

export interface PrintServiceOptions {
  events: EventBus;
  backend: PrinterBackend;
  printer: () => { name?: string | undefined; media: Media };
  /** Poll interval and give-up time of the job watch. */
  watch?: { intervalMs?: number; timeoutMs?: number };
}

interface TrackedJob {
  status: PrintJobStatus;
  onDone?: ((s: PrintJobStatus) => void) | undefined;
}

function statusOf(p: JobProgress, pageCount: number | undefined): PrintJobStatus {
  return {
    jobId: p.jobId,
    printer: p.printer,
    phase: p.phase,
    ...(p.pagesCompleted !== undefined ? { pagesCompleted: p.pagesCompleted } : {}),
    ...(pageCount !== undefined ? { pageCount } : {}),
    ...(p.printerProblem ? { printerProblem: p.printerProblem } : {}),
  };
}

export class PrintService {
  readonly #opts: PrintServiceOptions;
  /**
   * The jobs this kiosk submitted, the last thousand (a busy counter prints a few hundred a day):
   * status and cancel answer only for these.
   */
  readonly #jobs = new Map<string, TrackedJob>();

  constructor(options: PrintServiceOptions) {
    this.#opts = options;
  }

  async printers(): Promise<{ printers: PrinterInfo[]; configured: string | null }> {
    const printers = await this.#opts.backend.listPrinters();
    return { printers, configured: this.#opts.printer().name ?? null };
  }

  /**
   * The configured printer, else the system default. A caller may name a printer only when it is
   * that one: the API never sends a resident's papers to a queue of the caller's choosing.
   */
  async #choosePrinter(requested?: string): Promise<string> {
    const name = this.#opts.printer().name ?? (await this.#opts.backend.defaultPrinter());
    if (requested !== undefined && requested !== name) {
      throw fail(
        'INVALID_INPUT',
        `Printing goes to the terminal's printer only (${name ?? 'none set'}); staff change it in the settings.`,
        '印刷は端末に設定したプリンターにだけ送ります（設定は職員画面で変更します）。',
        { field: 'printer' },
      );
    }
    if (!name) {
      throw fail(
        'NO_PRINTER',
        'No printer is configured and there is no default printer.',
        'プリンターが設定されていません。職員にお知らせください。',
      );
    }
    return name;
  }

  /**
   * Submits the PDF; `onDone` runs once with the final status (completed, failed or cancelled).
   * The PDF bytes are not kept here.
   */
  async submit(
    pdf: Uint8Array,
    options: {
      printer?: string | undefined;
      copies: number;
      pageCount: number;
      onDone?: (s: PrintJobStatus) => void;
    },
  ): Promise<{ jobId: string; printer: string }> {
    const printer = await this.#choosePrinter(options.printer);
    const job = await this.#opts.backend.print(pdf, {
      printer,
      copies: options.copies,
      media: this.#opts.printer().media,
      // Visible in the print queue: never personal data.
      title: `kakanai-${new Date().toISOString().slice(11, 19).replace(/:/g, '')}`,
    });
    const status: PrintJobStatus = {
      jobId: job.jobId,
      printer: job.printer,
      phase: 'queued',
      pageCount: options.pageCount,
    };
    this.#jobs.set(job.jobId, { status, onDone: options.onDone });
    if (this.#jobs.size > 1000) this.#jobs.delete(this.#jobs.keys().next().value!);
    this.#opts.events.publish({ type: 'print.progress', job: status });
    void this.#follow(job.jobId, options.pageCount);
    return { jobId: job.jobId, printer: job.printer };
  }

  async #follow(jobId: string, pageCount: number): Promise<void> {
    const tracked = this.#jobs.get(jobId)!;
    const backend = this.#opts.backend;
    let final: PrintJobStatus;
    try {
      if (!backend.tracksJobs) {
        // The Windows spooler accepted it; nothing more can be known.
        final = { ...tracked.status, phase: 'completed' };
      } else {
        const last = await backend.waitForJob(jobId, {
          ...this.#opts.watch,
          onProgress: (p) => {
            tracked.status = statusOf(p, pageCount);
            if (p.phase !== 'completed' && p.phase !== 'failed' && p.phase !== 'cancelled') {
              this.#opts.events.publish({ type: 'print.progress', job: tracked.status });
            }
          },
        });
        final = statusOf(last, pageCount);
      }
    } catch (e) {
      const error = toApiError(e);
      final = {
        ...tracked.status,
        phase: error.code === 'JOB_CANCELLED' ? 'cancelled' : 'failed',
        error,
      };
    }
    tracked.status = final;
    this.#opts.events.publish({ type: 'print.progress', job: final });
    try {
      tracked.onDone?.(final);
    } finally {
      tracked.onDone = undefined;
    }
  }

  /** Only jobs this kiosk submitted: another program's job ids are not the caller's business. */
  #own(jobId: string): TrackedJob {
    const tracked = this.#jobs.get(jobId);
    if (!tracked) {
      throw fail(
        'JOB_NOT_FOUND',
        'No such print job from this terminal.',
        'この端末の印刷ジョブではありません。',
      );
    }
    return tracked;
  }

  /** Kept current by the background follow of the job. */
  async status(jobId: string): Promise<PrintJobStatus> {
    return this.#own(jobId).status;
  }

  async cancel(jobId: string): Promise<void> {
    this.#own(jobId);
    await this.#opts.backend.cancel(jobId);
  }
}
