/**
 * The election reception service: the one API the CLI and the kiosk's election desk screen call.
 *
 * A terminal is set up once (`init`: election, date, 期日前/当日, its station and terminal id),
 * loads the roll (`importRoll`), then at the desk: identify a voter (card data, 入場券 barcode =
 * roll number, or manual search by ふりがな / birth date / name) → show one status (受付可,
 * 投票済み with when/where, wrong station with the right one, or not on the roll) → `record` the
 * vote after the ballot is handed over (for 期日前 with its reason) → `undo` a mistake with the
 * operator and a reason. Everything recorded is an event; the status shown always comes from the
 * projection, and `record` re-checks it inside its write transaction (the last mile: nothing that
 * arrived from another desk in between is missed).
 *
 * Several terminals: `exportEvents`/`mergeFile` (USB) and `startSync` (LAN; see
 * store/sync-agent.ts for partition behaviour). A voter recorded on two terminals that had not
 * seen each other's record is an open conflict in `anomalies()` — shown with both records, never
 * dropped; counts in reports count such a voter once.
 */
import { createHash } from 'node:crypto';
import type { Secret } from '../../card/secret.ts';
import type { ExportResult } from '../../store/event-file.ts';
import { assertId } from '../../store/event-log.ts';
import { EventTerminal, type TerminalKind } from '../../store/event-terminal.ts';
import type { Store } from '../../store/store.ts';
import { isValidIsoDate } from '../../util/wareki.ts';
import { toJstIso } from '../../util/csv-out.ts';
import { loginName } from '../../util/login-name.ts';
import { parseBirthDate } from '../../roster/birth-date.ts';
import { ElectionError } from './errors.ts';
import { parseElectionReason, type ElectionReasonCode } from '../../contract/election.ts';
import {
  ELECTION_KINDS,
  EVENT_NOTE,
  EVENT_UNDO,
  EVENT_VOTED,
  type ElectionKind,
  type NotePayload,
  type UndoPayload,
  type VotedPayload,
} from './events.ts';
import {
  commonPrefixLength,
  normalizeAddress,
  normalizeKana,
  normalizeName,
  normalizeId,
} from '../../roster/normalize.ts';
import { importRoll, type ImportOptions, type ImportReport } from './roll-import.ts';
import { RollQueries, type VoteRow, type VoterRow } from './roll-queries.ts';
import { ELECTION_MODULE } from './schema.ts';
import type {
  Station,
  ElectionConfig,
  InitOptions,
  VoteRecord,
  VoterStatus,
  VoterView,
  IdentifyResult,
  SearchResult,
  CardData,
  RecordInput,
  RecordResult,
  UndoInput,
  ConflictView,
  MergeReport,
  Anomalies,
  SyncOptions,
  SyncStatus,
} from './types.ts';
import { statsToPdf } from './report-pdf.ts';
import { computeStats, statsToCsv, type ElectionStats, type StatsOptions } from './stats.ts';

export const STORE_KIND = 'election';

/** The election's store for the shared event terminal; peers see the station and the roll's digest. */
export const ELECTION_TERMINAL: TerminalKind = {
  kind: STORE_KIND,
  modules: [ELECTION_MODULE],
  peerInfo: (store) => {
    const station = store.meta('election.station');
    const digest = store.meta('election.roll_digest');
    return { ...(station ? { stationId: station } : {}), ...(digest ? { rollDigest: digest } : {}) };
  },
};

export type * from './types.ts';

const DEFAULT_LIMIT = 50;

interface ViewContext {
  cfg: ElectionConfig;
  stations: Map<string, Station>;
}

export function groupIdFor(electionName: string, date: string): string {
  const digest = createHash('sha256')
    .update(`${electionName.normalize('NFKC').trim()}\n${date}`)
    .digest('hex');
  return `el-${digest.slice(0, 16)}`;
}

export { toJstIso };

export class ElectionService {
  readonly #terminal: EventTerminal;
  readonly #store: Store;
  readonly #q: RollQueries;
  readonly #now: () => number;
  #cfg: ElectionConfig | undefined;
  #stationCache: Map<string, Station> | undefined;

  private constructor(terminal: EventTerminal, now: () => number) {
    this.#terminal = terminal;
    this.#store = terminal.store;
    this.#q = new RollQueries(terminal.store.db);
    this.#now = now;
  }

  /** Sets up a terminal: creates the encrypted store with the election and this station. */
  static async init(
    path: string,
    passphrase: Secret,
    opts: InitOptions,
    deps: { now?: () => number } = {},
  ): Promise<ElectionService> {
    if (!opts.electionName.trim()) throw new ElectionError('BAD_INPUT', 'the election name is empty');
    if (!isValidIsoDate(opts.date))
      throw new ElectionError('BAD_INPUT', `not a date (YYYY-MM-DD): ${opts.date}`);
    if (!ELECTION_KINDS.includes(opts.kind))
      throw new ElectionError('BAD_INPUT', `kind must be kijitsumae or tojitsu`);
    assertId(opts.stationId, 'station id');
    for (const st of opts.stations ?? []) assertId(st.stationId, 'station id');
    let svc: ElectionService | undefined;
    await EventTerminal.create(
      path,
      passphrase,
      ELECTION_TERMINAL,
      {
        terminalId: opts.terminalId,
        groupId: groupIdFor(opts.electionName, opts.date),
        ...(opts.groupSalt !== undefined ? { groupSalt: opts.groupSalt } : {}),
      },
      {
        ...(deps.now ? { now: deps.now } : {}),
        setUp: (terminal) => {
          svc = new ElectionService(terminal, deps.now ?? Date.now);
          svc.#configure(opts);
        },
      },
    );
    return svc!;
  }

  #configure(opts: InitOptions): void {
    const here = opts.stations?.find((s) => s.stationId === opts.stationId);
    this.#store.transaction(() => {
      this.#store.setMeta('election.name', opts.electionName.trim());
      this.#store.setMeta('election.date', opts.date);
      this.#store.setMeta('election.kind', opts.kind);
      this.#store.setMeta('election.station', opts.stationId);
      for (const s of opts.stations ?? []) this.upsertStation(s);
      this.upsertStation({
        stationId: opts.stationId,
        name: opts.stationName ?? here?.name ?? opts.stationId,
        districts: opts.districts ?? here?.districts ?? [],
      });
    });
  }

  static async open(
    path: string,
    passphrase: Secret,
    deps: { now?: () => number } = {},
  ): Promise<ElectionService> {
    const terminal = await EventTerminal.open(path, passphrase, ELECTION_TERMINAL, deps);
    return new ElectionService(terminal, deps.now ?? Date.now);
  }

  /** The underlying store (for tools and tests; the desk uses the methods below). */
  get store(): Store {
    return this.#store;
  }

  /** The shared event terminal: identity, USB files, LAN sync (the CLI's generic commands use it). */
  get terminal(): EventTerminal {
    return this.#terminal;
  }

  /** The set-up (fixed after init; cached). */
  config(): ElectionConfig {
    if (this.#cfg) return this.#cfg;
    const m = (k: string) => {
      const v = this.#store.meta(k);
      if (v === undefined) throw new ElectionError('NOT_CONFIGURED', `missing ${k}`);
      return v;
    };
    this.#cfg = {
      electionName: m('election.name'),
      date: m('election.date'),
      kind: m('election.kind') as ElectionKind,
      stationId: m('election.station'),
      terminalId: this.#store.terminalId,
      groupId: this.#store.groupId,
    };
    return this.#cfg;
  }

  // ── stations ──────────────────────────────────────────────────────────────────────────────

  upsertStation(s: Station): void {
    assertId(s.stationId, 'station id');
    const districts = s.districts.map((d) => d.normalize('NFKC').trim()).filter((d) => d !== '');
    this.#store.db
      .prepare(
        `INSERT INTO election_stations (station_id, name, districts) VALUES (?, ?, ?)
         ON CONFLICT(station_id) DO UPDATE SET name = excluded.name, districts = excluded.districts`,
      )
      .run(s.stationId, s.name, JSON.stringify(districts));
    this.#stationCache = undefined;
  }

  stations(): Station[] {
    const rows = this.#store.db
      .prepare('SELECT station_id AS stationId, name, districts FROM election_stations ORDER BY station_id')
      .all() as Array<{ stationId: string; name: string; districts: string }>;
    return rows.map((r) => ({ ...r, districts: JSON.parse(r.districts) as string[] }));
  }

  // ── roll ──────────────────────────────────────────────────────────────────────────────────

  importRoll(csvPath: string, opts: Omit<ImportOptions, 'electionDate'> = {}): ImportReport {
    return importRoll(this.#store, csvPath, { ...opts, electionDate: this.config().date });
  }

  rollSize(): { total: number; male: number; female: number } {
    const c = this.#q.rollCounts();
    return { total: c.M + c.F, male: c.M, female: c.F };
  }

  // ── identification ────────────────────────────────────────────────────────────────────────

  identifyByRollNumber(rollNumber: string): IdentifyResult {
    const row = this.#q.byRollNumber(normalizeId(rollNumber));
    return row ? { match: 'unique', by: 'roll-number', voter: this.#view(row) } : { match: 'none' };
  }

  /**
   * Card data (4 attributes) → the roll: normalised name + birth date, then the address breaks
   * ties. A voter is "unique" only when exactly one row matches name and birth date, or exactly
   * one of several also matches the address; otherwise candidates are shown side by side.
   */
  identifyByCard(card: CardData): IdentifyResult {
    const birth = parseBirthDate(card.birthDate);
    if (!birth.ok) throw new ElectionError('BAD_INPUT', `unreadable birth date: ${card.birthDate}`);
    const rows = this.#q.byNameAndBirth(normalizeName(card.name), birth.iso, DEFAULT_LIMIT);
    if (rows.length === 0) return { match: 'none' };
    if (rows.length === 1) return { match: 'unique', by: 'name-birth', voter: this.#view(rows[0]!) };
    const addressKey = card.address ? normalizeAddress(card.address) : '';
    const exact = addressKey ? rows.filter((r) => r.addressKey === addressKey) : [];
    if (exact.length === 1)
      return { match: 'unique', by: 'name-birth-address', voter: this.#view(exact[0]!) };
    const ranked = [...rows].sort(
      (a, b) => commonPrefixLength(b.addressKey, addressKey) - commonPrefixLength(a.addressKey, addressKey),
    );
    const ctx = this.#context();
    return { match: 'ambiguous', candidates: ranked.map((r) => this.#view(r, ctx)) };
  }

  /** Manual search by ふりがな prefix (カタカナ or ひらがな), optionally with the birth date. */
  searchByKana(prefix: string, opts: { birthDate?: string; limit?: number } = {}): SearchResult {
    const key = normalizeKana(prefix);
    if (!key) throw new ElectionError('BAD_INPUT', 'the kana prefix is empty');
    const birth = opts.birthDate ? this.#birth(opts.birthDate) : undefined;
    const limit = opts.limit ?? DEFAULT_LIMIT;
    return this.#result(this.#q.byKanaPrefix(key, birth, limit + 1), limit);
  }

  searchByBirthDate(birthDate: string, opts: { limit?: number } = {}): SearchResult {
    const limit = opts.limit ?? DEFAULT_LIMIT;
    return this.#result(this.#q.byBirthDate(this.#birth(birthDate), limit + 1), limit);
  }

  /** By the full name (normalised; spaces and 異体字 do not matter), optionally with birth date. */
  searchByName(name: string, opts: { birthDate?: string; limit?: number } = {}): SearchResult {
    const key = normalizeName(name);
    if (!key) throw new ElectionError('BAD_INPUT', 'the name is empty');
    const limit = opts.limit ?? DEFAULT_LIMIT;
    const rows = opts.birthDate
      ? this.#q.byNameAndBirth(key, this.#birth(opts.birthDate), limit + 1)
      : this.#q.byName(key, limit + 1);
    return this.#result(rows, limit);
  }

  #birth(input: string): string {
    const b = parseBirthDate(input);
    if (!b.ok) throw new ElectionError('BAD_INPUT', `unreadable birth date: ${input}`);
    return b.iso;
  }

  #result(rows: VoterRow[], limit: number): SearchResult {
    const ctx = this.#context();
    return {
      candidates: rows.slice(0, limit).map((r) => this.#view(r, ctx)),
      truncated: rows.length > limit,
    };
  }

  /** Stations by id (cached; upsertStation refreshes it). */
  #stationNames(): Map<string, Station> {
    this.#stationCache ??= new Map(this.stations().map((s) => [s.stationId, s]));
    return this.#stationCache;
  }

  #voteRecord(v: VoteRow, stations: Map<string, Station>): VoteRecord {
    const name = stations.get(v.stationId)?.name;
    return {
      terminalId: v.terminalId,
      seq: v.seq,
      stationId: v.stationId,
      ...(name ? { stationName: name } : {}),
      kind: v.kind,
      ...(v.reason ? { reason: v.reason } : {}),
      ...(v.operator ? { operator: v.operator } : {}),
      at: v.at,
      atJst: toJstIso(v.at),
      hlc: v.hlc,
      undone: v.undoneHlc !== null,
    };
  }

  /** What every status decision of one request needs, read once. */
  #context(): ViewContext {
    return { cfg: this.config(), stations: this.#stationNames() };
  }

  #status(row: VoterRow, ctx: ViewContext): VoterStatus {
    const { cfg, stations } = ctx;
    const active = this.#q
      .votesOf(row.rollNumber)
      .filter((v) => v.undoneHlc === null)
      .map((v) => this.#voteRecord(v, stations));
    if (active.length > 0) return { code: 'ALREADY_VOTED', votes: active, conflict: active.length > 1 };
    if (cfg.kind === 'tojitsu') {
      const here = stations.get(cfg.stationId);
      if (here && here.districts.length > 0 && !here.districts.includes(row.district)) {
        return {
          code: 'WRONG_STATION',
          stations: [...stations.values()].filter((s) => s.districts.includes(row.district)),
        };
      }
    }
    return { code: 'OK' };
  }

  #view(row: VoterRow, ctx: ViewContext = this.#context()): VoterView {
    const { addressKey: _k, ...rest } = row;
    return { ...rest, status: this.#status(row, ctx) };
  }

  // ── recording ─────────────────────────────────────────────────────────────────────────────

  /**
   * Records a vote after the ballot was handed over. The status check and the event are one
   * write transaction; the result is returned only after the commit is on disk, so whatever the
   * screen confirms survives a crash or a power cut.
   */
  record(input: RecordInput): RecordResult {
    const cfg = this.config();
    const reason = this.#checkReason(cfg.kind, input.reason);
    const rollNumber = normalizeId(input.rollNumber);
    const result = this.#store.transaction((): RecordResult => {
      const row = this.#q.byRollNumber(rollNumber);
      if (!row) return { result: 'NOT_ON_ROLL', rollNumber };
      const voter = this.#view(row);
      if (voter.status.code === 'ALREADY_VOTED')
        return { result: 'ALREADY_VOTED', voter, votes: voter.status.votes };
      if (voter.status.code === 'WRONG_STATION') {
        return { result: 'WRONG_STATION', voter, stations: voter.status.stations };
      }
      const payload: VotedPayload = {
        rollNumber,
        stationId: cfg.stationId,
        kind: cfg.kind,
        ...(reason ? { reason } : {}),
        operator: input.operator ?? defaultOperator(),
        at: this.#now(),
        district: row.district,
      };
      const e = this.#store.events.append(EVENT_VOTED, payload);
      const vote = this.#q.votesOf(rollNumber).find((v) => v.terminalId === e.terminalId && v.seq === e.seq)!;
      return {
        result: 'RECORDED',
        vote: this.#voteRecord(vote, this.#stationNames()),
        voter: this.#view(row),
      };
    });
    if (result.result === 'RECORDED') this.#terminal.announce();
    return result;
  }

  /**
   * The desk's path: first pulls whatever the peers have (bounded wait), then records. A vote
   * made at another desk a moment ago is seen even if the regular 1 s pull has not run yet.
   */
  async recordWithLastMileCheck(
    input: RecordInput,
    opts: { timeoutMs?: number } = {},
  ): Promise<RecordResult> {
    await this.#terminal.pullNow(opts.timeoutMs ?? 800);
    return this.record(input);
  }

  #checkReason(kind: ElectionKind, input: string | undefined): ElectionReasonCode | undefined {
    if (kind === 'tojitsu') {
      if (input !== undefined)
        throw new ElectionError('REASON_NOT_ALLOWED', 'election-day votes take no reason');
      return undefined;
    }
    if (input === undefined)
      throw new ElectionError('REASON_REQUIRED', '期日前 votes need a reason code (1–5)');
    const code = parseElectionReason(input);
    if (!code) throw new ElectionError('BAD_INPUT', `unknown reason ${JSON.stringify(input)} (1–5 or a key)`);
    return code;
  }

  /** Withdraws a mistaken record. The undo is itself an event, with the operator and reason. */
  undo(input: UndoInput): { undone: VoteRecord; voter: VoterView } {
    if (!input.reason.trim()) throw new ElectionError('BAD_INPUT', 'an undo needs a reason');
    if (!input.operator.trim()) throw new ElectionError('BAD_INPUT', 'an undo needs the operator');
    const rollNumber = normalizeId(input.rollNumber);
    const out = this.#store.transaction(() => {
      const row = this.#q.byRollNumber(rollNumber);
      const active = this.#q.votesOf(rollNumber).filter((v) => v.undoneHlc === null);
      if (active.length === 0) {
        throw new ElectionError(row ? 'NOT_VOTED' : 'NOT_ON_ROLL', `no active vote for ${rollNumber}`);
      }
      let target: VoteRow | undefined;
      if (input.vote) {
        target = active.find((v) => v.terminalId === input.vote!.terminalId && v.seq === input.vote!.seq);
        if (!target) throw new ElectionError('BAD_INPUT', 'that vote record is not active for this voter');
      } else if (active.length === 1) {
        target = active[0];
      } else {
        const stations = this.#stationNames();
        throw new ElectionError('AMBIGUOUS_UNDO', 'several active vote records: choose one', {
          votes: active.map((v) => this.#voteRecord(v, stations)),
        });
      }
      const payload: UndoPayload = {
        rollNumber,
        target: { terminalId: target!.terminalId, seq: target!.seq },
        reason: input.reason.trim(),
        operator: input.operator.trim(),
        at: this.#now(),
        resolvesConflict: active.length > 1,
      };
      this.#store.events.append(EVENT_UNDO, payload);
      const after = this.#q
        .votesOf(rollNumber)
        .find((v) => v.terminalId === target!.terminalId && v.seq === target!.seq)!;
      const undone = this.#voteRecord(after, this.#stationNames());
      const voter = row
        ? this.#view(row)
        : ({
            rollNumber,
            district: '',
            name: '',
            kana: '',
            birthDate: '',
            sex: 'M',
            address: '',
            status: { code: 'OK' },
          } as VoterView);
      return { undone, voter };
    });
    this.#terminal.announce();
    return out;
  }

  note(input: { rollNumber?: string; text: string; operator?: string }): { terminalId: string; seq: number } {
    const payload: NotePayload = {
      ...(input.rollNumber ? { rollNumber: normalizeId(input.rollNumber) } : {}),
      text: input.text,
      ...(input.operator ? { operator: input.operator } : {}),
      at: this.#now(),
    };
    const e = this.#store.events.append(EVENT_NOTE, payload);
    this.#terminal.announce();
    return { terminalId: e.terminalId, seq: e.seq };
  }

  // ── several terminals ─────────────────────────────────────────────────────────────────────

  exportEvents(path: string): ExportResult {
    return this.#terminal.exportEvents(path);
  }

  mergeFile(path: string): MergeReport {
    const before = new Set(this.conflicts().map((c) => c.rollNumber));
    const report = this.#terminal.mergeFile(path);
    const conflicts = this.conflicts();
    return { ...report, conflicts, newConflicts: conflicts.filter((c) => !before.has(c.rollNumber)) };
  }

  /** Open conflicts (and, with `all`, resolved ones), with every record of each voter. */
  conflicts(opts: { all?: boolean } = {}): ConflictView[] {
    const rows = this.#store.db
      .prepare(
        `SELECT roll_number AS rollNumber, status FROM election_conflicts ${opts.all ? '' : `WHERE status = 'open'`}
         ORDER BY roll_number`,
      )
      .all() as Array<{ rollNumber: string; status: 'open' | 'resolved' }>;
    const stations = this.#stationNames();
    return rows.map((c) => {
      const row = this.#q.byRollNumber(c.rollNumber);
      const voter = row ? (({ addressKey: _k, ...rest }) => rest)(row) : undefined;
      return {
        rollNumber: c.rollNumber,
        status: c.status,
        ...(voter ? { voter } : {}),
        votes: this.#q.votesOf(c.rollNumber).map((v) => this.#voteRecord(v, stations)),
      };
    });
  }

  anomalies(): Anomalies {
    const db = this.#store.db;
    const unknownVoters = db
      .prepare(
        `SELECT DISTINCT v.roll_number FROM election_votes v
         WHERE NOT EXISTS (SELECT 1 FROM election_voters r WHERE r.roll_number = v.roll_number)
         ORDER BY 1`,
      )
      .pluck()
      .all() as string[];
    const badEvents = db
      .prepare('SELECT terminal_id AS terminalId, seq, type, problem FROM election_bad_events ORDER BY 1, 2')
      .all() as Anomalies['badEvents'];
    const ours = this.#store.meta('election.roll_digest');
    const rollMismatch = this.#terminal
      .syncStatus()
      .peers.filter(
        (p) => p.info?.rollDigest !== undefined && ours !== undefined && p.info.rollDigest !== ours,
      )
      .map((p) => ({ url: p.url, ...(p.terminalId ? { terminalId: p.terminalId } : {}) }));
    return {
      conflicts: this.conflicts({ all: true }),
      unknownVoters,
      store: this.#store.events.anomalies(),
      badEvents,
      rollMismatch,
    };
  }

  startSync(opts: SyncOptions): Promise<{ port: number }> {
    return this.#terminal.startSync(opts);
  }

  stopSync(): Promise<void> {
    return this.#terminal.stopSync();
  }

  syncStatus(): SyncStatus {
    return this.#terminal.syncStatus();
  }

  // ── reports ───────────────────────────────────────────────────────────────────────────────

  stats(opts: StatsOptions = {}): ElectionStats {
    return computeStats(this.#store.db, this.config(), this.stations(), opts, this.#now());
  }

  /** The same figures as CSV (UTF-8 with BOM, for Excel). */
  statsCsv(opts: StatsOptions = {}): string {
    return statsToCsv(this.stats(opts));
  }

  /** The same figures as a printable A4 PDF. */
  statsPdf(opts: StatsOptions = {}): Promise<Uint8Array> {
    return statsToPdf(this.stats(opts));
  }

  close(): Promise<void> {
    return this.#terminal.close();
  }
}

const defaultOperator = () => loginName('unknown');
