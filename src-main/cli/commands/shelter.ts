/**
 * `kakanai shelter …`: set up a shelter laptop, load the resident list, check people in and out
 * (by card, tap, name or id), register people by hand, record needs and consent, answer safety
 * inquiries, print the roster and the figures, and exchange events with other shelters and the
 * HQ — scriptable, and every behaviour testable without the entrance screen.
 *
 * Every command takes --db FILE and the store passphrase (--passphrase-stdin or a prompt). With a
 * card secret on stdin too, the passphrase is line 1 and the PIN or 照合番号B line 2.
 * Exit codes: 2 usage, 5 wrong passphrase (or card secret), 11 not found / card never linked,
 * 12 nothing to do (everyone chosen is already in that state), 13 several people match.
 */
import { writeFileSync } from 'node:fs';
import type { Secret } from '../../card/secret.ts';
import { EVACUEE_CARD_FORM } from '../../modes/shelter/evacuee-card.ts';
import { NEED_LABELS, NEEDS, SHELTER_KINDS, type ShelterKind } from '../../modes/shelter/events.ts';
import { ShelterError, type ShelterErrorCode } from '../../modes/shelter/errors.ts';
import { ResidentMapSchema } from '../../modes/shelter/resident-import.ts';
import {
  ShelterService,
  type FindResult,
  type HouseholdView,
  type MoveKind,
  type MoveResult,
  type PersonView,
} from '../../modes/shelter/service.ts';
import { StoreError } from '../../store/errors.ts';
import { loginName } from '../../util/login-name.ts';
import { CARD_OPTIONS, confirmLastTry, withCard } from '../card-context.ts';
import {
  CommandError,
  EXIT,
  UsageError,
  csvList,
  optNumber,
  optString,
  requireString,
  type Command,
  type CommandContext,
  type CommandResult,
} from '../command.ts';
import {
  DB_OPTIONS,
  passphraseAndCardSecret,
  readJsonFile,
  storeErrorToCommand,
  storePassphrase,
  withModeService,
} from '../mode-store.ts';
import { terminalCommands, type TerminalCli } from '../terminal-commands.ts';

export const SHELTER_EXIT = { NOT_FOUND: 11, NOTHING_TO_DO: 12, AMBIGUOUS: 13 } as const;

const USAGE_CODES: readonly ShelterErrorCode[] = ['BAD_INPUT', 'BAD_MAP'];

function mapError(e: unknown): never {
  if (e instanceof StoreError) throw storeErrorToCommand(e);
  if (e instanceof ShelterError) {
    const exit =
      e.code === 'NOT_FOUND' || e.code === 'CARD_NOT_LINKED'
        ? SHELTER_EXIT.NOT_FOUND
        : e.code === 'AMBIGUOUS'
          ? SHELTER_EXIT.AMBIGUOUS
          : USAGE_CODES.includes(e.code)
            ? EXIT.USAGE
            : EXIT.FAILURE;
    throw new CommandError(e.code, e.message, exit, { messageJa: e.messageJa, ...e.details });
  }
  throw e;
}

const open = (db: string, s: Secret) => ShelterService.open(db, s);

function withService<T>(
  ctx: CommandContext,
  fn: (svc: ShelterService) => Promise<T> | T,
  passphrase: Secret | Promise<Secret> = storePassphrase(ctx),
): Promise<T> {
  return withModeService(ctx, passphrase, open, mapError, fn);
}

function operator(ctx: CommandContext): string {
  const given = optString(ctx, 'operator');
  return given || loginName('unknown');
}

// ── human renderings ─────────────────────────────────────────────────────────────────────────

const STATE_JA = { here: '在所', out: '外出中', left: '退所', none: '未受付' } as const;
const CONSENT_JA = { yes: '同意', no: '不同意', 'not-asked': '未確認' } as const;

function personLine(p: PersonView): string {
  const needs = p.needs.map((n) => NEED_LABELS[n]).join('・');
  const elsewhere = p.stays.filter((s) => !s.current && s.state !== 'left');
  return (
    `[${STATE_JA[p.state]}] ${p.name}（${p.kana || '—'}）${p.birthDate} ${p.age}歳 ${p.relation || ''} id=${p.personId}` +
    (needs ? ` 配慮: ${needs}` : '') +
    ` 安否: ${CONSENT_JA[p.consent]}` +
    (p.cardLinked ? ' カード登録済' : '') +
    elsewhere.map((s) => `\n    ※ ${s.shelterName}: ${STATE_JA[s.state]}`).join('')
  );
}

function householdLines(h: HouseholdView): string {
  return [
    `世帯 ${h.householdId}（${h.members.length}人）`,
    ...h.members.map((m) => `  ${personLine(m)}`),
  ].join('\n');
}

function moveLines(r: MoveResult): string[] {
  const word = { arrived: '入所', out: '外出', back: '戻り', left: '退所' } as const;
  return [
    ...r.moved.map((m) => `✔ ${word[m.move]}: ${m.name}`),
    ...r.skipped.map((s) => `— ${s.name}: ${s.reason}`),
  ];
}

// ── selecting people ─────────────────────────────────────────────────────────────────────────

const SELECT_OPTIONS = {
  person: { type: 'string', multiple: true },
  household: { type: 'string' },
  name: { type: 'string' },
  'birth-date': { type: 'string' },
  address: { type: 'string' },
  card: { type: 'boolean', default: false },
  'bno-stdin': { type: 'boolean', default: false },
  'pin-stdin': { type: 'boolean', default: false },
  'link-card': { type: 'boolean', default: false },
  tap: { type: 'boolean', default: false },
  only: { type: 'string', multiple: true },
  'with-household': { type: 'boolean', default: false },
  operator: { type: 'string' },
  ...CARD_OPTIONS,
} as const;

type Selector =
  | { by: 'person'; ids: string[] }
  | { by: 'household'; householdId: string }
  | { by: 'name'; name: string; birthDate: string; address?: string }
  | { by: 'card'; secret: 'bno' | 'pin'; link: boolean }
  | { by: 'tap' };

function listOption(ctx: CommandContext, name: string): string[] | undefined {
  const v = ctx.values[name];
  if (v === undefined) return undefined;
  const items = (Array.isArray(v) ? v : [v]).flatMap((x) => csvList(String(x)) ?? []);
  return items.length ? items : undefined;
}

function selector(ctx: CommandContext): Selector {
  const ids = listOption(ctx, 'person');
  const household = optString(ctx, 'household');
  const name = optString(ctx, 'name');
  const chosen = [
    ids,
    household,
    name,
    ctx.values.card === true || undefined,
    ctx.values.tap === true || undefined,
  ].filter((x) => x !== undefined);
  if (chosen.length !== 1)
    throw new UsageError(
      'choose the people with exactly one of --person, --household, --name --birth-date, --card or --tap',
    );
  if (ctx.values['link-card'] === true && ctx.values.card !== true)
    throw new UsageError('--link-card goes with --card');
  if (ids) return { by: 'person', ids };
  if (household) return { by: 'household', householdId: household };
  if (name !== undefined) {
    const address = optString(ctx, 'address');
    return { by: 'name', name, birthDate: requireString(ctx, 'birth-date'), ...(address ? { address } : {}) };
  }
  if (ctx.values.card === true) {
    const bno = ctx.values['bno-stdin'] === true;
    if (bno && ctx.values['pin-stdin'] === true)
      throw new UsageError('give either --bno-stdin or --pin-stdin');
    return { by: 'card', secret: bno ? 'bno' : 'pin', link: ctx.values['link-card'] === true };
  }
  return { by: 'tap' };
}

interface Found {
  person?: PersonView;
  household?: HouseholdView;
  people: PersonView[];
  card?: { linked: boolean; apdus?: number; ms?: number };
}

function fromFind(r: FindResult, what: string): { person: PersonView; household: HouseholdView } {
  if (r.match === 'none')
    throw new ShelterError('NOT_FOUND', `${what}: not on the resident list (register by hand)`);
  if (r.match === 'ambiguous')
    throw new ShelterError('AMBIGUOUS', `${what}: ${r.candidates.length} people match`, {
      candidates: r.candidates.map((c) => ({
        personId: c.personId,
        name: c.name,
        householdId: c.householdId,
        address: c.address,
      })),
    });
  return r;
}

/**
 * Runs a command on the chosen people. Card and tap read the card on the attached reader while
 * the store opens (both take a few hundred ms); the card is released before anything is written.
 */
async function withSelection(
  ctx: CommandContext,
  fn: (svc: ShelterService, found: Found) => CommandResult | Promise<CommandResult>,
): Promise<CommandResult> {
  const sel = selector(ctx);
  if (sel.by !== 'card' && sel.by !== 'tap') {
    return withService(ctx, (svc) => {
      if (sel.by === 'person') return fn(svc, { people: sel.ids.map((id) => svc.person(id)) });
      if (sel.by === 'household') {
        const household = svc.household(sel.householdId);
        return fn(svc, { household, people: household.members });
      }
      const r = fromFind(svc.findByCard(sel), 'name and birth date');
      return fn(svc, { ...r, people: [r.person] });
    });
  }
  if (sel.by === 'tap') {
    const started = performance.now();
    const tap = withCard(ctx, async (card) => ({ serial: (await card.tap()).serial, apdus: card.apduCount }));
    tap.catch(() => undefined); // awaited below; must not be an unhandled rejection meanwhile
    return withService(ctx, async (svc) => {
      const { serial, apdus } = await tap;
      const r = svc.findByCardSerial(serial);
      const ms = Math.round((performance.now() - started) * 10) / 10;
      return fn(svc, { ...r, people: [r.person], card: { linked: true, apdus, ms } });
    });
  }
  const flag = sel.secret === 'bno' ? 'bno-stdin' : 'pin-stdin';
  const prompt = sel.secret === 'bno' ? '照合番号B (14 digits)' : '暗証番号 PIN (4 digits)';
  const secrets = await passphraseAndCardSecret(ctx, flag, prompt);
  const read = withCard(ctx, async (card) => {
    const opts = { confirmLastTry: confirmLastTry(ctx) };
    const info =
      sel.secret === 'bno'
        ? await card.readWithBno(secrets.card, opts)
        : await card.readWithPin(secrets.card, opts);
    return { info, serial: sel.link ? await card.readAuthSerial() : undefined };
  }).finally(() => secrets.card.dispose());
  read.catch(() => undefined); // awaited below; must not be an unhandled rejection meanwhile
  return withService(
    ctx,
    async (svc) => {
      const { info, serial } = await read;
      const r = fromFind(svc.findByCard(info), 'the card holder');
      if (serial) svc.linkCard(r.person.personId, serial, operator(ctx));
      const after = serial
        ? { person: svc.person(r.person.personId), household: svc.household(r.household.householdId) }
        : r;
      return fn(svc, { ...after, people: [after.person], card: { linked: !!serial } });
    },
    secrets.passphrase,
  );
}

/** Who the movement is for: checkin takes the household; the others the person unless --with-household. */
function targets(ctx: CommandContext, found: Found, wholeHousehold: boolean): string[] {
  const only = listOption(ctx, 'only');
  const pool = found.household && (wholeHousehold || only) ? found.household.members : found.people;
  if (!only) return pool.map((p) => p.personId);
  const known = new Set(pool.map((p) => p.personId));
  const stranger = only.find((id) => !known.has(id));
  if (stranger) throw new UsageError(`--only ${stranger}: not in this household`);
  return only;
}

function moveCommand(word: string, kind: MoveKind, summary: string): Command {
  const household = kind === 'arrive';
  return {
    path: ['shelter', word],
    summary,
    usage:
      `kakanai shelter ${word} --db F (--person ID… | --household ID | --name N --birth-date D [--address A]\n` +
      `    | --card [--bno-stdin|--pin-stdin] [--link-card] | --tap) [--only ID,…] ${household ? '' : '[--with-household] '}` +
      `${kind === 'leave' ? '[--to PLACE] ' : ''}[--operator NAME]\n    [--passphrase-stdin] [--json] [--reader S] [--wait SEC]\n` +
      (household
        ? 'By card, tap or name the whole household is checked in (or --only some of them); with --link-card the\n' +
          'holder agrees to link the card, and later visits are a tap (no PIN). '
        : 'By card, tap or name it is the person found (--with-household: their household). ') +
      'Exit 11 not found or the card was never linked, 12 nobody to move, 13 several matches.',
    options: { ...DB_OPTIONS, ...SELECT_OPTIONS, ...(kind === 'leave' ? { to: { type: 'string' } } : {}) },
    run(ctx) {
      return withSelection(ctx, (svc, found) => {
        const ids = targets(ctx, found, household || ctx.values['with-household'] === true);
        const to = optString(ctx, 'to');
        const r = svc.move(ids, kind, { operator: operator(ctx), ...(to ? { to } : {}) });
        const householdId = found.household?.householdId ?? found.person?.householdId;
        const after = householdId ? svc.household(householdId) : undefined;
        const json = {
          ...(after ? { household: after } : {}),
          checkedIn: kind === 'arrive' ? r.moved : undefined,
          moved: r.moved,
          skipped: r.skipped,
          ...(found.card ? { card: found.card } : {}),
        };
        return {
          json,
          human: [...moveLines(r), ...(after ? [householdLines(after)] : [])].join('\n'),
          exitCode: r.moved.length > 0 ? EXIT.OK : SHELTER_EXIT.NOTHING_TO_DO,
        };
      });
    },
  };
}

// ── commands ─────────────────────────────────────────────────────────────────────────────────

const init: Command = {
  path: ['shelter', 'init'],
  summary: 'set up this laptop: encrypted store, shelter, capacity, terminal id',
  usage:
    'kakanai shelter init --db F --shelter-name NAME --capacity N --terminal ID [--kind designated|emergency|welfare]\n' +
    '    [--shelter-id ID] [--group NAME] [--group-salt CODE] [--passphrase-stdin] [--json]\n' +
    'Laptops whose files are merged (the same shelter, other shelters, the HQ) use the same --group (default\n' +
    '"shelters"), passphrase and the set-up code the first one printed (--group-salt). Laptops of one shelter\n' +
    'share its name (the id is derived from it) or --shelter-id.',
  options: {
    ...DB_OPTIONS,
    'shelter-name': { type: 'string' },
    capacity: { type: 'string' },
    terminal: { type: 'string' },
    kind: { type: 'string' },
    'shelter-id': { type: 'string' },
    group: { type: 'string' },
    'group-salt': { type: 'string' },
  },
  async run(ctx) {
    const kind = optString(ctx, 'kind') ?? 'designated';
    if (!SHELTER_KINDS.includes(kind as ShelterKind))
      throw new UsageError(`--kind must be one of ${SHELTER_KINDS.join(', ')}`);
    const capacity = optNumber(ctx, 'capacity');
    if (capacity === undefined || !Number.isInteger(capacity))
      throw new UsageError('--capacity N (a whole number) is required');
    const salt = optString(ctx, 'group-salt')?.trim().toLowerCase();
    const opts = {
      shelterName: requireString(ctx, 'shelter-name'),
      capacity,
      kind: kind as ShelterKind,
      terminalId: requireString(ctx, 'terminal'),
      ...(optString(ctx, 'shelter-id') ? { shelterId: optString(ctx, 'shelter-id')! } : {}),
      ...(optString(ctx, 'group') ? { group: optString(ctx, 'group')! } : {}),
      ...(salt ? { groupSalt: salt } : {}),
    };
    const db = requireString(ctx, 'db');
    const secret = await storePassphrase(ctx, true);
    let svc: ShelterService;
    try {
      svc = await ShelterService.init(db, secret, opts);
    } catch (e) {
      mapError(e);
    } finally {
      secret.dispose();
    }
    const json = { config: svc.config(), groupSalt: svc.store.groupSalt };
    await svc.close();
    return {
      json,
      human: [
        `initialised ${db}: ${json.config.shelterName} (${json.config.kind}, capacity ${json.config.capacity}), shelter ${json.config.shelterId}, terminal ${json.config.terminalId}`,
        `group set-up code: ${json.groupSalt}`,
        ...(salt
          ? []
          : [
              `set up the other laptops and the HQ with --group-salt ${json.groupSalt} (and the same passphrase)`,
            ]),
      ].join('\n'),
    };
  },
};

const importResidents: Command = {
  path: ['shelter', 'import-residents'],
  summary: "import the municipality's resident list with households (UTF-8 or Shift_JIS); all or nothing",
  usage:
    'kakanai shelter import-residents --db F --csv FILE [--encoding auto|utf8|sjis] [--map MAP.json]\n' +
    '    [--allow-rejected] [--replace] [--passphrase-stdin] [--json]\n' +
    'Header: 世帯番号,氏名,ふりがな,生年月日,性別,住所,続柄 (ふりがな, 性別, 住所, 続柄 optional). MAP.json renames\n' +
    'columns, e.g. {"世帯番号":"世帯コード"}. Any rejected line → nothing imported (exit 1) unless --allow-rejected.',
  options: {
    ...DB_OPTIONS,
    csv: { type: 'string' },
    encoding: { type: 'string', default: 'auto' },
    map: { type: 'string' },
    'allow-rejected': { type: 'boolean', default: false },
    replace: { type: 'boolean', default: false },
  },
  run(ctx) {
    const csv = requireString(ctx, 'csv');
    const encoding = optString(ctx, 'encoding') ?? 'auto';
    if (!['auto', 'utf8', 'sjis'].includes(encoding))
      throw new UsageError('--encoding must be auto, utf8 or sjis');
    const mapFile = optString(ctx, 'map');
    const map = mapFile ? readJsonFile(mapFile, ResidentMapSchema, 'column map') : undefined;
    return withService(ctx, (svc): CommandResult => {
      const r = svc.importResidents(csv, {
        encoding: encoding as 'auto' | 'utf8' | 'sjis',
        ...(map ? { map } : {}),
        allowRejected: ctx.values['allow-rejected'] === true,
        replace: ctx.values.replace === true,
      });
      const json = {
        imported: r.imported,
        households: r.households,
        rejected: r.rejected,
        rejectedTotal: r.rejectedTotal,
        committed: r.committed,
        encoding: r.encoding,
        durationMs: r.durationMs,
      };
      const lines = r.rejected.map((x) => `  ${x.line}行目: ${x.reason}`);
      const human = r.committed
        ? `imported ${r.imported} residents in ${r.households} households (${r.encoding})${lines.length ? `; rejected:\n${lines.join('\n')}` : ''}`
        : `nothing imported: ${r.rejectedTotal} line(s) rejected\n${lines.join('\n')}`;
      return { json, human, exitCode: r.committed ? EXIT.OK : EXIT.FAILURE };
    });
  },
};

const find: Command = {
  path: ['shelter', 'find'],
  summary: 'find a person and their household (card data, ふりがな, name, linked card tap)',
  usage:
    'kakanai shelter find --db F (--name N [--birth-date D] [--address A] | --kana K [--birth-date D] | --person ID\n' +
    '    | --household ID | --tap) [--passphrase-stdin] [--json]',
  options: { ...DB_OPTIONS, ...SELECT_OPTIONS, kana: { type: 'string' } },
  run(ctx) {
    const kana = optString(ctx, 'kana');
    const name = optString(ctx, 'name');
    const birth = optString(ctx, 'birth-date');
    if (kana !== undefined || (name !== undefined && birth === undefined)) {
      return withService(ctx, (svc): CommandResult => {
        const people = svc.search({
          ...(kana ? { kana } : {}),
          ...(name ? { name } : {}),
          ...(birth ? { birthDate: birth } : {}),
        });
        return {
          json: { people },
          human: people.length ? people.map(personLine).join('\n') : '見つかりません',
          exitCode: people.length ? EXIT.OK : SHELTER_EXIT.NOT_FOUND,
        };
      });
    }
    return withSelection(ctx, (_svc, found) => ({
      json: found,
      human: found.household ? householdLines(found.household) : found.people.map(personLine).join('\n'),
    }));
  },
};

const register: Command = {
  path: ['shelter', 'register'],
  summary: 'register a person by hand (no card, not on the list, another municipality)',
  usage:
    'kakanai shelter register --db F --name N --kana K --birth-date D [--sex M|F] [--address A] [--relation R]\n' +
    '    [--household ID] [--checkin] [--operator NAME] [--passphrase-stdin] [--json]\n' +
    'Without --household the person starts a new household; --checkin records the arrival too.',
  options: {
    ...DB_OPTIONS,
    name: { type: 'string' },
    kana: { type: 'string' },
    'birth-date': { type: 'string' },
    sex: { type: 'string' },
    address: { type: 'string' },
    relation: { type: 'string' },
    household: { type: 'string' },
    checkin: { type: 'boolean', default: false },
    operator: { type: 'string' },
  },
  run(ctx) {
    const sexText = optString(ctx, 'sex');
    const sex =
      sexText === undefined ? undefined : ({ M: 'M', F: 'F', 男: 'M', 女: 'F' } as const)[sexText as 'M'];
    if (sexText !== undefined && !sex) throw new UsageError('--sex must be M or F (男/女)');
    return withService(ctx, (svc) => {
      const p = svc.register({
        name: requireString(ctx, 'name'),
        kana: optString(ctx, 'kana') ?? '',
        birthDate: requireString(ctx, 'birth-date'),
        ...(sex ? { sex } : {}),
        ...(optString(ctx, 'address') ? { address: optString(ctx, 'address')! } : {}),
        ...(optString(ctx, 'relation') ? { relation: optString(ctx, 'relation')! } : {}),
        ...(optString(ctx, 'household') ? { householdId: optString(ctx, 'household')! } : {}),
        operator: operator(ctx),
      });
      if (ctx.values.checkin === true) svc.move([p.personId], 'arrive', { operator: operator(ctx) });
      const person = svc.person(p.personId);
      return { json: { person, household: svc.household(person.householdId) }, human: personLine(person) };
    });
  },
};

const needs: Command = {
  path: ['shelter', 'needs'],
  summary: `record a person's special needs (${NEEDS.join(', ')}), replacing the earlier ones`,
  usage:
    `kakanai shelter needs --db F --person ID --set ${NEEDS.slice(0, 3).join(',')},… [--note TEXT] [--operator NAME]\n` +
    `    [--passphrase-stdin] [--json]\n` +
    `Needs: ${NEEDS.map((n) => `${n}=${NEED_LABELS[n]}`).join(', ')}. --set "" clears them.`,
  options: {
    ...DB_OPTIONS,
    person: { type: 'string' },
    set: { type: 'string' },
    note: { type: 'string' },
    operator: { type: 'string' },
  },
  run(ctx) {
    const set = csvList(optString(ctx, 'set'));
    if (set === undefined) throw new UsageError('--set is required (comma-separated; "" clears)');
    return withService(ctx, (svc) => {
      const p = svc.setNeeds(requireString(ctx, 'person'), set, optString(ctx, 'note'), operator(ctx));
      return { json: { person: p }, human: personLine(p) };
    });
  },
};

const consent: Command = {
  path: ['shelter', 'consent'],
  summary: '安否情報 consent: may an inquiry learn that this person is here?',
  usage:
    'kakanai shelter consent --db F --person ID --safety yes|no [--operator NAME] [--passphrase-stdin] [--json]',
  options: {
    ...DB_OPTIONS,
    person: { type: 'string' },
    safety: { type: 'string' },
    operator: { type: 'string' },
  },
  run(ctx) {
    const safety = requireString(ctx, 'safety');
    if (safety !== 'yes' && safety !== 'no') throw new UsageError('--safety must be yes or no');
    return withService(ctx, (svc) => {
      const p = svc.setConsent(requireString(ctx, 'person'), safety, operator(ctx));
      return { json: { person: p }, human: personLine(p) };
    });
  },
};

const safety: Command = {
  path: ['shelter', 'safety'],
  summary: '安否情報照会: is this person here? (answers only with their consent)',
  usage: 'kakanai shelter safety --db F --name N --birth-date D [--passphrase-stdin] [--json]',
  options: { ...DB_OPTIONS, name: { type: 'string' }, 'birth-date': { type: 'string' } },
  run(ctx) {
    return withService(ctx, (svc) => {
      const a = svc.safety(requireString(ctx, 'name'), requireString(ctx, 'birth-date'));
      const human =
        a.answer === 'not-here'
          ? 'お答えできる避難者の情報はありません'
          : a.answer === 'left'
            ? `${a.shelterName} を退所されました${a.to ? `（${a.to}）` : ''}`
            : `${a.shelterName} に${a.answer === 'here' ? '避難されています' : '避難されています（外出中）'}`;
      return { json: a, human };
    });
  },
};

const roster: Command = {
  path: ['shelter', 'roster'],
  summary: 'the roster of everyone who came (staff only: personal data), as text, --csv and --pdf',
  usage:
    'kakanai shelter roster --db F [--all] [--csv OUT.csv] [--pdf OUT.pdf] [--passphrase-stdin] [--json]\n--all: every shelter this laptop holds events of.',
  options: {
    ...DB_OPTIONS,
    all: { type: 'boolean', default: false },
    csv: { type: 'string' },
    pdf: { type: 'string' },
  },
  run(ctx) {
    const all = ctx.values.all === true;
    return withService(ctx, async (svc) => {
      const csvOut = optString(ctx, 'csv');
      const pdfOut = optString(ctx, 'pdf');
      if (csvOut) writeFileSync(csvOut, svc.rosterCsv({ all }), { mode: 0o600 });
      if (pdfOut) writeFileSync(pdfOut, await svc.rosterPdf({ all }), { mode: 0o600 });
      const text = svc.rosterCsv({ all }).replace(/^\uFEFF/, '');
      return {
        json: {
          stats: svc.stats({ all }),
          ...(csvOut ? { csv: csvOut } : {}),
          ...(pdfOut ? { pdf: pdfOut } : {}),
        },
        human: text.trimEnd(),
      };
    });
  },
};

const stats: Command = {
  path: ['shelter', 'stats'],
  summary: 'the dashboard: here / out / left, households, capacity, by age band and by need',
  usage:
    'kakanai shelter stats --db F [--all] [--passphrase-stdin] [--json]\n--all: every shelter this laptop holds events of (the HQ picture).',
  options: { ...DB_OPTIONS, all: { type: 'boolean', default: false } },
  run(ctx) {
    return withService(ctx, (svc) => {
      const s = svc.stats({ all: ctx.values.all === true });
      const human = [
        `在所 ${s.totals.here}・外出中 ${s.totals.out}・退所 ${s.totals.left}・世帯 ${s.totals.households}` +
          (s.totals.capacityUsedPct !== null
            ? `・収容率 ${s.totals.capacityUsedPct}%（定員 ${s.totals.capacity}）`
            : ''),
        ...s.byShelter.map(
          (x) => `  ${x.name}: 在所 ${x.here} 外出 ${x.out} 退所 ${x.left} 世帯 ${x.households}`,
        ),
        `  年齢: ${s.byAgeBand.map((b) => `${b.band} ${b.here + b.out}`).join('  ')}`,
        `  配慮: ${
          s.byNeed
            .filter((n) => n.count > 0)
            .map((n) => `${n.label} ${n.count}`)
            .join('  ') || 'なし'
        }`,
      ].join('\n');
      return { json: s, human };
    });
  },
};

const evacueeCard: Command = {
  path: ['shelter', 'card'],
  summary: 'the 避難者カード (hinansha-card) pre-filled for a household, as a PDF',
  usage:
    'kakanai shelter card --db F --household ID [--holder PERSON] --out FILE.pdf [--passphrase-stdin] [--json]\n' +
    "The holder (default: the 世帯主, else the oldest) is the card's 代表者; up to six others are listed. What staff did\n" +
    'not record (home damage, car stay, emergency contact) stays blank to be written by the family.',
  options: {
    ...DB_OPTIONS,
    household: { type: 'string' },
    holder: { type: 'string' },
    out: { type: 'string' },
  },
  run(ctx) {
    const out = requireString(ctx, 'out');
    return withService(ctx, async (svc) => {
      const data = svc.evacueeCard(requireString(ctx, 'household'), optString(ctx, 'holder'));
      const { renderForms } = await import('../../forms/render.ts');
      const r = await renderForms({ formIds: [EVACUEE_CARD_FORM], data, combined: true });
      writeFileSync(out, r.combined!, { mode: 0o600 });
      const pages = r.forms.reduce((a, f) => a + f.pages, 0);
      return {
        json: { path: out, pages, members: data.input.household },
        human: `wrote ${out} (${pages} page)`,
      };
    });
  },
};

const exportCsv: Command = {
  path: ['shelter', 'export-csv'],
  summary:
    "a plain CSV of every stay for the HQ's own systems (names only with consent; columns in the README)",
  usage: 'kakanai shelter export-csv --db F --out FILE.csv [--passphrase-stdin] [--json]',
  options: { ...DB_OPTIONS, out: { type: 'string' } },
  run(ctx) {
    const out = requireString(ctx, 'out');
    return withService(ctx, (svc) => {
      const csv = svc.hqCsv();
      writeFileSync(out, csv, { mode: 0o600 });
      const rows = csv.trimEnd().split('\r\n').length - 1;
      return { json: { path: out, rows }, human: `wrote ${rows} rows to ${out}` };
    });
  },
};

/** The shelter as a terminal of the shared event terminal: export, merge, status, conflicts, peers, serve-sync. */
const shelterTerminal: TerminalCli<ShelterService> = {
  mode: 'shelter',
  dbOptions: DB_OPTIONS,
  withService: (ctx, fn) => withService(ctx, fn),
  terminal: (svc) => svc.terminal,
  status(svc) {
    const config = svc.config();
    const list = svc.listSize();
    const s = svc.stats();
    return {
      json: { config, list, totals: s.totals },
      human: [
        `${config.shelterName} (${config.kind}, capacity ${config.capacity}), shelter ${config.shelterId}, terminal ${config.terminalId}, group ${config.groupId}`,
        `resident list: ${list.residents} in ${list.households} households`,
        `here ${s.totals.here}, out ${s.totals.out}, left ${s.totals.left}`,
      ],
    };
  },
  conflictsSummary: 'people present at two shelters, possible duplicate registrations, bad events',
  conflicts(svc) {
    const conflicts = svc.conflicts();
    const badEvents = svc.badEvents();
    const anomalies = svc.store.events.anomalies();
    const human = [
      ...conflicts.map((c) =>
        [
          c.kind === 'TWO_SHELTERS' ? '二か所で受付' : '同一人物の可能性',
          ...c.people.map(
            (p) =>
              `  ${p.name} ${p.birthDate} id=${p.personId}: ${p.stays.map((s) => `${s.shelterName} ${STATE_JA[s.state]}`).join(' / ')}`,
          ),
        ].join('\n'),
      ),
      ...badEvents.map((b) => `不正なイベント ${b.terminalId}:${b.seq} ${b.type}`),
      ...anomalies.map((a) => `${a.kind} ${a.terminalId}:${a.seq}`),
    ];
    return { json: { conflicts, badEvents, store: anomalies }, human: human.join('\n') || 'no conflicts' };
  },
  merge(svc, paths) {
    const r = svc.mergeFiles(paths);
    return {
      files: r.files,
      json: { conflicts: r.conflicts },
      human: r.conflicts.map(
        (c) =>
          `  ${c.kind === 'TWO_SHELTERS' ? '二か所で受付' : '同一人物の可能性'}: ${c.people.map((p) => p.name).join('、')}`,
      ),
    };
  },
};

export const shelterCommands: Command[] = [
  init,
  importResidents,
  find,
  moveCommand('checkin', 'arrive', 'check people in (arrival; a person who was out is back)'),
  moveCommand('out', 'out', '外出: the person goes out for a while'),
  moveCommand('back', 'back', '戻り: the person is back'),
  moveCommand('checkout', 'leave', '退所: the person leaves the shelter (--to where)'),
  register,
  needs,
  consent,
  safety,
  roster,
  stats,
  evacueeCard,
  exportCsv,
  ...terminalCommands(shelterTerminal),
];
