/**
 * Windows backend, through the `pdf-to-printer` package (SumatraPDF in silent mode). Deliberately
 * thin, and honest about what it cannot do:
 * - it cannot be run on the Linux machines this project is tested on; only the option mapping is
 *   unit-tested with a fake of the package;
 * - Windows gives no printer state through this package: state is "unknown", so no up-front refusal
 *   for a paused queue or empty tray is possible here;
 * - a job is "completed" once SumatraPDF has handed it to the Windows spooler (tracksJobs = false);
 *   what the printer does afterwards is not visible, and jobs cannot be cancelled from here.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PrintError } from './errors.ts';
import { watchJob, waitForJob, type JobWatchDeps } from './job-watch.ts';
import type {
  JobProgress,
  JobStatus,
  Media,
  PrinterBackend,
  PrinterInfo,
  PrintOptions,
  SubmittedJob,
  WatchOptions,
} from './types.ts';

/** The subset of pdf-to-printer we use (its own types, restated so tests can pass a fake). */
export interface PdfToPrinterLib {
  getPrinters(): Promise<{ deviceId: string; name: string; paperSizes: string[] }[]>;
  getDefaultPrinter(): Promise<{ deviceId: string; name: string; paperSizes: string[] } | null>;
  print(
    pdf: string,
    options?: { printer?: string; copies?: number; paperKind?: number; silent?: boolean; scale?: 'noscale' },
  ): Promise<void>;
}

/** Windows DMPAPER_* numbers; 13 is B5 (JIS) 182×257 mm. */
export const WINDOWS_PAPER_KIND: Record<Media, number> = { A3: 8, A4: 9, B5: 13 };

export class WindowsBackend implements PrinterBackend {
  readonly kind = 'windows';
  readonly tracksJobs = false;
  readonly #lib: () => Promise<PdfToPrinterLib>;
  readonly #spooled = new Map<string, string>();

  constructor(lib?: PdfToPrinterLib) {
    this.#lib = lib
      ? () => Promise.resolve(lib)
      : async () => (await import('pdf-to-printer')) as unknown as PdfToPrinterLib;
  }

  async listPrinters(): Promise<PrinterInfo[]> {
    const lib = await this.#lib();
    const [printers, def] = await Promise.all([lib.getPrinters(), lib.getDefaultPrinter()]);
    return printers.map((p) => ({
      name: p.name,
      state: 'unknown' as const,
      accepting: undefined,
      reasons: [],
      isDefault: p.name === def?.name,
    }));
  }

  async getPrinter(name: string): Promise<PrinterInfo> {
    const found = (await this.listPrinters()).find((p) => p.name === name);
    if (!found) throw new PrintError('PRINTER_NOT_FOUND', { printer: name });
    return found;
  }

  async defaultPrinter(): Promise<string | undefined> {
    return (await (await this.#lib()).getDefaultPrinter())?.name;
  }

  async print(pdf: Uint8Array | { path: string }, options: PrintOptions): Promise<SubmittedJob> {
    const copies = options.copies ?? 1;
    if (!Number.isInteger(copies) || copies < 1 || copies > 99) {
      throw new PrintError('PRINT_INVALID_INPUT', { detail: 'copies must be 1–99' });
    }
    const printer = (await this.getPrinter(options.printer)).name;
    const lib = await this.#lib();
    // SumatraPDF needs a file: write bytes to a private temp dir and remove it right after.
    const dir = await mkdtemp(join(tmpdir(), 'kakanai-print-'));
    const file = join(dir, 'form.pdf');
    try {
      const bytes = pdf instanceof Uint8Array ? pdf : await readFile(pdf.path);
      await writeFile(file, bytes, { mode: 0o600 });
      await lib.print(file, {
        printer,
        copies,
        silent: true,
        scale: 'noscale',
        ...(options.media ? { paperKind: WINDOWS_PAPER_KIND[options.media] } : {}),
      });
    } catch (e) {
      if (e instanceof PrintError) throw e;
      throw new PrintError('JOB_FAILED', { printer, detail: (e as Error).message });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const jobId = `win-${randomUUID()}`;
    this.#spooled.set(jobId, printer);
    return { jobId, printer };
  }

  async jobStatus(jobId: string): Promise<JobStatus> {
    const printer = this.#spooled.get(jobId);
    if (!printer) throw new PrintError('JOB_NOT_FOUND', { jobId });
    return { jobId, printer, phase: 'completed', state: 'spooled', reasons: [] };
  }

  async cancel(jobId: string): Promise<JobStatus> {
    throw new PrintError('PRINT_UNSUPPORTED', { jobId, detail: 'cancel is not available on Windows' });
  }

  watchJob(jobId: string, options?: WatchOptions): AsyncGenerator<JobProgress, JobProgress> {
    return watchJob(this.#deps(), jobId, options);
  }

  waitForJob(
    jobId: string,
    options?: WatchOptions & { onProgress?: (p: JobProgress) => void },
  ): Promise<JobProgress> {
    return waitForJob(this.#deps(), jobId, options);
  }

  #deps(): JobWatchDeps {
    return {
      status: (id) => this.jobStatus(id),
      printerProblem: async () => undefined,
      cancel: (id) => this.cancel(id),
    };
  }
}
