/**
 * `kakanai` entry point: finds the subcommand, parses its options, runs it, prints one JSON
 * object (--json) or human text, and maps errors to documented exit codes.
 */
import { jsonTerminalSafe, terminalSafe } from '../util/terminal-text.ts';
import {
  EXIT,
  errorToExit,
  parseCommandArgs,
  UsageError,
  type Command,
  type CommandContext,
} from './command.ts';
import { COMMANDS } from './registry.ts';

function helpText(): string {
  const lines = ['kakanai — 書かない窓口キオスク command line', '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  kakanai ${c.path.join(' ').padEnd(22)} ${c.summary}`);
  lines.push(
    '',
    'Every command takes --json (one JSON object on stdout) and --help.',
    'Secrets (PIN, 照合番号B, password) are read from a terminal prompt or from stdin',
    '(--pin-stdin, --bno-stdin, --password-stdin), never from arguments.',
    '',
    'Exit codes: 0 ok, 2 usage, 3 no reader/no card, 4 not a My Number card, 5 wrong secret,',
    '6 blocked or last try unconfirmed, 7 card removed or I/O, 10 already voted.',
  );
  return lines.join('\n');
}

function findCommand(argv: string[]): { cmd: Command; rest: string[] } | undefined {
  let best: { cmd: Command; rest: string[] } | undefined;
  for (const cmd of COMMANDS) {
    const n = cmd.path.length;
    if (argv.length >= n && cmd.path.every((w, i) => argv[i] === w)) {
      if (!best || n > best.cmd.path.length) best = { cmd, rest: argv.slice(n) };
    }
  }
  return best;
}

export interface MainIo {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export async function main(argv: string[], io: MainIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const stdin = io.stdin ?? process.stdin;
  const wantsJson = argv.includes('--json');

  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    stdout.write(helpText() + '\n');
    return argv.length === 0 ? EXIT.USAGE : EXIT.OK;
  }
  const found = findCommand(argv);
  try {
    if (!found) throw new UsageError(`unknown command: ${argv.filter((a) => !a.startsWith('-')).join(' ')}`);
    const { cmd, rest } = found;
    const parsed = parseCommandArgs(cmd, rest);
    if (parsed.values.help) {
      stdout.write(`${cmd.usage}\n`);
      return EXIT.OK;
    }
    const ctx: CommandContext = {
      values: parsed.values,
      positionals: parsed.positionals,
      json: parsed.values.json === true,
      stdout,
      stderr,
      stdin,
    };
    const result = await cmd.run(ctx);
    if (ctx.json) stdout.write(jsonTerminalSafe(JSON.stringify(result.json)) + '\n');
    else stdout.write(terminalSafe(result.human ?? JSON.stringify(result.json, null, 2)) + '\n');
    return result.exitCode ?? EXIT.OK;
  } catch (e) {
    const { exitCode, error } = errorToExit(e);
    if (wantsJson) stdout.write(jsonTerminalSafe(JSON.stringify({ error })) + '\n');
    else {
      const ja = typeof error.messageJa === 'string' ? `\n${error.messageJa}` : '';
      stderr.write(terminalSafe(`kakanai: ${String(error.message)}${ja}`) + '\n');
      if (exitCode === EXIT.USAGE && found) stderr.write(`${found.cmd.usage}\n`);
    }
    if (exitCode === EXIT.FAILURE && process.env.KAKANAI_DEBUG) stderr.write(`${(e as Error).stack}\n`);
    return exitCode;
  }
}
