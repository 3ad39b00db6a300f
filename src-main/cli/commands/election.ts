/**
 * `kakanai election …`: set up a reception terminal, load the roll, identify and record voters,
 * undo, exchange events between terminals (USB files or LAN sync) and print the figures — so the
 * election office can script set-up and every behaviour is testable without the desk screen.
 *
 * Every command takes --db FILE and reads the store passphrase from stdin (--passphrase-stdin)
 * or a terminal prompt. Exit codes: 10 already voted, 11 not on the roll, 12 wrong station
 * (当日), 5 wrong passphrase, 2 usage.
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ElectionError, type ElectionErrorCode } from '../../modes/election/errors.ts';
import { ColumnMapSchema } from '../../modes/election/roll-import.ts';
import {
  ElectionService,
  type IdentifyResult,
  type RecordResult,
  type Station,
  type VoterView,
  type VoteRecord,
} from '../../modes/election/service.ts';
import { ELECTION_REASONS } from '../../contract/election.ts';
import { ELECTION_KINDS, type ElectionKind } from '../../modes/election/events.ts';
import { StoreError } from '../../store/errors.ts';
import { loginName } from '../../util/login-name.ts';
import {
  CommandError,
  EXIT,
  csvList,
  UsageError,
  optNumber,
  optString,
  requireString,
  type Command,
  type CommandContext,
  type CommandResult,
} from '../command.ts';
import {
  DB_OPTIONS,
  readJsonFile,
  storeErrorToCommand,
  storePassphrase,
  withModeService,
} from '../mode-store.ts';
import { terminalCommands, type TerminalCli } from '../terminal-commands.ts';

export const ELECTION_EXIT = {
  ALREADY_VOTED: EXIT.ALREADY_VOTED,
  NOT_ON_ROLL: 11,
  WRONG_STATION: 12,
} as const;

const USAGE_CODES: readonly ElectionErrorCode[] = [
  'BAD_INPUT',
  'REASON_REQUIRED',
  'REASON_NOT_ALLOWED',
  'BAD_MAP',
];

/** Store and election errors → the CLI's typed errors and exit codes. */
function mapError(e: unknown): never {
  if (e instanceof StoreError) throw storeErrorToCommand(e);
  if (e instanceof ElectionError) {
    const exit =
      e.code === 'NOT_ON_ROLL'
        ? ELECTION_EXIT.NOT_ON_ROLL
        : USAGE_CODES.includes(e.code)
          ? EXIT.USAGE
          : EXIT.FAILURE;
    throw new CommandError(e.code, e.message, exit, { messageJa: e.messageJa, ...e.details });
  }
  throw e;
}

function withService<T>(ctx: CommandContext, fn: (svc: ElectionService) => Promise<T> | T): Promise<T> {
  return withModeService(ctx, storePassphrase(ctx), (db, s) => ElectionService.open(db, s), mapError, fn);
}

const StationsFileSchema = z.array(
  z.object({ stationId: z.string(), name: z.string(), districts: z.array(z.string()).default([]) }),
);

// ── human renderings ─────────────────────────────────────────────────────────────────────────

const SEX_JA = { M: '男', F: '女' } as const;

function whenWhere(v: VoteRecord): string {
  const at = v.atJst.slice(0, 16).replace('T', ' ');
  return `${at} ${v.stationName ?? v.stationId}（端末 ${v.terminalId}）${v.undone ? ' [取消済]' : ''}`;
}

function voterLine(v: VoterView): string {
  const head = `${v.rollNumber} ${v.name}（${v.kana}）${v.birthDate} ${SEX_JA[v.sex]} 投票区${v.district}`;
  const s = v.status;
  if (s.code === 'OK') return `受付可 — ${head}`;
  if (s.code === 'ALREADY_VOTED') {
    return `投票済み${s.conflict ? '（二重記録）' : ''} — ${head}\n${s.votes.map((x) => `    ${whenWhere(x)}`).join('\n')}`;
  }
  return `この投票区ではありません — ${head}\n    正しい投票所: ${s.stations.map((x) => x.name).join('、') || '（未登録）'}`;
}

function identifyHuman(r: IdentifyResult): string {
  if (r.match === 'none') return '名簿にありません';
  if (r.match === 'unique') return voterLine(r.voter);
  return `候補が複数あります（顔写真・住所で確認してください）:\n${r.candidates.map((c) => `  ${voterLine(c)}`).join('\n')}`;
}

// ── commands ─────────────────────────────────────────────────────────────────────────────────

const init: Command = {
  path: ['election', 'init'],
  summary: 'set up this terminal: encrypted store, election, station, terminal id',
  usage:
    'kakanai election init --db F --election-name NAME --date YYYY-MM-DD --kind kijitsumae|tojitsu\n' +
    '    --station ID --terminal ID [--station-name NAME] [--districts 1,2] [--stations STATIONS.json]\n' +
    '    [--group-salt CODE] [--passphrase-stdin] [--json]\n' +
    'Terminals of one election must use the same name, date and passphrase, and the group set-up code\n' +
    'the first one printed (--group-salt; the key that protects event files and LAN sync is derived\n' +
    'from them). STATIONS.json: [{"stationId","name","districts"}].',
  options: {
    ...DB_OPTIONS,
    'election-name': { type: 'string' },
    date: { type: 'string' },
    kind: { type: 'string' },
    station: { type: 'string' },
    terminal: { type: 'string' },
    'station-name': { type: 'string' },
    districts: { type: 'string' },
    stations: { type: 'string' },
    'group-salt': { type: 'string' },
  },
  async run(ctx) {
    const kind = requireString(ctx, 'kind');
    if (!ELECTION_KINDS.includes(kind as ElectionKind))
      throw new UsageError('--kind must be kijitsumae or tojitsu');
    const stationsFile = optString(ctx, 'stations');
    const stations = stationsFile
      ? readJsonFile(stationsFile, StationsFileSchema, 'stations file')
      : undefined;
    const opts = {
      electionName: requireString(ctx, 'election-name'),
      date: requireString(ctx, 'date'),
      kind: kind as ElectionKind,
      stationId: requireString(ctx, 'station'),
      terminalId: requireString(ctx, 'terminal'),
      ...(optString(ctx, 'station-name') ? { stationName: optString(ctx, 'station-name')! } : {}),
      ...(csvList(optString(ctx, 'districts')) ? { districts: csvList(optString(ctx, 'districts'))! } : {}),
      ...(stations ? { stations } : {}),
      ...(optString(ctx, 'group-salt')
        ? { groupSalt: optString(ctx, 'group-salt')!.trim().toLowerCase() }
        : {}),
    };
    const db = requireString(ctx, 'db');
    const secret = await storePassphrase(ctx, true);
    let svc: ElectionService;
    try {
      svc = await ElectionService.init(db, secret, opts);
    } catch (e) {
      mapError(e);
    } finally {
      secret.dispose();
    }
    const json = { config: svc.config(), stations: svc.stations(), groupSalt: svc.store.groupSalt };
    await svc.close();
    const first = opts.groupSalt === undefined;
    return {
      json,
      human: [
        `initialised ${db}: ${json.config.electionName} ${json.config.date} (${json.config.kind}), station ${json.config.stationId}, terminal ${json.config.terminalId}`,
        `group set-up code: ${json.groupSalt}`,
        ...(first
          ? [
              "set up this election's other terminals with --group-salt " +
                json.groupSalt +
                ' (and the same passphrase)',
            ]
          : []),
      ].join('\n'),
    };
  },
};

const station: Command = {
  path: ['election', 'station'],
  summary: 'add or change a station (投票所) and the districts (投票区) it serves',
  usage:
    'kakanai election station --db F --station ID --name NAME [--districts 1,2,3] [--passphrase-stdin] [--json]',
  options: {
    ...DB_OPTIONS,
    station: { type: 'string' },
    name: { type: 'string' },
    districts: { type: 'string' },
  },
  run(ctx) {
    return withService(ctx, (svc) => {
      const s: Station = {
        stationId: requireString(ctx, 'station'),
        name: requireString(ctx, 'name'),
        districts: csvList(optString(ctx, 'districts')) ?? [],
      };
      svc.upsertStation(s);
      return {
        json: { stations: svc.stations() },
        human: svc
          .stations()
          .map((x) => `${x.stationId} ${x.name} [${x.districts.join(',')}]`)
          .join('\n'),
      };
    });
  },
};

const importRollCmd: Command = {
  path: ['election', 'import-roll'],
  summary: 'import the 選挙人名簿 CSV (UTF-8 or Shift_JIS); all or nothing',
  usage:
    'kakanai election import-roll --db F --csv FILE [--encoding auto|utf8|sjis] [--map MAP.json]\n' +
    '    [--allow-rejected] [--replace] [--passphrase-stdin] [--json]\n' +
    'Default header: 名簿番号,投票区,氏名,ふりがな,生年月日,性別,住所. MAP.json renames columns,\n' +
    'e.g. {"名簿番号":"選挙人番号"}. If any line is rejected nothing is imported (exit 1) unless\n' +
    '--allow-rejected; every rejected line is listed with its line number and reason.',
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
    const map = mapFile ? readJsonFile(mapFile, ColumnMapSchema, 'column map') : undefined;
    return withService(ctx, (svc): CommandResult => {
      const r = svc.importRoll(csv, {
        encoding: encoding as 'auto' | 'utf8' | 'sjis',
        ...(map ? { map } : {}),
        allowRejected: ctx.values['allow-rejected'] === true,
        replace: ctx.values.replace === true,
      });
      const json = {
        imported: r.imported,
        rejected: r.rejected,
        rejectedTotal: r.rejectedTotal,
        committed: r.committed,
        encoding: r.encoding,
        records: r.records,
        durationMs: r.durationMs,
      };
      const lines = r.rejected.map((x) => `  ${x.line}行目: ${x.reason}`);
      const human = r.committed
        ? `imported ${r.imported} voters (${r.encoding}, ${r.durationMs} ms)${lines.length ? `; rejected:\n${lines.join('\n')}` : ''}`
        : `nothing imported: ${r.rejectedTotal} line(s) rejected\n${lines.join('\n')}`;
      return { json, human, exitCode: r.committed ? EXIT.OK : EXIT.FAILURE };
    });
  },
};

const lookup: Command = {
  path: ['election', 'lookup'],
  summary: 'find a voter (card data, 入場券 number, ふりがな or birth date) with their status',
  usage:
    'kakanai election lookup --db F (--roll-number R | --name N [--birth-date D] [--address A]\n' +
    '    | --kana K [--birth-date D] | --birth-date D) [--limit N] [--passphrase-stdin] [--json]\n' +
    'Name + birth date is the card path (address breaks ties); dates may be 和暦 (昭和55年2月17日, S55.2.17).',
  options: {
    ...DB_OPTIONS,
    'roll-number': { type: 'string' },
    name: { type: 'string' },
    'birth-date': { type: 'string' },
    address: { type: 'string' },
    kana: { type: 'string' },
    limit: { type: 'string' },
  },
  run(ctx) {
    const roll = optString(ctx, 'roll-number');
    const name = optString(ctx, 'name');
    const kana = optString(ctx, 'kana');
    const birth = optString(ctx, 'birth-date');
    const address = optString(ctx, 'address');
    const limit = optNumber(ctx, 'limit');
    const ways = [roll, name, kana].filter((x) => x !== undefined).length;
    if (ways > 1) throw new UsageError('give one of --roll-number, --name or --kana');
    if (ways === 0 && birth === undefined)
      throw new UsageError('give --roll-number, --name, --kana or --birth-date');
    return withService(ctx, (svc): CommandResult => {
      if (roll !== undefined || (name !== undefined && birth !== undefined)) {
        const r =
          roll !== undefined
            ? svc.identifyByRollNumber(roll)
            : svc.identifyByCard({ name: name!, birthDate: birth!, ...(address ? { address } : {}) });
        const candidates = r.match === 'unique' ? [r.voter] : r.match === 'ambiguous' ? r.candidates : [];
        return {
          json: { ...r, candidates },
          human: identifyHuman(r),
          exitCode: r.match === 'none' ? ELECTION_EXIT.NOT_ON_ROLL : EXIT.OK,
        };
      }
      const opts = { ...(limit ? { limit } : {}), ...(birth ? { birthDate: birth } : {}) };
      const r =
        name !== undefined
          ? svc.searchByName(name, opts)
          : kana !== undefined
            ? svc.searchByKana(kana, opts)
            : svc.searchByBirthDate(birth!, opts);
      const human = r.candidates.length
        ? r.candidates.map(voterLine).join('\n') +
          (r.truncated ? '\n…（さらに候補があります。条件を絞ってください）' : '')
        : '名簿にありません';
      return {
        json: { match: r.candidates.length ? 'search' : 'none', ...r },
        human,
        exitCode: r.candidates.length ? EXIT.OK : ELECTION_EXIT.NOT_ON_ROLL,
      };
    });
  },
};

function recordExit(r: RecordResult): number {
  switch (r.result) {
    case 'RECORDED':
      return EXIT.OK;
    case 'ALREADY_VOTED':
      return ELECTION_EXIT.ALREADY_VOTED;
    case 'NOT_ON_ROLL':
      return ELECTION_EXIT.NOT_ON_ROLL;
    case 'WRONG_STATION':
      return ELECTION_EXIT.WRONG_STATION;
  }
}

const record: Command = {
  path: ['election', 'record'],
  summary: 'record that the voter received a ballot (exit 10 when already voted)',
  usage:
    'kakanai election record --db F --roll-number R [--reason CODE] [--operator NAME] [--passphrase-stdin] [--json]\n' +
    `期日前 reasons: ${ELECTION_REASONS.map((r) => `${r.code}/${r.key} ${r.ja}`).join('; ')}.\n` +
    'Exit 10: already voted (when/where in the output); 11: not on the roll; 12: wrong station (当日).',
  options: {
    ...DB_OPTIONS,
    'roll-number': { type: 'string' },
    reason: { type: 'string' },
    operator: { type: 'string' },
  },
  run(ctx) {
    return withService(ctx, (svc): CommandResult => {
      const reason = optString(ctx, 'reason');
      const operator = optString(ctx, 'operator');
      const r = svc.record({
        rollNumber: requireString(ctx, 'roll-number'),
        ...(reason !== undefined ? { reason } : {}),
        ...(operator !== undefined ? { operator } : {}),
      });
      const human =
        r.result === 'RECORDED'
          ? `記録しました — ${r.voter.rollNumber} ${r.voter.name} ${whenWhere(r.vote)}`
          : r.result === 'NOT_ON_ROLL'
            ? `名簿にありません — ${r.rollNumber}`
            : voterLine(r.voter);
      return { json: r, human, exitCode: recordExit(r) };
    });
  },
};

const undo: Command = {
  path: ['election', 'undo'],
  summary: 'withdraw a mistaken vote record (an event with operator and reason)',
  usage:
    'kakanai election undo --db F --roll-number R --reason TEXT [--operator NAME] [--vote TERMINAL:SEQ]\n' +
    '    [--passphrase-stdin] [--json]\n' +
    '--operator defaults to the login name; --vote picks one record when a conflict left several.',
  options: {
    ...DB_OPTIONS,
    'roll-number': { type: 'string' },
    reason: { type: 'string' },
    operator: { type: 'string' },
    vote: { type: 'string' },
  },
  run(ctx) {
    const voteArg = optString(ctx, 'vote');
    let vote: { terminalId: string; seq: number } | undefined;
    if (voteArg !== undefined) {
      const m = /^(.+):(\d+)$/.exec(voteArg);
      if (!m) throw new UsageError('--vote must be TERMINAL:SEQ');
      vote = { terminalId: m[1]!, seq: Number(m[2]) };
    }
    return withService(ctx, async (svc) => {
      const r = svc.undo({
        rollNumber: requireString(ctx, 'roll-number'),
        reason: requireString(ctx, 'reason'),
        operator: optString(ctx, 'operator') ?? loginName('unknown'),
        ...(vote ? { vote } : {}),
      });
      return { json: r, human: `取り消しました — ${r.voter.rollNumber} ${whenWhere(r.undone)}` };
    });
  },
};

const note: Command = {
  path: ['election', 'note'],
  summary: 'attach a note (to a voter or to the day) as an event',
  usage:
    'kakanai election note --db F --text TEXT [--roll-number R] [--operator NAME] [--passphrase-stdin] [--json]',
  options: {
    ...DB_OPTIONS,
    text: { type: 'string' },
    'roll-number': { type: 'string' },
    operator: { type: 'string' },
  },
  run(ctx) {
    return withService(ctx, (svc) => {
      const roll = optString(ctx, 'roll-number');
      const operator = optString(ctx, 'operator');
      const r = svc.note({
        text: requireString(ctx, 'text'),
        ...(roll ? { rollNumber: roll } : {}),
        ...(operator ? { operator } : {}),
      });
      return { json: r, human: `note ${r.terminalId}:${r.seq}` };
    });
  },
};

const stats: Command = {
  path: ['election', 'stats'],
  summary: 'hourly counts by sex, totals per station and terminal (JSON, --csv, --pdf)',
  usage:
    'kakanai election stats --db F [--date YYYY-MM-DD] [--station ID] [--csv OUT.csv] [--pdf OUT.pdf]\n' +
    '    [--passphrase-stdin] [--json]',
  options: {
    ...DB_OPTIONS,
    date: { type: 'string' },
    station: { type: 'string' },
    csv: { type: 'string' },
    pdf: { type: 'string' },
  },
  run(ctx) {
    return withService(ctx, async (svc) => {
      const date = optString(ctx, 'date');
      const stationId = optString(ctx, 'station');
      const opts = { ...(date ? { date } : {}), ...(stationId ? { stationId } : {}) };
      const s = svc.stats(opts);
      const csvOut = optString(ctx, 'csv');
      const pdfOut = optString(ctx, 'pdf');
      if (csvOut) writeFileSync(csvOut, svc.statsCsv(opts));
      if (pdfOut) writeFileSync(pdfOut, await svc.statsPdf(opts));
      const human = [
        `${s.election.name} ${s.election.date} — 合計 ${s.totals.total}（男 ${s.totals.male} 女 ${s.totals.female}）投票率 ${s.turnoutPct}%`,
        ...s.byHour.map(
          (h) =>
            `  ${h.date} ${String(h.hour).padStart(2)}時台  男 ${h.male}  女 ${h.female}  計 ${h.total}  累計 ${h.cumulative}`,
        ),
        ...s.byStation.map((x) => `  投票所 ${x.name}: ${x.total}`),
        ...s.byTerminal.map((x) => `  端末 ${x.terminalId}: ${x.total}`),
        ...(s.openConflicts ? [`  ※ 二重記録 ${s.openConflicts}件`] : []),
      ].join('\n');
      return {
        json: { ...s, ...(csvOut ? { csv: csvOut } : {}), ...(pdfOut ? { pdf: pdfOut } : {}) },
        human,
      };
    });
  },
};

/** The election as a terminal of the shared event terminal: export, merge, status, conflicts, peers, serve-sync. */
const electionTerminal: TerminalCli<ElectionService> = {
  mode: 'election',
  dbOptions: DB_OPTIONS,
  withService,
  terminal: (svc) => svc.terminal,
  status(svc) {
    const config = svc.config();
    const roll = svc.rollSize();
    return {
      json: { config, stations: svc.stations(), roll },
      human: [
        `${config.electionName} ${config.date} (${config.kind})`,
        `station ${config.stationId}, terminal ${config.terminalId}, group ${config.groupId}`,
        `roll: ${roll.total} (男 ${roll.male} 女 ${roll.female})`,
      ],
    };
  },
  conflictsSummary:
    'the anomaly screen: double records (open and resolved), unknown voters, forks, clock skew',
  conflicts(svc) {
    const a = svc.anomalies();
    const human = [
      ...a.conflicts.map(
        (c) =>
          `${c.status === 'open' ? '未解決' : '解決済'} 二重記録 ${c.rollNumber} ${c.voter?.name ?? ''}\n` +
          c.votes.map((v) => `    ${whenWhere(v)}`).join('\n'),
      ),
      ...a.unknownVoters.map((r) => `名簿にない番号の記録: ${r}`),
      ...a.store.map((s) => `${s.kind} ${s.terminalId}:${s.seq} ${JSON.stringify(s.detail)}`),
      ...a.badEvents.map((b) => `不正なイベント ${b.terminalId}:${b.seq} ${b.type}`),
    ];
    return { json: a, human: human.length ? human.join('\n') : 'no anomalies' };
  },
  merge(svc, paths) {
    const files = paths.map((p) => svc.mergeFile(p));
    const conflicts = files.at(-1)!.conflicts;
    const fresh = new Set(files.flatMap((f) => f.newConflicts.map((c) => c.rollNumber)));
    const lines = conflicts.map(
      (c) =>
        `  二重記録: ${c.rollNumber} ${c.voter?.name ?? '(名簿外)'}${fresh.has(c.rollNumber) ? ' [新規]' : ''}\n` +
        c.votes.map((v) => `      ${whenWhere(v)}`).join('\n'),
    );
    return {
      files: files.map(({ conflicts: _c, newConflicts: _n, ...report }) => report),
      json: { conflicts, newConflicts: conflicts.filter((c) => fresh.has(c.rollNumber)) },
      human: lines.length ? lines : ['  conflicts: none'],
    };
  },
};

export const electionCommands: Command[] = [
  init,
  station,
  importRollCmd,
  lookup,
  record,
  undo,
  note,
  stats,
  ...terminalCommands(electionTerminal),
];
