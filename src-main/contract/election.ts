/**
 * The election desk (mode "election"): roll, identification, records, 期日前 宣誓書, figures, conflicts.
 */
import { z } from 'zod';
import { ack, call, empty } from './call.ts';
import { cardReadInputSchema } from './card.ts';
import { isoDateSchema, terminalSyncSchema, tokenSchema } from './common.ts';

// ───────────────────────────── election desk ─────────────────────────────

/**
 * 期日前投票の事由: the five categories of the 宣誓書 — the one list of them. A reason travels as
 * its code ("1"…"5") in calls, events and the CLI; `key` is the 宣誓書 form's `voteReason` choice
 * and `ja` the heading printed beside its box (forms/kijitsumae-senseisho/form.json; a test keeps
 * them equal).
 */
export const ELECTION_REASONS = [
  { code: '1', key: 'work', ja: '仕事・学業・地域行事・冠婚葬祭等に従事している' },
  { code: '2', key: 'travel', ja: '用事・旅行等で投票区の区域外に外出・旅行・滞在している' },
  { code: '3', key: 'outside', ja: '投票区のある市区町村の区域外に居住している' },
  { code: '4', key: 'illness', ja: '病気・負傷・妊娠・出産・高齢・身体の障害等のため歩行が困難' },
  { code: '5', key: 'disaster', ja: '天災・悪天候により投票所に行くことが困難' },
] as const;
export type ElectionReason = (typeof ELECTION_REASONS)[number];
export const ELECTION_REASON_CODES = [
  '1',
  '2',
  '3',
  '4',
  '5',
] as const satisfies readonly ElectionReason['code'][];
export const electionReasonSchema = z.enum(ELECTION_REASON_CODES);
export type ElectionReasonCode = z.infer<typeof electionReasonSchema>;

/** The reason with this code. */
export function electionReason(code: ElectionReasonCode): ElectionReason {
  return ELECTION_REASONS.find((r) => r.code === code)!;
}

/** Accepts a code ("1"…"5") or a key ("work"…, any width or case); undefined when unknown. */
export function parseElectionReason(input: string): ElectionReasonCode | undefined {
  const s = input.normalize('NFKC').trim().toLowerCase();
  return ELECTION_REASONS.find((r) => r.code === s || r.key === s)?.code;
}

export const electionStationSchema = z.object({
  stationId: z.string(),
  name: z.string(),
  /** 投票区 served on election day; empty = every district (期日前 stations). */
  districts: z.array(z.string()),
});
export type ElectionStation = z.infer<typeof electionStationSchema>;

/** One vote record: where (station, terminal), when, 期日前/当日. */
export const electionVoteSchema = z.object({
  terminalId: z.string(),
  seq: z.number().int().positive(),
  stationId: z.string(),
  stationName: z.string().optional(),
  kind: z.enum(['kijitsumae', 'tojitsu']),
  reason: electionReasonSchema.optional(),
  /** ms since the epoch, and the same in Japan time (ISO with +09:00). */
  at: z.number(),
  atJst: z.string(),
  undone: z.boolean(),
});
export type ElectionVote = z.infer<typeof electionVoteSchema>;

export const electionVoterStatusSchema = z.discriminatedUnion('code', [
  /** 受付可 */
  z.object({ code: z.literal('OK') }),
  /** 投票済み, with every active record (two or more = a conflict between terminals). */
  z.object({ code: z.literal('ALREADY_VOTED'), votes: z.array(electionVoteSchema), conflict: z.boolean() }),
  /** この投票区ではありません, with the station(s) serving the voter's district. */
  z.object({ code: z.literal('WRONG_STATION'), stations: z.array(electionStationSchema) }),
]);
export type ElectionVoterStatus = z.infer<typeof electionVoterStatusSchema>;

/** A voter as the desk shows them (from the roll). Never the 個人番号. */
export const electionVoterSchema = z.object({
  rollNumber: z.string(),
  /** 投票区 */
  district: z.string(),
  name: z.string(),
  kana: z.string(),
  birthDate: isoDateSchema,
  /** 昭和55年2月17日 */
  birthDateWareki: z.string(),
  sex: z.enum(['M', 'F']),
  address: z.string(),
  status: electionVoterStatusSchema,
});
export type ElectionVoter = z.infer<typeof electionVoterSchema>;

export const electionIdentifySchema = z.discriminatedUnion('match', [
  z.object({
    match: z.literal('unique'),
    by: z.enum(['roll-number', 'name-birth', 'name-birth-address']),
    voter: electionVoterSchema,
  }),
  /** Several voters fit (same name and birth date): shown side by side, the poll worker decides. */
  z.object({ match: z.literal('ambiguous'), candidates: z.array(electionVoterSchema) }),
  /** 名簿にありません */
  z.object({ match: z.literal('none') }),
]);
export type ElectionIdentify = z.infer<typeof electionIdentifySchema>;

export const electionCountSchema = z.object({
  male: z.number().int(),
  female: z.number().int(),
  unknown: z.number().int(),
  total: z.number().int(),
});

export const electionStatsSchema = z.object({
  election: z.object({ name: z.string(), date: z.string(), kind: z.string() }),
  generatedAt: z.string(),
  roll: electionCountSchema,
  totals: electionCountSchema,
  turnoutPct: z.number(),
  /** Hourly (JST) by sex, with running totals. */
  byHour: z.array(
    electionCountSchema.extend({ date: z.string(), hour: z.number().int(), cumulative: z.number().int() }),
  ),
  byStation: z.array(electionCountSchema.extend({ stationId: z.string(), name: z.string() })),
  byTerminal: z.array(electionCountSchema.extend({ terminalId: z.string(), stationId: z.string() })),
  openConflicts: z.number().int(),
});
export type ElectionStats = z.infer<typeof electionStatsSchema>;

export const electionConflictSchema = z.object({
  rollNumber: z.string(),
  status: z.enum(['open', 'resolved']),
  voter: electionVoterSchema.omit({ status: true }).optional(),
  /** Every record of the voter, undone ones included, oldest first. */
  votes: z.array(electionVoteSchema),
});
export type ElectionConflict = z.infer<typeof electionConflictSchema>;

export const electionStatusSchema = z.object({
  mode: z.literal('election'),
  /** The store is open (the passphrase was entered at this terminal). */
  ready: z.boolean(),
  /** The terminal has a store file (set up with `kakanai election init`). */
  storeFound: z.boolean(),
  terminalId: z.string(),
  election: z
    .object({ name: z.string(), date: z.string(), kind: z.enum(['kijitsumae', 'tojitsu']) })
    .optional(),
  station: electionStationSchema.optional(),
  roll: z.object({ total: z.number().int(), male: z.number().int(), female: z.number().int() }).optional(),
  /** Active vote records: in the whole store, by this terminal, and today (JST). */
  counts: z
    .object({ total: z.number().int(), thisTerminal: z.number().int(), today: z.number().int() })
    .optional(),
  sync: terminalSyncSchema,
  openConflicts: z.number().int(),
});
export type ElectionStatus = z.infer<typeof electionStatusSchema>;

export const rollNumberSchema = z.string().trim().min(1).max(32);
export const voteRefSchema = z
  .object({ terminalId: z.string().min(1).max(64), seq: z.number().int().positive() })
  .strict();

export const ELECTION_CALLS = {
  'election.status': call(
    'Election desk state: election, station, terminal, roll size, counts so far, LAN peers, open conflicts. ready=false until election.open.',
    empty,
    electionStatusSchema,
  ),
  'election.open': call(
    "Opens this terminal's encrypted store with the passphrase the operator types at the start (and starts LAN sync when configured). WRONG_PASSPHRASE, ELECTION_NOT_SET_UP.",
    z.object({ passphrase: z.string().min(1).max(256) }).strict(),
    electionStatusSchema,
  ),
  'election.close': call('Closes the store (the terminal needs the passphrase again).', empty, ack),
  'election.identifyCard': call(
    "Reads the card (照合番号B or PIN, as card.read; never the 個人番号) and matches name, birth date and address to the roll. Card errors as card.read. `card` is what the card says, for the worker's comparison.",
    cardReadInputSchema,
    z.object({
      identified: electionIdentifySchema,
      card: z.object({ name: z.string(), birthDateWareki: z.string(), address: z.string() }),
    }),
  ),
  'election.identifyRoll': call(
    'The 入場券 barcode (名簿番号, from a keyboard-wedge scanner or typed).',
    z.object({ rollNumber: rollNumberSchema }).strict(),
    electionIdentifySchema,
  ),
  'election.search': call(
    'Manual search by ふりがな prefix and/or birth date (和暦 or 西暦), or by full name.',
    z
      .object({
        kana: z.string().trim().min(1).max(40).optional(),
        birthDate: z.string().trim().min(1).max(20).optional(),
        name: z.string().trim().min(1).max(60).optional(),
      })
      .strict()
      .refine((v) => v.kana !== undefined || v.birthDate !== undefined || v.name !== undefined, {
        message: 'give kana, birthDate or name',
      }),
    z.object({ candidates: z.array(electionVoterSchema), truncated: z.boolean() }),
  ),
  'election.senseisho': call(
    '期日前: renders the 宣誓書 (kijitsumae-senseisho) pre-filled from the roll entry (or the card just read) with the reason ticked, and prints it; print.progress events follow. NOT_ELIGIBLE when the voter is not 受付可.',
    z
      .object({ rollNumber: rollNumberSchema, reason: electionReasonSchema, printer: z.string().optional() })
      .strict(),
    z.object({ jobId: z.string(), printer: z.string(), pageCount: z.number().int() }),
  ),
  'election.record': call(
    'Records the vote after the ballot was handed over (re-checked against peers and in the write transaction). 期日前 needs the reason and the 宣誓書 printed first (or senseisho: "handwritten"). Results: RECORDED / ALREADY_VOTED / WRONG_STATION / NOT_ON_ROLL.',
    z
      .object({
        rollNumber: rollNumberSchema,
        reason: electionReasonSchema.optional(),
        /** How the 宣誓書 was made (期日前): printed by election.senseisho, or filled by hand. */
        senseisho: z.enum(['printed', 'handwritten']).default('printed'),
      })
      .strict(),
    z.discriminatedUnion('result', [
      z.object({ result: z.literal('RECORDED'), vote: electionVoteSchema, voter: electionVoterSchema }),
      z.object({
        result: z.literal('ALREADY_VOTED'),
        voter: electionVoterSchema,
        votes: z.array(electionVoteSchema),
      }),
      z.object({
        result: z.literal('WRONG_STATION'),
        voter: electionVoterSchema,
        stations: z.array(electionStationSchema),
      }),
      z.object({ result: z.literal('NOT_ON_ROLL'), rollNumber: z.string() }),
    ]),
  ),
  'election.undo': call(
    'Withdraws a mistaken record (itself an event, with the reason); needs an operator token. AMBIGUOUS_UNDO lists the records when the voter has several.',
    z
      .object({
        token: tokenSchema,
        rollNumber: rollNumberSchema,
        reason: z.string().trim().min(1).max(500),
        vote: voteRefSchema.optional(),
      })
      .strict(),
    z.object({ undone: electionVoteSchema, voter: electionVoterSchema.nullable() }),
  ),
  'election.stats': call(
    'Hourly counts by sex (JST) and totals per station and terminal.',
    empty,
    electionStatsSchema,
  ),
  'election.statsFile': call(
    'The same figures as CSV (UTF-8 with BOM) or an A4 PDF, base64, for download.',
    z.object({ format: z.enum(['csv', 'pdf']) }).strict(),
    z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
  ),
  'election.statsPrint': call(
    'Prints the figures (A4 PDF); print.progress events follow.',
    z.object({ printer: z.string().optional() }).strict(),
    z.object({ jobId: z.string(), printer: z.string() }),
  ),
  'election.conflicts': call(
    'Voters recorded on two terminals that had not seen each other (open; with all: resolved too), with every record.',
    z.object({ all: z.boolean().default(false) }).strict(),
    z.object({ conflicts: z.array(electionConflictSchema) }),
  ),
} as const;
