/**
 * Follows a print job by polling its status and turns it into a progress stream the kiosk can
 * forward to the screen: queued → printing → completed | failed | cancelled.
 *
 * Rules (a resident at a kiosk must be told, and a form must not appear later for someone else):
 * - a job that stopped by itself (IPP processing-stopped while its printer is fine — a filter or
 *   driver error) is failed now, and cancelled so it cannot come out of the printer later;
 * - a job waiting behind a stopped or paper-less printer keeps waiting, with `printerProblem` set
 *   on its events so the screen can say why, until the timeout;
 * - on timeout the job is cancelled (unless told otherwise) and PRINT_TIMEOUT carries its id.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PrintError } from './errors.ts';
import type { JobProgress, JobStatus, PrinterProblem, WatchOptions } from './types.ts';

export interface JobWatchDeps {
  status(jobId: string): Promise<JobStatus>;
  /** The printer's current problem, asked only while a job is not moving. */
  printerProblem(printer: string): Promise<PrinterProblem | undefined>;
  cancel(jobId: string): Promise<unknown>;
  now?: () => number;
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

function sameProgress(a: JobProgress | undefined, b: JobProgress): boolean {
  return (
    a !== undefined &&
    a.phase === b.phase &&
    a.state === b.state &&
    a.pagesCompleted === b.pagesCompleted &&
    a.printerProblem === b.printerProblem &&
    a.reasons.join(' ') === b.reasons.join(' ')
  );
}

export async function* watchJob(
  deps: JobWatchDeps,
  jobId: string,
  options: WatchOptions = {},
): AsyncGenerator<JobProgress, JobProgress> {
  const now = deps.now ?? Date.now;
  const interval = options.intervalMs ?? 250;
  const deadline = now() + (options.timeoutMs ?? 120_000);
  let last: JobProgress | undefined;

  for (;;) {
    options.signal?.throwIfAborted();
    const status = await deps.status(jobId);
    let progress: JobProgress = { ...status, at: new Date(now()).toISOString() };

    const stalled = status.state === 'processing-stopped' || status.phase === 'queued';
    if (stalled) {
      const problem = await deps.printerProblem(status.printer).catch(() => undefined);
      if (problem) progress.printerProblem = problem;
      else if (status.state === 'processing-stopped') {
        // Stopped on its own: a failure. Cancel so it never prints unattended later.
        await deps.cancel(jobId).catch(() => undefined);
        progress = { ...progress, phase: 'failed' };
      }
    }

    if (!sameProgress(last, progress)) yield progress;
    last = progress;
    if (TERMINAL.has(progress.phase)) return progress;

    if (now() >= deadline) {
      let cancelled = false;
      if (options.cancelOnTimeout ?? true) {
        cancelled = await deps.cancel(jobId).then(
          () => true,
          () => false,
        );
      }
      throw new PrintError('PRINT_TIMEOUT', {
        jobId,
        printer: status.printer,
        jobState: status.state,
        reasons: progress.printerProblem ? [...status.reasons, progress.printerProblem] : status.reasons,
        detail: cancelled ? 'the job was cancelled' : 'the job was left in the queue',
      });
    }
    await sleep(Math.min(interval, Math.max(0, deadline - now())), undefined, { signal: options.signal });
  }
}

/** Follows the job to its end; completed resolves, anything else throws with the job id and state. */
export async function waitForJob(
  deps: JobWatchDeps,
  jobId: string,
  options: WatchOptions & { onProgress?: (p: JobProgress) => void } = {},
): Promise<JobProgress> {
  const it = watchJob(deps, jobId, options);
  let final: JobProgress | undefined;
  for (;;) {
    const r = await it.next();
    if (r.done) {
      final = r.value;
      break;
    }
    options.onProgress?.(r.value);
  }
  const details = {
    jobId,
    printer: final.printer,
    jobState: final.state,
    reasons: final.reasons,
    ...(final.message ? { detail: final.message } : {}),
  };
  if (final.phase === 'failed') throw new PrintError('JOB_FAILED', details);
  if (final.phase === 'cancelled') throw new PrintError('JOB_CANCELLED', details);
  return final;
}
