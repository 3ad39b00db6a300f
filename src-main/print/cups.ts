/**
 * CUPS backend (Linux and macOS). Printers are listed with `lpstat`, jobs are submitted with `lp`
 * (the PDF goes in on stdin, so no copy of a resident's form is left in /tmp) and cancelled with
 * `cancel`; a job's state is read over IPP (Get-Job-Attributes), because lpstat cannot tell a
 * completed job from a cancelled or aborted one.
 *
 * Printing to a queue that is stopped, paused, out of paper or rejecting jobs is refused before
 * anything is submitted: CUPS would accept the job and hold it indefinitely, and the resident
 * would walk away without the paper and without being told.
 */
import { loginName } from '../util/login-name.ts';
import { readFile } from 'node:fs/promises';
import { log } from '../util/log.ts';
import { PrintError, type PrintErrorCode } from './errors.ts';
import {
  cupsEndpoint,
  encodeRequest,
  groupOf,
  ippRequest,
  IPP_OP,
  JOB_STATE_KEYWORDS,
  TAG,
  type IppEndpoint,
  type IppResponse,
} from './ipp.ts';
import { makeToolRunner, type ToolResult, type ToolRunner } from './cups-tools.ts';
import { watchJob, waitForJob, type JobWatchDeps } from './job-watch.ts';
import {
  classifyToolError,
  combinePrinterViews,
  parseAccepting,
  parseDefault,
  parsePrinterList,
  parseRequestId,
  printerProblem,
  splitJobId,
} from './lpstat-parse.ts';
import type {
  JobPhase,
  JobProgress,
  JobStatus,
  Media,
  PrinterBackend,
  PrinterInfo,
  PrinterProblem,
  PrintOptions,
  SubmittedJob,
  WatchOptions,
} from './types.ts';

/** `-o media=` values. B5 is JIS B5, the size of Japanese office forms (ISO B5 is smaller). */
export const CUPS_MEDIA: Record<Media, string> = {
  A4: 'A4',
  A3: 'A3',
  B5: 'jis_b5_182x257mm',
};

/** CUPS queue names: printable, no space, slash, hash or quote; we also refuse a leading "-". */
const PRINTER_NAME_RE = /^[^\s/#'"\\-][^\s/#'"\\]{0,126}$/;
const MAX_COPIES = 99;
const MAX_PDF_BYTES = 100 * 1024 * 1024;

const PHASE: Record<string, JobPhase> = {
  pending: 'queued',
  'pending-held': 'queued',
  processing: 'printing',
  'processing-stopped': 'printing',
  canceled: 'cancelled',
  aborted: 'failed',
  completed: 'completed',
};

export interface CupsBackendOptions {
  run?: ToolRunner;
  endpoint?: IppEndpoint;
}

function toolError(res: ToolResult, fallback: PrintErrorCode, printer?: string): PrintError {
  const text = (res.stderr || res.stdout).trim();
  const code = classifyToolError(text) ?? fallback;
  return new PrintError(code, { ...(printer ? { printer } : {}), detail: text || `exit status ${res.code}` });
}

function ippFailure(e: unknown): PrintError {
  if (e instanceof PrintError) return e;
  return new PrintError('CUPS_UNAVAILABLE', { detail: `IPP: ${(e as Error).message}` });
}

function first<T>(attrs: Map<string, unknown[]> | undefined, name: string): T | undefined {
  return attrs?.get(name)?.[0] as T | undefined;
}

export class CupsBackend implements PrinterBackend {
  readonly kind = 'cups';
  readonly tracksJobs = true;
  readonly #run: ToolRunner;
  readonly #endpoint: IppEndpoint;
  #requestId = 1;

  constructor(options: CupsBackendOptions = {}) {
    this.#run = options.run ?? makeToolRunner();
    this.#endpoint = options.endpoint ?? cupsEndpoint();
  }

  async listPrinters(): Promise<PrinterInfo[]> {
    return this.#query([]);
  }

  async getPrinter(name: string): Promise<PrinterInfo> {
    if (!PRINTER_NAME_RE.test(name)) throw new PrintError('PRINTER_NOT_FOUND', { printer: name });
    const [info] = await this.#query([name]);
    if (!info) throw new PrintError('PRINTER_NOT_FOUND', { printer: name });
    return info;
  }

  async defaultPrinter(): Promise<string | undefined> {
    // `lpstat -d` says "no system default destination" even when the scheduler is down; ask -r first.
    await this.#requireScheduler();
    const res = await this.#run('lpstat', ['-d']);
    if (res.code !== 0) throw toolError(res, 'CUPS_UNAVAILABLE');
    const parsed = parseDefault(res.stdout);
    this.#rejectUnrecognized('lpstat -d', parsed.unrecognized, parsed.items === undefined);
    return parsed.items;
  }

  async print(pdf: Uint8Array | { path: string }, options: PrintOptions): Promise<SubmittedJob> {
    const bytes = await this.#loadPdf(pdf);
    const copies = options.copies ?? 1;
    if (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) {
      throw new PrintError('PRINT_INVALID_INPUT', { detail: `copies must be 1–${MAX_COPIES}` });
    }
    if (options.media !== undefined && !(options.media in CUPS_MEDIA)) {
      throw new PrintError('PRINT_INVALID_INPUT', { detail: `unknown media ${String(options.media)}` });
    }

    const info = await this.getPrinter(options.printer);
    if (info.problem) {
      throw new PrintError(info.problem, {
        printer: info.name,
        reasons: info.reasons,
        ...(info.message ? { detail: info.message } : {}),
      });
    }

    const args = ['-d', info.name, '-n', String(copies), '-t', sanitizeTitle(options.title ?? 'kakanai')];
    if (options.media) args.push('-o', `media=${CUPS_MEDIA[options.media]}`);
    // No file argument: lp reads the document from stdin.
    const res = await this.#run('lp', args, bytes);
    const jobId = res.code === 0 ? parseRequestId(res.stdout) : undefined;
    if (!jobId) throw toolError(res, 'JOB_FAILED', info.name);
    log.info('print.job', {
      event: 'submitted',
      jobId,
      printer: info.name,
      copies,
      media: options.media ?? null,
    });
    return { jobId, printer: info.name };
  }

  async jobStatus(jobId: string): Promise<JobStatus> {
    const id = splitJobId(jobId);
    if (!id) throw new PrintError('JOB_NOT_FOUND', { jobId });
    let res: IppResponse;
    try {
      res = await ippRequest(
        this.#endpoint,
        `/jobs/${id.number}`,
        encodeRequest(IPP_OP.GET_JOB_ATTRIBUTES, this.#requestId++, [
          { tag: TAG.URI, name: 'job-uri', values: [`ipp://localhost/jobs/${id.number}`] },
          { tag: TAG.NAME, name: 'requesting-user-name', values: [currentUser()] },
          {
            tag: TAG.KEYWORD,
            name: 'requested-attributes',
            values: [
              'job-state',
              'job-state-reasons',
              'job-state-message',
              'job-printer-state-message',
              'job-impressions-completed',
              'copies',
              'job-printer-uri',
            ],
          },
        ]),
      );
    } catch (e) {
      throw ippFailure(e);
    }
    const job = groupOf(res, TAG.JOB);
    if (res.statusCode >= 0x0100 || !job) {
      throw new PrintError(res.statusCode === 0x0406 ? 'JOB_NOT_FOUND' : 'CUPS_UNAVAILABLE', {
        jobId,
        detail: `IPP status 0x${res.statusCode.toString(16).padStart(4, '0')}`,
      });
    }
    // The id names its queue; a job of another queue with the same number is not this job.
    const uri = first<string>(job, 'job-printer-uri');
    const printer = uri ? decodeURIComponent(uri.replace(/^.*\/(printers|classes)\//, '')) : id.printer;
    if (printer !== id.printer)
      throw new PrintError('JOB_NOT_FOUND', { jobId, detail: `job is on ${printer}` });

    const stateNum = first<number>(job, 'job-state');
    const state = (stateNum !== undefined ? JOB_STATE_KEYWORDS[stateNum] : undefined) ?? 'unknown';
    const status: JobStatus = {
      jobId,
      printer,
      phase: PHASE[state] ?? 'queued',
      state,
      reasons: (job.get('job-state-reasons') ?? []).filter(
        (r): r is string => typeof r === 'string' && r !== 'none',
      ),
    };
    const message =
      first<string>(job, 'job-state-message') || first<string>(job, 'job-printer-state-message');
    if (typeof message === 'string' && message !== '') status.message = message;
    const pages = first<number>(job, 'job-impressions-completed');
    if (typeof pages === 'number') status.pagesCompleted = pages;
    const copies = first<number>(job, 'copies');
    if (typeof copies === 'number') status.copies = copies;
    return status;
  }

  async cancel(jobId: string): Promise<JobStatus> {
    if (!splitJobId(jobId)) throw new PrintError('JOB_NOT_FOUND', { jobId });
    const res = await this.#run('cancel', [jobId]);
    const text = `${res.stderr}${res.stdout}`;
    if (res.code !== 0 && !/already (completed|canceled|cancelled|aborted)/i.test(text)) {
      if (/does not exist/i.test(text)) throw new PrintError('JOB_NOT_FOUND', { jobId, detail: text.trim() });
      throw toolError(res, 'CUPS_UNAVAILABLE');
    }
    log.info('print.job', { event: 'cancel', jobId });
    // cancel returns before the scheduler has stopped the filters; wait briefly for the final state.
    const until = Date.now() + 5000;
    for (;;) {
      const s = await this.jobStatus(jobId);
      if (s.phase === 'cancelled' || s.phase === 'completed' || s.phase === 'failed' || Date.now() > until)
        return s;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  watchJob(jobId: string, options?: WatchOptions): AsyncGenerator<JobProgress, JobProgress> {
    return watchJob(this.#watchDeps(), jobId, options);
  }

  waitForJob(
    jobId: string,
    options?: WatchOptions & { onProgress?: (p: JobProgress) => void },
  ): Promise<JobProgress> {
    return waitForJob(this.#watchDeps(), jobId, options).then(
      (p) => {
        log.info('print.job', { event: 'completed', jobId, pages: p.pagesCompleted ?? null });
        return p;
      },
      (e: unknown) => {
        if (e instanceof PrintError) log.warn('print.job', { event: 'failed', ...e.toJSON() });
        throw e;
      },
    );
  }

  #watchDeps(): JobWatchDeps {
    return {
      status: (id) => this.jobStatus(id),
      printerProblem: (name) => this.#printerProblemIpp(name),
      cancel: (id) => this.cancel(id),
    };
  }

  /** The printer's problem from IPP (no process spawn per poll). */
  async #printerProblemIpp(name: string): Promise<PrinterProblem | undefined> {
    const res = await ippRequest(
      this.#endpoint,
      `/printers/${encodeURIComponent(name)}`,
      encodeRequest(IPP_OP.GET_PRINTER_ATTRIBUTES, this.#requestId++, [
        {
          tag: TAG.URI,
          name: 'printer-uri',
          values: [`ipp://localhost/printers/${encodeURIComponent(name)}`],
        },
        { tag: TAG.NAME, name: 'requesting-user-name', values: [currentUser()] },
        {
          tag: TAG.KEYWORD,
          name: 'requested-attributes',
          values: ['printer-state', 'printer-state-reasons', 'printer-is-accepting-jobs'],
        },
      ]),
    );
    const p = groupOf(res, TAG.PRINTER);
    if (!p) return undefined;
    const state = first<number>(p, 'printer-state');
    return printerProblem({
      state: state === 5 ? 'stopped' : state === 4 ? 'printing' : state === 3 ? 'idle' : 'unknown',
      // A job already in the queue is not affected by the queue refusing new ones.
      accepting: true,
      reasons: (p.get('printer-state-reasons') ?? []).filter((r): r is string => typeof r === 'string'),
    });
  }

  async #query(names: string[]): Promise<PrinterInfo[]> {
    const [p, a, d] = await Promise.all([
      this.#run('lpstat', ['-l', '-p', ...names]),
      this.#run('lpstat', ['-a', ...names]),
      this.#run('lpstat', ['-d']),
    ]);
    for (const res of [p, a]) {
      if (res.code === 0) continue;
      const text = res.stderr.trim();
      if (/no destinations added/i.test(text)) return [];
      const code = classifyToolError(text);
      if (code === 'PRINTER_NOT_FOUND') return [];
      throw toolError(res, 'CUPS_UNAVAILABLE');
    }
    const printers = parsePrinterList(p.stdout);
    const accepting = parseAccepting(a.stdout);
    const def = parseDefault(d.stdout);
    this.#rejectUnrecognized('lpstat -p', printers.unrecognized, printers.items.length === 0);
    this.#rejectUnrecognized('lpstat -a', accepting.unrecognized, accepting.items.size === 0);
    return combinePrinterViews(printers.items, accepting.items, def.items);
  }

  /** Output we could not read at all is an error, not "no printers" (a localized or changed lpstat). */
  #rejectUnrecognized(what: string, unrecognized: string[], nothingParsed: boolean): void {
    if (unrecognized.length > 0 && nothingParsed) {
      throw new PrintError('CUPS_UNAVAILABLE', { detail: `unrecognised ${what} output: ${unrecognized[0]}` });
    }
  }

  async #requireScheduler(): Promise<void> {
    const res = await this.#run('lpstat', ['-r']);
    if (!/scheduler is running/i.test(res.stdout)) {
      throw new PrintError('CUPS_UNAVAILABLE', { detail: (res.stdout + res.stderr).trim() });
    }
  }

  async #loadPdf(pdf: Uint8Array | { path: string }): Promise<Uint8Array> {
    let bytes: Uint8Array;
    if (pdf instanceof Uint8Array) bytes = pdf;
    else {
      try {
        bytes = await readFile(pdf.path);
      } catch (e) {
        throw new PrintError('PRINT_INVALID_INPUT', { detail: (e as Error).message });
      }
    }
    if (bytes.length > MAX_PDF_BYTES)
      throw new PrintError('PRINT_INVALID_INPUT', { detail: 'file too large' });
    if (Buffer.from(bytes.subarray(0, 1024)).indexOf('%PDF-') < 0) {
      throw new PrintError('PRINT_INVALID_INPUT', { detail: 'not a PDF file' });
    }
    return bytes;
  }
}

const currentUser = () => loginName('kakanai');

/** Job titles are visible to every user of the server: ASCII-safe, short, no control characters. */
function sanitizeTitle(title: string): string {
  const t = title.replace(/[\p{Cc}]/gu, ' ').trim();
  return (t === '' ? 'kakanai' : t).slice(0, 100);
}
