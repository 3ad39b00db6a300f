/**
 * The fare terminal's flow: which screen shows, the tap or the card at hand, and every call to
 * the main process. A vanilla zustand store, so the whole flow runs in unit tests with a fake
 * client and no DOM.
 *
 * The card's serial never reaches the renderer: the main process keeps the last tap (for the ride)
 * and the last card read (for the registration). Nothing about the passenger stays after `next()`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiError, BnoParts, KioskEvent } from '../../api/types.ts';
import type { CallOutput, FareCheck, FareStatus } from '../../../src-main/contract/index.ts';
import type { KioskClient } from '../../api/client.ts';
import type { ErrorKeys } from '../../i18n/error-keys.ts';
import { tk } from '../../i18n/keys.ts';
import { createDeskCard } from '../../kit/desk-card.ts';
import { createDeskFlow, type DeskTimers } from '../../kit/desk-flow.ts';
import { errorNotice as kitErrorNotice, type Notice } from '../../kit/notice.ts';
import { markName, type FareScreen } from './screens.ts';

export type Busy = null | 'open' | 'card' | 'tap' | 'save' | 'lookup';
export type TapResult = CallOutput<'fare.tap'>;
export type RideDone = Extract<CallOutput<'fare.ride'>, { recorded: true }>;
export type Registered = CallOutput<'fare.register'>;
export type HolderCards = CallOutput<'fare.findHolder'>['cards'];
export type BlockReason = 'lost' | 'stolen' | 'returned' | 'other';

/** The longest metered fare the pad takes (yen). */
export const MAX_FARE_DIGITS = 6;

export interface FareState {
  status: FareStatus | null;
  screen: FareScreen;
  busy: Busy;
  notice: Notice | null;
  flash: Notice | null;
  // the vehicle
  tapped: TapResult | null;
  fare: string;
  quote: { subsidyYen: number; payYen: number } | null;
  receipt: boolean;
  ride: RideDone | null;
  repeatConfirmed: boolean;
  // city hall
  check: FareCheck | null;
  categories: string[];
  consent: boolean;
  registered: Registered | null;
  holderCards: HolderCards | null;
  blocked: string | null;
  // card
  cardMethod: 'bno' | 'pin';
  retries: { pin: number | null; bno: number | null } | null;
  lastTryConfirmed: boolean;
}

export interface FareActions {
  start(): Promise<void>;
  stop(): void;
  refreshStatus(): Promise<void>;
  open(passphrase: string): Promise<void>;
  lock(): Promise<void>;
  // the vehicle
  tap(): Promise<void>;
  setFare(digits: string): Promise<void>;
  toggleReceipt(): void;
  confirmRepeat(): void;
  recordRide(): Promise<void>;
  // city hall
  beginCard(): Promise<void>;
  switchCardMethod(method: 'pin' | 'bno'): Promise<void>;
  confirmLastTry(): void;
  submitBno(parts: BnoParts): Promise<void>;
  submitPin(pin: string): Promise<void>;
  cancelCard(): void;
  toggleCategory(id: string): Promise<void>;
  setConsent(on: boolean): void;
  register(): Promise<void>;
  openBlock(): void;
  findHolder(name: string, birthDate: string): Promise<void>;
  block(serial: string, reason: BlockReason): Promise<void>;
  next(): void;
  dismissNotice(): void;
}

export type FareStore = StoreApi<FareState & FareActions>;

export const FARE_ERROR_KEYS: ErrorKeys = {
  WRONG_PASSPHRASE: tk('fare.error.wrongPassphrase'),
  PASSPHRASE_LOCKED: tk('fare.error.passphraseLocked'),
  STORE_CORRUPT: tk('fare.error.storeCorrupt'),
  FARE_NOT_SET_UP: tk('fare.error.notSetUp'),
  FARE_NOT_OPEN: tk('fare.error.notOpen'),
  NO_TAP: tk('fare.error.noTap'),
  CARD_BLOCKED: tk('fare.error.cardBlocked'),
  HOLDER_NOT_FOUND: tk('fare.error.holderNotFound'),
  NOT_ELIGIBLE: tk('fare.error.notEligible'),
};

export function errorNotice(error: ApiError): Notice {
  return kitErrorNotice(error, FARE_ERROR_KEYS);
}

function passengerData(): Pick<
  FareState,
  | 'tapped'
  | 'fare'
  | 'quote'
  | 'ride'
  | 'repeatConfirmed'
  | 'check'
  | 'categories'
  | 'consent'
  | 'registered'
  | 'holderCards'
  | 'blocked'
  | 'notice'
  | 'retries'
  | 'lastTryConfirmed'
  | 'cardMethod'
> {
  return {
    tapped: null,
    fare: '',
    quote: null,
    ride: null,
    repeatConfirmed: false,
    check: null,
    categories: [],
    consent: false,
    registered: null,
    holderCards: null,
    blocked: null,
    notice: null,
    retries: null,
    lastTryConfirmed: false,
    cardMethod: 'bno',
  };
}

export interface FareDeps extends DeskTimers {
  settleMs?: number;
}

export function createFareStore(client: KioskClient, deps: FareDeps = {}): FareStore {
  return createStore<FareState & FareActions>()((set, get) => {
    const { go, begin, failed, handleNotOpen, life } = createDeskFlow<FareScreen, FareStatus>({
      client,
      timers: deps,
      markName,
      get,
      set: (patch) => set(patch as Partial<FareState>),
      errorNotice,
      calls: {
        status: () => client.call('fare.status', {}),
        open: (passphrase) => client.call('fare.open', { passphrase }),
        close: () => client.call('fare.close', {}),
      },
      notOpen: 'FARE_NOT_OPEN',
      notSetUp: { code: 'FARE_NOT_SET_UP', key: tk('fare.error.notSetUp') },
      idle: passengerData,
      onEvent: (e) => onEvent(e),
    });
    const vehicle = () => get().status?.role === 'vehicle';

    const showCheck = (check: FareCheck) => {
      set({ check, busy: null, notice: null });
      go({ id: 'eligibility' });
    };

    const card = createDeskCard<FareCheck>({
      client,
      state: () => get(),
      set: (patch) => set(patch),
      go,
      begin,
      errorNotice,
      wrongKeys: { pin: tk('fare.card.wrongPin'), bno: tk('fare.card.wrongBno') },
      read: (secret, confirmLastTry) =>
        client.call('fare.check', { card: { ...secret, confirmLastTry }, categories: get().categories }),
      done: showCheck,
      intercept: handleNotOpen,
      identifyAgain: () => void get().beginCard(),
      ...(deps.settleMs !== undefined ? { settleMs: deps.settleMs } : {}),
    });

    const onEvent = (e: KioskEvent) => {
      if (e.type !== 'card') return;
      const s = get();
      if (!s.status?.ready) return;
      if (!vehicle()) return card.onEvent(e, { screen: s.screen, ready: true }, () => void get().beginCard());
      // In a vehicle a card placed on the reader is a tap, whatever is on show but the pad.
      if (e.kind === 'card-inserted' && ['ready', 'done', 'red'].includes(s.screen.id) && !s.busy)
        void get().tap();
    };

    return {
      status: null,
      screen: { id: 'loading' },
      busy: null,
      flash: null,
      receipt: false,
      ...passengerData(),

      start: () => life.start(),
      stop: () => life.stop(),
      refreshStatus: () => life.refreshStatus(),
      open: (passphrase) => life.open(passphrase),
      lock: () => life.lock(),

      // ── the vehicle ───────────────────────────────────────────────────────────────────────

      async tap() {
        if (get().busy) return;
        begin();
        set({ ...passengerData(), flash: null, busy: 'tap' });
        go({ id: 'tapping' });
        const r = await client.call('fare.tap', {});
        if (!r.ok) {
          if (handleNotOpen(r.error)) return;
          set({ busy: null, notice: errorNotice(r.error) });
          return go({ id: 'ready' });
        }
        set({ tapped: r.value, busy: null });
        const d = r.value.decision;
        if (!d.ok) return go({ id: 'red', reason: d.reason });
        go({ id: d.repeatOf ? 'repeat' : 'green' });
      },

      async setFare(digits) {
        const fare = digits
          .replace(/\D/g, '')
          .replace(/^0+(?=\d)/, '')
          .slice(0, MAX_FARE_DIGITS);
        set({ fare });
        if (!fare) return set({ quote: null });
        const r = await client.call('fare.quote', { fareYen: Number(fare) });
        // A later keypress may have answered first: keep the quote of the fare on show.
        if (get().fare !== fare) return;
        if (!r.ok) return failed(r.error);
        set({ quote: { subsidyYen: r.value.subsidyYen, payYen: r.value.payYen } });
      },

      toggleReceipt() {
        set({ receipt: !get().receipt });
      },

      confirmRepeat() {
        begin();
        set({ repeatConfirmed: true });
        go({ id: 'green' });
      },

      async recordRide() {
        const s = get();
        if (s.busy || !s.fare) return;
        begin();
        set({ busy: 'save', notice: null });
        const r = await client.call('fare.ride', {
          fareYen: Number(s.fare),
          confirmRepeat: s.repeatConfirmed,
          receipt: s.receipt,
        });
        if (!r.ok) {
          if (r.error.code === 'NO_TAP') {
            set({ ...passengerData(), busy: null, notice: errorNotice(r.error) });
            return go({ id: 'ready' });
          }
          return failed(r.error);
        }
        set({ busy: null });
        if (!r.value.recorded) return go({ id: 'red', reason: r.value.reason });
        set({ ride: r.value });
        go({ id: 'done' });
        void get().refreshStatus();
      },

      // ── city hall ─────────────────────────────────────────────────────────────────────────

      async beginCard() {
        if (get().busy === 'card') return;
        begin();
        set({ ...passengerData(), flash: null, busy: 'card' });
        go({ id: 'cardReading' });
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

      async toggleCategory(id) {
        if (get().busy) return;
        const was = get().categories;
        const categories = was.includes(id) ? was.filter((c) => c !== id) : [...was, id];
        set({ categories, busy: 'lookup', notice: null });
        const r = await client.call('fare.reassess', { categories });
        if (!r.ok) {
          set({ categories: was });
          return failed(r.error);
        }
        set({ check: r.value, busy: null, consent: r.value.eligibility.eligible ? get().consent : false });
      },

      setConsent(on) {
        set({ consent: on });
      },

      async register() {
        const s = get();
        if (s.busy || !s.consent || !s.check?.eligibility.eligible) return;
        begin();
        set({ busy: 'save', notice: null });
        const r = await client.call('fare.register', { consent: true, categories: s.categories });
        if (!r.ok) return failed(r.error);
        set({ registered: r.value, busy: null });
        go({ id: 'registered' });
      },

      openBlock() {
        begin();
        set({ ...passengerData(), flash: null });
        go({ id: 'block' });
      },

      async findHolder(name, birthDate) {
        if (get().busy || !name.trim() || !birthDate.trim()) return;
        set({ busy: 'lookup', notice: null, holderCards: null, blocked: null });
        const r = await client.call('fare.findHolder', { name: name.trim(), birthDate: birthDate.trim() });
        if (!r.ok) return failed(r.error);
        set({ holderCards: r.value.cards, busy: null });
      },

      async block(serial, reason) {
        if (get().busy) return;
        set({ busy: 'save', notice: null });
        const r = await client.call('fare.block', { serial, reason });
        if (!r.ok) return failed(r.error);
        const cards = (get().holderCards ?? []).map((c) =>
          c.serial === r.value.serial ? { ...c, blockedAt: c.blockedAt ?? r.value.at } : c,
        );
        set({ holderCards: cards, blocked: r.value.serial, busy: null });
      },

      next() {
        begin();
        void client.call('fare.cancel', {});
        set({ ...passengerData(), flash: null, busy: null });
        go({ id: 'ready' });
      },

      dismissNotice() {
        set({ notice: null });
      },
    };
  });
}
