/**
 * Printing: pick the backend for this platform. CUPS on Linux and macOS, the Windows spooler
 * (through pdf-to-printer) on win32.
 */
import { CupsBackend } from './cups.ts';
import { WindowsBackend } from './windows.ts';
import type { PrinterBackend } from './types.ts';

export function createPrinterBackend(platform: NodeJS.Platform = process.platform): PrinterBackend {
  return platform === 'win32' ? new WindowsBackend() : new CupsBackend();
}

export { CupsBackend, CUPS_MEDIA } from './cups.ts';
export { WindowsBackend } from './windows.ts';
export { PrintError, isPrintError, PRINT_ERROR_CODES, type PrintErrorCode } from './errors.ts';
export * from './types.ts';
