/**
 * `kakanai fare …`: the fare-subsidy programme (高齢者タクシー補助 / バス割引).
 *
 * The programme: `example-program` (前橋 マイタク's rules, documented), `check-program`.
 * City hall: `init`, `register` (reads the card with 照合番号B or the PIN, decides and explains
 * eligibility, stores what rides need), `block`, `keygen`, `export-registry`.
 * A vehicle: `init --vehicle`, `import-registry`, `tap` (the decision only), `ride`, `export-rides`.
 * The office: `settle` (merges ride files, statements as CSV and PDF), `stats`; and the shared
 * terminal commands (`export | merge | status | conflicts | peers | serve-sync`).
 *
 * Exit codes: 2 usage or a broken programme, 5 wrong passphrase or card secret, 10 a ride refused
 * ({reason} in JSON), 11 not eligible / card not registered / blocked, 12 registry refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Secret } from '../../card/secret.ts';
import { FareError } from '../../modes/fare/errors.ts';
import { BLOCK_REASONS, type BlockReason } from '../../modes/fare/events.ts';
import { EXAMPLE_PROGRAM, parseProgram, ProgramError, type Program } from '../../modes/fare/program.ts';
import { newCityKeyPair } from '../../modes/fare/registry-file.ts';
import { settlementCsv, settlementPdf } from '../../modes/fare/reports.ts';
import { FareService, type Registration, type RideResult } from '../../modes/fare/service.ts';
import { StoreError } from '../../store/errors.ts';
import { toJstIso } from '../../util/csv-out.ts';
import { loginName } from '../../util/login-name.ts';
import { CARD_OPTIONS, confirmLastTry, withCard } from '../card-context.ts';
import {
  CommandError,
  EXIT,
  optString,
  requireString,
  UsageError,
  type Command,
  type CommandContext,
} from '../command.ts';
import {
  DB_OPTIONS,
  passphraseAndCardSecret,
  storeErrorToCommand,
  storePassphrase,
  withModeService,
} from '../mode-store.ts';
import { terminalCommands, type TerminalCli } from '../terminal-commands.ts';

export const FARE_EXIT = { REFUSED: 10, NOT_ELIGIBLE: 11, REGISTRY_REFUSED: 12 } as const;

function mapError(e: unknown): never {
  if (e instanceof StoreError) throw storeErrorToCommand(e);
  if (e instanceof ProgramError)
    throw new CommandError('BAD_PROGRAM', e.message, EXIT.USAGE, { problems: e.problems });
  if (e instanceof FareError) {
    const exit =
      e.code === 'BAD_INPUT' || e.code === 'NO_VEHICLE'
        ? EXIT.USAGE
        : e.code === 'REGISTRY_REFUSED'
          ? FARE_EXIT.REGISTRY_REFUSED
          : e.code === 'NOT_ELIGIBLE' || e.code === 'NOT_FOUND' || e.code === 'CARD_BLOCKED'
            ? FARE_EXIT.NOT_ELIGIBLE
            : EXIT.FAILURE;
    throw new CommandError(e.code, e.message, exit, { messageJa: e.messageJa, ...e.details });
  }
  throw e;
}

const open = (db: string, s: Secret) => FareService.open(db, s);

function withService<T>(
  ctx: CommandContext,
  fn: (svc: FareService) => Promise<T> | T,
  passphrase: Secret | Promise<Secret> = storePassphrase(ctx),
): Promise<T> {
  return withModeService(ctx, passphrase, open, mapError, fn);
}

function readProgramFile(file: string): Program {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${file} as JSON: ${(e as Error).message}`);
  }
  try {
    return parseProgram(raw);
  } catch (e) {
    mapError(e);
  }
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
}

function list(ctx: CommandContext, name: string): string[] {
  return ((ctx.values[name] as string[] | undefined) ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

// ── the programme ─────────────────────────────────────────────────────────────────────────────

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
    const p = readProgramFile(file);
    return Promise.resolve({ json: { valid: true, program: p }, human: `${file}: valid (${p.name})` });
  },
};

// ── set-up ────────────────────────────────────────────────────────────────────────────────────

const init: Command = {
  path: ['fare', 'init'],
  summary: 'set up a terminal: city hall / office, or a vehicle (--vehicle, --operator)',
  usage:
    'kakanai fare init --db F --program FILE.json --terminal ID [--vehicle V [--operator O]] [--group NAME]\n' +
    '    [--group-salt CODE] [--passphrase-stdin] [--json]\n' +
    'City hall and every vehicle of a programme share --group (default "fare"), the passphrase and the first\n' +
    "terminal's set-up code (--group-salt), so the office can read the vehicles' ride files. A vehicle's operator\n" +
    'is found in the programme unless given.',
  options: {
    ...DB_OPTIONS,
    program: { type: 'string' },
    terminal: { type: 'string' },
    vehicle: { type: 'string' },
    operator: { type: 'string' },
    group: { type: 'string' },
    'group-salt': { type: 'string' },
  },
  async run(ctx) {
    const program = readProgramFile(requireString(ctx, 'program'));
    const salt = optString(ctx, 'group-salt')?.trim().toLowerCase();
    const opts = {
      program,
      terminalId: requireString(ctx, 'terminal'),
      ...(optString(ctx, 'vehicle') ? { vehicle: optString(ctx, 'vehicle')! } : {}),
      ...(optString(ctx, 'operator') ? { operatorId: optString(ctx, 'operator')! } : {}),
      ...(optString(ctx, 'group') ? { group: optString(ctx, 'group')! } : {}),
      ...(salt ? { groupSalt: salt } : {}),
    };
    const db = requireString(ctx, 'db');
    const secret = await storePassphrase(ctx, true);
    let svc: FareService;
    try {
      svc = await FareService.init(db, secret, opts);
    } catch (e) {
      mapError(e);
    } finally {
      secret.dispose();
    }
    const config = svc.config();
    const json = { config, groupSalt: svc.store.groupSalt };
    await svc.close();
    return {
      json,
      human: [
        `${config.programName}: ${config.role === 'vehicle' ? `vehicle ${config.vehicle} (${config.operatorName ?? config.operatorId})` : 'city hall / office'}, terminal ${config.terminalId}`,
        `set-up code for the other terminals (--group-salt): ${json.groupSalt}`,
      ].join('\n'),
    };
  },
};

// ── city hall ─────────────────────────────────────────────────────────────────────────────────

function registrationLines(r: Registration): string {
  const rule =
    r.eligibility.rule.kind === 'age'
      ? `${r.eligibility.rule.minAge}歳以上（${r.eligibility.since}から）`
      : `${r.eligibility.rule.label}${r.eligibility.rule.minAge !== undefined ? `・${r.eligibility.rule.minAge}歳以上` : ''}`;
  return [
    `✔ 登録しました: カード ${r.serial}`,
    `  対象となる理由: ${rule}`,
    `  有効期間: ${r.validFrom} 〜 ${r.validTo}`,
    ...(r.earlierCards.length
      ? [
          `  以前のカード ${r.earlierCards.join(', ')} の利用履歴を引き継ぎました（今年度 ${r.ridesThisYear}回）`,
        ]
      : []),
  ].join('\n');
}

const register: Command = {
  path: ['fare', 'register'],
  summary:
    'register the card on the reader: eligibility decided and explained, then what rides need is stored',
  usage:
    'kakanai fare register --db F (--bno-stdin | --pin-stdin) [--category C …] [--replaces SERIAL] [--check]\n' +
    '    [--operator NAME] [--passphrase-stdin] [card options] [--json]\n' +
    "Ask the holder's consent first. Stored: the tap serial, birth date, categories, rule and validity (never the\n" +
    "name or address). A renewed card finds the holder's history by name and birth date; after a name change give\n" +
    '--replaces OLD_SERIAL. --check only decides and explains. Exit 11 when not eligible (reason and from when).',
  options: {
    ...DB_OPTIONS,
    ...CARD_OPTIONS,
    'bno-stdin': { type: 'boolean', default: false },
    'pin-stdin': { type: 'boolean', default: false },
    category: { type: 'string', multiple: true },
    replaces: { type: 'string' },
    check: { type: 'boolean', default: false },
    operator: { type: 'string' },
  },
  async run(ctx) {
    const bno = ctx.values['bno-stdin'] === true;
    if (bno === (ctx.values['pin-stdin'] === true))
      throw new UsageError('give exactly one of --bno-stdin or --pin-stdin');
    const flag = bno ? 'bno-stdin' : 'pin-stdin';
    const secrets = await passphraseAndCardSecret(ctx, flag, bno ? '照合番号B' : 'PIN');
    const opts = { confirmLastTry: confirmLastTry(ctx) };
    // The card is read while the store opens; it is released before anything is written.
    const read = withCard(ctx, async (card) => {
      const info = bno
        ? await card.readWithBno(secrets.card, opts)
        : await card.readWithPin(secrets.card, opts);
      return { info, cert: await card.tap() };
    }).finally(() => secrets.card.dispose());
    read.catch(() => undefined);
    return withService(
      ctx,
      async (svc) => {
        const { info, cert } = await read;
        const categories = list(ctx, 'category');
        if (ctx.values.check === true) {
          const eligibility = svc.check(info, categories);
          return {
            json: { eligibility },
            human: eligibility.eligible
              ? `対象です（${eligibility.rule.kind === 'age' ? `${eligibility.rule.minAge}歳以上` : eligibility.rule.label}、${eligibility.since}から）`
              : `対象外です: ${eligibility.reason}${eligibility.from ? `（${eligibility.from}から対象）` : ''}`,
            ...(eligibility.eligible ? {} : { exitCode: FARE_EXIT.NOT_ELIGIBLE }),
          };
        }
        const r = svc.register(info, cert, {
          categories,
          operator: optString(ctx, 'operator') || loginName('unknown'),
          ...(optString(ctx, 'replaces') ? { replaces: optString(ctx, 'replaces')! } : {}),
        });
        return { json: r, human: registrationLines(r) };
      },
      secrets.passphrase,
    );
  },
};

const block: Command = {
  path: ['fare', 'block'],
  summary: 'block a lost or stolen card (every vehicle refuses it once it has the new registry)',
  usage: `kakanai fare block --db F --serial S [--reason ${BLOCK_REASONS.join('|')}] [--operator NAME] [--passphrase-stdin] [--json]`,
  options: {
    ...DB_OPTIONS,
    serial: { type: 'string' },
    reason: { type: 'string' },
    operator: { type: 'string' },
  },
  run(ctx) {
    const reason = (optString(ctx, 'reason') ?? 'lost') as BlockReason;
    if (!BLOCK_REASONS.includes(reason))
      throw new UsageError(`--reason must be one of ${BLOCK_REASONS.join(', ')}`);
    const serial = requireString(ctx, 'serial');
    return withService(ctx, (svc) => {
      const r = svc.block(serial, reason, optString(ctx, 'operator') || loginName('unknown'));
      return {
        json: r,
        human: `${r.alreadyBlocked ? 'already blocked' : 'blocked'}: ${r.serial} (${r.reason}, ${toJstIso(r.at)}) — export the registry to the vehicles`,
      };
    });
  },
};

const keygen: Command = {
  path: ['fare', 'keygen'],
  summary: "the city's registry signing key (Ed25519): FILE (private, 0600) and FILE.pub for the vehicles",
  usage: 'kakanai fare keygen --out CITY.key [--json]  (writes CITY.key and CITY.pub; never overwrites)',
  options: { out: { type: 'string' } },
  run(ctx) {
    const out = requireString(ctx, 'out');
    const pub = out.endsWith('.key') ? `${out.slice(0, -4)}.pub` : `${out}.pub`;
    const k = newCityKeyPair();
    try {
      writeFileSync(out, k.privatePem, { mode: 0o600, flag: 'wx' });
      writeFileSync(pub, k.publicPem, { mode: 0o644, flag: 'wx' });
    } catch (e) {
      throw new UsageError(`cannot write the key: ${(e as Error).message}`);
    }
    return Promise.resolve({
      json: { privateKey: out, publicKey: pub, keyId: k.keyId },
      human: `wrote ${out} (keep it at city hall) and ${pub} (configure it on each vehicle); key id ${k.keyId}`,
    });
  },
};

const exportRegistry: Command = {
  path: ['fare', 'export-registry'],
  summary: 'the signed registry for the vehicles (registrations, blocks, rides known this year)',
  usage: 'kakanai fare export-registry --db F --out FILE --key-file CITY.key [--passphrase-stdin] [--json]',
  options: { ...DB_OPTIONS, out: { type: 'string' }, 'key-file': { type: 'string' } },
  run(ctx) {
    const out = requireString(ctx, 'out');
    const key = readText(requireString(ctx, 'key-file'), 'the key file');
    return withService(ctx, (svc) => {
      const r = svc.exportRegistry(out, key);
      return {
        json: r,
        human: `wrote ${out}: ${r.holders} holders, ${r.cards} cards, issued ${toJstIso(r.issuedAt)}`,
      };
    });
  },
};

// ── the vehicle ───────────────────────────────────────────────────────────────────────────────

const importRegistry: Command = {
  path: ['fare', 'import-registry'],
  summary:
    "replace this vehicle's registry with a newer signed one (refused: bad signature, other key, older)",
  usage:
    'kakanai fare import-registry --db F --in FILE --public-key CITY.pub [--other-program] [--passphrase-stdin] [--json]\n' +
    "--other-program: another programme's registry (only its card serials are kept, so its passengers hear\n" +
    '"another programme" instead of "not registered"). Exit 12 when refused.',
  options: {
    ...DB_OPTIONS,
    in: { type: 'string' },
    'public-key': { type: 'string' },
    'other-program': { type: 'boolean', default: false },
  },
  run(ctx) {
    const file = requireString(ctx, 'in');
    const key = readText(requireString(ctx, 'public-key'), 'the public key');
    return withService(ctx, (svc) => {
      const r = svc.importRegistry(file, key, { otherProgram: ctx.values['other-program'] === true });
      return {
        json: r,
        human: `registry of ${r.programId} issued ${toJstIso(r.issuedAt)}: ${r.holders} holders, ${r.cards} cards`,
      };
    });
  },
};

const REFUSAL_JA: Record<string, string> = {
  NOT_REGISTERED: '登録されていないカードです',
  OTHER_PROGRAM: '別の制度のカードです',
  BLOCKED: '利用停止のカードです',
  NOT_YET_VALID: 'まだ利用できません',
  EXPIRED: '有効期間が過ぎています',
  DAILY_CAP: '本日の利用回数の上限です',
  YEARLY_CAP: '今年度の利用回数の上限です',
  REPEAT_NEEDS_CONFIRMATION: '1分以内に同じカードで乗車があります（--confirm-repeat で記録）',
};

function left(today: number | null, year: number | null): string {
  return `本日あと${today ?? '∞'}回・今年度あと${year ?? '∞'}回`;
}

/** Taps the card on the reader (no PIN: the auth certificate's serial) while the store opens. */
function tapSerial(ctx: CommandContext): Promise<string> {
  const serial = withCard(ctx, async (card) => (await card.tap()).serial);
  serial.catch(() => undefined);
  return serial;
}

const VEHICLE_OPTIONS = {
  ...DB_OPTIONS,
  ...CARD_OPTIONS,
  vehicle: { type: 'string' },
  at: { type: 'string' },
} as const;

function atOption(ctx: CommandContext): number | undefined {
  const at = optString(ctx, 'at');
  if (at === undefined) return undefined;
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new UsageError(`--at is an ISO time (2026-12-07T09:30+09:00): ${at}`);
  return ms;
}

const tap: Command = {
  path: ['fare', 'tap'],
  summary: 'tap the card: green (rides left) or red (why) — nothing is recorded',
  usage:
    'kakanai fare tap --db F [--vehicle V] [--at ISO-TIME] [--passphrase-stdin] [card options] [--json]  (exit 10 red)',
  options: VEHICLE_OPTIONS,
  run(ctx) {
    const at = atOption(ctx);
    const serial = tapSerial(ctx);
    return withService(ctx, async (svc) => {
      const d = svc.decide(await serial, at, optString(ctx, 'vehicle'));
      return d.ok
        ? {
            json: { serial: await serial, ...d },
            human: `🟢 ご利用になれます（この乗車のあと ${left(d.leftToday, d.leftThisYear)}）`,
          }
        : {
            json: { serial: await serial, ...d },
            human: `🔴 ${REFUSAL_JA[d.reason]}`,
            exitCode: FARE_EXIT.REFUSED,
          };
    });
  },
};

function rideLines(r: RideResult): string {
  if (!r.recorded) return `🔴 ${REFUSAL_JA[r.reason]}${r.detail ? `（${r.detail}）` : ''}`;
  const { ride, decision } = r;
  return [
    `🟢 記録しました ${ride.rideId}`,
    `  運賃 ${ride.fareYen}円・補助 ${ride.subsidyYen}円・お支払い ${ride.payYen}円`,
    `  ${left(decision.leftToday, decision.leftThisYear)}`,
  ].join('\n');
}

const ride: Command = {
  path: ['fare', 'ride'],
  summary: 'tap the card and record a ride with the metered fare (exit 10 refused, with {reason})',
  usage:
    'kakanai fare ride --db F --fare YEN [--vehicle V] [--at ISO-TIME] [--confirm-repeat] [--place TEXT]\n' +
    '    [--passphrase-stdin] [card options] [--json]\n' +
    'The same card within a minute on this vehicle is refused (REPEAT_NEEDS_CONFIRMATION) unless --confirm-repeat.',
  options: {
    ...VEHICLE_OPTIONS,
    fare: { type: 'string' },
    'confirm-repeat': { type: 'boolean', default: false },
    place: { type: 'string' },
  },
  run(ctx) {
    const fareText = requireString(ctx, 'fare');
    if (!/^\d{1,8}$/.test(fareText)) throw new UsageError(`--fare is whole yen: ${fareText}`);
    const at = atOption(ctx);
    const serial = tapSerial(ctx);
    return withService(ctx, async (svc) => {
      const r = svc.ride({
        serial: await serial,
        fareYen: Number(fareText),
        ...(optString(ctx, 'vehicle') ? { vehicle: optString(ctx, 'vehicle')! } : {}),
        ...(at !== undefined ? { at } : {}),
        ...(ctx.values['confirm-repeat'] === true ? { confirmRepeat: true } : {}),
        ...(optString(ctx, 'place') ? { place: optString(ctx, 'place')! } : {}),
      });
      return { json: r, human: rideLines(r), ...(r.recorded ? {} : { exitCode: FARE_EXIT.REFUSED }) };
    });
  },
};

const exportRides: Command = {
  path: ['fare', 'export-rides'],
  summary: "this vehicle's rides as an encrypted file for the office (the whole log: merging is idempotent)",
  usage: 'kakanai fare export-rides --db F --out FILE [--passphrase-stdin] [--json]',
  options: { ...DB_OPTIONS, out: { type: 'string' } },
  run(ctx) {
    const out = requireString(ctx, 'out');
    return withService(ctx, (svc) => {
      const r = svc.exportRides(out);
      return { json: r, human: `wrote ${out}` };
    });
  },
};

// ── the office ────────────────────────────────────────────────────────────────────────────────

const settle: Command = {
  path: ['fare', 'settle'],
  summary:
    "merge vehicles' ride files and settle a month: each operator's statement (CSV, PDF), flagged rides",
  usage:
    'kakanai fare settle --db F [--in FILE …] --month YYYY-MM [--pdf FILE] [--csv FILE] [--passphrase-stdin] [--json]\n' +
    'The same file twice changes nothing. Flagged (kept in the totals, counted apart): TWO_VEHICLES, AFTER_BLOCK,\n' +
    'OVER_CAP, REPEAT.',
  options: {
    ...DB_OPTIONS,
    in: { type: 'string', multiple: true },
    month: { type: 'string' },
    pdf: { type: 'string' },
    csv: { type: 'string' },
  },
  run(ctx) {
    const month = requireString(ctx, 'month');
    const inputs = list(ctx, 'in');
    return withService(ctx, async (svc) => {
      const merged = inputs.length > 0 ? svc.mergeFiles(inputs) : [];
      const s = svc.settle(month);
      const pdf = optString(ctx, 'pdf');
      const csv = optString(ctx, 'csv');
      if (csv) writeFileSync(csv, settlementCsv(s), { mode: 0o600 });
      if (pdf) writeFileSync(pdf, await settlementPdf(s, svc.program.name, Date.now()), { mode: 0o600 });
      return {
        json: {
          merged: merged.map((m) => ({ from: m.from, added: m.added, duplicates: m.duplicates })),
          ...s,
        },
        human: [
          ...merged.map((m) => `merged ${m.from}: ${m.added} new, ${m.duplicates} already known`),
          `${s.month}: ${s.city.rides} rides, fares ${s.city.fareYen}円, subsidies ${s.city.subsidyYen}円, ${s.city.flaggedRides} flagged`,
          ...s.statements.map(
            (st) =>
              `  ${st.operatorName}: ${st.rides} rides, subsidy ${st.subsidyYen}円 (flagged ${st.flaggedRides})`,
          ),
          ...s.flags.map((f) => `  ⚑ ${f.kind} ${f.rideId} ${f.vehicle} ${toJstIso(f.at)} ${f.detail}`),
          ...(csv ? [`wrote ${csv}`] : []),
          ...(pdf ? [`wrote ${pdf}`] : []),
        ].join('\n'),
      };
    });
  },
};

const stats: Command = {
  path: ['fare', 'stats'],
  summary: 'rides by hour, age band, operator and category',
  usage: 'kakanai fare stats --db F [--passphrase-stdin] [--json]',
  options: DB_OPTIONS,
  run(ctx) {
    return withService(ctx, (svc) => {
      const s = svc.stats();
      const line = (title: string, b: Array<{ key: string; rides: number }>) =>
        `${title}: ${b.map((x) => `${x.key} ${x.rides}`).join(', ') || '-'}`;
      return {
        json: s,
        human: [
          `holders ${s.holders}, cards ${s.cards} (blocked ${s.blocked}), rides ${s.rides}, subsidies ${s.subsidyYen}円`,
          line('by hour', s.byHour),
          line('by age', s.byAgeBand),
          line('by operator', s.byOperator),
          line('by category', s.byCategory),
        ].join('\n'),
      };
    });
  },
};

const fareTerminal: TerminalCli<FareService> = {
  mode: 'fare',
  dbOptions: DB_OPTIONS,
  withService: (ctx, fn) => withService(ctx, fn),
  terminal: (svc) => svc.terminal,
  status(svc) {
    const c = svc.config();
    return {
      json: { config: c },
      human: [
        `${c.programName}: ${c.role === 'vehicle' ? `vehicle ${c.vehicle} (${c.operatorName ?? c.operatorId})` : 'city hall / office'}, terminal ${c.terminalId}, group ${c.groupId}`,
        c.registry
          ? `registry of ${toJstIso(c.registry.issuedAt)}: ${c.registry.cards} cards`
          : 'no imported registry',
      ],
    };
  },
  conflictsSummary: 'events from other terminals that did not validate, and forks in the log',
  conflicts(svc) {
    const badEvents = svc.badEvents();
    const anomalies = svc.store.events.anomalies();
    return {
      json: { badEvents, store: anomalies },
      human:
        [
          ...badEvents.map((b) => `不正なイベント ${b.terminalId}:${b.seq} ${b.type}`),
          ...anomalies.map((a) => `${a.kind} ${a.terminalId}:${a.seq}`),
        ].join('\n') || 'no conflicts',
    };
  },
};

export const fareCommands: Command[] = [
  exampleProgram,
  checkProgram,
  init,
  register,
  block,
  keygen,
  exportRegistry,
  importRegistry,
  tap,
  ride,
  exportRides,
  settle,
  stats,
  ...terminalCommands(fareTerminal),
];
