/**
 * `kakanai fare …`: the fare-subsidy programme as data. `example-program` prints 前橋 マイタク's rules
 * as a programme to start from (JSON on stdout, its explanation on stderr); `check-program`
 * validates one and names the path and reason of every problem. The vehicle terminal, registration
 * and settlement commands come with the fare mode (issue #15).
 */
import { readFileSync } from 'node:fs';
import { EXAMPLE_PROGRAM, parseProgram, ProgramError } from '../../modes/fare/program.ts';
import { CommandError, EXIT, requireString, UsageError, type Command } from '../command.ts';

const EXPLANATION = [
  'A fare-subsidy programme (edit and check it with `kakanai fare check-program --program FILE`):',
  '  municipality   code and name as a resident address on the card begins ("群馬県前橋市"): residency',
  '  eligibility    minAge (reached the day before the birthday), and categories a clerk registers,',
  '                 each with its own minAge, ride value or caps if they differ',
  '  value          share (0.5 = half) with capYen per ride, fixed yen, or free',
  '  caps           perDay, perYear (the year starts in yearStartsMonth: 4 = April)',
  '  valid          from / to (ISO dates); operators with their vehicles',
].join('\n');

const exampleProgram: Command = {
  path: ['fare', 'example-program'],
  summary: "print a documented programme with 前橋 マイタク's rules (JSON), to start from",
  usage: 'kakanai fare example-program [--json]  (the JSON on stdout, what each field means on stderr)',
  options: {},
  run(ctx) {
    if (!ctx.json) ctx.stderr.write(`${EXPLANATION}\n`);
    return Promise.resolve({ json: EXAMPLE_PROGRAM, human: JSON.stringify(EXAMPLE_PROGRAM, null, 2) });
  },
};

const checkProgram: Command = {
  path: ['fare', 'check-program'],
  summary: 'validate a programme file: every problem with its path and reason (exit 2)',
  usage: 'kakanai fare check-program --program FILE.json [--json]',
  options: { program: { type: 'string' } },
  run(ctx) {
    const file = requireString(ctx, 'program');
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`cannot read ${file} as JSON: ${(e as Error).message}`);
    }
    try {
      const p = parseProgram(raw);
      return Promise.resolve({ json: { valid: true, program: p }, human: `${file}: valid (${p.name})` });
    } catch (e) {
      if (!(e instanceof ProgramError)) throw e;
      throw new CommandError('BAD_PROGRAM', e.message, EXIT.USAGE, { problems: e.problems });
    }
  },
};

export const fareCommands: Command[] = [exampleProgram, checkProgram];
