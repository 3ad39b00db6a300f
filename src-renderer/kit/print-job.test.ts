import { describe, expect, it } from 'vitest';
import { FakeClient, ok } from '../api/fake-client.ts';
import type { PrintJobStatus } from '../../src-main/contract/index.ts';
import { createPrintJobWatch, printJobNotice } from './print-job.ts';

const JOB: PrintJobStatus = { jobId: 'j1', printer: 'kiosk', phase: 'queued', pageCount: 2 };

describe('print job watch', () => {
  it('polls until the job ends, and ignores answers about another job', async () => {
    let phase: PrintJobStatus['phase'] = 'printing';
    const client = new FakeClient({ 'print.status': () => ok({ ...JOB, phase }) });
    let current: PrintJobStatus | null = JOB;
    const applied: string[] = [];
    const timers: Array<() => void> = [];
    let cleared = 0;
    const watch = createPrintJobWatch({
      client,
      current: () => current,
      apply: (job) => {
        current = job;
        applied.push(job.phase);
      },
      setInterval: ((fn: () => void) => (timers.push(fn), timers.length)) as never,
      clearInterval: (() => cleared++) as never,
    });
    watch.start();
    await watch.refresh();
    phase = 'completed';
    await watch.refresh();
    expect(applied).toEqual(['printing', 'completed']);
    expect(cleared).toBeGreaterThan(0);
    await watch.refresh(); // finished: no further call
    expect(client.names()).toEqual(['print.status', 'print.status']);
    watch.progress({ ...JOB, jobId: 'other', phase: 'failed' });
    expect(applied).toEqual(['printing', 'completed']);
  });

  it('says why a job failed, and names a printer problem with the common message', () => {
    expect(printJobNotice({ ...JOB, phase: 'failed' }, {})?.key).toBe('error.printFailed');
    expect(printJobNotice({ ...JOB, phase: 'failed', printerProblem: 'OUT_OF_PAPER' }, {})?.key).toBe(
      'error.outOfPaper',
    );
    expect(printJobNotice({ ...JOB, phase: 'printing', printerProblem: 'PRINTER_STOPPED' }, {})?.key).toBe(
      'error.printerStopped',
    );
    expect(printJobNotice({ ...JOB, phase: 'printing' }, {})).toBeNull();
    const withError = printJobNotice(
      { ...JOB, phase: 'failed', error: { code: 'JOB_CANCELLED', message: 'x', messageJa: 'x' } },
      {},
    );
    expect(withError?.key).toBe('error.printFailed');
  });
});
