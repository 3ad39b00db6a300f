/**
 * Fare event types and their payloads (validated with zod whenever they are read back: a vehicle's
 * ride file is hostile input like any file).
 *
 *   fare.registered — a card registered at city hall: the holder (a keyed reference, not the
 *                     name), the card's tap serial, birth date, categories, the rule that makes
 *                     them eligible and until when. A renewed card (new serial) keeps the holder.
 *   fare.blocked    — a card blocked by a clerk (lost, stolen, returned)
 *   fare.ride       — a ride confirmed in a vehicle: time, vehicle, operator, fare, subsidy
 */
import { z } from 'zod';

export const EVENT_REGISTERED = 'fare.registered';
export const EVENT_BLOCKED = 'fare.blocked';
export const EVENT_RIDE = 'fare.ride';
export const FARE_EVENTS = [EVENT_REGISTERED, EVENT_BLOCKED, EVENT_RIDE] as const;

const id = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$/);
const serial = z.string().regex(/^[0-9A-F]{1,64}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const at = z.number().int().nonnegative();
const yen = z.number().int().nonnegative().max(10_000_000);

export const RuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('age'), minAge: z.number().int() }),
  z.object({
    kind: z.literal('category'),
    id,
    label: z.string().max(60),
    minAge: z.number().int().optional(),
  }),
]);

export const RegisteredPayload = z.object({
  holderId: id,
  serial,
  birthDate: isoDate,
  categories: z.array(id).max(20),
  rule: RuleSchema,
  /** Eligible from (the day the rule was met) to (the programme's end, or the certificate's). */
  validFrom: isoDate,
  validTo: isoDate,
  operator: z.string().max(128).optional(),
  at,
});
export type RegisteredPayload = z.infer<typeof RegisteredPayload>;

export const BLOCK_REASONS = ['lost', 'stolen', 'returned', 'other'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

export const BlockedPayload = z.object({
  serial,
  reason: z.enum(BLOCK_REASONS),
  operator: z.string().max(128).optional(),
  at,
});
export type BlockedPayload = z.infer<typeof BlockedPayload>;

export const RidePayload = z.object({
  holderId: id,
  serial,
  vehicle: id,
  operatorId: id,
  fareYen: yen,
  subsidyYen: yen,
  /** The driver confirmed a second tap of the same card within a minute. */
  repeatConfirmed: z.boolean().optional(),
  place: z.string().max(100).optional(),
  at,
});
export type RidePayload = z.infer<typeof RidePayload>;
