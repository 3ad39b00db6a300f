/**
 * Following a print job until it ends: progress events carry it, and a slow poll covers a dropped
 * event socket. What a failed job or a printer problem tells the person is decided here once.
 */
import type { KioskClient } from '../api/client.ts';
import type { PrintJobStatus } from '../../src-main/contract/index.ts';
import { errorKey, type ErrorKeys } from '../i18n/error-keys.ts';
import { tk } from '../i18n/keys.ts';
import { errorNotice, type Notice } from './notice.ts';

export interface PrintJobWatch {
  /** Polls the current job until it ends (events keep coming too). */
  start(): void;
  stop(): void;
  /** One poll now. */
  refresh(): Promise<void>;
  /** A print.progress event: applied when it is about the current job. */
  progress(job: PrintJobStatus): void;
}

export function isFinished(job: PrintJobStatus): boolean {
  return job.phase === 'completed' || job.phase === 'failed' || job.phase === 'cancelled';
}

/** What to tell the person about a job: why it failed, or a printer problem while it waits. */
export function printJobNotice(job: PrintJobStatus, ownKeys: ErrorKeys): Notice | null {
  const problemKey = job.printerProblem ? errorKey(job.printerProblem, ownKeys) : null;
  if (job.phase === 'failed' || job.phase === 'cancelled') {
    if (job.error) return errorNotice(job.error, ownKeys);
    return { tone: 'error', key: problemKey ?? tk('error.printFailed') };
  }
  if (problemKey) return { tone: 'error', key: problemKey };
  return null;
}

export function createPrintJobWatch(opts: {
  client: Pick<KioskClient, 'call'>;
  /** The job being followed (null: none). */
  current: () => PrintJobStatus | null;
  /** A newer state of the current job. */
  apply: (job: PrintJobStatus) => void;
  pollMs?: number;
  setInterval?: typeof globalThis.setInterval;
  clearInterval?: typeof globalThis.clearInterval;
}): PrintJobWatch {
  const setIntervalFn = opts.setInterval ?? globalThis.setInterval.bind(globalThis);
  const clearIntervalFn = opts.clearInterval ?? globalThis.clearInterval.bind(globalThis);
  let timer: ReturnType<typeof setInterval> | null = null;

  const stop = () => {
    if (timer) clearIntervalFn(timer);
    timer = null;
  };
  const apply = (job: PrintJobStatus) => {
    if (isFinished(job)) stop();
    opts.apply(job);
  };
  const watch: PrintJobWatch = {
    start() {
      stop();
      timer = setIntervalFn(() => void watch.refresh(), opts.pollMs ?? 2000);
    },
    stop,
    async refresh() {
      const job = opts.current();
      if (!job || isFinished(job)) return stop();
      const r = await opts.client.call('print.status', { jobId: job.jobId });
      // A newer job may have started while this answer travelled.
      if (r.ok && opts.current()?.jobId === job.jobId) apply(r.value);
    },
    progress(job) {
      if (opts.current()?.jobId === job.jobId) apply(job);
    },
  };
  return watch;
}
