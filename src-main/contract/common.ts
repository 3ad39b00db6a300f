/**
 * What every terminal has, whatever its mode: languages, the app and terminal, operator and settings, the
 * session, statistics and diagnostics.
 */
import { z } from 'zod';
import { ack, call, empty, VISIT } from './call.ts';

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

/** A Japanese text's translations, where it has them (form labels, help, titles; added in v1.4). */
export const translationsSchema = localizedTextSchema.omit({ ja: true });
export type Translations = z.infer<typeof translationsSchema>;

/** ISO date "YYYY-MM-DD". */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const MODES = ['counter', 'election', 'shelter', 'fare'] as const;
export const modeSchema = z.enum(MODES);
export type Mode = z.infer<typeof modeSchema>;

// ───────────────────────────── app ─────────────────────────────

/**
 * A staffed terminal's links to the others (election desk, shelter laptop): LAN peers and, when one
 * is configured, the PostgreSQL hub with each terminal's lag.
 */
export const terminalSyncSchema = z.object({
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
  /** The PostgreSQL hub, when one is configured (added in v1.8): its state and each terminal's lag. */
  hub: z
    .object({
      state: z.enum(['connecting', 'connected', 'unreachable', 'refused', 'stopped']),
      lastExchangeAt: z.string().optional(),
      /** Rows of the hub that did not open with the group key (reported, ignored). */
      rejected: z.number().int(),
      lag: z.array(z.object({ terminalId: z.string(), lastEventAt: z.string(), agoSeconds: z.number() })),
    })
    .optional(),
});
export type TerminalSync = z.infer<typeof terminalSyncSchema>;

export const counterSchema = z
  .object({
    /** Referenced by procedures.json (`counter`). */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    /** 窓口 name as signposted: 市民課 1番窓口. */
    name: z.string().min(1).max(100),
    nameEn: z.string().max(100).optional(),
    /** The name in the kiosk's other languages (`ja-easy`, `zh-Hans`, `ko`, `vi`, `pt-BR`; en is nameEn). */
    names: z
      .partialRecord(z.enum(['ja-easy', 'zh-Hans', 'ko', 'vi', 'pt-BR']), z.string().min(1).max(100))
      .optional(),
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

// ───────────────────────────── settings ─────────────────────────────

/** The terminal configuration as the settings screen sees it (the PIN hash is never sent). */
export const terminalSettingsSchema = z.object({
  terminalId: z.string(),
  mode: modeSchema,
  municipality: z.object({ name: z.string(), code: z.string() }),
  counters: z.array(counterSchema),
  printer: z.object({ name: z.string().optional(), media: z.enum(['A4', 'A3', 'B5']) }),
  reader: z.object({ filter: z.string().optional(), extendedApdu: z.enum(['auto', 'always', 'never']) }),
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
    reader: z
      .object({
        filter: z.string().max(200).optional(),
        extendedApdu: z.enum(['auto', 'always', 'never']).optional(),
      })
      .strict(),
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

export const operatorPinSchema = z.string().regex(/^\d{4,12}$/, 'the operator PIN has 4–12 digits');
export const tokenSchema = z.string().min(16).max(200);

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

export const COMMON_CALLS = {
  'app.info': call(
    'Terminal identity, mode, languages, idle policy and demo state; the first call.',
    empty,
    appInfoSchema,
  ),

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
    VISIT,
  ),
  'session.wipe': call(
    'Wipes the session now (user cancelled, staff reset). Returns the new session id and, for a new visit (reason "user"), the visit key the screen sends with every visit call.',
    z.object({ reason: z.enum(['user', 'staff']) }).strict(),
    z.object({ sessionId: z.string(), visitKey: z.string().optional() }),
  ),

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

  'stats.summary': call(
    'Anonymous usage counts by weekday and hour, life event, language.',
    z.object({ token: tokenSchema }).strict(),
    statisticsSchema,
  ),

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
} as const;
