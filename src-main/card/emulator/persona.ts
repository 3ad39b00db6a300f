/**
 * A persona is one virtual card: who is on it, its secrets and counters, and its quirks.
 * Personas are JSON files in ./personas/<id>.json, validated with this schema.
 * Their secrets are test data for the virtual card only.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const retries = (max: number) => z.number().int().min(0).max(max);

export const personaSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  description: z.string(),
  /** 'mynumber' is a My Number Card; 'other' answers 6A82 to the JPKI SELECT (e.g. a transit card). */
  kind: z.enum(['mynumber', 'other']).default('mynumber'),
  /** JPKI token label in EF 0006. */
  token: z.string().default('JPKIAPICCTOKEN2'),
  /** ATR the virtual card answers with (hex). Identification never relies on it. */
  atr: z
    .string()
    .regex(/^([0-9A-Fa-f]{2})+$/)
    .optional(),
  /** Whether the card accepts extended-length READ BINARY (Kenhojo EF 0005 DF41). */
  extendedApdu: z.boolean().default(false),
  /**
   * false: a card issued without the signing certificate (children under 15, people who declined
   * it). Its JPKI AP has no signing certificate, key or password: reading EF 0001 answers 6A82,
   * the password's counter query 6A88.
   */
  signingCertificate: z.boolean().default(true),
  resident: z.object({
    /** 氏名 with family and given names separated by U+3000. */
    name: z.string(),
    /** 住所 as on the card (full-width digits and hyphens). */
    address: z.string(),
    birthDate: isoDate,
    /** Kenhojo sex code: '1' male, '2' female, '9' not applicable (others seen: '0', '3'). */
    sexCode: z.enum(['0', '1', '2', '3', '9']),
    /** 12 digits with a valid check digit. */
    myNumber: z.string().regex(/^\d{12}$/),
    /** Name as substituted into the signing certificate (JIS level 1/2 only); defaults to name. */
    certName: z.string().optional(),
    certAddress: z.string().optional(),
  }),
  card: z.object({
    /** The card's 有効期限 (its year is part of 照合番号B). */
    expiryDate: isoDate,
    /** 4-digit セキュリティコード printed on the front. */
    securityCode: z.string().regex(/^\d{4}$/),
    /**
     * How the card builds the YY of 照合番号B: 'wareki' (the established rule) or 'gregorian'
     * (the old 住基カード rule; unconfirmed for foreign residents, so a persona can exercise it).
     */
    codeBBirthYear: z.enum(['wareki', 'gregorian']).default('wareki'),
  }),
  secrets: z.object({
    kenhojoPin: z.string().regex(/^\d{4}$/),
    jpkiAuthPin: z.string().regex(/^\d{4}$/),
    /** 6–16 of A–Z 0–9. */
    jpkiSignPassword: z.string().regex(/^[A-Z0-9]{6,16}$/),
  }),
  /** Tries left when the card is powered on for the first time. */
  retries: z
    .object({
      kenhojoPin: retries(3).default(3),
      kenhojoB: retries(10).default(10),
      kenhojoA: retries(10).default(10),
      jpkiAuthPin: retries(3).default(3),
      jpkiSignPassword: retries(5).default(5),
    })
    .prefault({}),
  /** Transport quirks of some cards and readers, so the host's automatic handling is exercised. */
  quirks: z
    .object({
      /** Every response with data answers 61xx first; the data comes through GET RESPONSE. */
      chaining: z.boolean().default(false),
      /** READ BINARY asking for more than the bytes left answers 6Cxx (xx = bytes left). */
      wrongLe: z.boolean().default(false),
      /** The first APDU after each power-on answers 6F00 (seen on one card). */
      firstApduError: z.boolean().default(false),
      /**
       * A READ BINARY by short file id does not make that EF current: a later read by offset
       * answers 6986 until the EF is SELECTed (OpenSC and jpki/myna select the EF, then read by
       * offset; a host that relies on the SFI read selecting the file fails here).
       */
      strictCurrentEf: z.boolean().default(false),
    })
    .prefault({}),
  certificates: z
    .object({
      /** Validity of both JPKI certificates; an expired persona has notAfter in the past. */
      notBefore: isoDate,
      notAfter: isoDate,
    })
    .optional(),
});

export type Persona = z.infer<typeof personaSchema>;
