/**
 * `kakanai printers` and `kakanai print` as a user runs them, against real CUPS + cups-pdf
 * (started by scripts/ci/start-cups.sh). Uses its own stopped/failing queues, never stops PDF.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.ts';
import { REPO_ROOT } from '../../../test/helpers/services.ts';
import { cLocaleEnv } from '../../print/cups-tools.ts';

const STOPPED = 'KAKANAI_TEST_CLI_STOPPED';
const FAIL = 'KAKANAI_TEST_CLI_FAIL';
const PPD = 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd';
let dir = '';
let goodPdf = '';
let brokenPdf = '';

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { env: cLocaleEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(async () => {
  try {
    sh(join(REPO_ROOT, 'scripts/ci/start-cups.sh'), []);
  } catch (e) {
    throw new Error(
      'CUPS is needed for this test: apt-get install -y cups printer-driver-cups-pdf, then run ' +
        `scripts/ci/start-cups.sh as root (${(e as { stderr?: string }).stderr ?? String(e)})`,
      { cause: e },
    );
  }
  for (const q of [STOPPED, FAIL]) {
    try {
      sh('lpadmin', ['-x', q]);
    } catch {
      // not there yet
    }
  }
  sh('lpadmin', ['-p', STOPPED, '-v', 'cups-pdf:/', '-m', PPD, '-E']);
  sh('cupsdisable', [STOPPED]);
  sh('lpadmin', ['-p', FAIL, '-v', 'cups-pdf:/', '-m', PPD, '-E', '-o', 'printer-error-policy=abort-job']);

  dir = mkdtempSync(join(tmpdir(), 'kakanai-cli-print-'));
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595.28, 841.89]).drawText('cli print test', { x: 50, y: 700, size: 18, font });
  goodPdf = join(dir, 'good.pdf');
  writeFileSync(goodPdf, await doc.save());
  brokenPdf = join(dir, 'broken.pdf');
  writeFileSync(brokenPdf, '%PDF-1.4\nnot a real pdf\n%%EOF\n');
});

afterAll(() => {
  for (const q of [STOPPED, FAIL]) {
    try {
      sh('cancel', ['-a', q]);
      sh('lpadmin', ['-x', q]);
    } catch {
      // already gone
    }
  }
});

describe('kakanai printers', () => {
  it('lists queues with state as JSON', async () => {
    const r = await runCli(['printers', '--json']);
    expect(r.code).toBe(0);
    const list = (r.json as { printers: { name: string; state: string; problem?: string }[] }).printers;
    expect(list.find((p) => p.name === 'PDF')?.problem).toBeUndefined();
    expect(list.find((p) => p.name === STOPPED)).toMatchObject({
      state: 'stopped',
      problem: 'PRINTER_STOPPED',
    });
  });
});

describe('kakanai print', () => {
  it('prints and waits: exit 0 with the completed status', async () => {
    const r = await runCli([
      'print',
      goodPdf,
      '--printer',
      'PDF',
      '--copies',
      '2',
      '--media',
      'A4',
      '--wait',
      '--json',
    ]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.json).toMatchObject({
      job: { printer: 'PDF' },
      status: { phase: 'completed', copies: 2, pagesCompleted: 2 },
    });
  });

  it('shows progress lines on stderr without --json', async () => {
    const r = await runCli(['print', goodPdf, '--printer', 'PDF', '--wait']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/PDF-\d+: completed \[completed\]/);
    expect(r.stdout).toMatch(/printed on PDF/);
  });

  it('refuses a stopped queue: exit 1, PRINTER_STOPPED with the Japanese message', async () => {
    const r = await runCli(['print', goodPdf, '--printer', STOPPED, '--json']);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({
      error: { code: 'PRINTER_STOPPED', printer: STOPPED, messageJa: expect.stringContaining('停止') },
    });
  });

  it('exits non-zero with the job id when the job fails under --wait', async () => {
    const r = await runCli(['print', brokenPdf, '--printer', FAIL, '--wait', '--json']);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({
      error: { code: 'JOB_FAILED', jobId: expect.stringMatching(/^KAKANAI_TEST_CLI_FAIL-\d+$/) },
    });
  });

  it('rejects bad usage with exit 2 before touching the printer', async () => {
    expect((await runCli(['print', goodPdf, '--printer', 'PDF', '--media', 'Letter'])).code).toBe(2);
    expect((await runCli(['print', goodPdf])).code).toBe(2);
    expect((await runCli(['print', '--printer', 'PDF'])).code).toBe(2);
  });
});
