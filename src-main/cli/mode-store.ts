/**
 * What every store-keeping mode's commands share (election, shelter, fare): the store passphrase
 * (stdin or a prompt, asked twice at set-up), opening the mode's service from --db and closing it
 * whatever happens, the store's errors as exit codes, and a card secret on stdin after the
 * passphrase (line 1 passphrase, line 2 PIN or 照合番号B).
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { Secret } from '../card/secret.ts';
import { StoreError } from '../store/errors.ts';
import { CommandError, EXIT, UsageError, requireString, type CommandContext } from './command.ts';
import { getSecret, promptSecret, readSecretLinesFromStdin } from './secret-input.ts';

/** `--db` and `--passphrase-stdin`, on every command of a mode with a store. */
export const DB_OPTIONS = {
  db: { type: 'string' },
  'passphrase-stdin': { type: 'boolean', default: false },
} as const;

/** A store error → the CLI's typed error: 5 for a wrong passphrase, 2 for a malformed set-up code. */
export function storeErrorToCommand(e: StoreError): CommandError {
  const exit =
    e.code === 'WRONG_PASSPHRASE'
      ? EXIT.WRONG_SECRET
      : e.code === 'BAD_GROUP_SALT'
        ? EXIT.USAGE
        : EXIT.FAILURE;
  return new CommandError(e.code, e.message, exit, { messageJa: e.messageJa });
}

/** The store passphrase; `confirm` asks it twice on a terminal (set-up). */
export async function storePassphrase(ctx: CommandContext, confirm = false): Promise<Secret> {
  const first = await getSecret(ctx, 'passphrase-stdin', 'Store passphrase');
  if (!confirm || ctx.values['passphrase-stdin'] === true) return first;
  const again = await promptSecret('Repeat the passphrase', ctx);
  const same = first.use((a) => again.use((b) => a.equals(b)));
  again.dispose();
  if (!same) {
    first.dispose();
    throw new UsageError('the passphrases differ');
  }
  return first;
}

/**
 * The passphrase and a card secret. Both on stdin: two lines, passphrase first. One on stdin:
 * the other is prompted for on the terminal (which a pipe cannot do: use both flags then).
 */
export async function passphraseAndCardSecret(
  ctx: CommandContext,
  cardFlag: string,
  cardPrompt: string,
): Promise<{ passphrase: Secret; card: Secret }> {
  const passOnStdin = ctx.values['passphrase-stdin'] === true;
  const cardOnStdin = ctx.values[cardFlag] === true;
  if (passOnStdin && cardOnStdin) {
    const [passphrase, card] = await readSecretLinesFromStdin(ctx.stdin, 2);
    return { passphrase: passphrase!, card: card! };
  }
  const passphrase = await storePassphrase(ctx);
  try {
    return { passphrase, card: await getSecret(ctx, cardFlag, cardPrompt) };
  } catch (e) {
    passphrase.dispose();
    throw e;
  }
}

/**
 * Opens the mode's service from --db with the passphrase (disposed once used), runs `fn` and
 * always closes the service; the mode's `mapError` turns its errors and the store's into exits.
 */
export async function withModeService<S extends { close(): Promise<void> }, T>(
  ctx: CommandContext,
  passphrase: Secret | Promise<Secret>,
  open: (db: string, passphrase: Secret) => Promise<S>,
  mapError: (e: unknown) => never,
  fn: (svc: S) => Promise<T> | T,
): Promise<T> {
  const db = requireString(ctx, 'db');
  const secret = await passphrase;
  let svc: S;
  try {
    svc = await open(db, secret);
  } catch (e) {
    mapError(e);
  } finally {
    secret.dispose();
  }
  try {
    return await fn(svc);
  } catch (e) {
    mapError(e);
  } finally {
    await svc.close();
  }
}

/** A JSON file named by an option (a column map, a stations list), validated; a usage error otherwise. */
export function readJsonFile<T>(path: string, schema: z.ZodType<T>, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(`${what} ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
