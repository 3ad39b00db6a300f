/**
 * Fare subsidy (mode "fare"): a vehicle terminal (the passenger taps, green or red, the driver
 * enters the metered fare, the ride is recorded) and the city-hall clerk's screen (the card read
 * with 照合番号B or the PIN, eligibility explained, registration with consent, a lost card blocked).
 *
 * The tapped card's serial stays in the main process: `fare.ride` records the ride of the last
 * `fare.tap` (for two minutes), and `fare.register` the card of the last `fare.check`.
 */
import { z } from 'zod';
import { ack, call, empty } from './call.ts';
import { cardReadInputSchema } from './card.ts';
import { isoDateSchema } from './common.ts';

export const FARE_REFUSALS = [
  'NOT_REGISTERED',
  'OTHER_PROGRAM',
  'BLOCKED',
  'NOT_YET_VALID',
  'EXPIRED',
  'DAILY_CAP',
  'YEARLY_CAP',
] as const;
export type FareRefusal = (typeof FARE_REFUSALS)[number];

const yen = z.number().int().nonnegative();

export const fareRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('age'), minAge: z.number().int() }),
  z.object({
    kind: z.literal('category'),
    id: z.string(),
    label: z.string(),
    minAge: z.number().int().optional(),
  }),
]);

export const fareDecisionSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** Rides left after this one (null: no cap). */
    leftToday: z.number().int().nullable(),
    leftThisYear: z.number().int().nullable(),
    /** The same card rode this vehicle less than a minute ago: ask the driver. */
    repeatOf: z.object({ at: z.number() }).optional(),
  }),
  z.object({ ok: z.literal(false), reason: z.enum(FARE_REFUSALS), detail: z.string().optional() }),
]);
export type FareDecision = z.infer<typeof fareDecisionSchema>;

export const fareStatusSchema = z.object({
  mode: z.literal('fare'),
  ready: z.boolean(),
  storeFound: z.boolean().default(false),
  terminalId: z.string().default(''),
  role: z.enum(['office', 'vehicle']).optional(),
  programName: z.string().optional(),
  vehicle: z.string().optional(),
  operatorName: z.string().optional(),
  /** The signed registry this vehicle holds (when issued, how many cards, how old in days). */
  registry: z.object({ issuedAt: z.number(), cards: z.number().int(), ageDays: z.number().int() }).optional(),
  /** Categories a clerk can register (id, label as in the programme). */
  categories: z.array(z.object({ id: z.string(), label: z.string() })).default([]),
  /** This terminal's rides today (JST). */
  today: z.object({ rides: z.number().int(), subsidyYen: yen }).optional(),
});
export type FareStatus = z.infer<typeof fareStatusSchema>;

export const fareEligibilitySchema = z.discriminatedUnion('eligible', [
  z.object({ eligible: z.literal(true), rule: fareRuleSchema, since: isoDateSchema, validTo: isoDateSchema }),
  z.object({
    eligible: z.literal(false),
    reason: z.enum(['NOT_RESIDENT', 'TOO_YOUNG', 'NOT_IN_PERIOD', 'CERTIFICATE_EXPIRED']),
    from: isoDateSchema.optional(),
  }),
]);

export const fareCheckSchema = z.object({
  card: z.object({ name: z.string(), birthDateWareki: z.string(), address: z.string() }),
  eligibility: fareEligibilitySchema,
  /** Cards registered before for this holder (last four digits; a renewal keeps the history). */
  earlierCards: z.array(z.string()),
});
export type FareCheck = z.infer<typeof fareCheckSchema>;

const cardSerialSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Fa-f]{1,64}$/, 'a certificate serial (hex)');
const categoriesSchema = z.array(z.string().trim().min(1).max(32)).max(20).default([]);

export const FARE_CALLS = {
  'fare.status': call(
    "Fare terminal state: vehicle or city hall, the programme, the registry's age, today's rides. ready=false until fare.open.",
    empty,
    fareStatusSchema,
  ),
  'fare.open': call(
    "Opens this terminal's encrypted store with its passphrase. WRONG_PASSPHRASE, FARE_NOT_SET_UP.",
    z.object({ passphrase: z.string().min(1).max(256) }).strict(),
    fareStatusSchema,
  ),
  'fare.close': call('Closes the store (the terminal needs the passphrase again).', empty, ack),
  'fare.tap': call(
    'Vehicle: the card on the reader (3 APDUs, no secret) → green with the rides left, or red with the reason. Nothing is recorded yet.',
    empty,
    z.object({
      decision: fareDecisionSchema,
      card: z.string().describe('the last 4 hex digits of the serial'),
    }),
  ),
  'fare.quote': call(
    'Vehicle: the subsidy and what the passenger pays for a metered fare, for the card of the last tap.',
    z.object({ fareYen: yen.max(1_000_000) }).strict(),
    z.object({ fareYen: yen, subsidyYen: yen, payYen: yen }),
  ),
  'fare.ride': call(
    'Vehicle: records the ride of the last tap (within two minutes) with the metered fare; the decision is taken again. NO_TAP when there is none.',
    z
      .object({
        fareYen: yen.max(1_000_000),
        confirmRepeat: z.boolean().default(false),
        place: z.string().trim().max(100).optional(),
        receipt: z.boolean().default(false),
        printer: z.string().optional(),
      })
      .strict(),
    z.discriminatedUnion('recorded', [
      z.object({
        recorded: z.literal(true),
        ride: z.object({ rideId: z.string(), at: z.number(), fareYen: yen, subsidyYen: yen, payYen: yen }),
        leftToday: z.number().int().nullable(),
        leftThisYear: z.number().int().nullable(),
        receipt: z.object({ jobId: z.string(), printer: z.string() }).optional(),
      }),
      z.object({
        recorded: z.literal(false),
        reason: z.enum([...FARE_REFUSALS, 'REPEAT_NEEDS_CONFIRMATION']),
        detail: z.string().optional(),
      }),
    ]),
  ),
  'fare.cancel': call('Vehicle: forgets the last tap (the passenger did not ride).', empty, ack),
  'fare.check': call(
    'City hall: reads the card (照合番号B or PIN; never the 個人番号) and its tap serial, and decides eligibility with the categories, explained. Nothing is stored.',
    z.object({ card: cardReadInputSchema, categories: categoriesSchema }).strict(),
    fareCheckSchema,
  ),
  'fare.reassess': call(
    'City hall: eligibility of the card of the last fare.check again, with the categories the clerk ticked (no new card read). NO_TAP after five minutes.',
    z.object({ categories: categoriesSchema }).strict(),
    fareCheckSchema,
  ),
  'fare.register': call(
    'City hall: the holder consented — registers the card of the last fare.check (within five minutes) with these categories.',
    z.object({ consent: z.literal(true), categories: categoriesSchema }).strict(),
    z.object({
      card: z.string(),
      rule: fareRuleSchema,
      since: isoDateSchema,
      validFrom: isoDateSchema,
      validTo: isoDateSchema,
      earlierCards: z.array(z.string()),
      ridesThisYear: z.number().int(),
    }),
  ),
  'fare.findHolder': call(
    "City hall: a holder's cards by name and birth date (to block a lost one).",
    z
      .object({ name: z.string().trim().min(1).max(100), birthDate: z.string().trim().min(1).max(20) })
      .strict(),
    z.object({
      cards: z.array(
        z.object({ serial: z.string(), registeredAt: z.number(), blockedAt: z.number().optional() }),
      ),
    }),
  ),
  'fare.block': call(
    'City hall: blocks a card (lost, stolen, returned); vehicles refuse it once they have the new registry.',
    z.object({ serial: cardSerialSchema, reason: z.enum(['lost', 'stolen', 'returned', 'other']) }).strict(),
    z.object({ serial: z.string(), alreadyBlocked: z.boolean(), at: z.number() }),
  ),
} as const;
