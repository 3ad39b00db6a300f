/**
 * Real printing: CUPS + cups-pdf, started by scripts/ci/start-cups.sh. Every test here drives the
 * real scheduler; the shared queue PDF is only printed to, never stopped. Queues that are stopped,
 * hang or fail on purpose are this file's own (KAKANAI_TEST_*), created here and removed after.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CupsBackend } from './cups.ts';
import { cLocaleEnv } from './cups-tools.ts';
import { isPrintError } from './errors.ts';
import type { JobProgress } from './types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const STOPPED = 'KAKANAI_TEST_STOPPED';
const HANG = 'KAKANAI_TEST_HANG';
const FAIL = 'KAKANAI_TEST_FAIL';
const PPD = 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd';

let outDir = '';
let hangServer: Server | undefined;
const hangSockets: Socket[] = [];
const backend = new CupsBackend();

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { env: cLocaleEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function startCups(): string {
  try {
    const out = sh(join(ROOT, 'scripts/ci/start-cups.sh'), []);
    const m = /^CUPS_PDF_OUT=(.+)$/m.exec(out);
    if (!m?.[1]) throw new Error(`start-cups.sh printed no CUPS_PDF_OUT line:\n${out}`);
    return m[1];
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(
      'CUPS could not be started for the printing integration tests. Install it with\n' +
        '  apt-get install -y cups printer-driver-cups-pdf poppler-utils\n' +
        `and run scripts/ci/start-cups.sh as root. (${err.stderr ?? err.message})`,
      { cause: e },
    );
  }
}

async function makePdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of lines) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(text, { x: 60, y: 760, size: 20, font });
  }
  return doc.save();
}

/** cups-pdf names its output "<title>-job_<n>.pdf" (Label 2, see start-cups.sh). */
function outputOf(jobId: string, since: number): string {
  const n = jobId.slice(jobId.lastIndexOf('-') + 1);
  const hits = readdirSync(outDir)
    .filter((f) => f.endsWith(`-job_${n}.pdf`))
    .map((f) => join(outDir, f))
    .filter((f) => statSync(f).mtimeMs >= since - 2000);
  if (hits.length !== 1)
    throw new Error(`expected one cups-pdf output for ${jobId} in ${outDir}, found ${hits.length}`);
  return hits[0]!;
}

function removeQueue(name: string): void {
  try {
    sh('lpadmin', ['-x', name]);
  } catch {
    // not there
  }
}

beforeAll(async () => {
  outDir = startCups();
  for (const q of [STOPPED, HANG, FAIL]) removeQueue(q);

  sh('lpadmin', ['-p', STOPPED, '-v', 'cups-pdf:/', '-m', PPD, '-E']);
  sh('cupsdisable', ['-r', 'paper jam — staff notified', STOPPED]);

  // A "printer" that takes the data and never finishes, so a job stays in processing.
  hangServer = createServer((s) => {
    hangSockets.push(s);
    s.on('error', () => {});
    s.resume();
  });
  await new Promise<void>((r) => hangServer!.listen(0, '127.0.0.1', r));
  const port = (hangServer.address() as AddressInfo).port;
  sh('lpadmin', ['-p', HANG, '-v', `socket://127.0.0.1:${port}`, '-m', PPD, '-E']);

  sh('lpadmin', ['-p', FAIL, '-v', 'cups-pdf:/', '-m', PPD, '-E', '-o', 'printer-error-policy=abort-job']);
});

afterAll(async () => {
  for (const q of [STOPPED, HANG, FAIL]) {
    try {
      sh('cancel', ['-a', q]);
    } catch {
      // empty
    }
    removeQueue(q);
  }
  for (const s of hangSockets) s.destroy();
  await new Promise((r) => (hangServer ? hangServer.close(r) : r(undefined)));
});

describe('CUPS printers', () => {
  it('lists the PDF queue as ready and the stopped test queue with its reason', async () => {
    const list = await backend.listPrinters();
    const pdf = list.find((p) => p.name === 'PDF');
    expect(pdf).toMatchObject({ accepting: true, reasons: [] });
    expect(['idle', 'printing']).toContain(pdf?.state);
    expect(pdf?.problem).toBeUndefined();
    const stopped = list.find((p) => p.name === STOPPED);
    expect(stopped).toMatchObject({
      state: 'stopped',
      reasons: ['paused'],
      message: 'paper jam — staff notified',
      problem: 'PRINTER_STOPPED',
    });
    const def = await backend.defaultPrinter();
    expect(def === undefined || list.some((p) => p.name === def)).toBe(true);
  });
});

describe('printing a real PDF through cups-pdf', () => {
  it('prints, follows the job to completed and the output has the pages and text', async () => {
    const since = Date.now();
    const pdf = await makePdf(['Kakanai integration page one', 'Kakanai integration page two']);
    const job = await backend.print(pdf, { printer: 'PDF', media: 'A4', title: 'kakanai-it' });
    expect(job.jobId).toMatch(/^PDF-\d+$/);
    const events: JobProgress[] = [];
    const done = await backend.waitForJob(job.jobId, {
      timeoutMs: 30_000,
      onProgress: (p) => events.push(p),
    });
    expect(done).toMatchObject({ phase: 'completed', state: 'completed', jobId: job.jobId });
    expect(events.at(-1)?.phase).toBe('completed');
    expect(events.every((e) => ['queued', 'printing', 'completed'].includes(e.phase))).toBe(true);

    const file = outputOf(job.jobId, since);
    const info = sh('pdfinfo', [file]);
    expect(info).toMatch(/^Pages:\s+2$/m);
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)/);
    const text = sh('pdftotext', [file, '-']);
    expect(text).toContain('Kakanai integration page one');
    expect(text).toContain('Kakanai integration page two');
  });

  it('passes copies and media: the scheduler counts 3 × 2 impressions, A3 comes out A3', async () => {
    const since = Date.now();
    const job = await backend.print(await makePdf(['copy test 1', 'copy test 2']), {
      printer: 'PDF',
      copies: 3,
      media: 'A3',
    });
    const done = await backend.waitForJob(job.jobId, { timeoutMs: 30_000 });
    expect(done.copies).toBe(3);
    expect(done.pagesCompleted).toBe(6);
    // cups-pdf makes one PDF per job (ghostscript ignores the PostScript copy count), so the
    // copies are checked at the scheduler above and the paper size in the file here.
    const info = sh('pdfinfo', [outputOf(job.jobId, since)]);
    expect(info).toMatch(
      /Page size:\s+841(\.\d+)? x 1190(\.\d+)? pts \(A3\)|Page size:\s+842 x 1191 pts \(A3\)/,
    );
  });

  it('prints JIS B5 (182×257 mm = 516×729 pt, rounded by the driver)', async () => {
    const since = Date.now();
    const job = await backend.print(
      { path: await writeTemp(await makePdf(['b5'])) },
      { printer: 'PDF', media: 'B5' },
    );
    await backend.waitForJob(job.jobId, { timeoutMs: 30_000 });
    const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(sh('pdfinfo', [outputOf(job.jobId, since)]));
    expect(Math.abs(Number(m?.[1]) - 516)).toBeLessThan(4);
    expect(Math.abs(Number(m?.[2]) - 729)).toBeLessThan(4);
  });
});

async function writeTemp(bytes: Uint8Array): Promise<string> {
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'kakanai-print-it-'));
  const file = join(dir, 'b5.pdf');
  await writeFile(file, bytes);
  return file;
}

describe('refusals and failures', () => {
  it('refuses a stopped queue up front with PRINTER_STOPPED and queues nothing', async () => {
    const err = await backend.print(await makePdf(['x']), { printer: STOPPED }).catch((e: unknown) => e);
    expect(isPrintError(err, 'PRINTER_STOPPED')).toBe(true);
    expect(err).toMatchObject({ details: { printer: STOPPED, reasons: ['paused'] } });
    expect((err as Error).message).toContain('paper jam');
    expect(sh('lpstat', ['-o', STOPPED]).trim()).toBe('');
  });

  it('refuses a queue that rejects jobs with PRINTER_NOT_ACCEPTING', async () => {
    sh('cupsreject', ['-r', 'closing time', FAIL]);
    try {
      await expect(backend.print(await makePdf(['x']), { printer: FAIL })).rejects.toMatchObject({
        code: 'PRINTER_NOT_ACCEPTING',
      });
    } finally {
      sh('cupsaccept', [FAIL]);
    }
  });

  it('says PRINTER_NOT_FOUND for a printer that does not exist', async () => {
    await expect(
      backend.print(await makePdf(['x']), { printer: 'KAKANAI_NO_SUCH_PRINTER' }),
    ).rejects.toMatchObject({ code: 'PRINTER_NOT_FOUND', details: { printer: 'KAKANAI_NO_SUCH_PRINTER' } });
    await expect(backend.getPrinter('KAKANAI_NO_SUCH_PRINTER')).rejects.toMatchObject({
      code: 'PRINTER_NOT_FOUND',
    });
  });

  it('reports a job the driver cannot print as JOB_FAILED with its id, and leaves nothing queued', async () => {
    const broken = new Uint8Array(Buffer.from('%PDF-1.4\nthis is not really a PDF\n%%EOF\n'));
    const job = await backend.print(broken, { printer: FAIL });
    const err = await backend.waitForJob(job.jobId, { timeoutMs: 30_000 }).catch((e: unknown) => e);
    expect(isPrintError(err, 'JOB_FAILED')).toBe(true);
    expect(err).toMatchObject({ details: { jobId: job.jobId, printer: FAIL } });
    // Not left to print later: the job is finished one way or another.
    const after = await backend.jobStatus(job.jobId);
    expect(['failed', 'cancelled']).toContain(after.phase);
  });

  it('cancels a job that is printing; the stream ends with cancelled', async () => {
    const job = await backend.print(await makePdf(['never finishes']), { printer: HANG });
    const events: JobProgress[] = [];
    const stream = backend.watchJob(job.jobId, { intervalMs: 100, timeoutMs: 30_000 });
    let cancelled = false;
    for await (const p of stream) {
      events.push(p);
      if (p.phase === 'printing' && !cancelled) {
        cancelled = true;
        const s = await backend.cancel(job.jobId);
        expect(s.phase).toBe('cancelled');
      }
    }
    expect(events.map((e) => e.phase)).toContain('printing');
    expect(events.at(-1)).toMatchObject({ phase: 'cancelled', state: 'canceled', jobId: job.jobId });
    await expect(backend.waitForJob(job.jobId, { timeoutMs: 5000 })).rejects.toMatchObject({
      code: 'JOB_CANCELLED',
      details: { jobId: job.jobId },
    });
  });

  it('times out a job that does not finish, cancels it and says so with its id', async () => {
    const job = await backend.print(await makePdf(['stuck']), { printer: HANG });
    const err = await backend
      .waitForJob(job.jobId, { timeoutMs: 1500, intervalMs: 100 })
      .catch((e: unknown) => e);
    expect(isPrintError(err, 'PRINT_TIMEOUT')).toBe(true);
    expect(err).toMatchObject({ details: { jobId: job.jobId, detail: 'the job was cancelled' } });
    expect((await backend.jobStatus(job.jobId)).phase).toBe('cancelled');
  });
});
