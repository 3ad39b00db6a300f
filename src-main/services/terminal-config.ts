/**
 * The terminal configuration: one JSON file, validated with zod, that picks the mode and holds
 * everything a municipality sets (name and code, 窓口 names, printer, reader, languages, idle
 * timeout, operator PIN hash, demo). Errors name the file and the field.
 *
 * Where it lives: `--config FILE`, else $KAKANAI_CONFIG, else config/terminal.json under the
 * working directory. A missing file means the defaults (a fresh install); the first save from the
 * settings screen creates it. config/terminal.example.json is a commented sample.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { counterSchema, languageSchema, modeSchema, type TerminalSettings } from '../contract/index.ts';
import { operatorPinHashProblem } from './operator-pin.ts';

export const terminalConfigSchema = z
  .object({
    /** Editors may point at a JSON schema; ignored. */
    $schema: z.string().optional(),
    schemaVersion: z.literal(1).default(1),
    /** Identifies this terminal in statistics and (later) event logs: letters, digits, hyphens. */
    terminalId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'letters, digits and hyphens, at most 40')
      .default('kiosk-01'),
    /** counter (書かない窓口), election, shelter or fare. */
    mode: modeSchema.default('counter'),
    municipality: z
      .object({
        name: z.string().min(1).max(100),
        /** 全国地方公共団体コード, 6 digits incl. check digit. */
        code: z.string().regex(/^\d{6}$/, 'the municipality code has 6 digits'),
      })
      .strict()
      .default({ name: '架空市', code: '999999' }),
    /** 窓口: ids referenced by forms/procedures.json; these names override its defaults. */
    counters: z.array(counterSchema).max(50).default([]),
    printer: z
      .object({
        /** Print queue name; absent = the system default printer. */
        name: z.string().min(1).max(200).optional(),
        media: z.enum(['A4', 'A3', 'B5']).default('A4'),
      })
      .strict()
      .default({ media: 'A4' }),
    reader: z
      .object({
        /** Use only readers whose name contains this (case-insensitive). */
        filter: z.string().min(1).max(200).optional(),
        /**
         * Extended-length APDUs (each card file in one read): 'auto' when the reader announces it
         * can carry them, 'always' to try them anyway (short reads after the first refusal), 'never'.
         */
        extendedApdu: z.enum(['auto', 'always', 'never']).default('auto'),
      })
      .strict()
      .default({ extendedApdu: 'auto' }),
    languages: z
      .object({
        available: z
          .array(languageSchema)
          .min(1)
          .default(['ja', 'ja-easy', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR']),
        default: languageSchema.default('ja'),
      })
      .strict()
      .default({ available: ['ja', 'ja-easy', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR'], default: 'ja' }),
    idle: z
      .object({
        /** Seconds without activity before the countdown starts. */
        timeoutSec: z.number().int().min(15).max(3600).default(120),
        /** Length of the countdown the resident can cancel. */
        warningSec: z.number().int().min(5).max(300).default(30),
      })
      .strict()
      .default({ timeoutSec: 120, warningSec: 30 }),
    privacy: z
      .object({
        /** Removing the card wipes the session (recommended at unattended kiosks). */
        wipeOnCardRemoval: z.boolean().default(true),
      })
      .strict()
      .default({ wipeOnCardRemoval: true }),
    operator: z
      .object({
        /** scrypt hash written by `kakanai config set-pin` or the settings screen; never a plain PIN. */
        pinHash: z
          .string()
          .superRefine((v, ctx) => {
            const problem = operatorPinHashProblem(v);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          })
          .optional(),
        /** Minutes an operator login stays valid. */
        sessionMinutes: z.number().int().min(1).max(480).default(15),
      })
      .strict()
      .default({ sessionMinutes: 15 }),
    demo: z
      .object({
        /** Always run with the virtual card (training, exhibitions). */
        enabled: z.boolean().default(false),
        /** Offer the virtual-card demo when no reader is attached. */
        offerWhenNoReader: z.boolean().default(true),
      })
      .strict()
      .default({ enabled: false, offerWhenNoReader: true }),
    /**
     * The counter's inbox for signed applications (電子署名して提出): a folder, local or a mounted
     * network share, relative to this config file. Absent: the kiosk offers printing only.
     * `trustDir`: the JPKI roots the staff screen checks signatures against (assets/trust by
     * default); `revocationCommand`: the municipality's J-LIS revocation hook (inbox/revocation.ts).
     */
    inbox: z
      .object({
        dir: z.string().min(1).max(500),
        trustDir: z.string().min(1).max(500).optional(),
        revocationCommand: z.string().min(1).max(1000).optional(),
      })
      .strict()
      .optional(),
    statistics: z
      .object({
        enabled: z.boolean().default(true),
        /** Optional file for the anonymous counts (kept across restarts); relative to this config file. */
        file: z.string().min(1).max(500).optional(),
      })
      .strict()
      .default({ enabled: true }),
    server: z
      .object({
        /** 127.0.0.1 by default. Any other address requires pairingTokenFile. */
        host: z.string().min(1).max(100).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8787),
        /** File holding the pairing token remote clients must present (relative to this config file). */
        pairingTokenFile: z.string().min(1).max(500).optional(),
        /** PEM certificate and key for HTTPS (relative to this config file); required off loopback. */
        tls: z
          .object({ certFile: z.string().min(1).max(500), keyFile: z.string().min(1).max(500) })
          .strict()
          .optional(),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8787 }),
    paths: z
      .object({
        /** Form definitions folder (default: forms/ of the installation). */
        forms: z.string().min(1).max(500).optional(),
        /** Life events file (default: <forms>/procedures.json). */
        procedures: z.string().min(1).max(500).optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!c.languages.available.includes(c.languages.default)) {
      ctx.addIssue({
        code: 'custom',
        path: ['languages', 'default'],
        message: 'must be one of languages.available',
      });
    }
    if (c.idle.warningSec >= c.idle.timeoutSec) {
      ctx.addIssue({
        code: 'custom',
        path: ['idle', 'warningSec'],
        message: 'must be shorter than idle.timeoutSec',
      });
    }
    const ids = new Set<string>();
    c.counters.forEach((k, i) => {
      if (ids.has(k.id))
        ctx.addIssue({
          code: 'custom',
          path: ['counters', i, 'id'],
          message: `duplicate counter id "${k.id}"`,
        });
      ids.add(k.id);
    });
  });

export type TerminalConfig = z.infer<typeof terminalConfigSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  readonly messageJa: string;
  constructor(
    message: string,
    readonly file: string,
    readonly field?: string,
  ) {
    super(message);
    this.messageJa = `端末設定ファイルが正しくありません${field ? `（${field}）` : ''}。`;
  }
}

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, env.KAKANAI_CONFIG ?? 'config/terminal.json');
}

/** Validates a parsed JSON value; errors name the field. */
export function parseTerminalConfig(raw: unknown, file = '<config>'): TerminalConfig {
  const r = terminalConfigSchema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new ConfigError(`${file}: ${field || '(root)'}: ${issue.message}`, file, field || undefined);
}

export function defaultTerminalConfig(): TerminalConfig {
  return terminalConfigSchema.parse({});
}

/** Reads and validates; a missing file yields the defaults. */
export function loadTerminalConfig(file: string): TerminalConfig {
  if (!existsSync(file)) return defaultTerminalConfig();
  let raw: unknown;
  try {
    // A BOM is what Windows Notepad writes at the start of a UTF-8 file: accepted.
    raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`${file}: not valid JSON: ${(e as Error).message}`, file);
  }
  return parseTerminalConfig(raw, file);
}

/** Writes atomically (temp file + rename), readable by the owner only (it holds the PIN hash). */
export function saveTerminalConfig(file: string, config: TerminalConfig): void {
  const checked = parseTerminalConfig(config, file);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(checked, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}

/** Resolves a path from the config relative to the config file's folder. */
export function resolveConfigRelative(configFile: string, p: string): string {
  return resolve(dirname(configFile), p);
}

/** The settings-screen view: everything but the PIN hash. */
export function toSettingsView(config: TerminalConfig, configPath: string): TerminalSettings {
  return {
    terminalId: config.terminalId,
    mode: config.mode,
    municipality: config.municipality,
    counters: config.counters,
    printer: config.printer,
    reader: config.reader,
    languages: config.languages,
    idle: config.idle,
    privacy: config.privacy,
    demo: config.demo,
    statistics: config.statistics,
    configPath,
  };
}
