/**
 * Election event types and their payloads (validated with zod whenever they are read back, since
 * remote events are hostile input like any file).
 *
 *   election.voted  — a ballot was handed over: who (roll number), where (station, this terminal),
 *                     when, 期日前 or 当日, the 期日前 reason, the operator
 *   election.undo   — a mistaken record is withdrawn: which vote event, why, by whom
 *   election.note   — free text attached to a voter or to the day (e.g. "paper roster used 9–10h")
 */
import { z } from 'zod';
import { electionReasonSchema } from '../../contract/election.ts';

export const EVENT_VOTED = 'election.voted';
export const EVENT_UNDO = 'election.undo';
export const EVENT_NOTE = 'election.note';

export const ELECTION_KINDS = ['kijitsumae', 'tojitsu'] as const;
export type ElectionKind = (typeof ELECTION_KINDS)[number];

const text = (max: number) => z.string().max(max);

export const VotedPayload = z.object({
  rollNumber: text(64).min(1),
  stationId: text(64).min(1),
  kind: z.enum(ELECTION_KINDS),
  reason: electionReasonSchema.optional(),
  operator: text(128).optional(),
  /** Wall-clock time at the recording terminal (ms); reports group by it (in JST). */
  at: z.number().int().nonnegative(),
  district: text(64).optional(),
});
export type VotedPayload = z.infer<typeof VotedPayload>;

export const UndoPayload = z.object({
  rollNumber: text(64).min(1),
  target: z.object({ terminalId: text(64), seq: z.number().int().positive() }),
  reason: text(1000).min(1),
  operator: text(128).min(1),
  at: z.number().int().nonnegative(),
  /** The terminal saw two or more active votes for this voter when it undid this one. */
  resolvesConflict: z.boolean().default(false),
});
export type UndoPayload = z.infer<typeof UndoPayload>;

export const NotePayload = z.object({
  rollNumber: text(64).optional(),
  text: text(2000).min(1),
  operator: text(128).optional(),
  at: z.number().int().nonnegative(),
});
export type NotePayload = z.infer<typeof NotePayload>;
