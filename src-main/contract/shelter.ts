/**
 * Shelter reception (mode "shelter"): the entrance of an offline shelter laptop — a card checks in
 * a household, 外出/戻り by tap, people without a card by hand, needs and consent, the dashboard,
 * 安否情報 answers, the staff roster behind the operator PIN, the 避難者カード.
 */
import { z } from 'zod';
import { ack, call, empty } from './call.ts';
import { cardReadInputSchema } from './card.ts';
import { isoDateSchema, terminalSyncSchema, tokenSchema } from './common.ts';

/** Special needs staff record per person (the 避難者カード's items). */
export const SHELTER_NEEDS = [
  'chronic',
  'medication',
  'allergy',
  'diet',
  'care',
  'disability',
  'pregnant',
  'infant',
  'pet',
] as const;
export const shelterNeedSchema = z.enum(SHELTER_NEEDS);
export type ShelterNeed = z.infer<typeof shelterNeedSchema>;

export const SHELTER_MOVES = ['arrive', 'out', 'back', 'leave'] as const;

const presence = z.enum(['here', 'out', 'left']);

export const shelterStaySchema = z.object({
  shelterId: z.string(),
  shelterName: z.string(),
  /** This laptop's shelter. */
  current: z.boolean(),
  state: presence,
  since: z.number(),
  firstArrived: z.number(),
  to: z.string().optional(),
});

/** A person as the entrance shows them. Never the 個人番号. */
export const shelterPersonSchema = z.object({
  personId: z.string(),
  householdId: z.string(),
  name: z.string(),
  kana: z.string(),
  birthDate: isoDateSchema,
  /** 昭和55年2月17日 */
  birthDateWareki: z.string(),
  age: z.number().int(),
  sex: z.enum(['M', 'F']).optional(),
  address: z.string(),
  relation: z.string(),
  source: z.enum(['list', 'hand']),
  /** At this shelter; 'none' = never came here. */
  state: z.enum(['here', 'out', 'left', 'none']),
  stays: z.array(shelterStaySchema),
  needs: z.array(shelterNeedSchema),
  note: z.string().optional(),
  consent: z.enum(['yes', 'no', 'not-asked']),
  cardLinked: z.boolean(),
});
export type ShelterPerson = z.infer<typeof shelterPersonSchema>;

export const shelterHouseholdSchema = z.object({
  householdId: z.string(),
  members: z.array(shelterPersonSchema),
});
export type ShelterHousehold = z.infer<typeof shelterHouseholdSchema>;

export const shelterFindSchema = z.discriminatedUnion('match', [
  z.object({
    match: z.literal('unique'),
    by: z.enum(['name-birth', 'name-birth-address']),
    person: shelterPersonSchema,
    household: shelterHouseholdSchema,
  }),
  /** Several people fit (same name and birth date): staff decide with the address. */
  z.object({ match: z.literal('ambiguous'), candidates: z.array(shelterPersonSchema) }),
  /** Not on the resident list: register by hand. */
  z.object({ match: z.literal('none') }),
]);
export type ShelterFind = z.infer<typeof shelterFindSchema>;

const counts = z.object({
  here: z.number().int(),
  out: z.number().int(),
  left: z.number().int(),
  households: z.number().int(),
});

export const shelterStatsSchema = z.object({
  generatedAt: z.string(),
  scope: z.enum(['shelter', 'all']),
  totals: counts.extend({ capacity: z.number().int(), capacityUsedPct: z.number().nullable() }),
  byShelter: z.array(
    counts.extend({
      shelterId: z.string(),
      name: z.string(),
      capacity: z.number().int(),
      capacityUsedPct: z.number().nullable(),
    }),
  ),
  byAgeBand: z.array(z.object({ band: z.string(), here: z.number().int(), out: z.number().int() })),
  byNeed: z.array(z.object({ need: shelterNeedSchema, label: z.string(), count: z.number().int() })),
});
export type ShelterStats = z.infer<typeof shelterStatsSchema>;

export const shelterStatusSchema = z.object({
  mode: z.literal('shelter'),
  /** The store is open (the passphrase was typed at this laptop). */
  ready: z.boolean(),
  /** This laptop has a store file (set up with `kakanai shelter init`). */
  storeFound: z.boolean().default(false),
  terminalId: z.string().default(''),
  shelter: z
    .object({
      shelterId: z.string(),
      name: z.string(),
      kind: z.enum(['designated', 'emergency', 'welfare']),
      capacity: z.number().int(),
    })
    .optional(),
  totals: counts.optional(),
  list: z.object({ residents: z.number().int(), households: z.number().int() }).optional(),
  /** People present at two shelters, possible duplicate registrations (after merges). */
  conflicts: z.number().int().default(0),
  /** LAN peers and the PostgreSQL hub with each laptop's lag (added in v1.8; the HQ's view). */
  sync: terminalSyncSchema.optional(),
});
export type ShelterStatus = z.infer<typeof shelterStatusSchema>;

const personIdSchema = z.string().trim().min(1).max(64);
const shortText = (max: number) => z.string().trim().max(max);

export const SHELTER_CALLS = {
  'shelter.status': call(
    'Shelter laptop state: the shelter, counts here/out/left, the resident list, conflicts. ready=false until shelter.open.',
    empty,
    shelterStatusSchema,
  ),
  'shelter.open': call(
    "Opens this laptop's encrypted store with the passphrase staff type at the start. WRONG_PASSPHRASE, SHELTER_NOT_SET_UP.",
    z.object({ passphrase: z.string().min(1).max(256) }).strict(),
    shelterStatusSchema,
  ),
  'shelter.close': call('Closes the store (the laptop needs the passphrase again).', empty, ack),
  'shelter.tap': call(
    'Tap-only: the card on the reader → the person it was linked to and their household (3 APDUs, no secret). CARD_NOT_LINKED for a card never linked here.',
    empty,
    z.object({ person: shelterPersonSchema, household: shelterHouseholdSchema }),
  ),
  'shelter.identifyCard': call(
    'Reads the card (照合番号B or PIN, as card.read; never the 個人番号) and finds the holder and the household on the resident list. Card errors as card.read.',
    cardReadInputSchema,
    z.object({
      found: shelterFindSchema,
      card: z.object({ name: z.string(), birthDateWareki: z.string(), address: z.string() }),
    }),
  ),
  'shelter.linkCard': call(
    "The person agreed: links the card on the reader (its auth certificate's serial, read without a secret) to them, so later visits are a tap.",
    z.object({ personId: personIdSchema }).strict(),
    shelterPersonSchema,
  ),
  'shelter.search': call(
    'Staff search by ふりがな prefix or full name, optionally with the birth date (和暦 or 西暦).',
    z
      .object({
        kana: shortText(40).min(1).optional(),
        name: shortText(60).min(1).optional(),
        birthDate: shortText(20).min(1).optional(),
      })
      .strict()
      .refine((v) => v.kana !== undefined || v.name !== undefined, { message: 'give kana or name' }),
    z.object({ people: z.array(shelterPersonSchema) }),
  ),
  'shelter.household': call(
    'A household with every member and where each is.',
    z.object({ householdId: personIdSchema }).strict(),
    shelterHouseholdSchema,
  ),
  'shelter.move': call(
    'Records arrivals, 外出, 戻り or 退所 (with where to) for the chosen people; people for whom it makes no sense are listed in skipped.',
    z
      .object({
        personIds: z.array(personIdSchema).min(1).max(50),
        move: z.enum(SHELTER_MOVES),
        to: shortText(200).optional(),
      })
      .strict(),
    z.object({
      moved: z.array(
        z.object({
          personId: z.string(),
          name: z.string(),
          move: z.enum(['arrived', 'out', 'back', 'left']),
        }),
      ),
      skipped: z.array(
        z.object({ personId: z.string(), name: z.string(), state: z.string(), reason: z.string() }),
      ),
    }),
  ),
  'shelter.register': call(
    'A person without a card, not on the list, or from another town, typed in by staff (and checked in with checkin).',
    z
      .object({
        name: shortText(100).min(1),
        kana: shortText(100),
        birthDate: shortText(20).min(1),
        sex: z.enum(['M', 'F']).optional(),
        address: shortText(300).optional(),
        relation: shortText(50).optional(),
        householdId: personIdSchema.optional(),
        checkin: z.boolean().default(true),
      })
      .strict(),
    z.object({ person: shelterPersonSchema, household: shelterHouseholdSchema }),
  ),
  'shelter.needs': call(
    "Replaces a person's special needs (an empty list clears them) and the note.",
    z
      .object({
        personId: personIdSchema,
        needs: z.array(shelterNeedSchema).max(20),
        note: shortText(1000).optional(),
      })
      .strict(),
    shelterPersonSchema,
  ),
  'shelter.consent': call(
    '安否情報 consent: may an inquiry learn that this person is here?',
    z.object({ personId: personIdSchema, safety: z.enum(['yes', 'no']) }).strict(),
    shelterPersonSchema,
  ),
  'shelter.stats': call(
    'The dashboard: here / out / left, households, capacity, by age band and by need (all: every shelter known here).',
    z.object({ all: z.boolean().default(false) }).strict(),
    shelterStatsSchema,
  ),
  'shelter.safety': call(
    '安否情報照会: name + birth date → here / out / left / not here; reveals a person only with their consent, and says the same for "no consent" and "not here".',
    z.object({ name: shortText(100).min(1), birthDate: shortText(20).min(1) }).strict(),
    z.discriminatedUnion('answer', [
      z.object({ answer: z.literal('here'), shelterName: z.string() }),
      z.object({ answer: z.literal('out'), shelterName: z.string() }),
      z.object({ answer: z.literal('left'), shelterName: z.string(), to: z.string().optional() }),
      z.object({ answer: z.literal('not-here') }),
    ]),
  ),
  'shelter.roster': call(
    'The roster of everyone who came (personal data): CSV or A4 PDF, base64; needs an operator token.',
    z
      .object({ token: tokenSchema, format: z.enum(['csv', 'pdf']), all: z.boolean().default(false) })
      .strict(),
    z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
  ),
  'shelter.evacueeCard': call(
    'Prints the 避難者カード pre-filled for a household (holder: given, else the 世帯主, else the oldest); print.progress events follow.',
    z
      .object({
        householdId: personIdSchema,
        holderId: personIdSchema.optional(),
        printer: z.string().optional(),
      })
      .strict(),
    z.object({ jobId: z.string(), printer: z.string(), pageCount: z.number().int() }),
  ),
} as const;
