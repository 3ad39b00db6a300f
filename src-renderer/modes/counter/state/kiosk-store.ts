/**
 * The counter-mode flow: which screen shows, what the resident chose and typed, and every call to
 * the main process. Components render this state and call its actions; they never call the client
 * themselves. A plain (vanilla) zustand store so the whole flow runs in unit tests with a fake
 * client, without a DOM.
 *
 * Privacy: everything under `resident data` is dropped by wipeLocal() — on finish, on a wipe event
 * from the main process (idle, card removed) and on "start over". PINs and 照合番号B parts are
 * never stored here: the entry screens keep them in component state and pass them to an action.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  AnswerValue,
  ApiError,
  AppInfo,
  Answers,
  BnoParts,
  CardStatus,
  FormInputView,
  InputValue,
  InputValues,
  Language,
  LifeEvent,
  Plan,
  PrintJobStatus,
  Question,
  RenderedForm,
  ResidentView,
  Statistics,
  TerminalSettings,
  CallOutput,
  SettingsPatch,
  KioskEvent,
} from '../../../api/types.ts';
import type { KioskClient } from '../../../api/client.ts';
import type { ErrorKeys } from '../../../i18n/error-keys.ts';
import { CARD_SCREENS, RESTING_SCREENS, STAFF_SCREENS, type Screen } from './screens.ts';
import { tk } from '../../../i18n/keys.ts';
import { errorNotice as kitErrorNotice, type Notice } from '../../../kit/notice.ts';
import { createNavigator } from '../../../kit/navigator.ts';
import { createPrintJobWatch, printJobNotice } from '../../../kit/print-job.ts';
import { createCardSecretFlow, type CardStep } from '../../../kit/card-secret.ts';

import { DEFAULT_PREFS, type Prefs, type TextSize } from '../../../kit/prefs.ts';
import {
  createSigningFlow,
  formsOnPaper,
  SIGNING_SCREENS,
  type SigningActions,
  type SigningState,
} from './signing.ts';

export type { Notice, Prefs, TextSize };

export interface KioskState {
  // terminal
  info: AppInfo | null;
  connection: 'connecting' | 'open' | 'closed';
  cardStatus: CardStatus | null;
  screen: Screen;
  busy: null | 'loading' | 'card' | 'print';
  cardStage: 'connecting' | 'verifying' | 'reading' | 'done' | null;
  notice: Notice | null;
  prefs: Prefs;
  /** Seconds until the wipe while the idle countdown runs. */
  idleSecondsLeft: number | null;
  sessionId: string | null;

  // resident data (wiped)
  lifeEvents: LifeEvent[];
  lifeEventId: string | null;
  answers: Answers;
  answerOrder: string[];
  questions: Question[];
  currentQuestionId: string | null;
  plan: Plan | null;
  /** The forms the resident just ticked, shown at once while planner.setForms saves them. */
  formsPending: string[] | null;
  retries: { pin: number | null; bno: number | null } | null;
  lastTryConfirmed: boolean;
  resident: ResidentView | null;
  blank: boolean;
  inputs: FormInputView[];
  values: InputValues;
  preview: RenderedForm[] | null;
  renderId: string | null;
  renderPageCount: number;
  job: PrintJobStatus | null;
  /** 電子署名して提出 (when this terminal has a counter inbox and the plan has electronic forms). */
  signing: SigningState | null;
  /** The last 照合番号B attempt used a Gregorian birth date with the 和暦 rule and was refused. */
  offerGregorianYy: boolean;
  /** The resident chose the PIN although the plan needs only 照合番号B (e.g. B is blocked). */
  methodOverride: 'pin' | null;

  // staff
  staff: { token: string; expiresAt: string } | null;
  assist: boolean;
  staffReturn: Screen | null;
  settings: TerminalSettings | null;
  stats: Statistics | null;
  inbox: InboxReview | null;
}

export type InboxReview = CallOutput<'inbox.review'>;

export interface KioskActions extends SigningActions {
  start(): Promise<void>;
  stop(): void;
  markFirstScreen(ms: number): void;
  begin(): Promise<void>;
  chooseLanguage(lang: Language, opts?: { navigate?: boolean }): Promise<void>;
  setTextSize(size: TextSize): void;
  setHighContrast(on: boolean): void;
  setVoice(on: boolean): void;
  chooseLifeEvent(id: string): Promise<void>;
  answer(questionId: string, value: AnswerValue): Promise<void>;
  back(): Promise<void>;
  toggleForm(formId: string): Promise<void>;
  confirmPlan(): Promise<void>;
  startDemo(): Promise<void>;
  demoInsert(persona: string): Promise<void>;
  demoRemove(): Promise<void>;
  identifyCard(): Promise<void>;
  confirmLastTry(): void;
  switchToPin(): Promise<void>;
  submitPin(pin: string): Promise<void>;
  submitBno(parts: BnoParts): Promise<void>;
  continueBlank(): Promise<void>;
  confirmResident(): Promise<void>;
  rejectResident(): Promise<void>;
  /** Saves one answer (and values it fills besides, e.g. an address's postal code) and moves on. */
  saveInput(key: string, value: InputValue, also?: Record<string, InputValue>): Promise<void>;
  inputBack(): void;
  editInput(key: string): void;
  loadPreview(): Promise<void>;
  print(): Promise<void>;
  refreshJob(): Promise<void>;
  finish(): Promise<void>;
  startOver(): Promise<void>;
  touch(): void;
  keepGoing(): Promise<void>;
  dismissNotice(): void;
  // staff
  openStaff(): void;
  staffLogin(pin: string): Promise<void>;
  staffLogout(): Promise<void>;
  setAssist(on: boolean): Promise<void>;
  openSettings(): Promise<void>;
  saveSettings(patch: SettingsPatch): Promise<boolean>;
  openStats(): Promise<void>;
  openInbox(): Promise<void>;
  flushInbox(): Promise<void>;
  changeOperatorPin(currentPin: string, newPin: string): Promise<boolean>;
  closeStaff(): void;
}

export type KioskStore = StoreApi<KioskState & KioskActions>;

function residentData(): Pick<
  KioskState,
  | 'lifeEventId'
  | 'answers'
  | 'answerOrder'
  | 'questions'
  | 'currentQuestionId'
  | 'plan'
  | 'formsPending'
  | 'retries'
  | 'lastTryConfirmed'
  | 'resident'
  | 'blank'
  | 'inputs'
  | 'values'
  | 'preview'
  | 'renderId'
  | 'renderPageCount'
  | 'job'
  | 'signing'
  | 'offerGregorianYy'
  | 'methodOverride'
> {
  return {
    lifeEventId: null,
    answers: {},
    answerOrder: [],
    questions: [],
    currentQuestionId: null,
    plan: null,
    formsPending: null,
    retries: null,
    lastTryConfirmed: false,
    resident: null,
    blank: false,
    inputs: [],
    values: {},
    preview: null,
    renderId: null,
    renderPageCount: 0,
    job: null,
    signing: null,
    offerGregorianYy: false,
    methodOverride: null,
  };
}

/** The counter's screen for each step of the card-secret flow. */
function cardScreen(s: CardStep): Screen {
  switch (s.step) {
    case 'reading':
      return { id: 'reading' };
    case 'placeCard':
      return { id: 'placeCard' };
    case 'entry':
      return { id: s.method };
    case 'problem':
      switch (s.problem) {
        case 'noReader':
          return { id: 'noReader' };
        case 'wrongCard':
          return { id: 'wrongCard' };
        case 'removed':
          return { id: 'cardRemoved', wiped: false };
        case 'blocked':
          return { id: 'blocked', method: s.method };
        case 'lastTry':
          return { id: 'lastTry', method: s.method };
        case 'error':
          return { id: 'cardError' };
      }
  }
}

/** Message keys of the counter's own (card and form errors); the rest come from COMMON_ERROR_KEYS. */
export const ERROR_KEYS: ErrorKeys = {
  NO_READER: tk('error.noReader'),
  NO_CARD: tk('error.noCard'),
  NOT_MYNUMBER_CARD: tk('error.notMyNumberCard'),
  CARD_REMOVED: tk('error.cardRemoved'),
  MISSING_VALUE: tk('error.missingValue'),
  OVERFLOW: tk('error.overflow'),
  INVALID_INPUT: tk('error.invalidInput'),
  UNAUTHORIZED: tk('error.unauthorized'),
  CONFIG_INVALID: tk('error.configInvalid'),
};

function errorNotice(error: ApiError, params?: Record<string, string | number>): Notice {
  return kitErrorNotice(error, ERROR_KEYS, params);
}

export interface StoreDeps {
  now?: () => number;
  /** Called when the UI language changes (i18next, <html lang>). */
  onLanguage?: (lang: Language) => void;
  /** Minimum ms between two session.touch calls caused by activity. */
  touchIntervalMs?: number;
}

export function createKioskStore(client: KioskClient, deps: StoreDeps = {}): KioskStore {
  const now = deps.now ?? (() => performance.now());
  const touchInterval = deps.touchIntervalMs ?? 5000;
  const unsubscribers: Array<() => void> = [];
  let lastTouch = -Infinity;
  /** A wipe this screen asked for is under way (its event is not someone else's). */
  let ownWipe = false;
  // The idle countdown on screen, and the last one the resident dismissed: a tick of a dismissed
  // countdown still in flight must not bring its dialog back.
  let shownCountdown = 0;
  let dismissedCountdown = 0;
  let cardPlacedAt: number | null = null;
  let identifyStarted = 0;
  let identifyMs = 0;
  let readStarted = 0;
  /** The 照合番号B being tried used a Gregorian birth date with the 和暦 rule. */
  let gregorianTry = false;

  const store = createStore<KioskState & KioskActions>()((set, get) => {
    const nav = createNavigator<Screen>({
      client,
      now,
      show: (screen) => set({ screen }),
      markName: (id) => `transition:${id}`,
    });
    const { go, mark } = nav;
    const begin = nav.begin;
    const fail = (error: ApiError, params?: Record<string, string | number>) => {
      set({ notice: errorNotice(error, params), busy: null });
    };
    const method = (): 'pin' | 'bno' =>
      get().methodOverride ?? (get().plan?.cardMethod === 'pin' ? 'pin' : 'bno');

    const printJob = createPrintJobWatch({
      client,
      current: () => get().job,
      apply: (job) => {
        set({ job });
        if (job.phase === 'completed') {
          set({ busy: null });
          if (get().screen.id === 'printing') go({ id: 'done' });
          return;
        }
        if (job.phase === 'failed' || job.phase === 'cancelled') set({ busy: null });
        const notice = printJobNotice(job, ERROR_KEYS);
        if (notice) set({ notice });
      },
    });
    const stopJobPoll = printJob.stop;

    const dismissCountdown = () => {
      dismissedCountdown = Math.max(dismissedCountdown, shownCountdown);
      set({ idleSecondsLeft: null });
    };
    /** Forgets this screen's copy of the visit; the display choices stay. */
    const clearVisit = () => {
      stopJobPoll();
      cardPlacedAt = null;
      set({ ...residentData(), busy: null, cardStage: null, notice: null, idleSecondsLeft: null });
    };
    /** Forgets the visit and everything the resident chose: the next person starts afresh. */
    const wipeLocal = () => {
      clearVisit();
      set({
        assist: false,
        staffReturn: null,
        settings: null,
        stats: null,
        inbox: null,
        prefs: { ...DEFAULT_PREFS, language: get().info?.defaultLanguage ?? 'ja' },
      });
      deps.onLanguage?.(get().prefs.language);
    };

    const loadLifeEvents = async (): Promise<boolean> => {
      if (get().lifeEvents.length > 0) return true;
      const r = await client.call('planner.lifeEvents', {});
      if (!r.ok) {
        fail(r.error);
        return false;
      }
      set({ lifeEvents: r.value.lifeEvents });
      return true;
    };

    /** Asks for the next question, or makes the plan when none is left. */
    const advanceQuestions = async () => {
      const { lifeEventId, answers } = get();
      if (!lifeEventId) return;
      set({ busy: 'loading' });
      const q = await client.call('planner.questions', { lifeEventId, answers });
      if (!q.ok) return fail(q.error);
      set({ questions: q.value.questions });
      if (q.value.next !== null) {
        set({ currentQuestionId: q.value.next, busy: null });
        go({ id: 'question' });
        return;
      }
      const p = await client.call('planner.plan', { lifeEventId, answers });
      if (!p.ok) return fail(p.error);
      set({ plan: p.value, busy: null, currentQuestionId: null });
      go({ id: 'plan' });
    };

    const card = createCardSecretFlow<ResidentView>({
      client,
      method,
      state: () => ({ retries: get().retries, lastTryConfirmed: get().lastTryConfirmed }),
      update: (patch) => set(patch),
      show: (step) => go(cardScreen(step)),
      busy: (on) => set(on ? { busy: 'card' } : { busy: null, cardStage: null }),
      tell: (error) => set({ notice: error ? errorNotice(error) : null }),
      wrongSecret: (m, left) =>
        set({
          offerGregorianYy: m === 'bno' && gregorianTry,
          notice: {
            tone: 'error',
            key: m === 'pin' ? tk('card.pin.wrong') : tk('card.bno.wrong'),
            params: { count: left ?? '?' },
          },
        }),
      read: (secret, confirmLastTry) => client.call('card.read', { ...secret, confirmLastTry }),
      done: (resident) => {
        const readMs = now() - readStarted;
        mark('card-read', readMs);
        mark('card-to-data', identifyMs + readMs);
        set({ resident, notice: null, offerGregorianYy: false });
        go({ id: 'resident' });
      },
      identified: () => {
        identifyMs = now() - identifyStarted;
        mark('card-identify', identifyMs);
      },
      identifyAgain: () => void get().identifyCard(),
    });

    const signing = createSigningFlow({
      client,
      get,
      set: (patch) => set(patch),
      go,
      begin,
      fail: (error) => fail(error),
    });

    const onEvent = (e: KioskEvent) => {
      const s = get();
      switch (e.type) {
        case 'card': {
          if (e.kind === 'card-inserted') {
            cardPlacedAt = now();
            if (['placeCard', 'cardRemoved', 'wrongCard', 'cardError'].includes(s.screen.id)) {
              if (s.screen.id === 'cardRemoved' && s.screen.wiped) return;
              void get().identifyCard();
            }
          } else if (e.kind === 'card-removed') {
            if (CARD_SCREENS.has(s.screen.id) && s.screen.id !== 'placeCard') card.removed();
          } else if (e.kind === 'reader-added' && s.screen.id === 'noReader') {
            void get().confirmPlan();
          } else if (e.kind === 'reader-removed' && CARD_SCREENS.has(s.screen.id)) {
            set({ busy: null });
            go({ id: 'noReader' });
          }
          void refreshCardStatus();
          return;
        }
        case 'card.progress':
          set({ cardStage: e.stage });
          return;
        case 'print.progress':
          printJob.progress(e.job);
          return;
        case 'session.idle-warning':
          if (RESTING_SCREENS.has(s.screen.id) || e.countdown <= dismissedCountdown) return;
          shownCountdown = e.countdown;
          set({ idleSecondsLeft: e.secondsLeft });
          return;
        case 'session.wiped': {
          if (e.sessionId === s.sessionId) return;
          // Our own "new visit" wipe: newVisit clears what it must.
          if (ownWipe) return void set({ sessionId: e.sessionId });
          const wasResting = RESTING_SCREENS.has(s.screen.id);
          // Taking the card after the papers are printed is the normal end, not an accident.
          const finished = s.screen.id === 'done';
          set({ sessionId: e.sessionId });
          wipeLocal();
          if (e.reason === 'card-removed' && !finished) go({ id: 'cardRemoved', wiped: true });
          else if (!wasResting) go({ id: 'attract' });
          return;
        }
        case 'config.changed':
          void client.call('app.info', {}).then((r) => {
            if (r.ok) set({ info: r.value });
          });
          return;
      }
    };

    /**
     * Discards the main process's visit (inputs, card read, renders) and this screen's copy of it.
     * The display choices made on the start screen (text size, contrast, voice) stay.
     */
    const newVisit = async () => {
      ownWipe = true;
      try {
        const r = await client.call('session.wipe', { reason: 'user' });
        if (r.ok) set({ sessionId: r.value.sessionId });
      } finally {
        ownWipe = false;
      }
      clearVisit();
    };

    const refreshCardStatus = async () => {
      const r = await client.call('card.status', {});
      if (r.ok) set({ cardStatus: r.value });
    };

    return {
      info: null,
      connection: 'connecting',
      cardStatus: null,
      screen: { id: 'loading' },
      busy: null,
      cardStage: null,
      notice: null,
      prefs: { ...DEFAULT_PREFS },
      idleSecondsLeft: null,
      sessionId: null,
      lifeEvents: [],
      ...residentData(),
      staff: null,
      assist: false,
      staffReturn: null,
      settings: null,
      stats: null,
      inbox: null,
      ...signing,

      async start() {
        unsubscribers.push(client.onEvent(onEvent));
        unsubscribers.push(client.onConnection((connection) => set({ connection })));
        const r = await client.call('app.info', {});
        if (!r.ok) {
          set({ notice: errorNotice(r.error) });
          return go({ id: 'unavailable' });
        }
        const language = r.value.defaultLanguage;
        set({ info: r.value, prefs: { ...DEFAULT_PREFS, language } });
        deps.onLanguage?.(language);
        const st = await client.call('session.state', {});
        if (st.ok) {
          set({ sessionId: st.value.sessionId, assist: st.value.assist });
          // A page load never resumes a visit the main process still holds (a reload, a second
          // window): whatever it holds is somebody's, and goes.
          const v = st.value;
          if (v.hasPlan || v.hasResident || v.inputKeys.length > 0) await newVisit();
        }
        await refreshCardStatus();
        go({ id: 'attract' });
      },

      stop() {
        for (const u of unsubscribers.splice(0)) u();
        stopJobPoll();
      },

      markFirstScreen(ms) {
        mark('first-screen', ms);
        const started = get().info?.startedAt;
        if (started) mark('first-screen-since-main-start', Math.max(0, Date.now() - Date.parse(started)));
      },

      async begin() {
        // Start always begins a new visit: nothing typed or read before comes back.
        await newVisit();
        begin();
        const langs = get().info?.languages ?? ['ja'];
        if (langs.length > 1) return go({ id: 'language' });
        if (await loadLifeEvents()) go({ id: 'lifeEvent' });
      },

      async chooseLanguage(language, opts = { navigate: true }) {
        begin();
        set({ prefs: { ...get().prefs, language } });
        deps.onLanguage?.(language);
        void client.call('session.setLanguage', { language });
        if (opts.navigate === false) return nav.cancel();
        if (await loadLifeEvents()) go({ id: 'lifeEvent' });
      },

      setTextSize(textSize) {
        set({ prefs: { ...get().prefs, textSize } });
      },
      setHighContrast(highContrast) {
        set({ prefs: { ...get().prefs, highContrast } });
      },
      setVoice(voice) {
        set({ prefs: { ...get().prefs, voice } });
      },

      async chooseLifeEvent(id) {
        begin();
        set({ ...residentData(), lifeEventId: id, notice: null });
        await advanceQuestions();
      },

      async answer(questionId, value) {
        begin();
        const answerOrder = get().answerOrder.filter((q) => q !== questionId);
        set({
          answers: { ...get().answers, [questionId]: value },
          answerOrder: [...answerOrder, questionId],
        });
        await advanceQuestions();
      },

      async back() {
        begin();
        const s = get();
        set({ notice: null });
        if (SIGNING_SCREENS.has(s.screen.id)) return signing.leaveSigning();
        switch (s.screen.id) {
          case 'language':
            return go({ id: 'attract' });
          case 'lifeEvent':
            return go((s.info?.languages.length ?? 1) > 1 ? { id: 'language' } : { id: 'attract' });
          case 'question':
          case 'plan': {
            // Step back to the last answered question (its answer stays shown as chosen).
            const last = s.answerOrder[s.answerOrder.length - 1];
            if (!last) return go({ id: 'lifeEvent' });
            const answers = { ...s.answers };
            delete answers[last];
            set({ answers, answerOrder: s.answerOrder.slice(0, -1), plan: null });
            if (s.screen.id === 'plan' || s.currentQuestionId !== last) {
              set({ currentQuestionId: last });
              return go({ id: 'question' });
            }
            return;
          }
          case 'placeCard':
          case 'pin':
          case 'bno':
          case 'lastTry':
          case 'noReader':
          case 'wrongCard':
          case 'blocked':
          case 'cardError':
            set({ lastTryConfirmed: false, blank: false });
            return go({ id: 'plan' });
          case 'resident':
            return go({ id: 'plan' });

          case 'confirm': {
            const n = s.inputs.length;
            if (s.blank || n === 0) return go({ id: 'plan' });
            return go({ id: 'input', index: n - 1, returnToConfirm: false });
          }
          default:
            return;
        }
      },

      async toggleForm(formId) {
        const plan = get().plan;
        if (!plan) return;
        const ids = plan.forms.map((f) => f.id);
        const selected = ids.includes(formId) ? ids.filter((i) => i !== formId) : [...ids, formId];
        set({ busy: 'loading', formsPending: selected });
        const r = await client.call('planner.setForms', { formIds: selected });
        if (!r.ok) {
          set({ formsPending: null });
          return fail(r.error);
        }
        set({ plan: r.value, busy: null, formsPending: null });
      },

      async confirmPlan() {
        begin();
        const plan = get().plan;
        if (!plan) return;
        set({ notice: null, blank: false, lastTryConfirmed: false });
        if (plan.cardMethod === 'none') {
          await get().confirmResident();
          return;
        }
        const st = await client.call('card.status', {});
        if (st.ok) set({ cardStatus: st.value });
        if (st.ok && st.value.state === 'no-reader') return go({ id: 'noReader' });
        if (st.ok && st.value.state === 'card-present') {
          cardPlacedAt = now();
          return get().identifyCard();
        }
        go({ id: 'placeCard' });
      },

      async startDemo() {
        begin();
        set({ busy: 'loading' });
        const r = await client.call('demo.start', {});
        if (!r.ok) return fail(r.error);
        const info = await client.call('app.info', {});
        set({ busy: null, ...(info.ok ? { info: info.value } : {}) });
        await refreshCardStatus();
        if (get().screen.id === 'noReader') go({ id: 'placeCard' });
      },

      async demoInsert(persona) {
        const r = await client.call('demo.insertCard', { persona });
        if (!r.ok) fail(r.error);
      },
      async demoRemove() {
        const r = await client.call('demo.removeCard', {});
        if (!r.ok) fail(r.error);
      },

      async identifyCard() {
        if (get().busy === 'card') return;
        begin();
        identifyStarted = cardPlacedAt ?? now();
        set({ busy: 'card', cardStage: 'connecting', notice: null });
        await card.identify();
      },

      confirmLastTry() {
        if (get().screen.id !== 'lastTry') return;
        begin();
        card.confirmLastTry();
      },

      async switchToPin() {
        begin();
        set({ methodOverride: 'pin', lastTryConfirmed: false, notice: null });
        await card.toEntry();
      },

      async submitPin(pin) {
        begin();
        readStarted = now();
        gregorianTry = false;
        set({ busy: 'card', cardStage: 'verifying', notice: null });
        await card.submit({ method: 'pin', pin });
      },

      async submitBno(parts) {
        begin();
        readStarted = now();
        gregorianTry = 'date' in parts.birth && (parts.variant ?? 'wareki') === 'wareki';
        set({ busy: 'card', cardStage: 'verifying', notice: null });
        await card.submit({ method: 'bno', bno: parts });
      },

      async continueBlank() {
        begin();
        set({ blank: true, resident: null, notice: null, preview: null });
        go({ id: 'confirm' });
      },

      async confirmResident() {
        begin();
        set({ busy: 'loading', notice: null });
        const r = await client.call('forms.inputs', {});
        if (!r.ok) return fail(r.error);
        set({ inputs: r.value.inputs, values: r.value.values, busy: null, preview: null });
        if (r.value.inputs.length === 0) return go({ id: 'confirm' });
        go({ id: 'input', index: 0, returnToConfirm: false });
      },

      async rejectResident() {
        await get().startOver();
      },

      async saveInput(key, value, also = {}) {
        begin();
        const s = get();
        if (s.screen.id !== 'input') return;
        const { index, returnToConfirm } = s.screen;
        set({ busy: 'loading', notice: null });
        const r = await client.call('forms.setInputs', { values: { ...also, [key]: value } });
        if (!r.ok) return fail(r.error);
        set({ values: { ...get().values, ...also, [key]: value }, busy: null, preview: null });
        if (returnToConfirm || index + 1 >= s.inputs.length) return go({ id: 'confirm' });
        go({ id: 'input', index: index + 1, returnToConfirm: false });
      },

      inputBack() {
        begin();
        const s = get().screen;
        if (s.id !== 'input') return;
        set({ notice: null });
        if (s.returnToConfirm) return go({ id: 'confirm' });
        if (s.index === 0) return go(get().resident ? { id: 'resident' } : { id: 'plan' });
        go({ id: 'input', index: s.index - 1, returnToConfirm: false });
      },

      editInput(key) {
        begin();
        const index = get().inputs.findIndex((i) => i.key === key);
        if (index >= 0) go({ id: 'input', index, returnToConfirm: true });
      },

      async loadPreview() {
        if (get().preview) return;
        set({ busy: 'loading' });
        const r = await client.call('forms.preview', { format: 'pdf', blank: get().blank });
        if (!r.ok) {
          fail(r.error);
          // A missing value on a form: take the resident to that question.
          if (r.error.code === 'MISSING_VALUE' && r.error.field?.startsWith('input.')) {
            const key = r.error.field.slice('input.'.length).split('.')[0]!;
            if (get().inputs.some((i) => i.key === key)) get().editInput(key);
          }
          return;
        }
        set({ preview: r.value.forms, busy: null });
      },

      async print() {
        begin();
        set({ busy: 'print', notice: null, job: null });
        // Once applications went electronically, only the other forms (and the guide) are printed.
        const paper = formsOnPaper(get().plan?.forms ?? [], get().signing)?.map((f) => f.id) ?? null;
        let renderId = paper ? null : get().renderId;
        if (!renderId) {
          const r = await client.call('forms.render', {
            blank: get().blank,
            includeGuide: true,
            ...(paper ? { formIds: paper } : {}),
          });
          if (!r.ok) {
            fail(r.error);
            return go({ id: 'printing' });
          }
          renderId = r.value.renderId;
          set({ renderId, renderPageCount: r.value.pageCount });
        }
        const sub = await client.call('print.submit', { renderId });
        if (!sub.ok) {
          fail(sub.error);
          return go({ id: 'printing' });
        }
        set({
          job: {
            jobId: sub.value.jobId,
            printer: sub.value.printer,
            phase: 'queued',
            pageCount: get().renderPageCount,
          },
        });
        go({ id: 'printing' });
        printJob.start();
      },

      refreshJob: () => printJob.refresh(),

      async finish() {
        const printed = get().job?.phase === 'completed';
        const r = await client.call('session.finish', { printed });
        if (r.ok) set({ sessionId: r.value.sessionId });
        wipeLocal();
        await get().staffLogout();
        go({ id: 'attract' });
      },

      async startOver() {
        const r = await client.call('session.wipe', { reason: 'user' });
        if (r.ok) set({ sessionId: r.value.sessionId });
        wipeLocal();
        go({ id: 'attract' });
      },

      touch() {
        const s = get();
        if (RESTING_SCREENS.has(s.screen.id)) return;
        const t = now();
        if (s.idleSecondsLeft === null && t - lastTouch < touchInterval) return;
        lastTouch = t;
        if (s.idleSecondsLeft !== null) dismissCountdown();
        void client.call('session.touch', {});
      },

      async keepGoing() {
        lastTouch = now();
        dismissCountdown();
        await client.call('session.touch', {});
      },

      dismissNotice() {
        set({ notice: null });
      },

      openStaff() {
        const s = get();
        if (STAFF_SCREENS.has(s.screen.id)) {
          set({ notice: null });
          return go(s.staff ? { id: 'staffMenu' } : { id: 'staffLogin' });
        }
        set({ staffReturn: s.screen, notice: null });
        go(s.staff ? { id: 'staffMenu' } : { id: 'staffLogin' });
      },

      async staffLogin(pin) {
        set({ busy: 'loading', notice: null });
        const r = await client.call('operator.login', { pin });
        if (!r.ok) return fail(r.error, { count: r.error.retriesLeft ?? '?' });
        set({ staff: r.value, busy: null });
        go({ id: 'staffMenu' });
      },

      async staffLogout() {
        const staff = get().staff;
        set({ staff: null, settings: null, stats: null, inbox: null });
        if (staff) await client.call('operator.logout', { token: staff.token });
      },

      async setAssist(on) {
        const staff = get().staff;
        if (!staff) return go({ id: 'staffLogin' });
        const r = await client.call('operator.assist', { token: staff.token, on });
        if (!r.ok) return fail(r.error);
        set({ assist: on });
      },

      async openSettings() {
        const staff = get().staff;
        if (!staff) return go({ id: 'staffLogin' });
        set({ busy: 'loading' });
        const r = await client.call('settings.get', { token: staff.token });
        if (!r.ok) return fail(r.error);
        set({ settings: r.value, busy: null });
        go({ id: 'staffSettings' });
      },

      async saveSettings(patch) {
        const staff = get().staff;
        if (!staff) return false;
        set({ busy: 'loading', notice: null });
        const r = await client.call('settings.update', { token: staff.token, patch });
        if (!r.ok) {
          fail(r.error);
          return false;
        }
        set({ settings: r.value, busy: null, notice: { tone: 'info', key: tk('staff.settings.saved') } });
        const info = await client.call('app.info', {});
        if (info.ok) set({ info: info.value });
        return true;
      },

      async openStats() {
        const staff = get().staff;
        if (!staff) return go({ id: 'staffLogin' });
        set({ busy: 'loading' });
        const r = await client.call('stats.summary', { token: staff.token });
        if (!r.ok) return fail(r.error);
        set({ stats: r.value, busy: null });
        go({ id: 'staffStats' });
      },

      async openInbox() {
        const staff = get().staff;
        if (!staff) return go({ id: 'staffLogin' });
        set({ busy: 'loading', notice: null });
        const r = await client.call('inbox.review', { token: staff.token });
        if (!r.ok) return fail(r.error);
        set({ inbox: r.value, busy: null });
        go({ id: 'staffInbox' });
      },

      async flushInbox() {
        set({ busy: 'loading', notice: null });
        const r = await client.call('sign.flush', {});
        if (!r.ok) return fail(r.error);
        await get().openInbox();
        set({
          notice: {
            tone: 'info',
            key: tk('staff.inbox.flushed'),
            params: { delivered: r.value.delivered, waiting: r.value.waiting },
          },
        });
      },

      async changeOperatorPin(currentPin, newPin) {
        const staff = get().staff;
        if (!staff) return false;
        const r = await client.call('settings.changePin', { token: staff.token, currentPin, newPin });
        if (!r.ok) {
          fail(r.error, { count: r.error.retriesLeft ?? '?' });
          return false;
        }
        set({ notice: { tone: 'info', key: tk('staff.settings.pinChanged') } });
        return true;
      },

      closeStaff() {
        const back = get().staffReturn ?? { id: 'attract' };
        set({ staffReturn: null, notice: null });
        go(back);
      },
    };
  });
  return store;
}
