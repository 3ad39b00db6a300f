/**
 * What a `kakanai` subcommand is, and the shared plumbing: argument parsing, JSON/human output,
 * exit codes, and reading secrets from stdin or a TTY (never from argv or the environment).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CardError, type CardErrorCode } from '../card/errors.ts';

export const EXIT = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  NO_CARD: 3,
  NOT_MYNUMBER: 4,
  WRONG_SECRET: 5,
  BLOCKED: 6,
  CARD_IO: 7,
  ALREADY_VOTED: 10,
} as const;

const CARD_EXIT: Partial<Record<CardErrorCode, number>> = {
  NO_READER: EXIT.NO_CARD,
  NO_CARD: EXIT.NO_CARD,
  TIMEOUT: EXIT.NO_CARD,
  NOT_MYNUMBER_CARD: EXIT.NOT_MYNUMBER,
  WRONG_SECRET: EXIT.WRONG_SECRET,
  BLOCKED: EXIT.BLOCKED,
  LAST_TRY_NEEDS_CONFIRMATION: EXIT.BLOCKED,
  CARD_REMOVED: EXIT.CARD_IO,
  CARD_IO: EXIT.CARD_IO,
  BAD_RESPONSE: EXIT.CARD_IO,
  INVALID_SECRET_FORMAT: EXIT.USAGE,
};

/** A usage mistake: exit 2 with the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An error with its own code and exit status, for non-card failures (forms, printing…). */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = EXIT.FAILURE,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface CommandContext {
  /** Positional and option values parsed with node:util parseArgs. */
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  json: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

export interface Command {
  /** Words after `kakanai`, e.g. ['card', 'read']. */
  path: string[];
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  /** Returns the JSON result (printed as one object with --json) and a human rendering. */
  run(ctx: CommandContext): Promise<CommandResult>;
}

export interface CommandResult {
  json: unknown;
  human?: string;
  exitCode?: number;
}

/** A comma-separated option (`--peers a:1,b:2`) as a list without blanks; undefined when absent. */
export function csvList(v: string | undefined): string[] | undefined {
  return v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export function parseCommandArgs(cmd: Command, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...cmd.options },
      allowPositionals: cmd.allowPositionals ?? false,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function errorToExit(e: unknown): { exitCode: number; error: Record<string, unknown> } {
  if (e instanceof CardError) {
    return { exitCode: CARD_EXIT[e.code] ?? EXIT.FAILURE, error: e.toJSON() };
  }
  if (e instanceof UsageError) {
    return { exitCode: EXIT.USAGE, error: { code: 'USAGE', message: e.message } };
  }
  if (e instanceof CommandError) {
    return { exitCode: e.exitCode, error: { code: e.code, message: e.message, ...e.extra } };
  }
  const err = e as { code?: unknown; message?: unknown };
  return {
    exitCode: EXIT.FAILURE,
    error: {
      code: typeof err?.code === 'string' ? err.code : 'INTERNAL',
      message: String(err?.message ?? e),
    },
  };
}

/** String option value or undefined; rejects repeated/boolean misuse. */
export function optString(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError(`--${name} needs a value`);
  return v;
}

export function requireString(ctx: CommandContext, name: string): string {
  const v = optString(ctx, name);
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

export function optNumber(ctx: CommandContext, name: string): number | undefined {
  const v = optString(ctx, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a non-negative number`);
  return n;
}
