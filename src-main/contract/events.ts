/**
 * Events from the main process to the screens, and the bridge the Electron preload exposes.
 */
import { z } from 'zod';
import { wipeReasonSchema } from './common.ts';
import { printJobStatusSchema } from './print.ts';

export const kioskEventSchema = z.discriminatedUnion('type', [
  /** Reader plugged/unplugged, card placed/removed. */
  z.object({
    type: z.literal('card'),
    kind: z.enum(['reader-added', 'reader-removed', 'card-inserted', 'card-removed']),
    reader: z.string(),
  }),
  /** A running card.identify / card.read reached a stage ("do not remove the card"). */
  z.object({
    type: z.literal('card.progress'),
    stage: z.enum(['connecting', 'verifying', 'reading', 'done']),
  }),
  /** Print job progress, ending with completed / failed / cancelled. */
  z.object({ type: z.literal('print.progress'), job: printJobStatusSchema }),
  /** No activity: `secondsLeft` until the wipe (countdown; session.touch cancels it). */
  z.object({
    type: z.literal('session.idle-warning'),
    secondsLeft: z.number().int().min(0),
    /** Which countdown this tick belongs to (1, 2, …): a tick in flight when the resident said "still here" is recognised as stale. */
    countdown: z.number().int().min(1),
  }),
  /** The session was wiped: every screen returns to the start. */
  z.object({ type: z.literal('session.wiped'), reason: wipeReasonSchema, sessionId: z.string() }),
  /** Settings changed (mode, languages, counters…): call app.info again. */
  z.object({ type: z.literal('config.changed') }),
]);
export type KioskEvent = z.infer<typeof kioskEventSchema>;
export type KioskEventType = KioskEvent['type'];

// ───────────────────────────── the preload bridge ─────────────────────────────

/** The global the Electron preload exposes (window.kakanai). */
export interface KioskBridge {
  /** `visitKey`: the key `session.wipe` gave this screen for its visit (see CallOptions.visit). */
  call(name: string, input: unknown, visitKey?: string): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}
