import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPrinterBackend } from './index.ts';
import { WindowsBackend, type PdfToPrinterLib } from './windows.ts';

// The real package only runs on Windows; this checks our thin mapping against a fake of it.
function fakeLib(fail = false) {
  const printed: { file: string; bytes: Buffer; options: unknown; existedAfter?: boolean }[] = [];
  const lib: PdfToPrinterLib = {
    getPrinters: async () => [
      { deviceId: 'a', name: 'Counter Laser', paperSizes: ['A4', 'B5 (JIS)'] },
      { deviceId: 'b', name: 'Microsoft Print to PDF', paperSizes: ['A4'] },
    ],
    getDefaultPrinter: async () => ({ deviceId: 'a', name: 'Counter Laser', paperSizes: [] }),
    print: async (file, options) => {
      printed.push({ file, bytes: readFileSync(file), options });
      if (fail) throw new Error('SumatraPDF exited with 1');
    },
  };
  return { lib, printed };
}

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n%%EOF\n'));

describe('WindowsBackend', () => {
  it('lists printers with unknown state and the default', async () => {
    const b = new WindowsBackend(fakeLib().lib);
    expect(await b.listPrinters()).toEqual([
      { name: 'Counter Laser', state: 'unknown', accepting: undefined, reasons: [], isDefault: true },
      {
        name: 'Microsoft Print to PDF',
        state: 'unknown',
        accepting: undefined,
        reasons: [],
        isDefault: false,
      },
    ]);
    expect(await b.defaultPrinter()).toBe('Counter Laser');
    expect(b.tracksJobs).toBe(false);
  });

  it('prints silently with copies and the Windows paper kind, and removes its temp file', async () => {
    const { lib, printed } = fakeLib();
    const b = new WindowsBackend(lib);
    const job = await b.print(PDF, { printer: 'Counter Laser', copies: 2, media: 'B5' });
    expect(job.jobId).toMatch(/^win-/);
    expect(printed[0]?.bytes.equals(Buffer.from(PDF))).toBe(true);
    expect(printed[0]?.options).toEqual({
      printer: 'Counter Laser',
      copies: 2,
      silent: true,
      scale: 'noscale',
      paperKind: 13,
    });
    expect(existsSync(printed[0]!.file)).toBe(false);
    // "completed" means handed to the spooler; that is all Windows tells us here.
    expect(await b.waitForJob(job.jobId, { intervalMs: 1 })).toMatchObject({
      phase: 'completed',
      state: 'spooled',
    });
    await expect(b.cancel(job.jobId)).rejects.toMatchObject({ code: 'PRINT_UNSUPPORTED' });
  });

  it('maps errors: unknown printer, failing print', async () => {
    await expect(new WindowsBackend(fakeLib().lib).print(PDF, { printer: 'Nope' })).rejects.toMatchObject({
      code: 'PRINTER_NOT_FOUND',
    });
    const { lib, printed } = fakeLib(true);
    await expect(new WindowsBackend(lib).print(PDF, { printer: 'Counter Laser' })).rejects.toMatchObject({
      code: 'JOB_FAILED',
      message: expect.stringContaining('SumatraPDF exited'),
    });
    expect(existsSync(printed[0]!.file)).toBe(false);
  });

  it('is the backend chosen on win32; CUPS elsewhere', () => {
    expect(createPrinterBackend('win32').kind).toBe('windows');
    expect(createPrinterBackend('linux').kind).toBe('cups');
    expect(createPrinterBackend('darwin').kind).toBe('cups');
  });
});
