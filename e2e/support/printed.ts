/**
 * What came out of the printer: cups-pdf writes one PDF per job, named "<title>-job_<n>.pdf"
 * (start-cups.sh sets Label 2); pdftotext (poppler-utils) turns it into text we can check.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_STARTED_MS } from './env.ts';

/** The job number of a contract job id ("PDF-42" → "42"). */
export function jobNumber(jobId: string): string {
  return jobId.slice(jobId.lastIndexOf('-') + 1);
}

/**
 * Waits for the cups-pdf output of a job (cups-pdf writes it after the job completes). Files older
 * than this run are not this job's, whatever their number.
 */
export async function waitForPrintedPdf(outDir: string, jobId: string, timeoutMs = 30_000): Promise<string> {
  const n = jobNumber(jobId);
  const deadline = Date.now() + timeoutMs;
  const fresh = (f: string) => statSync(join(outDir, f)).mtimeMs >= RUN_STARTED_MS - 1000;
  for (;;) {
    const hits = existsSync(outDir)
      ? readdirSync(outDir).filter((f) => f.endsWith(`-job_${n}.pdf`) && fresh(f))
      : [];
    if (hits.length === 1) {
      const file = join(outDir, hits[0]!);
      // Written completely when its size stops changing.
      const size = statSync(file).size;
      await new Promise((r) => setTimeout(r, 200));
      if (size > 0 && statSync(file).size === size) return file;
    }
    if (hits.length > 1) throw new Error(`several cups-pdf outputs for job ${jobId}: ${hits.join(', ')}`);
    if (Date.now() > deadline)
      throw new Error(`no cups-pdf output for job ${jobId} in ${outDir} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The text of a PDF, page by page (form feed between pages). */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8');
}

export function pdfPageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file]).toString();
  const m = /^Pages:\s+(\d+)/m.exec(info);
  return m ? Number(m[1]) : 0;
}

/** Text without any whitespace (pdftotext spaces out comb cells and wide characters). */
export function squash(text: string): string {
  return text.replace(/[\s\u3000]+/g, '');
}
