/**
 * The kiosk contract: every call the renderer makes and every event it receives, as zod
 * schemas with the TypeScript types inferred from them. Electron IPC (ipc.ts + preload) and HTTP +
 * WebSocket (http-server.ts) carry exactly this; the router (router.ts) validates input and output
 * of every call against it.
 *
 * This file must stay importable from the browser: it imports only zod (no node: modules).
 *
 * Conventions
 * - A call is `name(input) → Result<output>`; a Result is `{ ok: true, value }` or
 *   `{ ok: false, error: { code, message, messageJa, retriesLeft?, field?, details? } }`.
 *   Failures are values, never thrown strings; the renderer maps `code` to a screen/message.
 * - Binary data (PDF bytes, page images) travels as base64 strings.
 * - Resident data never leaves the main process except what a screen must show (name, address,
 *   birth date, sex). The 個人番号 never crosses the contract; it is only printed on forms.
 * - Secrets (PIN, 照合番号B parts) arrive as strings and are wrapped in a Secret at once.
 * - Stability: additive changes only (new calls, new optional fields, new error codes, new event
 *   types); every change is listed in src-main/api/README.md.
 */
import { z } from 'zod';
import { CARD_ERROR_CODES } from '../card/error-codes.ts';
import { PRINT_ERROR_CODES } from '../print/error-codes.ts';

// ───────────────────────────── shared values ─────────────────────────────

/** UI languages. `ja-easy` is やさしい日本語. Forms themselves always stay in Japanese. */
export const LANGUAGES = ['ja', 'ja-easy', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** Text from a data file (procedures.json): Japanese always, other languages when staff wrote them. */
export const localizedTextSchema = z
  .object({
    ja: z.string().min(1),
    'ja-easy': z.string().optional(),
    en: z.string().optional(),
    'zh-Hans': z.string().optional(),
    ko: z.string().optional(),
    vi: z.string().optional(),
    'pt-BR': z.string().optional(),
  })
  .strict();
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** ISO date "YYYY-MM-DD". */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const MODES = ['counter', 'election', 'shelter', 'fare'] as const;
export const modeSchema = z.enum(MODES);
export type Mode = z.infer<typeof modeSchema>;

// ───────────────────────────── errors and results ─────────────────────────────

/**
 * Every code a call can fail with: the card stack's and the printer's (from their import-free
 * error-codes.ts modules) and the API's own.
 */
export const API_ERROR_CODES = [
  ...CARD_ERROR_CODES,
  /** Another card operation is running; try again when it ends. */
  'CARD_BUSY',
  ...PRINT_ERROR_CODES,
  /** No printer is configured and the system has no default printer. */
  'NO_PRINTER',
  // forms
  /** A form id that is not in forms/. */
  'FORM_NOT_FOUND',
  /** A required value for a form is missing (`field` names it, e.g. "input.phone"). */
  'MISSING_VALUE',
  /** A value does not fit its box on the form (`field` names it). */
  'OVERFLOW',
  /** Any other failure of the forms engine (`details.engineCode` has its own code). */
  'FORM_ERROR',
  /** preview with format "png" where no rasteriser (pdftoppm) is installed. */
  'RASTER_UNAVAILABLE',
  // planner
  'LIFE_EVENT_NOT_FOUND',
  /** plan called before every applicable question was answered (`field` is the question id). */
  'MISSING_ANSWER',
  /** An answer that is not one of the question's options (`field` is the question id). */
  'INVALID_ANSWER',
  /** forms/procedures.json is broken (`field` is the path of the offending field). */
  'PROCEDURES_INVALID',
  // session
  /** The call needs a plan / resident data that this session does not have (yet, or any more). */
  'NO_PLAN',
  'NO_RESIDENT',
  /** A render id that is unknown or was wiped. */
  'RENDER_NOT_FOUND',
  // settings
  /** Wrong operator PIN. `retriesLeft` is how many tries remain before a lockout. */
  'WRONG_OPERATOR_PIN',
  /** Too many wrong operator PINs; `details.retryAfterSec` says when logins are accepted again. */
  'OPERATOR_LOCKED',
  /** Missing, wrong or expired operator token. */
  'UNAUTHORIZED',
  /** The terminal configuration file is invalid (`field` names the field). */
  'CONFIG_INVALID',
  /** The configuration could not be written. */
  'CONFIG_WRITE_FAILED',
  // demo
  'DEMO_NOT_ACTIVE',
  'PERSONA_NOT_FOUND',
  // generic
  /** The input failed validation (`field` is the dotted path, message says why). */
  'INVALID_INPUT',
  /** The service produced an output that fails the contract (a bug; reported, never passed on). */
  'INVALID_OUTPUT',
  'UNKNOWN_CALL',
  /** Not available in this mode or not built yet (election/shelter/fare placeholders). */
  'NOT_IMPLEMENTED',
  // election desk
  /** The store passphrase is wrong. */
  'WRONG_PASSPHRASE',
  /** This terminal has no election store (set it up with `kakanai election init`). */
  'ELECTION_NOT_SET_UP',
  /** The store file cannot be used here (`details.storeCode`: NOT_ENCRYPTED, WRONG_STORE…). */
  'ELECTION_STORE_INVALID',
  /** The terminal was not opened with the passphrase yet (election.open). */
  'ELECTION_NOT_OPEN',
  /** 期日前: the reason (1–5) is missing. */
  'REASON_REQUIRED',
  /** 期日前: the 宣誓書 was not printed for this voter and reason before recording. */
  'SENSEISHO_REQUIRED',
  /** The voter is not 受付可 (already voted, wrong station): `details.status`. */
  'NOT_ELIGIBLE',
  /** Undo of a voter without an active vote record. */
  'NOT_VOTED',
  'NOT_ON_ROLL',
  /** The voter has several active records (a conflict): choose one (`details.votes`). */
  'AMBIGUOUS_UNDO',
  'INTERNAL',
] as const;
export const apiErrorCodeSchema = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorSchema = z.object({
  code: apiErrorCodeSchema,
  /** English message, fit to show. */
  message: z.string(),
  /** Japanese message, fit to show. */
  messageJa: z.string(),
  /** For WRONG_SECRET, LAST_TRY_NEEDS_CONFIRMATION, WRONG_OPERATOR_PIN. */
  retriesLeft: z.number().int().min(0).optional(),
  /** Dotted path of the offending input / file field / form binding, when one is at fault. */
  field: z.string().optional(),
  /** Non-personal diagnostics (job id, printer, engine code…). */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}

// ───────────────────────────── app ─────────────────────────────

export const counterSchema = z
  .object({
    /** Referenced by procedures.json (`counter`). */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    /** 窓口 name as signposted: 市民課 1番窓口. */
    name: z.string().min(1).max(100),
    nameEn: z.string().max(100).optional(),
    /** Where it is: 本庁舎1階. */
    location: z.string().max(200).optional(),
  })
  .strict();
export type Counter = z.infer<typeof counterSchema>;

export const personaSummarySchema = z.object({
  id: z.string(),
  /** Short label for the demo screen ("ordinary", "1 try left"…). */
  label: z.string(),
});

export const appInfoSchema = z.object({
  version: z.string(),
  mode: modeSchema,
  terminalId: z.string(),
  municipality: z.object({ name: z.string(), code: z.string() }),
  counters: z.array(counterSchema),
  languages: z.array(languageSchema).min(1),
  defaultLanguage: languageSchema,
  /** Idle: after `timeoutSec` without activity a countdown of `warningSec` starts, then a wipe. */
  idle: z.object({ timeoutSec: z.number().int().positive(), warningSec: z.number().int().min(0) }),
  /** Whether removing the card wipes the session. */
  wipeOnCardRemoval: z.boolean(),
  demo: z.object({
    /** True when the virtual card is in use: the renderer must label the screen clearly. */
    active: z.boolean(),
    /** Why: configured (config/--demo), no-reader (offered and accepted), or null when inactive. */
    reason: z.enum(['configured', 'no-reader']).nullable(),
    /** Whether the demo may be offered now (no reader attached, and allowed by configuration). */
    offerable: z.boolean(),
    personas: z.array(personaSummarySchema),
  }),
  /** How the renderer reaches the main process. */
  transport: z.enum(['ipc', 'http']),
  /** Main-process start time (ISO), for the first-screen measurement. */
  startedAt: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

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

// ───────────────────────────── planner ─────────────────────────────

export const questionOptionSchema = z.object({
  value: z.string(),
  label: localizedTextSchema,
});

/** A question as the renderer shows it. `single` = one option, `multi` = any options, `yesno`. */
export const questionSchema = z.object({
  id: z.string(),
  kind: z.enum(['single', 'multi', 'yesno']),
  text: localizedTextSchema,
  help: localizedTextSchema.optional(),
  /** For single/multi. */
  options: z.array(questionOptionSchema),
});
export type Question = z.infer<typeof questionSchema>;

export const lifeEventSchema = z.object({
  id: z.string(),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  /** An icon name from assets/icons (renderer's choice when absent). */
  icon: z.string().optional(),
});
export type LifeEvent = z.infer<typeof lifeEventSchema>;

/** An answer: one value (single), several (multi) or yes/no. */
export const answerSchema = z.union([z.string(), z.array(z.string()), z.boolean()]);
export const answersSchema = z.record(z.string(), answerSchema);
export type Answers = z.infer<typeof answersSchema>;

export const planFormSchema = z.object({
  id: z.string(),
  title: z.string(),
  titleEn: z.string().optional(),
  /** The form prints the 個人番号, so the 4-digit PIN is needed. */
  requiresMyNumber: z.boolean(),
});

export const procedureSchema = z.object({
  id: z.string(),
  title: localizedTextSchema,
  /** What happens there, in one or two sentences. */
  description: localizedTextSchema.optional(),
  counter: counterSchema,
  /** What to bring (本人確認書類, 印鑑, 母子健康手帳…). */
  bring: z.array(localizedTextSchema),
  /** Form ids printed for this procedure (may be empty: some procedures are done by talking). */
  formIds: z.array(z.string()),
});
export type Procedure = z.infer<typeof procedureSchema>;

export const planSchema = z.object({
  lifeEventId: z.string(),
  procedures: z.array(procedureSchema),
  /** Every form to print, each once, in print order. */
  forms: z.array(planFormSchema),
  /** Counters to visit, in order, each once. */
  counters: z.array(counterSchema),
  /** Everything to bring, merged. */
  bring: z.array(localizedTextSchema),
  /** pin when a form prints the 個人番号, else bno; none when no form needs card data. */
  cardMethod: z.enum(['pin', 'bno', 'none']),
  /** Why this card method (for the explanation on the card screen). */
  cardMethodReason: localizedTextSchema,
});
export type Plan = z.infer<typeof planSchema>;

// ───────────────────────────── forms ─────────────────────────────

const inputOptionSchema = z.object({ value: z.string(), label: z.string(), labelEn: z.string().optional() });

const scalarInputViewShape = {
  key: z.string(),
  type: z.enum(['text', 'kana', 'phone', 'digits', 'date', 'choice', 'boolean']),
  label: z.string(),
  labelEn: z.string().optional(),
  help: z.string().optional(),
  required: z.boolean(),
  options: z.array(inputOptionSchema).optional(),
  length: z.number().int().optional(),
  maxLength: z.number().int().optional(),
};

/** One value to ask for (see src-main/forms/schema.ts `inputs`). */
export const formInputViewSchema = z.union([
  z.object({ ...scalarInputViewShape, formIds: z.array(z.string()) }),
  z.object({
    key: z.string(),
    type: z.literal('list'),
    label: z.string(),
    labelEn: z.string().optional(),
    help: z.string().optional(),
    required: z.boolean(),
    columns: z.array(z.object(scalarInputViewShape)),
    maxRows: z.number().int(),
    formIds: z.array(z.string()),
  }),
]);
export type FormInputView = z.infer<typeof formInputViewSchema>;

export const formSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  titleEn: z.string().optional(),
  description: z.string().optional(),
  requiresMyNumber: z.boolean(),
  paper: z.enum(['A4', 'A3', 'B5']),
  pageCount: z.number().int().min(1),
  inputs: z.array(formInputViewSchema),
});
export type FormSummary = z.infer<typeof formSummarySchema>;

/** A value typed by the resident: text, yes/no, or the rows of a list input. */
export const inputValueSchema = z.union([
  z.string().max(2000),
  z.boolean(),
  z.array(z.record(z.string(), z.union([z.string().max(2000), z.boolean()]))).max(50),
]);
export const inputValuesSchema = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), inputValueSchema);
export type InputValues = z.infer<typeof inputValuesSchema>;

export const pageImageSchema = z.object({
  /** PNG, base64. */
  png: z.string(),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
});

export const renderedFormSchema = z.object({
  formId: z.string(),
  title: z.string(),
  pageCount: z.number().int().min(1),
  /** PDF bytes, base64 (format "pdf"). */
  pdf: z.string().optional(),
  /** Page images (format "png"). */
  pages: z.array(pageImageSchema).optional(),
});
export type RenderedForm = z.infer<typeof renderedFormSchema>;

// ───────────────────────────── printing ─────────────────────────────

export const printerViewSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  state: z.enum(['idle', 'printing', 'stopped', 'unknown']),
  accepting: z.boolean().nullable(),
  isDefault: z.boolean(),
  /** Why a print would be refused now, if anything. */
  problem: z.enum(['PRINTER_STOPPED', 'PRINTER_NOT_ACCEPTING', 'OUT_OF_PAPER']).optional(),
});

export const jobPhaseSchema = z.enum(['queued', 'printing', 'completed', 'failed', 'cancelled']);

export const printJobStatusSchema = z.object({
  jobId: z.string(),
  printer: z.string(),
  phase: jobPhaseSchema,
  pagesCompleted: z.number().int().min(0).optional(),
  /** Pages in the job. */
  pageCount: z.number().int().min(0).optional(),
  printerProblem: z.enum(['PRINTER_STOPPED', 'PRINTER_NOT_ACCEPTING', 'OUT_OF_PAPER']).optional(),
  /** When the job failed: the error the screen should show. */
  error: apiErrorSchema.optional(),
});
export type PrintJobStatus = z.infer<typeof printJobStatusSchema>;

// ───────────────────────────── settings ─────────────────────────────

/** The terminal configuration as the settings screen sees it (the PIN hash is never sent). */
export const terminalSettingsSchema = z.object({
  terminalId: z.string(),
  mode: modeSchema,
  municipality: z.object({ name: z.string(), code: z.string() }),
  counters: z.array(counterSchema),
  printer: z.object({ name: z.string().optional(), media: z.enum(['A4', 'A3', 'B5']) }),
  reader: z.object({ filter: z.string().optional() }),
  languages: z.object({ available: z.array(languageSchema).min(1), default: languageSchema }),
  idle: z.object({ timeoutSec: z.number().int(), warningSec: z.number().int() }),
  privacy: z.object({ wipeOnCardRemoval: z.boolean() }),
  demo: z.object({ enabled: z.boolean(), offerWhenNoReader: z.boolean() }),
  statistics: z.object({ enabled: z.boolean(), file: z.string().optional() }),
  /** Where the config lives (read-only). */
  configPath: z.string(),
});
export type TerminalSettings = z.infer<typeof terminalSettingsSchema>;

/** Editable part of the settings; every field optional (a patch). */
export const settingsPatchSchema = z
  .object({
    mode: modeSchema,
    municipality: z.object({ name: z.string().min(1).max(100), code: z.string().regex(/^\d{6}$/) }).strict(),
    counters: z.array(counterSchema).max(50),
    printer: z.object({ name: z.string().max(200).optional(), media: z.enum(['A4', 'A3', 'B5']) }).strict(),
    reader: z.object({ filter: z.string().max(200).optional() }).strict(),
    languages: z.object({ available: z.array(languageSchema).min(1), default: languageSchema }).strict(),
    idle: z
      .object({
        timeoutSec: z.number().int().min(15).max(3600),
        warningSec: z.number().int().min(5).max(300),
      })
      .strict(),
    privacy: z.object({ wipeOnCardRemoval: z.boolean() }).strict(),
    demo: z.object({ enabled: z.boolean(), offerWhenNoReader: z.boolean() }).strict(),
    statistics: z.object({ enabled: z.boolean() }).strict(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

const operatorPinSchema = z.string().regex(/^\d{4,12}$/, 'the operator PIN has 4–12 digits');
const tokenSchema = z.string().min(16).max(200);

// ───────────────────────────── statistics ─────────────────────────────

/** Anonymous usage counts. Nothing here can identify a resident. */
export const statisticsSchema = z.object({
  since: z.string(),
  sessions: z.number().int().min(0),
  /** Sessions that printed something. */
  printedSessions: z.number().int().min(0),
  formsPrinted: z.number().int().min(0),
  /** [weekday 0=Sunday..6][hour 0..23] session counts (local time). */
  byWeekdayHour: z.array(z.array(z.number().int().min(0)).length(24)).length(7),
  byLifeEvent: z.record(z.string(), z.number().int().min(0)),
  byLanguage: z.record(z.string(), z.number().int().min(0)),
  byEndReason: z.record(z.string(), z.number().int().min(0)),
  /** Session duration in seconds: median and 90th percentile (null when no sessions). */
  durationSec: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
});
export type Statistics = z.infer<typeof statisticsSchema>;

// ───────────────────────────── session ─────────────────────────────

export const WIPE_REASONS = ['finish', 'idle', 'card-removed', 'user', 'staff'] as const;
export const wipeReasonSchema = z.enum(WIPE_REASONS);
export type WipeReason = z.infer<typeof wipeReasonSchema>;

export const sessionStateSchema = z.object({
  /** Changes on every wipe; a renderer holding an old id knows its data is gone. */
  sessionId: z.string(),
  startedAt: z.string(),
  language: languageSchema,
  lifeEventId: z.string().nullable(),
  hasPlan: z.boolean(),
  hasResident: z.boolean(),
  /** Keys of the inputs stored so far (not their values). */
  inputKeys: z.array(z.string()),
  /** Staff assist (聞き取り) is on for this session. */
  assist: z.boolean(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

// ───────────────────────────── diagnostics ─────────────────────────────

export const callTimingSchema = z.object({
  name: z.string(),
  count: z.number().int(),
  /** Main-side duration of the call, ms (validation + service). */
  lastMs: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  maxMs: z.number(),
});

export const diagnosticsSchema = z.object({
  uptimeSec: z.number(),
  /** ms from process start until the server/window was ready. */
  startup: z.record(z.string(), z.number()),
  calls: z.array(callTimingSchema),
  /** Marks the renderer reported (first-screen, card-to-data…), ms. */
  marks: z.record(z.string(), z.array(z.number())),
});
export type Diagnostics = z.infer<typeof diagnosticsSchema>;

// ───────────────────────────── election desk ─────────────────────────────

/** 期日前投票の事由, the five legal categories (src-main/modes/election/events.ts). */
export const ELECTION_REASON_CODES = ['1', '2', '3', '4', '5'] as const;
export const electionReasonSchema = z.enum(ELECTION_REASON_CODES);
export type ElectionReasonCode = z.infer<typeof electionReasonSchema>;

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

const electionCountSchema = z.object({
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
  sync: z.object({
    running: z.boolean(),
    /** Why LAN sync is not running although configured (the desk works standalone). */
    error: z.string().optional(),
    peers: z.array(
      z.object({
        url: z.string(),
        state: z.enum(['unknown', 'ok', 'unreachable', 'refused', 'tampered', 'wrong-group']),
        terminalId: z.string().optional(),
        lastOkAt: z.number().optional(),
      }),
    ),
  }),
  openConflicts: z.number().int(),
});
export type ElectionStatus = z.infer<typeof electionStatusSchema>;

const rollNumberSchema = z.string().trim().min(1).max(32);
const voteRefSchema = z
  .object({ terminalId: z.string().min(1).max(64), seq: z.number().int().positive() })
  .strict();

// ───────────────────────────── calls ─────────────────────────────

const empty = z.object({}).strict();
const ack = z.object({ done: z.literal(true) });

function call<I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O) {
  return { doc, input, output };
}

/** Every call: name → { doc, input, output }. */
export const CALLS = {
  // app
  'app.info': call(
    'Terminal identity, mode, languages, idle policy and demo state; the first call.',
    empty,
    appInfoSchema,
  ),

  // card
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
  ),
  'card.cancel': call('Aborts a running card operation (the call in flight fails with TIMEOUT).', empty, ack),

  // demo (virtual card)
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

  // planner
  'planner.lifeEvents': call(
    'The life events to choose from, in display order.',
    empty,
    z.object({ lifeEvents: z.array(lifeEventSchema) }),
  ),
  'planner.questions': call(
    'The questions that apply given the answers so far, in order; `next` is the first unanswered one (null when the plan can be made).',
    z.object({ lifeEventId: z.string(), answers: answersSchema.default({}) }).strict(),
    z.object({ questions: z.array(questionSchema), next: z.string().nullable() }),
  ),
  'planner.plan': call(
    'Turns the answers into procedures, forms, counters and what to bring, and keeps the plan in the session (it decides PIN vs 照合番号B). MISSING_ANSWER / INVALID_ANSWER name the question.',
    z.object({ lifeEventId: z.string(), answers: answersSchema }).strict(),
    planSchema,
  ),
  'planner.setForms': call(
    "Replaces the plan's forms (e.g. staff add/remove a form); returns the updated plan (card method recomputed).",
    z.object({ formIds: z.array(z.string()).max(30) }).strict(),
    planSchema,
  ),

  // forms
  'forms.list': call(
    'Forms with the inputs each needs (all, or the given ids).',
    z.object({ ids: z.array(z.string()).optional() }).strict(),
    z.object({ forms: z.array(formSummarySchema) }),
  ),
  'forms.inputs': call(
    "What to ask for the plan's forms: every input once (same key = same value), in form order, minus what the card provides; with the values stored so far.",
    empty,
    z.object({ inputs: z.array(formInputViewSchema), values: inputValuesSchema }),
  ),
  'forms.setInputs': call(
    'Stores typed values in the session (merged; an empty string clears a value). Returns the keys still missing for required inputs.',
    z.object({ values: inputValuesSchema }).strict(),
    z.object({ missing: z.array(z.string()) }),
  ),
  'forms.preview': call(
    "Renders the plan's forms (or the given ids) with the session data, for the confirmation screen: PDF bytes or page images. blank: true prints empty forms (no card).",
    z
      .object({
        formIds: z.array(z.string()).optional(),
        format: z.enum(['pdf', 'png']).default('pdf'),
        blank: z.boolean().default(false),
        /** For png: resolution (default 96 dpi, keeps a page ≈ 800 px wide). */
        dpi: z.number().int().min(36).max(200).default(96),
        /** Also show the 手続き案内票 that forms.render appends (added in v1.1; default true). */
        includeGuide: z.boolean().default(true),
      })
      .strict(),
    z.object({ forms: z.array(renderedFormSchema) }),
  ),
  'forms.render': call(
    "Renders the final documents (plan's forms + 手続き案内票) into the session for printing; returns a render id.",
    z
      .object({
        formIds: z.array(z.string()).optional(),
        blank: z.boolean().default(false),
        /** Append the 手続き案内票 (tetsuzuki-annai) listing counters and what to bring. */
        includeGuide: z.boolean().default(true),
      })
      .strict(),
    z.object({
      renderId: z.string(),
      forms: z.array(z.object({ formId: z.string(), title: z.string(), pageCount: z.number().int() })),
      pageCount: z.number().int(),
    }),
  ),

  // printing
  'print.printers': call(
    'Printers and the configured one.',
    empty,
    z.object({ printers: z.array(printerViewSchema), configured: z.string().nullable() }),
  ),
  'print.submit': call(
    'Prints a render as one job; progress arrives as print.progress events. Refuses up front on OUT_OF_PAPER, PRINTER_STOPPED…',
    z
      .object({
        renderId: z.string(),
        printer: z.string().optional(),
        copies: z.number().int().min(1).max(5).default(1),
      })
      .strict(),
    z.object({ jobId: z.string(), printer: z.string() }),
  ),
  'print.status': call('Where a job is now.', z.object({ jobId: z.string() }).strict(), printJobStatusSchema),
  'print.cancel': call('Cancels a job.', z.object({ jobId: z.string() }).strict(), ack),

  // session
  'session.state': call('The current session (no personal values).', empty, sessionStateSchema),
  'session.touch': call(
    'Resident activity: restarts the idle timer and cancels a running countdown. Call on input, at most every few seconds.',
    empty,
    z.object({ idleInSec: z.number() }),
  ),
  'session.setLanguage': call(
    'The language the resident chose (for the session and anonymous counts).',
    z.object({ language: languageSchema }).strict(),
    ack,
  ),
  'session.finish': call(
    'The resident is done: records anonymous statistics and wipes everything personal.',
    z.object({ printed: z.boolean() }).strict(),
    z.object({ sessionId: z.string() }),
  ),
  'session.wipe': call(
    'Wipes the session now (user cancelled, staff reset). Returns the new session id.',
    z.object({ reason: z.enum(['user', 'staff']) }).strict(),
    z.object({ sessionId: z.string() }),
  ),

  // operator / settings
  'operator.login': call(
    'Operator PIN → session token (for settings, statistics and staff assist). WRONG_OPERATOR_PIN {retriesLeft}, OPERATOR_LOCKED.',
    z.object({ pin: operatorPinSchema }).strict(),
    z.object({ token: z.string(), expiresAt: z.string() }),
  ),
  'operator.logout': call('Ends an operator token.', z.object({ token: tokenSchema }).strict(), ack),
  'operator.assist': call(
    'Staff assist (聞き取り) on or off for the current session; needs a token.',
    z.object({ token: tokenSchema, on: z.boolean() }).strict(),
    ack,
  ),
  'settings.get': call(
    'The terminal configuration (no PIN hash).',
    z.object({ token: tokenSchema }).strict(),
    terminalSettingsSchema,
  ),
  'settings.update': call(
    'Validates, applies and saves a patch; returns the new settings. CONFIG_INVALID names the field.',
    z.object({ token: tokenSchema, patch: settingsPatchSchema }).strict(),
    terminalSettingsSchema,
  ),
  'settings.changePin': call(
    'Changes the operator PIN (stored as a scrypt hash).',
    z.object({ token: tokenSchema, currentPin: operatorPinSchema, newPin: operatorPinSchema }).strict(),
    ack,
  ),

  // statistics
  'stats.summary': call(
    'Anonymous usage counts by weekday and hour, life event, language.',
    z.object({ token: tokenSchema }).strict(),
    statisticsSchema,
  ),

  // diagnostics
  'diagnostics.get': call(
    'Main-side timing of every call and startup, and the renderer marks.',
    empty,
    diagnosticsSchema,
  ),
  'diagnostics.mark': call(
    'The renderer reports a measured duration (first-screen, card-to-data, transition:<screen>…).',
    z
      .object({ name: z.string().regex(/^[a-z][a-z0-9:._-]{0,60}$/), ms: z.number().min(0).max(3_600_000) })
      .strict(),
    ack,
  ),

  // other modes (filled by later issues; NOT_IMPLEMENTED until then)
  // election desk (mode "election"; NOT_IMPLEMENTED in other modes)
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
  'shelter.status': call(
    'Shelter reception state (placeholder).',
    empty,
    z.object({ mode: z.literal('shelter'), ready: z.boolean() }),
  ),
  'fare.status': call(
    'Fare terminal state (placeholder).',
    empty,
    z.object({ mode: z.literal('fare'), ready: z.boolean() }),
  ),
} as const;

export type CallName = keyof typeof CALLS;
export const CALL_NAMES = Object.keys(CALLS) as CallName[];
/** What the caller passes (defaults may be omitted). */
export type CallInput<K extends CallName> = z.input<(typeof CALLS)[K]['input']>;
/** What a service receives (defaults applied). */
export type CallParsedInput<K extends CallName> = z.output<(typeof CALLS)[K]['input']>;
export type CallOutput<K extends CallName> = z.output<(typeof CALLS)[K]['output']>;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(CALLS, name);
}

// ───────────────────────────── events ─────────────────────────────

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
  z.object({ type: z.literal('session.idle-warning'), secondsLeft: z.number().int().min(0) }),
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
  call(name: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}
