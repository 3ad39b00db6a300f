/**
 * The election desk behind the kiosk contract (`election.*` calls): the poll worker opens the
 * terminal with the store passphrase, then for each voter identifies (card, 入場券 barcode, manual
 * search), prints the 宣誓書 for 期日前, records after the ballot was handed over, and undoes a
 * mistake with the operator login. ElectionService (service.ts) does the election work; this
 * class adds what the desk needs on top:
 *
 * - the store file of this terminal (beside its configuration, or $KAKANAI_ELECTION_DB) opened
 *   with the passphrase typed at the desk (wrapped in a Secret at once, never kept);
 * - LAN sync started on open when the store has a port configured (`kakanai election peers`);
 * - the 期日前 order: reason → 宣誓書 printed (or filled by hand) → record. A record without a
 *   printed 宣誓書 for the same voter and reason is refused (SENSEISHO_REQUIRED);
 * - contract shapes (和暦 birth dates, no 個人番号 — the card is read without it) and typed errors.
 *
 * Privacy: voter data lives in the encrypted store and in memory for the voter at the desk (the
 * card data of the last read, until the next voter). The 宣誓書 PDF goes from memory to the
 * print service. Logs carry the action, the result code and the time only — no names, no roll
 * numbers.
 */
import { dirname, join, resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type {
  CallOutput,
  CallParsedInput,
  ElectionConflict,
  ElectionReasonCode,
  ElectionStatus,
  ElectionVote,
  ElectionVoter,
} from '../../contract/index.ts';
import { electionReason } from '../../contract/election.ts';
import { ApiFailure, fail } from '../../contract/errors.ts';
import type { Secret } from '../../card/secret.ts';
import type { CardReadRequest } from '../../services/card-service.ts';
import type { EngineRenderRequest } from '../../services/forms-service.ts';
import type { ResidentData } from '../../services/session-service.ts';
import { StoreError } from '../../store/errors.ts';
import { storeFailure, TerminalHost } from '../../services/terminal-host.ts';
import { jstStamp } from '../../util/csv-out.ts';
import { warekiOrIso } from '../../util/wareki.ts';
import { ElectionError } from './errors.ts';
import { normalizeId } from '../../roster/normalize.ts';
import type {
  ConflictView,
  ElectionService,
  IdentifyResult,
  RecordResult,
  VoteRecord,
  VoterView,
} from './service.ts';

export const SENSEISHO_FORM_ID = 'kijitsumae-senseisho';

/** What the desk needs from the kiosk's other services (narrow, so tests can pass doubles). */
export interface DeskDeps {
  terminalId: () => string;
  /** The terminal configuration file; the store is `election.db` beside it by default. */
  configPath: () => string;
  card: {
    read(req: CardReadRequest): Promise<{ data: ResidentData }>;
  };
  forms: {
    renderFinal(req: EngineRenderRequest): Promise<{ pdf: Uint8Array; pageCount: number }>;
  };
  print: {
    submit(
      pdf: Uint8Array,
      options: { printer?: string | undefined; copies: number; pageCount: number },
    ): Promise<{ jobId: string; printer: string }>;
  };
  operator: { require(token: string): void };
  municipality: () => { name: string; code: string };
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** Opens the election service (default: ElectionService.open, loaded on first use). */
  openService?: (path: string, passphrase: Secret) => Promise<ElectionService>;
}

interface PrintedSenseisho {
  reason: ElectionReasonCode;
  jobId: string;
}

/** The card read at the desk for the voter being served (held until the next voter). */
interface CardAtDesk {
  data: Pick<ResidentData, 'name' | 'address' | 'birthDate' | 'sex' | 'method'>;
  rollNumbers: Set<string>;
}

const MAX_PENDING_SENSEISHO = 50;
const DAY_MS = 86_400_000;
const JST_MS = 9 * 3_600_000;

export function electionStorePath(configPath: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.KAKANAI_ELECTION_DB;
  return fromEnv ? resolve(fromEnv) : join(dirname(resolve(configPath)), 'election.db');
}

function voteOut(v: VoteRecord): ElectionVote {
  return {
    terminalId: v.terminalId,
    seq: v.seq,
    stationId: v.stationId,
    ...(v.stationName ? { stationName: v.stationName } : {}),
    kind: v.kind,
    ...(v.reason ? { reason: v.reason } : {}),
    at: v.at,
    atJst: v.atJst,
    undone: v.undone,
  };
}

export function voterOut(v: VoterView): ElectionVoter {
  const s = v.status;
  return {
    rollNumber: v.rollNumber,
    district: v.district,
    name: v.name,
    kana: v.kana,
    birthDate: v.birthDate,
    birthDateWareki: warekiOrIso(v.birthDate),
    sex: v.sex,
    address: v.address,
    status:
      s.code === 'ALREADY_VOTED'
        ? { code: 'ALREADY_VOTED', votes: s.votes.map(voteOut), conflict: s.conflict }
        : s.code === 'WRONG_STATION'
          ? { code: 'WRONG_STATION', stations: s.stations }
          : { code: 'OK' },
  };
}

function identifyOut(r: IdentifyResult): CallOutput<'election.identifyRoll'> {
  if (r.match === 'unique') return { match: 'unique', by: r.by, voter: voterOut(r.voter) };
  if (r.match === 'ambiguous') return { match: 'ambiguous', candidates: r.candidates.map(voterOut) };
  return { match: 'none' };
}

function conflictOut(c: ConflictView): ElectionConflict {
  return {
    rollNumber: c.rollNumber,
    status: c.status,
    ...(c.voter
      ? {
          voter: {
            rollNumber: c.voter.rollNumber,
            district: c.voter.district,
            name: c.voter.name,
            kana: c.voter.kana,
            birthDate: c.voter.birthDate,
            birthDateWareki: warekiOrIso(c.voter.birthDate),
            sex: c.voter.sex,
            address: c.voter.address,
          },
        }
      : {}),
    votes: c.votes.map(voteOut),
  };
}

/** Store and election errors → the contract's codes (messages carry no voter data). */
export function toDeskFailure(e: unknown): unknown {
  if (e instanceof StoreError) return storeFailure(e, { notSetUp, invalid: 'ELECTION_STORE_INVALID' });
  if (e instanceof ElectionError) {
    switch (e.code) {
      case 'REASON_REQUIRED':
        return fail('REASON_REQUIRED', e.message, e.messageJa, { field: 'reason' });
      case 'REASON_NOT_ALLOWED':
        return fail('INVALID_INPUT', e.message, e.messageJa, { field: 'reason' });
      case 'NOT_VOTED':
        return fail('NOT_VOTED', e.message, e.messageJa);
      case 'NOT_ON_ROLL':
        return fail('NOT_ON_ROLL', e.message, e.messageJa);
      case 'AMBIGUOUS_UNDO': {
        const votes = (e.details.votes as VoteRecord[] | undefined) ?? [];
        return fail('AMBIGUOUS_UNDO', e.message, e.messageJa, {
          field: 'vote',
          details: { votes: votes.map(voteOut) },
        });
      }
      case 'BAD_INPUT':
        return fail('INVALID_INPUT', e.message, e.messageJa);
      case 'NOT_CONFIGURED':
        return fail('ELECTION_STORE_INVALID', e.message, e.messageJa, { details: { storeCode: e.code } });
      default:
        return e;
    }
  }
  return e;
}

function notSetUp(): ApiFailure {
  return fail(
    'ELECTION_NOT_SET_UP',
    'This terminal has no election store: set it up with `kakanai election init` and import the roll.',
    'この端末には選挙のデータがありません（kakanai election init で設定し、名簿を取り込んでください）。',
  );
}

async function defaultOpen(path: string, passphrase: Secret): Promise<ElectionService> {
  const { ElectionService } = await import('./service.ts');
  return ElectionService.open(path, passphrase);
}

export class ElectionDesk {
  readonly #d: DeskDeps;
  readonly #now: () => number;
  readonly #host: TerminalHost<ElectionService>;
  #roll: { total: number; male: number; female: number } | undefined;
  readonly #senseisho = new Map<string, PrintedSenseisho>();
  #card: CardAtDesk | undefined;

  constructor(deps: DeskDeps) {
    this.#d = deps;
    this.#now = deps.now ?? Date.now;
    this.#host = new TerminalHost<ElectionService>({
      logEvent: 'election.desk',
      storePath: () => electionStorePath(this.#d.configPath(), this.#d.env),
      open: (path, passphrase) => (this.#d.openService ?? defaultOpen)(path, passphrase),
      notSetUp,
      notOpen: () =>
        fail(
          'ELECTION_NOT_OPEN',
          'Open the terminal with the store passphrase first.',
          '先にパスフレーズを入力して端末を開いてください。',
        ),
      toFailure: toDeskFailure,
      failureCode: (mapped, e) =>
        mapped instanceof ApiFailure ? mapped.code : ((e as { code?: string }).code ?? 'INTERNAL'),
      logFields: (out) => {
        const result = (out as { result?: unknown; match?: unknown } | undefined) ?? {};
        return {
          ...(typeof result.result === 'string' ? { result: result.result } : {}),
          ...(typeof result.match === 'string' ? { match: result.match } : {}),
        };
      },
    });
  }

  get storePath(): string {
    return this.#host.storePath;
  }

  get isOpen(): boolean {
    return this.#host.current !== undefined;
  }

  /**
   * Every call runs through the host: typed errors, a log line without personal data. (The core
   * answers NOT_IMPLEMENTED before a call gets here on a terminal not in election mode.)
   */
  #run<T>(action: string, fn: () => Promise<T> | T): Promise<T> {
    return this.#host.run(action, fn);
  }

  #service(): ElectionService {
    return this.#host.service();
  }

  // ── open / close / status ──────────────────────────────────────────────────────────────────

  open(passphrase: string): Promise<ElectionStatus> {
    return this.#run('open', async () => {
      const { service, opened } = await this.#host.open(passphrase);
      if (opened) this.#roll = service.rollSize();
      return this.#status();
    });
  }

  close(): Promise<{ done: true }> {
    return this.#run('close', async () => {
      await this.shutdown();
      return { done: true as const };
    });
  }

  /** Closes the store and stops sync (also on kiosk shutdown). */
  async shutdown(): Promise<void> {
    this.#roll = undefined;
    this.#senseisho.clear();
    this.#card = undefined;
    await this.#host.shutdown();
  }

  status(): Promise<ElectionStatus> {
    return this.#run('status', () => this.#status());
  }

  #status(): ElectionStatus {
    const svc = this.#host.current;
    const base: ElectionStatus = {
      mode: 'election',
      ready: false,
      storeFound: this.#host.storeFound(),
      terminalId: this.#d.terminalId(),
      sync: { running: false, peers: [] },
      openConflicts: 0,
    };
    if (!svc) return base;
    const cfg = svc.config();
    const station = svc.stations().find((s) => s.stationId === cfg.stationId);
    const db = svc.store.db;
    const now = this.#now();
    const dayStart = Math.floor((now + JST_MS) / DAY_MS) * DAY_MS - JST_MS;
    const counts = db
      .prepare(
        `SELECT count(*) AS total,
                coalesce(sum(terminal_id = ?), 0) AS thisTerminal,
                coalesce(sum(at >= ?), 0) AS today
         FROM election_votes WHERE undone_hlc IS NULL`,
      )
      .get(cfg.terminalId, dayStart) as { total: number; thisTerminal: number; today: number };
    const openConflicts = db
      .prepare(`SELECT count(*) FROM election_conflicts WHERE status = 'open'`)
      .pluck()
      .get() as number;
    return {
      ...base,
      ready: true,
      storeFound: true,
      terminalId: cfg.terminalId,
      election: { name: cfg.electionName, date: cfg.date, kind: cfg.kind },
      ...(station ? { station } : {}),
      ...(this.#roll ? { roll: this.#roll } : {}),
      counts,
      sync: this.#host.syncView(),
      openConflicts,
    };
  }

  // ── identification ────────────────────────────────────────────────────────────────────────

  identifyCard(
    input: CallParsedInput<'election.identifyCard'>,
  ): Promise<CallOutput<'election.identifyCard'>> {
    return this.#run('identifyCard', async () => {
      const svc = this.#service();
      this.#card = undefined;
      // Never the 個人番号: the desk needs the four attributes only.
      const req: CardReadRequest =
        input.method === 'pin'
          ? { method: 'pin', pin: input.pin, confirmLastTry: input.confirmLastTry, withMyNumber: false }
          : { method: 'bno', bno: input.bno, confirmLastTry: input.confirmLastTry };
      const { data } = await this.#d.card.read(req);
      const found = svc.identifyByCard({ name: data.name, birthDate: data.birthDate, address: data.address });
      const rolls =
        found.match === 'unique'
          ? [found.voter.rollNumber]
          : found.match === 'ambiguous'
            ? found.candidates.map((c) => c.rollNumber)
            : [];
      this.#card = {
        data: {
          name: data.name,
          address: data.address,
          birthDate: data.birthDate,
          sex: data.sex,
          method: data.method,
        },
        rollNumbers: new Set(rolls),
      };
      return {
        identified: identifyOut(found),
        card: { name: data.name, birthDateWareki: warekiOrIso(data.birthDate), address: data.address },
      };
    });
  }

  identifyRoll(rollNumber: string): Promise<CallOutput<'election.identifyRoll'>> {
    return this.#run('identifyRoll', () => {
      const svc = this.#service();
      this.#card = undefined;
      return identifyOut(svc.identifyByRollNumber(rollNumber));
    });
  }

  search(input: CallParsedInput<'election.search'>): Promise<CallOutput<'election.search'>> {
    return this.#run('search', () => {
      const svc = this.#service();
      this.#card = undefined;
      const opts = input.birthDate ? { birthDate: input.birthDate } : {};
      const r = input.name
        ? svc.searchByName(input.name, opts)
        : input.kana
          ? svc.searchByKana(input.kana, opts)
          : svc.searchByBirthDate(input.birthDate!);
      return { candidates: r.candidates.map(voterOut), truncated: r.truncated };
    });
  }

  // ── 期日前: the 宣誓書 ─────────────────────────────────────────────────────────────────────

  senseisho(input: CallParsedInput<'election.senseisho'>): Promise<CallOutput<'election.senseisho'>> {
    return this.#run('senseisho', async () => {
      const svc = this.#service();
      const cfg = svc.config();
      if (cfg.kind !== 'kijitsumae') {
        throw fail(
          'INVALID_INPUT',
          'The 宣誓書 is for 期日前 voting only.',
          '宣誓書は期日前投票のときだけ使います。',
          {
            field: 'reason',
          },
        );
      }
      const found = svc.identifyByRollNumber(input.rollNumber);
      if (found.match !== 'unique') {
        throw fail('NOT_ON_ROLL', 'No voter with this roll number.', '名簿にありません。', {
          field: 'rollNumber',
        });
      }
      const voter = found.voter;
      if (voter.status.code !== 'OK') {
        throw fail('NOT_ELIGIBLE', 'This voter cannot be accepted here.', 'この選挙人は受付できません。', {
          details: { status: voter.status.code },
        });
      }
      // The card just read for this voter has the current glyphs and address; else the roll entry.
      const card = this.#card?.rollNumbers.has(voter.rollNumber) ? this.#card.data : undefined;
      const resident: ResidentData = {
        name: card?.name ?? voter.name,
        address: card?.address || voter.address,
        birthDate: voter.birthDate,
        sex: voter.sex === 'M' ? 'male' : 'female',
        method: card?.method ?? 'bno',
      };
      const rendered = await this.#d.forms.renderFinal({
        formIds: [SENSEISHO_FORM_ID],
        resident,
        inputs: {
          electionName: cfg.electionName,
          electionDate: cfg.date,
          voteReason: electionReason(input.reason).key,
        },
        blank: false,
        municipality: this.#d.municipality(),
      });
      try {
        const job = await this.#d.print.submit(rendered.pdf, {
          printer: input.printer,
          copies: 1,
          pageCount: rendered.pageCount,
        });
        this.#senseisho.delete(voter.rollNumber);
        this.#senseisho.set(voter.rollNumber, { reason: input.reason, jobId: job.jobId });
        while (this.#senseisho.size > MAX_PENDING_SENSEISHO) {
          this.#senseisho.delete(this.#senseisho.keys().next().value!);
        }
        return { jobId: job.jobId, printer: job.printer, pageCount: rendered.pageCount };
      } finally {
        rendered.pdf.fill(0);
      }
    });
  }

  // ── recording ─────────────────────────────────────────────────────────────────────────────

  record(input: CallParsedInput<'election.record'>): Promise<CallOutput<'election.record'>> {
    return this.#run('record', async () => {
      const svc = this.#service();
      const cfg = svc.config();
      const key = normalizeId(input.rollNumber);
      if (cfg.kind === 'kijitsumae') {
        if (!input.reason) {
          throw fail(
            'REASON_REQUIRED',
            '期日前 votes need the reason (1–5).',
            '期日前投票の事由を選んでください。',
            {
              field: 'reason',
            },
          );
        }
        const printed = this.#senseisho.get(key);
        if (input.senseisho === 'printed' && printed?.reason !== input.reason) {
          throw fail(
            'SENSEISHO_REQUIRED',
            'Print the 宣誓書 for this voter and reason first.',
            '先にこの方の宣誓書（選んだ事由）を印刷してください。',
          );
        }
      }
      const r: RecordResult = await svc.recordWithLastMileCheck({
        rollNumber: key,
        ...(input.reason ? { reason: input.reason } : {}),
        operator: `desk@${cfg.terminalId}`,
      });
      if (r.result === 'RECORDED') {
        this.#senseisho.delete(key);
        this.#card = undefined;
        return { result: 'RECORDED' as const, vote: voteOut(r.vote), voter: voterOut(r.voter) };
      }
      if (r.result === 'ALREADY_VOTED')
        return { result: 'ALREADY_VOTED' as const, voter: voterOut(r.voter), votes: r.votes.map(voteOut) };
      if (r.result === 'WRONG_STATION')
        return { result: 'WRONG_STATION' as const, voter: voterOut(r.voter), stations: r.stations };
      return { result: 'NOT_ON_ROLL' as const, rollNumber: r.rollNumber };
    });
  }

  undo(input: CallParsedInput<'election.undo'>): Promise<CallOutput<'election.undo'>> {
    return this.#run('undo', () => {
      this.#d.operator.require(input.token);
      const svc = this.#service();
      const cfg = svc.config();
      const onRoll = svc.identifyByRollNumber(input.rollNumber).match === 'unique';
      const r = svc.undo({
        rollNumber: input.rollNumber,
        reason: input.reason,
        operator: `operator@${cfg.terminalId}`,
        ...(input.vote ? { vote: input.vote } : {}),
      });
      return { undone: voteOut(r.undone), voter: onRoll ? voterOut(r.voter) : null };
    });
  }

  // ── reports and conflicts ─────────────────────────────────────────────────────────────────

  stats(): Promise<CallOutput<'election.stats'>> {
    return this.#run('stats', () => this.#service().stats());
  }

  statsFile(format: 'csv' | 'pdf'): Promise<CallOutput<'election.statsFile'>> {
    return this.#run('statsFile', async () => {
      const svc = this.#service();
      const cfg = svc.config();
      const stamp = jstStamp(this.#now());
      const base = `election-stats-${cfg.terminalId}-${stamp}`;
      if (format === 'csv') {
        return {
          fileName: `${base}.csv`,
          mimeType: 'text/csv; charset=utf-8',
          base64: Buffer.from(svc.statsCsv(), 'utf8').toString('base64'),
        };
      }
      const pdf = await svc.statsPdf();
      return {
        fileName: `${base}.pdf`,
        mimeType: 'application/pdf',
        base64: Buffer.from(pdf).toString('base64'),
      };
    });
  }

  statsPrint(printer: string | undefined): Promise<CallOutput<'election.statsPrint'>> {
    return this.#run('statsPrint', async () => {
      const pdf = await this.#service().statsPdf();
      const pageCount = (await PDFDocument.load(pdf)).getPageCount();
      return this.#d.print.submit(pdf, { printer, copies: 1, pageCount });
    });
  }

  conflicts(all: boolean): Promise<CallOutput<'election.conflicts'>> {
    return this.#run('conflicts', () => ({
      conflicts: this.#service().conflicts({ all }).map(conflictOut),
    }));
  }

  /** For tests: whether a printed 宣誓書 is pending for this roll number. */
  pendingSenseisho(rollNumber: string): ElectionReasonCode | undefined {
    return this.#senseisho.get(normalizeId(rollNumber))?.reason;
  }
}
