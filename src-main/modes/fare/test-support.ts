/**
 * Helpers for fare tests and the benchmark: the example programme, quick terminal set-up (a city
 * hall and vehicles of one group), card holders of chosen ages, and a city key pair.
 */
import { join } from 'node:path';
import { Secret } from '../../card/secret.ts';
import { EXAMPLE_PROGRAM, parseProgram, type Program } from './program.ts';
import { FareService, type CardHolder } from './service.ts';

export const PASSPHRASE = 'my-taku unchin 2026';
export const GROUP_SALT = 'fa4efa4efa4efa4efa4efa4efa4efa4e';
export const PROGRAM: Program = parseProgram(EXAMPLE_PROGRAM);
export const MAEBASHI = '群馬県前橋市大手町２丁目１２－１';

export function secret(s = PASSPHRASE): Secret {
  return Secret.fromString(s);
}

/** A resident of 前橋市 born on `birthDate`. */
export function holder(name: string, birthDate: string, address = MAEBASHI): CardHolder {
  return { name, birthDate, address };
}

/** A clock the test moves by hand. */
export function clock(iso: string): { now: () => number; set(iso: string): void; add(ms: number): void } {
  let t = Date.parse(iso);
  return {
    now: () => t,
    set: (s) => {
      t = Date.parse(s);
    },
    add: (ms) => {
      t += ms;
    },
  };
}

export function initFare(
  dir: string,
  terminalId: string,
  opts: { vehicle?: string; now?: () => number; program?: Program } = {},
): Promise<FareService> {
  return FareService.init(
    join(dir, `${terminalId}.db`),
    secret(),
    {
      program: opts.program ?? PROGRAM,
      terminalId,
      groupSalt: GROUP_SALT,
      ...(opts.vehicle ? { vehicle: opts.vehicle } : {}),
    },
    opts.now ? { now: opts.now } : {},
  );
}

/** A hex serial like the card's (auth certificate serials are 4–8 bytes here). */
export function serialOf(n: number): string {
  return (0x10000000 + n).toString(16).toUpperCase();
}
