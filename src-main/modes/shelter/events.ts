/**
 * Shelter event types and their payloads (validated with zod whenever they are read back: events
 * from another laptop are hostile input like any file).
 *
 *   shelter.opened      — a shelter this group knows: id, name, kind, capacity (each laptop's set-up)
 *   shelter.registered  — a person known to the shelter: from the resident list (a snapshot, so
 *                         the HQ can show them without the list) or registered by hand
 *   shelter.household   — a person linked to a household (members added by hand)
 *   shelter.moved       — arrived, out (外出), back (戻り), left (退所, with where to)
 *   shelter.needs       — the person's special needs, replacing the earlier set
 *   shelter.consent     — 安否情報 consent given or withdrawn
 *   shelter.card        — the card's tap serial linked to the person (with their consent)
 *
 * Every "latest wins" fact is decided by the HLC, never by arrival order (see schema.ts).
 */
import { z } from 'zod';

export const EVENT_OPENED = 'shelter.opened';
export const EVENT_REGISTERED = 'shelter.registered';
export const EVENT_HOUSEHOLD = 'shelter.household';
export const EVENT_MOVED = 'shelter.moved';
export const EVENT_NEEDS = 'shelter.needs';
export const EVENT_CONSENT = 'shelter.consent';
export const EVENT_CARD = 'shelter.card';

export const SHELTER_EVENTS = [
  EVENT_OPENED,
  EVENT_REGISTERED,
  EVENT_HOUSEHOLD,
  EVENT_MOVED,
  EVENT_NEEDS,
  EVENT_CONSENT,
  EVENT_CARD,
] as const;

/** 指定避難所 / 指定緊急避難場所 / 福祉避難所. */
export const SHELTER_KINDS = ['designated', 'emergency', 'welfare'] as const;
export type ShelterKind = (typeof SHELTER_KINDS)[number];

export const MOVES = ['arrived', 'out', 'back', 'left'] as const;
export type Move = (typeof MOVES)[number];

/** Special needs staff record per person (内閣府 避難者カード's items). */
export const NEEDS = [
  'chronic', // 持病
  'medication', // 服薬
  'allergy', // アレルギー
  'diet', // 食事制限
  'care', // 要介護
  'disability', // 障害
  'pregnant', // 妊産婦
  'infant', // 乳幼児
  'pet', // ペット
] as const;
export type Need = (typeof NEEDS)[number];

export const NEED_LABELS: Record<Need, string> = {
  chronic: '持病',
  medication: '服薬',
  allergy: 'アレルギー',
  diet: '食事制限',
  care: '要介護',
  disability: '障害',
  pregnant: '妊産婦',
  infant: '乳幼児',
  pet: 'ペット',
};

const id = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$/);
const text = (max: number) => z.string().max(max);
const at = z.number().int().nonnegative();

export const OpenedPayload = z.object({
  shelterId: id,
  name: text(200).min(1),
  kind: z.enum(SHELTER_KINDS),
  capacity: z.number().int().nonnegative(),
  at,
});
export type OpenedPayload = z.infer<typeof OpenedPayload>;

export const RegisteredPayload = z.object({
  personId: id,
  householdId: id,
  name: text(200).min(1),
  kana: text(200),
  /** ISO date. */
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sex: z.enum(['M', 'F']).optional(),
  address: text(300).optional(),
  relation: text(50).optional(),
  /** `list`: a snapshot of the resident list's row; `hand`: typed in by staff. */
  source: z.enum(['list', 'hand']),
  operator: text(128).optional(),
  at,
});
export type RegisteredPayload = z.infer<typeof RegisteredPayload>;

export const HouseholdPayload = z.object({
  personId: id,
  householdId: id,
  operator: text(128).optional(),
  at,
});
export type HouseholdPayload = z.infer<typeof HouseholdPayload>;

export const MovedPayload = z.object({
  personId: id,
  shelterId: id,
  move: z.enum(MOVES),
  /** Where a person who left went (退所先), as staff wrote it. */
  to: text(200).optional(),
  operator: text(128).optional(),
  at,
});
export type MovedPayload = z.infer<typeof MovedPayload>;

export const NeedsPayload = z.object({
  personId: id,
  needs: z.array(z.enum(NEEDS)).max(NEEDS.length),
  note: text(1000).optional(),
  operator: text(128).optional(),
  at,
});
export type NeedsPayload = z.infer<typeof NeedsPayload>;

export const ConsentPayload = z.object({
  personId: id,
  safety: z.enum(['yes', 'no']),
  operator: text(128).optional(),
  at,
});
export type ConsentPayload = z.infer<typeof ConsentPayload>;

export const CardPayload = z.object({
  personId: id,
  /** The auth certificate's serial (hex), read without a PIN: what a later tap finds. */
  serial: z.string().regex(/^[0-9A-Fa-f]{1,64}$/),
  operator: text(128).optional(),
  at,
});
export type CardPayload = z.infer<typeof CardPayload>;
