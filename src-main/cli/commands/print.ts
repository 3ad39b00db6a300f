/**
 * `kakanai printers` and `kakanai print FILE`: the print system for staff, scripts and tests.
 * Print errors become CommandErrors that keep their code, Japanese message and job id, so a
 * script (or a clerk) always learns which job failed and how.
 */
import { CommandError, EXIT, UsageError, optNumber, requireString, type Command } from '../command.ts';
import { createPrinterBackend } from '../../print/index.ts';
import { PrintError } from '../../print/errors.ts';
import { MEDIA, type JobProgress, type Media, type PrinterInfo } from '../../print/types.ts';

function asCommandError(e: unknown): unknown {
  if (!(e instanceof PrintError)) return e;
  const { code: _code, message: _message, ...extra } = e.toJSON();
  return new CommandError(e.code, e.message, EXIT.FAILURE, extra);
}

function describePrinter(p: PrinterInfo): string {
  const flags = [p.state, p.accepting === false ? 'rejecting jobs' : p.accepting ? 'accepting' : ''].filter(
    Boolean,
  );
  const why = [p.problem, p.reasons.join(' '), p.message].filter(Boolean);
  return `${p.isDefault ? '*' : ' '} ${p.name.padEnd(24)} ${flags.join(', ')}${why.length ? `  — ${why.join('; ')}` : ''}`;
}

const printers: Command = {
  path: ['printers'],
  summary: 'list printers with their state (idle/printing/stopped, accepting, reasons)',
  usage: 'kakanai printers [--json]',
  options: {},
  async run() {
    try {
      const backend = createPrinterBackend();
      const list = await backend.listPrinters();
      const human = list.length ? list.map(describePrinter).join('\n') : 'no printers are set up';
      return { json: { backend: backend.kind, printers: list }, human };
    } catch (e) {
      throw asCommandError(e);
    }
  },
};

function progressLine(p: JobProgress): string {
  const pages = p.pagesCompleted !== undefined ? ` pages=${p.pagesCompleted}` : '';
  const problem = p.printerProblem ? ` (${p.printerProblem})` : '';
  return `${p.jobId}: ${p.phase} [${p.state}]${pages}${problem}`;
}

const print: Command = {
  path: ['print'],
  summary: 'print a PDF silently; --wait follows the job and fails if the job fails',
  usage:
    'kakanai print FILE --printer NAME [--copies N] [--media A4|A3|B5] [--wait] [--timeout SECONDS] [--json]\n' +
    '  B5 is JIS B5 (182×257 mm). A stopped, paper-less or rejecting printer is refused before printing.\n' +
    '  With --wait a job that does not finish within --timeout (default 120 s) is cancelled.',
  options: {
    printer: { type: 'string' },
    copies: { type: 'string' },
    media: { type: 'string' },
    wait: { type: 'boolean', default: false },
    timeout: { type: 'string' },
  },
  allowPositionals: true,
  async run(ctx) {
    if (ctx.positionals.length !== 1) throw new UsageError('give exactly one PDF file to print');
    const file = ctx.positionals[0]!;
    const printer = requireString(ctx, 'printer');
    const copies = optNumber(ctx, 'copies') ?? 1;
    if (!Number.isInteger(copies) || copies < 1 || copies > 99) throw new UsageError('--copies must be 1–99');
    const mediaArg = ctx.values.media;
    if (mediaArg !== undefined && (typeof mediaArg !== 'string' || !MEDIA.includes(mediaArg as Media))) {
      throw new UsageError(`--media must be one of ${MEDIA.join(', ')}`);
    }
    const timeoutSeconds = optNumber(ctx, 'timeout') ?? 120;

    try {
      const backend = createPrinterBackend();
      const job = await backend.print(
        { path: file },
        { printer, copies, ...(mediaArg ? { media: mediaArg as Media } : {}) },
      );
      if (ctx.values.wait !== true) {
        return { json: { job }, human: `submitted ${job.jobId} to ${job.printer}` };
      }
      const final = await backend.waitForJob(job.jobId, {
        timeoutMs: timeoutSeconds * 1000,
        onProgress: (p) => {
          if (!ctx.json) ctx.stderr.write(`${progressLine(p)}\n`);
        },
      });
      return { json: { job, status: final }, human: `${job.jobId}: printed on ${job.printer}` };
    } catch (e) {
      throw asCommandError(e);
    }
  },
};

export const printCommands: Command[] = [printers, print];
