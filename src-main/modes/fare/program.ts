/**
 * A fare-subsidy programme as data (高齢者タクシー補助 / バス割引): who is eligible (residency,
 * age thresholds with the legal birthday rule, categories a clerk registers), what a ride is worth
 * (half the fare up to a cap, a fixed amount, free — per category if needed), the caps (per day,
 * per year; the year may start in April), validity, operators and vehicles. One validated JSON
 * file per programme: a broken one is refused with the path and the reason of every problem.
 */
import { z } from 'zod';
import { isValidIsoDate } from '../../util/wareki.ts';

const isoDate = z.string().refine(isValidIsoDate, 'expected a real date YYYY-MM-DD');
const id = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z_-]{0,31}$/, 'letters, digits, _ and - (up to 32)');
const yen = z.number().int().nonnegative();

/** What one ride is worth to the passenger. */
export const RideValueSchema = z.discriminatedUnion('kind', [
  /** A share of the metered fare (0.5 = half), up to a cap per ride. */
  z.object({ kind: z.literal('share'), share: z.number().gt(0).lte(1), capYen: yen.optional() }).strict(),
  /** A fixed amount off the fare (never more than the fare). */
  z.object({ kind: z.literal('fixed'), yen }).strict(),
  /** The whole fare. */
  z.object({ kind: z.literal('free') }).strict(),
]);
export type RideValue = z.infer<typeof RideValueSchema>;

const CapsSchema = z
  .object({
    perDay: z.number().int().positive().optional(),
    perYear: z.number().int().positive().optional(),
  })
  .strict();

export const ProgramSchema = z
  .object({
    id,
    name: z.string().min(1).max(100),
    municipality: z
      .object({
        /** 全国地方公共団体コード (6 digits with the check digit). */
        code: z.string().regex(/^\d{6}$/, 'six digits'),
        /** As it begins a resident's address on the card: "群馬県前橋市". */
        name: z.string().min(2).max(40),
      })
      .strict(),
    eligibility: z
      .object({
        /** Eligible from this age (legal rule: one reaches an age the day before the birthday). */
        minAge: z.number().int().min(0).max(120).optional(),
        /** Categories (registered by a clerk) and the age each needs; none means any age. */
        categories: z
          .array(
            z
              .object({
                id,
                label: z.string().min(1).max(60),
                minAge: z.number().int().min(0).max(120).optional(),
                value: RideValueSchema.optional(),
                caps: CapsSchema.optional(),
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .refine(
        (e) => e.minAge !== undefined || e.categories.length > 0,
        'give minAge or at least one category',
      ),
    value: RideValueSchema,
    caps: CapsSchema.default({}),
    /** The month the programme year starts in (4 = 年度). */
    yearStartsMonth: z.number().int().min(1).max(12).default(4),
    valid: z.object({ from: isoDate, to: isoDate }).strict(),
    operators: z
      .array(z.object({ id, name: z.string().min(1).max(60), vehicles: z.array(id).default([]) }).strict())
      .default([]),
  })
  .strict()
  .refine((p) => p.valid.from <= p.valid.to, { message: 'valid.from is after valid.to', path: ['valid'] })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.eligibility.categories.forEach((c, i) => {
      if (seen.has(c.id))
        ctx.addIssue({
          code: 'custom',
          message: `category ${c.id} twice`,
          path: ['eligibility', 'categories', i, 'id'],
        });
      seen.add(c.id);
    });
  });
export type Program = z.infer<typeof ProgramSchema>;

export interface ProgramProblem {
  path: string;
  reason: string;
}

export class ProgramError extends Error {
  override readonly name = 'ProgramError';
  constructor(readonly problems: ProgramProblem[]) {
    super(
      `the programme is not valid: ${problems.map((p) => `${p.path || '(root)'}: ${p.reason}`).join('; ')}`,
    );
  }
}

/** Validates a programme (parsed JSON); every problem with its path, or the programme. */
export function parseProgram(raw: unknown): Program {
  const r = ProgramSchema.safeParse(raw);
  if (r.success) return r.data;
  throw new ProgramError(
    r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), reason: i.message })),
  );
}

/**
 * 前橋市 マイタク's rules as a documented example: residents of 前橋市 aged 75 or over, or 65 or over
 * who returned their driving licence, or with a disability certificate, or pregnant; half the
 * metered fare up to ¥1,000 a ride; 2 rides a day, 70 a year (April to March).
 */
export const EXAMPLE_PROGRAM = {
  id: 'maebashi-mytaku',
  name: '前橋市 マイタク（でまんど相乗りタクシー）',
  municipality: { code: '102016', name: '群馬県前橋市' },
  eligibility: {
    minAge: 75,
    categories: [
      { id: 'licence-returned', label: '運転免許証を自主返納した方', minAge: 65 },
      { id: 'disability', label: '身体障害者手帳・療育手帳・精神障害者保健福祉手帳をお持ちの方' },
      { id: 'pregnant', label: '妊婦の方' },
    ],
  },
  value: { kind: 'share', share: 0.5, capYen: 1000 },
  caps: { perDay: 2, perYear: 70 },
  yearStartsMonth: 4,
  valid: { from: '2026-04-01', to: '2027-03-31' },
  operators: [{ id: 'op-1', name: '前橋タクシー（例）', vehicles: ['car-101', 'car-102'] }],
} as const;
