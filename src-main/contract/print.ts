/**
 * Printing: printers and jobs.
 */
import { z } from 'zod';
import { ack, call, empty, VISIT } from './call.ts';
import { apiErrorSchema } from './result.ts';

// ───────────────────────────── printing ─────────────────────────────

export const printerViewSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  state: z.enum(['idle', 'printing', 'stopped', 'unknown']),
  accepting: z.boolean().nullable(),
  isDefault: z.boolean(),
  /** Why a print would be refused now, if anything. */
  problem: z.enum(['PRINTER_STOPPED', 'PRINTER_NOT_ACCEPTING', 'OUT_OF_PAPER']).optional(),
});

export const jobPhaseSchema = z.enum(['queued', 'printing', 'completed', 'failed', 'cancelled']);

export const printJobStatusSchema = z.object({
  jobId: z.string(),
  printer: z.string(),
  phase: jobPhaseSchema,
  pagesCompleted: z.number().int().min(0).optional(),
  /** Pages in the job. */
  pageCount: z.number().int().min(0).optional(),
  printerProblem: z.enum(['PRINTER_STOPPED', 'PRINTER_NOT_ACCEPTING', 'OUT_OF_PAPER']).optional(),
  /** When the job failed: the error the screen should show. */
  error: apiErrorSchema.optional(),
});
export type PrintJobStatus = z.infer<typeof printJobStatusSchema>;

export const PRINT_CALLS = {
  'print.printers': call(
    'Printers and the configured one.',
    empty,
    z.object({ printers: z.array(printerViewSchema), configured: z.string().nullable() }),
  ),
  'print.submit': call(
    'Prints a render as one job; progress arrives as print.progress events. Refuses up front on OUT_OF_PAPER, PRINTER_STOPPED…',
    z
      .object({
        renderId: z.string(),
        printer: z.string().optional(),
        copies: z.number().int().min(1).max(5).default(1),
      })
      .strict(),
    z.object({ jobId: z.string(), printer: z.string() }),
    VISIT,
  ),
  'print.status': call('Where a job is now.', z.object({ jobId: z.string() }).strict(), printJobStatusSchema),
  'print.cancel': call('Cancels a job.', z.object({ jobId: z.string() }).strict(), ack),
} as const;
