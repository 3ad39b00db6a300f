import { describe, expect, it, vi } from 'vitest';
import { isPrintError } from './errors.ts';
import { waitForJob, watchJob, type JobWatchDeps } from './job-watch.ts';
import type { JobPhase, JobProgress, JobStatus, PrinterProblem } from './types.ts';

function status(state: string, phase: JobPhase, extra: Partial<JobStatus> = {}): JobStatus {
  return { jobId: 'PDF-1', printer: 'PDF', state, phase, reasons: [], ...extra };
}

/** Deps that replay a script of statuses (the last one repeats) on a fake clock. */
function scripted(script: JobStatus[], problem?: PrinterProblem) {
  let i = 0;
  let clock = 0;
  const deps: JobWatchDeps & { cancel: ReturnType<typeof vi.fn> } = {
    status: async () => {
      clock += 100;
      return script[Math.min(i++, script.length - 1)]!;
    },
    printerProblem: async () => problem,
    cancel: vi.fn(async () => undefined),
    now: () => clock,
  };
  return deps;
}

async function collect(it: AsyncGenerator<JobProgress, JobProgress>): Promise<JobProgress[]> {
  const out: JobProgress[] = [];
  for await (const p of it) out.push(p);
  return out;
}

describe('watchJob', () => {
  it('emits each change once: queued → printing → completed', async () => {
    const deps = scripted([
      status('pending', 'queued'),
      status('pending', 'queued'),
      status('processing', 'printing', { pagesCompleted: 0 }),
      status('processing', 'printing', { pagesCompleted: 1 }),
      status('completed', 'completed', { pagesCompleted: 2 }),
    ]);
    const events = await collect(watchJob(deps, 'PDF-1', { intervalMs: 1 }));
    expect(events.map((e) => `${e.phase}:${e.pagesCompleted ?? '-'}`)).toEqual([
      'queued:-',
      'printing:0',
      'printing:1',
      'completed:2',
    ]);
    expect(events.every((e) => typeof e.at === 'string')).toBe(true);
    expect(deps.cancel).not.toHaveBeenCalled();
  });

  it('ends with failed for an aborted job and with cancelled for a cancelled one', async () => {
    const aborted = await collect(
      watchJob(scripted([status('aborted', 'failed')]), 'PDF-1', { intervalMs: 1 }),
    );
    expect(aborted.map((e) => e.phase)).toEqual(['failed']);
    const cancelled = await collect(
      watchJob(scripted([status('processing', 'printing'), status('canceled', 'cancelled')]), 'PDF-1', {
        intervalMs: 1,
      }),
    );
    expect(cancelled.map((e) => e.phase)).toEqual(['printing', 'cancelled']);
  });

  it('fails a job that stopped by itself and cancels it so it cannot print later', async () => {
    const deps = scripted([
      status('processing-stopped', 'printing', {
        reasons: ['job-completed-with-errors'],
        message: 'filter failed',
      }),
    ]);
    const events = await collect(watchJob(deps, 'PDF-1', { intervalMs: 1 }));
    expect(events.at(-1)).toMatchObject({
      phase: 'failed',
      state: 'processing-stopped',
      message: 'filter failed',
    });
    expect(deps.cancel).toHaveBeenCalledWith('PDF-1');
  });

  it('keeps waiting behind an out-of-paper printer, saying why, then times out and cancels', async () => {
    const deps = scripted([status('pending', 'queued')], 'OUT_OF_PAPER');
    const seen: JobProgress[] = [];
    const err = await (async () => {
      try {
        for await (const p of watchJob(deps, 'PDF-1', { intervalMs: 1, timeoutMs: 1000 })) seen.push(p);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ phase: 'queued', printerProblem: 'OUT_OF_PAPER' });
    expect(isPrintError(err, 'PRINT_TIMEOUT')).toBe(true);
    expect(err).toMatchObject({
      details: { jobId: 'PDF-1', jobState: 'pending', detail: 'the job was cancelled' },
    });
    expect((err as { details: { reasons: string[] } }).details.reasons).toContain('OUT_OF_PAPER');
    expect(deps.cancel).toHaveBeenCalledTimes(1);
  });

  it('leaves the job queued on timeout when told to', async () => {
    const deps = scripted([status('pending', 'queued')]);
    await expect(
      collect(watchJob(deps, 'PDF-1', { intervalMs: 1, timeoutMs: 300, cancelOnTimeout: false })),
    ).rejects.toMatchObject({ code: 'PRINT_TIMEOUT', details: { detail: 'the job was left in the queue' } });
    expect(deps.cancel).not.toHaveBeenCalled();
  });

  it('stops when its signal is aborted', async () => {
    const ac = new AbortController();
    const deps = scripted([status('pending', 'queued')]);
    const it = watchJob(deps, 'PDF-1', { intervalMs: 10_000, signal: ac.signal });
    await it.next();
    const next = it.next();
    ac.abort();
    await expect(next).rejects.toThrow(/abort/i);
  });
});

describe('waitForJob', () => {
  it('resolves on completion and reports progress', async () => {
    const onProgress = vi.fn();
    const done = await waitForJob(
      scripted([status('processing', 'printing'), status('completed', 'completed')]),
      'PDF-1',
      { intervalMs: 1, onProgress },
    );
    expect(done.phase).toBe('completed');
    expect(onProgress).toHaveBeenCalledTimes(2);
  });

  it('throws JOB_FAILED / JOB_CANCELLED carrying the job id and the state', async () => {
    await expect(
      waitForJob(scripted([status('aborted', 'failed', { reasons: ['aborted-by-system'] })]), 'PDF-1', {
        intervalMs: 1,
      }),
    ).rejects.toMatchObject({
      code: 'JOB_FAILED',
      details: { jobId: 'PDF-1', jobState: 'aborted', reasons: ['aborted-by-system'] },
    });
    await expect(
      waitForJob(scripted([status('canceled', 'cancelled')]), 'PDF-1', { intervalMs: 1 }),
    ).rejects.toMatchObject({ code: 'JOB_CANCELLED', details: { jobId: 'PDF-1', jobState: 'canceled' } });
  });
});
