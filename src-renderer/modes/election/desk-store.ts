/**
 * The election desk flow: which screen shows, the voter being served, and every call to the main
 * process. Components render this state and call its actions. A vanilla zustand store, so the
 * whole flow runs in unit tests with a fake client and no DOM.
 *
 * The queue decides the shape: after each voter the desk goes back to `ready` (the barcode field
 * takes the focus again), and a card placed on the reader while ready starts the card path at
 * once. Voter data is dropped on `next()` (and on lock); PINs and 照合番号B parts never enter
 * the store — the entry screens pass them straight to an action.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiError, BnoParts, KioskEvent, PrintJobStatus } from '../../api/types.ts';
import type {
  CallOutput,
  ElectionConflict,
  ElectionIdentify,
  ElectionReasonCode,
  ElectionStats,
  ElectionStatus,
  ElectionVote,
  ElectionVoter,
} from '../../../src-main/contract/index.ts';
import type { KioskClient } from '../../api/client.ts';
import type { ErrorKeys } from '../../i18n/error-keys.ts';
import { tk } from '../../i18n/keys.ts';
import { errorNotice as kitErrorNotice, type Notice } from '../../kit/notice.ts';
import { createNavigator } from '../../kit/navigator.ts';
import { createPrintJobWatch, printJobNotice } from '../../kit/print-job.ts';
import { createDeskCard } from '../../kit/desk-card.ts';
import { createDeskLifecycle } from '../../kit/desk-lifecycle.ts';
import { markName, type DeskScreen, type ResultKind } from './desk-screens.ts';

export type DeskNotice = Notice;

export type DeskBusy = null | 'open' | 'lookup' | 'card' | 'record' | 'print' | 'undo' | 'load';

export interface UndoTarget {
  rollNumber: string;
  name: string;
  /** Active records of the voter (several = a conflict: the operator picks one). */
  votes: ElectionVote[];
  /** Where to go back to afterwards. */
  from: 'result' | 'conflicts';
}

export interface DeskState {
  status: ElectionStatus | null;
  screen: DeskScreen;
  busy: DeskBusy;
  notice: DeskNotice | null;
  /** The confirmation shown on the ready screen after a voter ("recorded: …"). */
  flash: DeskNotice | null;
  // the voter being served (dropped by next())
  voter: ElectionVoter | null;
  resultKind: ResultKind | null;
  identifiedBy: 'card' | 'barcode' | 'search' | null;
  /** The number scanned or typed (shown when it is not on the roll). */
  lookedUp: string | null;
  /** What the card said (name, 和暦 birth date, address), for the worker's comparison. */
  cardSeen: { name: string; birthDateWareki: string; address: string } | null;
  candidates: ElectionVoter[];
  truncated: boolean;
  searched: boolean;
  reason: ElectionReasonCode | null;
  job: PrintJobStatus | null;
  // card
  cardMethod: 'bno' | 'pin';
  retries: { pin: number | null; bno: number | null } | null;
  lastTryConfirmed: boolean;
  // staff
  stats: ElectionStats | null;
  conflicts: ElectionConflict[] | null;
  operator: { token: string; expiresAt: string } | null;
  undo: UndoTarget | null;
}

export interface DeskActions {
  start(): Promise<void>;
  stop(): void;
  refreshStatus(): Promise<void>;
  open(passphrase: string): Promise<void>;
  lock(): Promise<void>;
  scan(rollNumber: string): Promise<void>;
  beginCard(): Promise<void>;
  switchCardMethod(method: 'pin' | 'bno'): Promise<void>;
  confirmLastTry(): void;
  submitBno(parts: BnoParts): Promise<void>;
  submitPin(pin: string): Promise<void>;
  cancelCard(): Promise<void>;
  openSearch(): void;
  search(query: { kana?: string; birthDate?: string; name?: string }): Promise<void>;
  choose(rollNumber: string): void;
  /** 受付可 → 当日: record; 期日前: the reason screen. */
  accept(): Promise<void>;
  chooseReason(reason: ElectionReasonCode): Promise<void>;
  reprint(): Promise<void>;
  /** 期日前: the ballot was handed over (宣誓書 printed) → record. */
  handedOver(): Promise<void>;
  /** 期日前 with a hand-filled 宣誓書 (printer down) → record. */
  handwritten(): Promise<void>;
  refreshJob(): Promise<void>;
  next(): void;
  startUndo(target: Omit<UndoTarget, 'from'> & { from?: UndoTarget['from'] }): void;
  operatorLogin(pin: string): Promise<void>;
  submitUndo(reason: string, vote?: { terminalId: string; seq: number }): Promise<void>;
  cancelUndo(): void;
  openStats(): Promise<void>;
  statsFile(format: 'csv' | 'pdf'): Promise<CallOutput<'election.statsFile'> | null>;
  printStats(): Promise<void>;
  openConflicts(): Promise<void>;
  back(): void;
  dismissNotice(): void;
}

export type DeskStore = StoreApi<DeskState & DeskActions>;

/** Error codes with a message of the desk's own; the rest come from COMMON_ERROR_KEYS. */
export const DESK_ERROR_KEYS: ErrorKeys = {
  WRONG_PASSPHRASE: tk('election.error.wrongPassphrase'),
  STORE_CORRUPT: tk('election.error.storeCorrupt'),
  PASSPHRASE_LOCKED: tk('election.error.passphraseLocked'),
  ELECTION_NOT_SET_UP: tk('election.error.notSetUp'),
  ELECTION_NOT_OPEN: tk('election.error.notOpen'),
  SENSEISHO_REQUIRED: tk('election.error.senseishoRequired'),
  REASON_REQUIRED: tk('election.error.reasonRequired'),
  NOT_ELIGIBLE: tk('election.error.notEligible'),
  NOT_VOTED: tk('election.error.notVoted'),
  AMBIGUOUS_UNDO: tk('election.error.ambiguousUndo'),
  UNAUTHORIZED: tk('election.error.operatorNeeded'),
};

export function errorNotice(error: ApiError, params: Record<string, string | number> = {}): DeskNotice {
  return kitErrorNotice(error, DESK_ERROR_KEYS, params);
}

export function resultKindOf(voter: ElectionVoter | null): ResultKind {
  if (!voter) return 'none';
  switch (voter.status.code) {
    case 'OK':
      return 'ok';
    case 'ALREADY_VOTED':
      return 'voted';
    case 'WRONG_STATION':
      return 'wrongStation';
  }
}

function voterData(): Pick<
  DeskState,
  | 'voter'
  | 'resultKind'
  | 'identifiedBy'
  | 'lookedUp'
  | 'cardSeen'
  | 'candidates'
  | 'truncated'
  | 'searched'
  | 'reason'
  | 'job'
  | 'retries'
  | 'lastTryConfirmed'
  | 'undo'
  | 'notice'
  | 'cardMethod'
> {
  return {
    voter: null,
    resultKind: null,
    identifiedBy: null,
    lookedUp: null,
    cardSeen: null,
    candidates: [],
    truncated: false,
    searched: false,
    reason: null,
    job: null,
    retries: null,
    lastTryConfirmed: false,
    undo: null,
    notice: null,
    // 照合番号B by default for every voter; the PIN only when this voter prefers it.
    cardMethod: 'bno',
  };
}

export interface DeskDeps {
  now?: () => number;
  /** How often the header (counts, peers, conflicts) refreshes. */
  statusIntervalMs?: number;
  /** How often a print job is polled besides its events. */
  jobPollMs?: number;
  /** Wait before identifying a just-placed card again after an I/O error. */
  settleMs?: number;
  setInterval?: typeof globalThis.setInterval;
  clearInterval?: typeof globalThis.clearInterval;
}

export function createDeskStore(client: KioskClient, deps: DeskDeps = {}): DeskStore {
  const now = deps.now ?? (() => performance.now());
  const setIntervalFn = deps.setInterval ?? globalThis.setInterval.bind(globalThis);
  const clearIntervalFn = deps.clearInterval ?? globalThis.clearInterval.bind(globalThis);

  return createStore<DeskState & DeskActions>()((set, get) => {
    const nav = createNavigator<DeskScreen>({ client, now, show: (screen) => set({ screen }), markName });
    const { go, begin } = nav;
    const fail = (error: ApiError) => set({ notice: errorNotice(error), busy: null });

    const printJob = createPrintJobWatch({
      client,
      current: () => get().job,
      apply: (job) => {
        set({ job });
        const notice = printJobNotice(job, DESK_ERROR_KEYS);
        if (notice) set({ notice });
      },
      pollMs: deps.jobPollMs ?? 2000,
      setInterval: setIntervalFn,
      clearInterval: clearIntervalFn,
    });
    const stopJobPoll = printJob.stop;

    const kind = () => get().status?.election?.kind ?? 'tojitsu';

    const showVoter = (voter: ElectionVoter | null, by: DeskState['identifiedBy']) => {
      set({ voter, resultKind: resultKindOf(voter), identifiedBy: by, busy: null, candidates: [] });
      go({ id: 'result' });
    };

    const showIdentify = (r: ElectionIdentify, by: DeskState['identifiedBy']) => {
      // The header's counts follow what this lookup saw (other desks' records arrive by sync).
      void get().refreshStatus();
      if (r.match === 'unique') return showVoter(r.voter, by);
      if (r.match === 'none') return showVoter(null, by);
      set({ candidates: r.candidates, truncated: false, identifiedBy: by, busy: null, voter: null });
      go({ id: 'candidates' });
    };

    /** The desk lost its store (locked elsewhere, restarted): back to the passphrase. */
    const handleNotOpen = (error: ApiError): boolean => {
      if (error.code !== 'ELECTION_NOT_OPEN') return false;
      set({ ...voterData(), busy: null, notice: errorNotice(error) });
      go({ id: 'open' });
      return true;
    };

    const card = createDeskCard<CallOutput<'election.identifyCard'>>({
      client,
      state: () => get(),
      set: (patch) => set(patch),
      go,
      begin,
      errorNotice,
      wrongKeys: { pin: tk('election.card.wrongPin'), bno: tk('election.card.wrongBno') },
      read: (secret, confirmLastTry) => client.call('election.identifyCard', { ...secret, confirmLastTry }),
      done: (v) => {
        set({ cardSeen: v.card, notice: null });
        showIdentify(v.identified, 'card');
      },
      intercept: handleNotOpen,
      identifyAgain: () => void get().beginCard(),
      ...(deps.settleMs !== undefined ? { settleMs: deps.settleMs } : {}),
    });

    const record = async (senseisho: 'printed' | 'handwritten') => {
      const { voter, reason } = get();
      if (!voter || get().busy === 'record') return;
      begin();
      set({ busy: 'record', notice: null });
      const r = await client.call('election.record', {
        rollNumber: voter.rollNumber,
        ...(kind() === 'kijitsumae' && reason ? { reason } : {}),
        senseisho,
      });
      if (!r.ok) {
        if (handleNotOpen(r.error)) return;
        if (r.error.code === 'SENSEISHO_REQUIRED' || r.error.code === 'REASON_REQUIRED') {
          set({ busy: null, notice: errorNotice(r.error) });
          return go({ id: 'reason' });
        }
        return fail(r.error);
      }
      const v = r.value;
      switch (v.result) {
        case 'RECORDED':
          stopJobPoll();
          set({
            ...voterData(),
            busy: null,
            flash: { tone: 'ok', key: tk('election.flash.recorded'), params: { name: v.voter.name } },
          });
          go({ id: 'ready' });
          void get().refreshStatus();
          return;
        case 'ALREADY_VOTED':
        case 'WRONG_STATION':
          // Another desk was quicker (the last-mile check saw it): the new status, in red/amber.
          set({ notice: { tone: 'error', key: tk('election.notice.changedMeanwhile') } });
          stopJobPoll();
          set({ job: null });
          return showVoter(v.voter, get().identifiedBy);
        case 'NOT_ON_ROLL':
          return showVoter(null, get().identifiedBy);
      }
    };

    const onEvent = (e: KioskEvent) => {
      const s = get();
      if (e.type === 'card')
        return card.onEvent(e, { screen: s.screen, ready: !!s.status?.ready }, () => void get().beginCard());
      if (e.type === 'print.progress') return printJob.progress(e.job);
      if (e.type === 'config.changed') void get().refreshStatus();
    };

    const life = createDeskLifecycle({
      client,
      status: () => client.call('election.status', {}),
      open: (passphrase) => client.call('election.open', { passphrase }),
      close: () => client.call('election.close', {}),
      notSetUp: { code: 'ELECTION_NOT_SET_UP', key: tk('election.error.notSetUp') },
      onEvent,
      get,
      set,
      go,
      begin,
      errorNotice,
      forget: () => set({ ...voterData(), flash: null, stats: null, conflicts: null, operator: null }),
      stopping: stopJobPoll,
      ...(deps.statusIntervalMs !== undefined ? { statusIntervalMs: deps.statusIntervalMs } : {}),
      setInterval: setIntervalFn,
      clearInterval: clearIntervalFn,
    });

    return {
      status: null,
      screen: { id: 'loading' },
      busy: null,
      flash: null,
      stats: null,
      conflicts: null,
      operator: null,
      ...voterData(),

      start: () => life.start(),
      stop: () => life.stop(),
      refreshStatus: () => life.refreshStatus(),
      open: (passphrase) => life.open(passphrase),
      lock: () => life.lock(),

      async scan(rollNumber) {
        const value = rollNumber.trim();
        if (!value || get().busy) return;
        begin();
        set({ ...voterData(), flash: null, busy: 'lookup', lookedUp: value });
        const r = await client.call('election.identifyRoll', { rollNumber: value });
        if (!r.ok) {
          if (handleNotOpen(r.error)) return;
          return fail(r.error);
        }
        showIdentify(r.value, 'barcode');
      },

      async beginCard() {
        if (get().busy === 'card') return;
        begin();
        set({ ...voterData(), flash: null, busy: 'card' });
        await card.identify();
      },

      switchCardMethod: (method) => card.switchMethod(method),
      confirmLastTry: () => card.confirmLastTry(),
      submitBno: (parts) => card.submitBno(parts),
      submitPin: (pin) => card.submitPin(pin),

      async cancelCard() {
        void client.call('card.cancel', {});
        get().next();
      },

      openSearch() {
        begin();
        set({ ...voterData(), flash: null });
        go({ id: 'search' });
      },

      async search(query) {
        const q = {
          ...(query.kana?.trim() ? { kana: query.kana.trim() } : {}),
          ...(query.birthDate?.trim() ? { birthDate: query.birthDate.trim() } : {}),
          ...(query.name?.trim() ? { name: query.name.trim() } : {}),
        };
        if (Object.keys(q).length === 0 || get().busy) return;
        set({ busy: 'lookup', notice: null });
        const r = await client.call('election.search', q);
        if (!r.ok) {
          if (handleNotOpen(r.error)) return;
          return fail(r.error);
        }
        set({ candidates: r.value.candidates, truncated: r.value.truncated, searched: true, busy: null });
      },

      choose(rollNumber) {
        const voter = get().candidates.find((c) => c.rollNumber === rollNumber);
        if (!voter) return;
        begin();
        showVoter(voter, get().identifiedBy ?? 'search');
      },

      async accept() {
        const { voter } = get();
        if (!voter || voter.status.code !== 'OK') return;
        if (kind() === 'kijitsumae') {
          begin();
          set({ notice: null });
          return go({ id: 'reason' });
        }
        await record('printed');
      },

      async chooseReason(reason) {
        const voter = get().voter;
        if (!voter || get().busy) return;
        begin();
        stopJobPoll();
        // The 宣誓書 screen shows at once ("preparing"); rendering and spooling take a few tenths.
        set({ reason, busy: 'print', notice: null, job: null });
        go({ id: 'senseisho' });
        const r = await client.call('election.senseisho', { rollNumber: voter.rollNumber, reason });
        if (!r.ok) {
          if (handleNotOpen(r.error)) return;
          if (r.error.code === 'NOT_ELIGIBLE') {
            // Recorded elsewhere meanwhile: show the voter's status now.
            const again = await client.call('election.identifyRoll', { rollNumber: voter.rollNumber });
            set({ notice: { tone: 'error', key: tk('election.notice.changedMeanwhile') } });
            if (again.ok) return showIdentify(again.value, get().identifiedBy);
          }
          set({ busy: null, notice: errorNotice(r.error) });
          return;
        }
        set({
          busy: null,
          job: {
            jobId: r.value.jobId,
            printer: r.value.printer,
            phase: 'queued',
            pageCount: r.value.pageCount,
          },
        });
        printJob.start();
      },

      async reprint() {
        const reason = get().reason;
        if (reason) await get().chooseReason(reason);
      },

      handedOver: () => record('printed'),
      handwritten: () => record('handwritten'),

      refreshJob: () => printJob.refresh(),

      next() {
        begin();
        stopJobPoll();
        set({ ...voterData(), busy: null });
        go({ id: 'ready' });
      },

      startUndo(target) {
        begin();
        set({ undo: { ...target, from: target.from ?? 'result' }, notice: null });
        go({ id: 'undo' });
      },

      async operatorLogin(pin) {
        if (get().busy) return;
        set({ busy: 'undo', notice: null });
        const r = await client.call('operator.login', { pin });
        if (!r.ok) return fail(r.error);
        set({ operator: r.value, busy: null });
      },

      async submitUndo(reason, vote) {
        const { undo, operator } = get();
        if (!undo || !operator || get().busy) return;
        begin();
        set({ busy: 'undo', notice: null });
        const r = await client.call('election.undo', {
          token: operator.token,
          rollNumber: undo.rollNumber,
          reason,
          ...(vote ? { vote } : {}),
        });
        if (!r.ok) {
          if (handleNotOpen(r.error)) return;
          if (r.error.code === 'UNAUTHORIZED') set({ operator: null });
          if (r.error.code === 'AMBIGUOUS_UNDO') {
            const votes = (r.error.details?.votes as ElectionVote[] | undefined) ?? undo.votes;
            set({ undo: { ...undo, votes } });
          }
          return fail(r.error);
        }
        const flash: DeskNotice = {
          tone: 'ok',
          key: tk('election.flash.undone'),
          params: { name: undo.name },
        };
        if (undo.from === 'conflicts') {
          set({ undo: null, busy: null, flash });
          await get().openConflicts();
          return;
        }
        set({ ...voterData(), busy: null, flash });
        go({ id: 'ready' });
        void get().refreshStatus();
      },

      cancelUndo() {
        const undo = get().undo;
        begin();
        set({ undo: null, notice: null });
        if (undo?.from === 'conflicts') return go({ id: 'conflicts' });
        go(get().voter ? { id: 'result' } : { id: 'ready' });
      },

      async openStats() {
        begin();
        set({ busy: 'load', notice: null });
        const r = await client.call('election.stats', {});
        if (!r.ok) {
          if (handleNotOpen(r.error)) return;
          return fail(r.error);
        }
        set({ stats: r.value, busy: null, ...voterData() });
        go({ id: 'stats' });
      },

      async statsFile(format) {
        const r = await client.call('election.statsFile', { format });
        if (!r.ok) {
          fail(r.error);
          return null;
        }
        return r.value;
      },

      async printStats() {
        set({ busy: 'print', notice: null });
        const r = await client.call('election.statsPrint', {});
        if (!r.ok) return fail(r.error);
        set({ busy: null, notice: { tone: 'ok', key: tk('election.stats.printed') } });
      },

      async openConflicts() {
        begin();
        set({ busy: 'load', notice: null });
        const r = await client.call('election.conflicts', { all: true });
        if (!r.ok) {
          if (handleNotOpen(r.error)) return;
          return fail(r.error);
        }
        set({ conflicts: r.value.conflicts, busy: null, voter: null, candidates: [] });
        go({ id: 'conflicts' });
        void get().refreshStatus();
      },

      back() {
        const id = get().screen.id;
        if (id === 'reason' || id === 'senseisho') {
          begin();
          stopJobPoll();
          set({ notice: null, job: null, reason: null });
          return go({ id: 'result' });
        }
        if (id === 'undo') return get().cancelUndo();
        get().next();
      },

      dismissNotice() {
        set({ notice: null });
      },
    };
  });
}
