/**
 * The My Number Card: readers, identification, the Kenhojo read with the PIN or 照合番号B, the demo card.
 */
import { z } from 'zod';
import { ack, call, empty, VISIT } from './call.ts';
import { isoDateSchema, personaSummarySchema } from './common.ts';

// ───────────────────────────── card ─────────────────────────────

export const readerSchema = z.object({ name: z.string(), cardPresent: z.boolean() });

/** Remaining tries (null = the card did not say, e.g. already verified in this power session). */
export const retriesSchema = z.object({
  /** 券面事項入力補助用暗証番号 (4 digits, 3 tries). */
  pin: z.number().int().min(0).nullable(),
  /** 照合番号B (10 tries). */
  bno: z.number().int().min(0).nullable(),
});
export type Retries = z.infer<typeof retriesSchema>;

export const cardStatusSchema = z.object({
  readers: z.array(readerSchema),
  /** no-reader · no-card · card-present · reading (a card operation is running). */
  state: z.enum(['no-reader', 'no-card', 'card-present', 'reading']),
  demo: z.boolean(),
});
export type CardStatus = z.infer<typeof cardStatusSchema>;

export const cardIdentitySchema = z.object({
  reader: z.string(),
  /** JPKI token label (JPKIAPICCTOKEN2 for a My Number Card). */
  tokenLabel: z.string(),
  retries: retriesSchema,
});
export type CardIdentity = z.infer<typeof cardIdentitySchema>;

/** A birth date as the resident reads it on the card: by era (昭和55年2月17日) or Gregorian. */
export const bnoBirthSchema = z.union([
  z
    .object({
      era: z.enum(['meiji', 'taisho', 'showa', 'heisei', 'reiwa']),
      /** 1 = 元年. */
      eraYear: z.number().int().min(1).max(99),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
    })
    .strict(),
  z.object({ date: isoDateSchema }).strict(),
]);

/** The three parts of 照合番号B; the main process builds the 14 digits (src-main/card/myna/bno.ts). */
export const bnoPartsSchema = z
  .object({
    birth: bnoBirthSchema,
    /** Gregorian year of the card's 有効期限. */
    expiryYear: z.number().int().min(2000).max(2099),
    /** セキュリティコード, 4 digits. */
    securityCode: z.string().regex(/^\d{4}$/, 'the security code has 4 digits'),
    /**
     * For a Gregorian birth date: `wareki` (default, the established rule) or `gregorian-yy` (the old
     * 住基カード rule). Offer the second only after the first was refused — each try costs one.
     */
    variant: z.enum(['wareki', 'gregorian-yy']).default('wareki'),
  })
  .strict();
export type BnoPartsInput = z.input<typeof bnoPartsSchema>;

export const cardReadInputSchema = z.discriminatedUnion('method', [
  z
    .object({
      method: z.literal('pin'),
      /** 4-digit 券面事項入力補助用暗証番号. */
      pin: z.string().regex(/^\d{4}$/, 'the PIN has 4 digits'),
      /** Must be true when one try is left, else the call fails with LAST_TRY_NEEDS_CONFIRMATION. */
      confirmLastTry: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      method: z.literal('bno'),
      bno: bnoPartsSchema,
      confirmLastTry: z.boolean().default(false),
    })
    .strict(),
]);
export type CardReadInput = z.input<typeof cardReadInputSchema>;

export const SEXES = ['male', 'female', 'other'] as const;

/** What the screens may show about the resident. The 個人番号 is never included. */
export const residentViewSchema = z.object({
  name: z.string(),
  address: z.string(),
  birthDate: isoDateSchema,
  /** 昭和55年2月17日 */
  birthDateWareki: z.string(),
  sex: z.enum(SEXES),
  /** True when the 個人番号 was read (held in the main process for printing only). */
  myNumberRead: z.boolean(),
  /** How the card was opened. */
  method: z.enum(['pin', 'bno']),
});
export type ResidentView = z.infer<typeof residentViewSchema>;

export const CARD_CALLS = {
  'card.status': call('Readers and whether a card is present (cheap; no card I/O).', empty, cardStatusSchema),
  'card.identify': call(
    'Connects to the card, checks it is a My Number Card and reads the remaining tries of the PIN and 照合番号B without spending one. NOT_MYNUMBER_CARD / NO_CARD / NO_READER otherwise.',
    empty,
    cardIdentitySchema,
  ),
  'card.retries': call(
    'Remaining tries again (before each attempt), without spending one.',
    empty,
    retriesSchema,
  ),
  'card.read': call(
    'Verifies the PIN or 照合番号B (built from its parts) and reads the 4 attributes (and the 個人番号 when the plan needs it, PIN only) into the session. WRONG_SECRET {retriesLeft}, LAST_TRY_NEEDS_CONFIRMATION, BLOCKED, CARD_REMOVED…',
    cardReadInputSchema,
    residentViewSchema,
    VISIT,
  ),
  'card.cancel': call('Aborts a running card operation (the call in flight fails with TIMEOUT).', empty, ack),

  'demo.start': call(
    'Switches to the virtual card (only when the demo is offerable or configured). The renderer must label the screen as a demo.',
    empty,
    z.object({ personas: z.array(personaSummarySchema) }),
  ),
  'demo.insertCard': call(
    'Places the virtual card of a persona on the virtual reader.',
    z.object({ persona: z.string().regex(/^[a-z0-9-]+$/) }).strict(),
    ack,
  ),
  'demo.removeCard': call('Takes the virtual card off the reader.', empty, ack),
} as const;
