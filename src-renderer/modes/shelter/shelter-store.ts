/**
 * The shelter entrance flow: which screen shows, the household at the entrance, and every call to
 * the main process. A vanilla zustand store, so the whole flow runs in unit tests with a fake
 * client and no DOM.
 *
 * A card placed while the entrance is ready is first tapped (no secret): a card linked at an
 * earlier visit shows its holder's household at once. A card never linked goes through the
 * card-secret flow (照合番号B by default, the PIN if the person prefers) and the resident list.
 * Household data is dropped on `next()` and on lock; secrets never enter the store.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiError, BnoParts, KioskEvent, PrintJobStatus } from '../../api/types.ts';
import type {
  CallOutput,
  ShelterHousehold,
  ShelterNeed,
  ShelterPerson,
  ShelterStats,
  ShelterStatus,
} from '../../../src-main/contract/index.ts';
import type { KioskClient } from '../../api/client.ts';
import type { ErrorKeys } from '../../i18n/error-keys.ts';
import { tk } from '../../i18n/keys.ts';
import { createDeskCard } from '../../kit/desk-card.ts';
import { createDeskFlow, type DeskTimers } from '../../kit/desk-flow.ts';
import { errorNotice as kitErrorNotice, type Notice } from '../../kit/notice.ts';
import { createPrintJobWatch, printJobNotice } from '../../kit/print-job.ts';
import { markName, type ShelterScreen } from './screens.ts';

export type Move = 'arrive' | 'out' | 'back' | 'leave';
export type Busy = null | 'open' | 'card' | 'lookup' | 'save' | 'print' | 'load';
export type SafetyAnswer = CallOutput<'shelter.safety'>;
export type CardSeen = CallOutput<'shelter.identifyCard'>['card'];

export interface ShelterState {
  status: ShelterStatus | null;
  screen: ShelterScreen;
  busy: Busy;
  notice: Notice | null;
  /** The confirmation shown after a movement or on the ready screen. */
  flash: Notice | null;
  // the family at the entrance (dropped by next())
  household: ShelterHousehold | null;
  /** The person the card, tap or search found. */
  holderId: string | null;
  via: 'card' | 'tap' | 'search' | 'hand' | null;
  /** What the card said, for the comparison with the list (card path only). */
  cardSeen: CardSeen | null;
  candidates: ShelterPerson[];
  searched: boolean;
  /** Ticked on the household screen. */
  selected: string[];
  /** The person whose needs and consent are open. */
  personId: string | null;
  job: PrintJobStatus | null;
  // card
  cardMethod: 'bno' | 'pin';
  retries: { pin: number | null; bno: number | null } | null;
  lastTryConfirmed: boolean;
  // staff
  stats: ShelterStats | null;
  statsAll: boolean;
  safety: SafetyAnswer | null;
}

export interface RegisterInput {
  name: string;
  kana: string;
  birthDate: string;
  sex?: 'M' | 'F';
  address?: string;
  relation?: string;
}

export interface ShelterActions {
  start(): Promise<void>;
  stop(): void;
  refreshStatus(): Promise<void>;
  open(passphrase: string): Promise<void>;
  lock(): Promise<void>;
  beginCard(): Promise<void>;
  switchCardMethod(method: 'pin' | 'bno'): Promise<void>;
  confirmLastTry(): void;
  submitBno(parts: BnoParts): Promise<void>;
  submitPin(pin: string): Promise<void>;
  cancelCard(): void;
  toggle(personId: string): void;
  selectAll(on: boolean): void;
  move(kind: Move, to?: string): Promise<void>;
  linkCard(): Promise<void>;
  openSearch(): void;
  search(query: { kana?: string; name?: string; birthDate?: string }): Promise<void>;
  choose(personId: string): Promise<void>;
  /** Register by hand; `joinHousehold` adds the person to the household on screen. */
  openRegister(joinHousehold: boolean): void;
  register(input: RegisterInput): Promise<void>;
  openPerson(personId: string): void;
  saveNeeds(needs: ShelterNeed[], note: string): Promise<void>;
  setConsent(safety: 'yes' | 'no'): Promise<void>;
  printCard(): Promise<void>;
  openDashboard(all?: boolean): Promise<void>;
  openSafety(): void;
  askSafety(name: string, birthDate: string): Promise<void>;
  next(): void;
  back(): void;
  dismissNotice(): void;
}

export type ShelterStore = StoreApi<ShelterState & ShelterActions>;

/** Error codes with a message of the entrance's own; the rest come from COMMON_ERROR_KEYS. */
export const SHELTER_ERROR_KEYS: ErrorKeys = {
  WRONG_PASSPHRASE: tk('shelter.error.wrongPassphrase'),
  PASSPHRASE_LOCKED: tk('shelter.error.passphraseLocked'),
  STORE_CORRUPT: tk('shelter.error.storeCorrupt'),
  SHELTER_NOT_SET_UP: tk('shelter.error.notSetUp'),
  SHELTER_NOT_OPEN: tk('shelter.error.notOpen'),
  CARD_NOT_LINKED: tk('shelter.error.notLinked'),
  PERSON_NOT_FOUND: tk('shelter.error.notFound'),
  UNAUTHORIZED: tk('shelter.error.operatorNeeded'),
};

export function errorNotice(error: ApiError): Notice {
  return kitErrorNotice(error, SHELTER_ERROR_KEYS);
}

/** Who a movement is likely for: a first arrival is the whole family, a tap the one person. */
export function defaultSelection(
  h: ShelterHousehold,
  via: ShelterState['via'],
  holderId: string | null,
): string[] {
  if (via === 'card' || via === 'hand') {
    const coming = h.members.filter((m) => m.state !== 'here').map((m) => m.personId);
    return coming.length > 0 ? coming : h.members.map((m) => m.personId);
  }
  return holderId ? [holderId] : [];
}

function familyData(): Pick<
  ShelterState,
  | 'household'
  | 'holderId'
  | 'via'
  | 'cardSeen'
  | 'candidates'
  | 'searched'
  | 'selected'
  | 'personId'
  | 'job'
  | 'retries'
  | 'lastTryConfirmed'
  | 'notice'
  | 'cardMethod'
  | 'safety'
> {
  return {
    household: null,
    holderId: null,
    via: null,
    cardSeen: null,
    candidates: [],
    searched: false,
    selected: [],
    personId: null,
    job: null,
    retries: null,
    lastTryConfirmed: false,
    notice: null,
    cardMethod: 'bno',
    safety: null,
  };
}

const FLASH: Record<string, string> = {
  arrived: tk('shelter.flash.arrived'),
  out: tk('shelter.flash.out'),
  back: tk('shelter.flash.back'),
  left: tk('shelter.flash.left'),
};

export interface ShelterDeps extends DeskTimers {
  jobPollMs?: number;
  settleMs?: number;
}

export function createShelterStore(client: KioskClient, deps: ShelterDeps = {}): ShelterStore {
  const setIntervalFn = deps.setInterval ?? globalThis.setInterval.bind(globalThis);
  const clearIntervalFn = deps.clearInterval ?? globalThis.clearInterval.bind(globalThis);

  return createStore<ShelterState & ShelterActions>()((set, get) => {
    const { go, begin, failed, handleNotOpen, life } = createDeskFlow<ShelterScreen, ShelterStatus>({
      client,
      timers: deps,
      markName,
      get,
      set: (patch) => set(patch as Partial<ShelterState>),
      errorNotice,
      calls: {
        status: () => client.call('shelter.status', {}),
        open: (passphrase) => client.call('shelter.open', { passphrase }),
        close: () => client.call('shelter.close', {}),
      },
      notOpen: 'SHELTER_NOT_OPEN',
      notSetUp: { code: 'SHELTER_NOT_SET_UP', key: tk('shelter.error.notSetUp') },
      idle: () => ({ ...familyData(), stats: null }),
      onEvent: (e) => onEvent(e),
      stopping: () => printJob.stop(),
    });

    const printJob = createPrintJobWatch({
      client,
      current: () => get().job,
      apply: (job) => {
        set({ job });
        const notice = printJobNotice(job, SHELTER_ERROR_KEYS);
        if (notice) set({ notice });
      },
      pollMs: deps.jobPollMs ?? 2000,
      setInterval: setIntervalFn,
      clearInterval: clearIntervalFn,
    });

    const showHousehold = (
      household: ShelterHousehold,
      via: ShelterState['via'],
      holderId: string | null,
    ) => {
      set({
        household,
        via,
        holderId,
        selected: defaultSelection(household, via, holderId),
        candidates: [],
        busy: null,
      });
      go({ id: 'household' });
    };

    const reloadHousehold = async () => {
      const h = get().household;
      if (!h) return;
      const r = await client.call('shelter.household', { householdId: h.householdId });
      if (r.ok) set({ household: r.value });
    };

    const card = createDeskCard<CallOutput<'shelter.identifyCard'>>({
      client,
      state: () => get(),
      set: (patch) => set(patch),
      go,
      begin,
      errorNotice,
      wrongKeys: { pin: tk('shelter.card.wrongPin'), bno: tk('shelter.card.wrongBno') },
      read: (secret, confirmLastTry) => client.call('shelter.identifyCard', { ...secret, confirmLastTry }),
      done: (v) => {
        set({ cardSeen: v.card, notice: null });
        const f = v.found;
        if (f.match === 'unique') return showHousehold(f.household, 'card', f.person.personId);
        set({ busy: null, candidates: f.match === 'ambiguous' ? f.candidates : [] });
        go({ id: f.match === 'ambiguous' ? 'candidates' : 'notOnList' });
      },
      intercept: handleNotOpen,
      identifyAgain: () => void get().beginCard(),
      ...(deps.settleMs !== undefined ? { settleMs: deps.settleMs } : {}),
    });

    const onEvent = (e: KioskEvent) => {
      const s = get();
      if (e.type === 'card')
        return card.onEvent(e, { screen: s.screen, ready: !!s.status?.ready }, () => void get().beginCard());
      if (e.type === 'print.progress') return printJob.progress(e.job);
    };

    return {
      status: null,
      screen: { id: 'loading' },
      busy: null,
      flash: null,
      stats: null,
      statsAll: false,
      ...familyData(),

      start: () => life.start(),
      stop: () => life.stop(),
      refreshStatus: () => life.refreshStatus(),
      open: (passphrase) => life.open(passphrase),
      lock: () => life.lock(),

      async beginCard() {
        if (get().busy === 'card') return;
        begin();
        set({ ...familyData(), flash: null, busy: 'card' });
        go({ id: 'cardReading' });
        // A card linked at an earlier visit: a tap, no secret.
        const tap = await client.call('shelter.tap', {});
        if (tap.ok) return showHousehold(tap.value.household, 'tap', tap.value.person.personId);
        if (handleNotOpen(tap.error)) return;
        // Never linked (the first visit), or the card needs looking at: the card-secret flow says which.
        await card.identify();
      },

      switchCardMethod: (method) => card.switchMethod(method),
      confirmLastTry: () => card.confirmLastTry(),
      submitBno: (parts) => card.submitBno(parts),
      submitPin: (pin) => card.submitPin(pin),

      cancelCard() {
        void client.call('card.cancel', {});
        get().next();
      },

      toggle(personId) {
        const selected = get().selected;
        set({
          selected: selected.includes(personId)
            ? selected.filter((p) => p !== personId)
            : [...selected, personId],
        });
      },

      selectAll(on) {
        set({ selected: on ? (get().household?.members.map((m) => m.personId) ?? []) : [] });
      },

      async move(kind, to) {
        const personIds = get().selected;
        if (personIds.length === 0 || get().busy) return;
        begin();
        set({ busy: 'save', notice: null, flash: null });
        const r = await client.call('shelter.move', {
          personIds,
          move: kind,
          ...(to?.trim() ? { to: to.trim() } : {}),
        });
        if (!r.ok) return failed(r.error);
        await reloadHousehold();
        const moved = r.value.moved;
        const flash: Notice | null =
          moved.length > 0
            ? {
                tone: 'ok',
                key: FLASH[moved[0]!.move]!,
                params: { names: moved.map((m) => m.name).join('、'), count: moved.length },
              }
            : null;
        // Nobody stays ticked: the next press must be a new decision.
        set({
          busy: null,
          flash,
          selected: [],
          notice:
            r.value.skipped.length > 0
              ? {
                  tone: 'info',
                  key: tk('shelter.household.skipped'),
                  params: { count: r.value.skipped.length },
                }
              : null,
        });
        go({ id: 'household' });
        void get().refreshStatus();
      },

      async linkCard() {
        const holderId = get().holderId;
        if (!holderId || get().busy) return;
        set({ busy: 'save', notice: null });
        const r = await client.call('shelter.linkCard', { personId: holderId });
        if (!r.ok) return failed(r.error);
        await reloadHousehold();
        set({
          busy: null,
          flash: { tone: 'ok', key: tk('shelter.flash.linked'), params: { name: r.value.name } },
        });
      },

      openSearch() {
        begin();
        set({ ...familyData(), flash: null });
        go({ id: 'search' });
      },

      async search(query) {
        const q = {
          ...(query.kana?.trim() ? { kana: query.kana.trim() } : {}),
          ...(query.name?.trim() ? { name: query.name.trim() } : {}),
          ...(query.birthDate?.trim() ? { birthDate: query.birthDate.trim() } : {}),
        };
        if ((!q.kana && !q.name) || get().busy) return;
        set({ busy: 'lookup', notice: null });
        const r = await client.call('shelter.search', q);
        if (!r.ok) return failed(r.error);
        set({ candidates: r.value.people, searched: true, busy: null });
      },

      async choose(personId) {
        const person = get().candidates.find((c) => c.personId === personId);
        if (!person || get().busy) return;
        begin();
        set({ busy: 'load' });
        const r = await client.call('shelter.household', { householdId: person.householdId });
        if (!r.ok) return failed(r.error);
        showHousehold(r.value, get().via === 'card' ? 'card' : 'search', personId);
      },

      openRegister(joinHousehold) {
        begin();
        if (!joinHousehold) set({ household: null, holderId: null });
        set({ notice: null, flash: null });
        go({ id: 'register' });
      },

      async register(input) {
        if (get().busy) return;
        begin();
        set({ busy: 'save', notice: null });
        const householdId = get().household?.householdId;
        const r = await client.call('shelter.register', {
          name: input.name,
          kana: input.kana,
          birthDate: input.birthDate,
          ...(input.sex ? { sex: input.sex } : {}),
          ...(input.address?.trim() ? { address: input.address.trim() } : {}),
          ...(input.relation?.trim() ? { relation: input.relation.trim() } : {}),
          ...(householdId ? { householdId } : {}),
          checkin: true,
        });
        if (!r.ok) return failed(r.error);
        set({
          household: r.value.household,
          via: 'hand',
          holderId: get().holderId ?? r.value.person.personId,
          selected: [],
          busy: null,
          flash: { tone: 'ok', key: tk('shelter.flash.registered'), params: { name: r.value.person.name } },
        });
        go({ id: 'household' });
        void get().refreshStatus();
      },

      openPerson(personId) {
        begin();
        set({ personId, notice: null, flash: null });
        go({ id: 'person' });
      },

      async saveNeeds(needs, note) {
        const personId = get().personId;
        if (!personId || get().busy) return;
        set({ busy: 'save', notice: null });
        const r = await client.call('shelter.needs', {
          personId,
          needs,
          ...(note.trim() ? { note: note.trim() } : {}),
        });
        if (!r.ok) return failed(r.error);
        await reloadHousehold();
        set({
          busy: null,
          flash: { tone: 'ok', key: tk('shelter.flash.saved'), params: { name: r.value.name } },
        });
      },

      async setConsent(safety) {
        const personId = get().personId;
        if (!personId || get().busy) return;
        set({ busy: 'save', notice: null });
        const r = await client.call('shelter.consent', { personId, safety });
        if (!r.ok) return failed(r.error);
        await reloadHousehold();
        set({ busy: null });
      },

      async printCard() {
        const h = get().household;
        if (!h || get().busy) return;
        printJob.stop();
        set({ busy: 'print', notice: null, job: null });
        const holderId = get().holderId;
        const r = await client.call('shelter.evacueeCard', {
          householdId: h.householdId,
          ...(holderId ? { holderId } : {}),
        });
        if (!r.ok) return failed(r.error);
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

      async openDashboard(all) {
        begin();
        const statsAll = all ?? get().statsAll;
        set({ busy: 'load', notice: null, statsAll });
        const r = await client.call('shelter.stats', { all: statsAll });
        if (!r.ok) return failed(r.error);
        set({ stats: r.value, busy: null });
        go({ id: 'dashboard' });
      },

      openSafety() {
        begin();
        set({ ...familyData(), flash: null });
        go({ id: 'safety' });
      },

      async askSafety(name, birthDate) {
        if (!name.trim() || !birthDate.trim() || get().busy) return;
        set({ busy: 'lookup', notice: null, safety: null });
        const r = await client.call('shelter.safety', { name: name.trim(), birthDate: birthDate.trim() });
        if (!r.ok) return failed(r.error);
        set({ safety: r.value, busy: null });
      },

      next() {
        begin();
        printJob.stop();
        set({ ...familyData(), busy: null, flash: null });
        go({ id: 'ready' });
      },

      back() {
        const id = get().screen.id;
        if (id === 'person' || (id === 'register' && get().household)) {
          begin();
          set({ notice: null });
          return go({ id: 'household' });
        }
        get().next();
      },

      dismissNotice() {
        set({ notice: null });
      },
    };
  });
}
