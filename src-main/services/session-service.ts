/**
 * The resident's session: everything personal the kiosk holds (card data incl. the 個人番号 when a
 * form needs it, typed inputs, the plan, rendered PDFs) lives here, in memory only, and is wiped on
 * finish, on idle timeout (after a countdown the resident can cancel), on card removal when
 * configured, or by staff. A wipe drops every reference, zeroes the PDF buffers, starts a new
 * session id and publishes session.wiped.
 *
 * A visit belongs to the screen that started it: `beginVisit` (the Start button) hands that screen
 * a random visit key, and every call that reads or changes the visit must carry it (checked by
 * `assertVisit`), so a second window, another tablet holding the pairing token, or a local process
 * gets NO_VISIT instead of the resident's filled forms. A wipe ends the visit and its key.
 *
 * The idle timer runs only while the session holds something (a life event, card data, inputs): the
 * attract screen never counts down.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Answers, InputValues, Language, Plan, SessionState, WipeReason } from '../contract/index.ts';
import type { EventBus } from '../contract/event-bus.ts';
import { fail } from '../contract/errors.ts';
import type { SessionSummary } from './statistics-service.ts';

/** Card data held for printing. `myNumber` only when the plan needed it (PIN). */
export interface ResidentData {
  name: string;
  address: string;
  birthDate: string;
  sex: 'male' | 'female' | 'other';
  myNumber?: string;
  method: 'pin' | 'bno';
}

export interface StoredRender {
  pdf: Uint8Array;
  pageCount: number;
  forms: { formId: string; title: string; pageCount: number }[];
}

export interface IdlePolicy {
  timeoutSec: number;
  warningSec: number;
}

export interface SessionServiceOptions {
  events: EventBus;
  idle: () => IdlePolicy;
  defaultLanguage: () => Language;
  /** Called with the anonymous summary before a non-empty session is wiped. */
  onEnd?: (summary: SessionSummary) => void;
  now?: () => Date;
}

export class SessionService {
  readonly #events: EventBus;
  readonly #idle: () => IdlePolicy;
  readonly #defaultLanguage: () => Language;
  readonly #onEnd: ((s: SessionSummary) => void) | undefined;
  readonly #now: () => Date;

  #id = randomUUID();
  #startedAt: Date;
  #language: Language;
  #lifeEventId: string | null = null;
  #answers: Answers = {};
  #plan: Plan | null = null;
  #resident: ResidentData | null = null;
  #inputs: InputValues = {};
  /** Input keys filled from planner answers (not asked again). */
  #prefilledKeys = new Set<string>();
  #renders = new Map<string, StoredRender>();
  #assist = false;
  #formsPrinted = 0;
  #printed = false;
  /** The key of the screen that started the visit in progress (null: no visit started). */
  #visitKey: Buffer | null = null;

  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #countdownTimer: ReturnType<typeof setInterval> | undefined;
  #countdownLeft = 0;
  /** Countdowns started so far; each tick names its countdown. */
  #countdowns = 0;

  constructor(options: SessionServiceOptions) {
    this.#events = options.events;
    this.#idle = options.idle;
    this.#defaultLanguage = options.defaultLanguage;
    this.#onEnd = options.onEnd;
    this.#now = options.now ?? (() => new Date());
    this.#startedAt = this.#now();
    this.#language = this.#defaultLanguage();
  }

  get id(): string {
    return this.#id;
  }
  get language(): Language {
    return this.#language;
  }
  get lifeEventId(): string | null {
    return this.#lifeEventId;
  }
  get answers(): Answers {
    return this.#answers;
  }
  get plan(): Plan | null {
    return this.#plan;
  }

  /** The plan, or NO_PLAN for a call that needs one (forms, rendering, choosing forms). */
  requirePlan(): Plan {
    if (!this.#plan)
      throw fail(
        'NO_PLAN',
        'Choose a life event and answer its questions first.',
        '先に手続きを選んでください。',
      );
    return this.#plan;
  }
  get resident(): ResidentData | null {
    return this.#resident;
  }
  get inputs(): InputValues {
    return this.#inputs;
  }
  get prefilledKeys(): ReadonlySet<string> {
    return this.#prefilledKeys;
  }
  get assist(): boolean {
    return this.#assist;
  }

  /** True when the session holds anything worth wiping. */
  get dirty(): boolean {
    return (
      this.#lifeEventId !== null ||
      this.#resident !== null ||
      Object.keys(this.#inputs).length > 0 ||
      this.#renders.size > 0 ||
      this.#assist
    );
  }

  state(): SessionState {
    return {
      sessionId: this.#id,
      startedAt: this.#startedAt.toISOString(),
      language: this.#language,
      lifeEventId: this.#lifeEventId,
      hasPlan: this.#plan !== null,
      hasResident: this.#resident !== null,
      inputKeys: Object.keys(this.#inputs),
      assist: this.#assist,
    };
  }

  setLanguage(language: Language): void {
    this.#language = language;
    this.touch();
  }

  setPlan(
    lifeEventId: string,
    answers: Answers,
    plan: Plan,
    prefill: Record<string, string | boolean>,
  ): void {
    if (!this.dirty) this.#startedAt = this.#now();
    this.#lifeEventId = lifeEventId;
    this.#answers = answers;
    this.#plan = plan;
    for (const k of this.#prefilledKeys) delete this.#inputs[k];
    this.#prefilledKeys = new Set(Object.keys(prefill));
    Object.assign(this.#inputs, prefill);
    this.#dropRenders();
    this.touch();
  }

  replacePlan(plan: Plan): void {
    this.#plan = plan;
    this.#dropRenders();
    this.touch();
  }

  setResident(resident: ResidentData): void {
    this.#resident = resident;
    this.#dropRenders();
    this.touch();
  }

  /** Merges values; an empty string removes a value. */
  setInputs(values: InputValues): void {
    for (const [k, v] of Object.entries(values)) {
      if (v === '') delete this.#inputs[k];
      else this.#inputs[k] = v;
    }
    this.#dropRenders();
    this.touch();
  }

  setAssist(on: boolean): void {
    this.#assist = on;
    this.touch();
  }

  storeRender(render: StoredRender): string {
    const id = randomUUID();
    this.#renders.set(id, render);
    this.touch();
    return id;
  }

  getRender(id: string): StoredRender | undefined {
    return this.#renders.get(id);
  }

  notePrinted(formsCount: number): void {
    this.#formsPrinted += formsCount;
    this.#printed = true;
    this.touch();
  }

  /** Resident activity: restart the idle timer, cancel a countdown. Returns seconds until the countdown starts. */
  touch(): number {
    this.#clearTimers();
    const { timeoutSec, warningSec } = this.#idle();
    const countdownAfter = Math.max(0, timeoutSec - warningSec);
    if (!this.dirty) return countdownAfter;
    this.#idleTimer = setTimeout(() => this.#startCountdown(warningSec), countdownAfter * 1000);
    this.#idleTimer.unref?.();
    return countdownAfter;
  }

  #startCountdown(warningSec: number): void {
    this.#countdownLeft = warningSec;
    const countdown = ++this.#countdowns;
    this.#events.publish({ type: 'session.idle-warning', secondsLeft: this.#countdownLeft, countdown });
    this.#countdownTimer = setInterval(() => {
      this.#countdownLeft--;
      if (this.#countdownLeft <= 0) {
        this.wipe('idle');
        return;
      }
      this.#events.publish({ type: 'session.idle-warning', secondsLeft: this.#countdownLeft, countdown });
    }, 1000);
    this.#countdownTimer.unref?.();
  }

  #clearTimers(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    if (this.#countdownTimer) clearInterval(this.#countdownTimer);
    this.#idleTimer = undefined;
    this.#countdownTimer = undefined;
  }

  #dropRenders(): void {
    for (const r of this.#renders.values()) r.pdf.fill(0);
    this.#renders.clear();
  }

  /**
   * Starts a new visit for the calling screen: whatever the session held is wiped, and the returned
   * key is the only one `assertVisit` accepts until the next wipe.
   */
  beginVisit(): { sessionId: string; visitKey: string } {
    const sessionId = this.wipe('user');
    const key = randomBytes(32);
    this.#visitKey = key;
    return { sessionId, visitKey: key.toString('hex') };
  }

  /** NO_VISIT unless `key` is the key of the visit in progress. */
  assertVisit(key: string | undefined): void {
    const held = this.#visitKey;
    const given = key !== undefined && /^[0-9a-f]{64}$/.test(key) ? Buffer.from(key, 'hex') : null;
    if (!held || !given || !timingSafeEqual(held, given)) {
      throw fail(
        'NO_VISIT',
        'This screen has no visit in progress (it ended, or another screen started one). Press Start.',
        'この画面の受付は終了しています。「はじめる」を押してください。',
      );
    }
  }

  /** Forgets everything personal and starts a new session. Returns the new session id. */
  wipe(reason: WipeReason): string {
    this.#visitKey?.fill(0);
    this.#visitKey = null;
    this.#clearTimers();
    if (this.dirty && this.#onEnd) {
      const now = this.#now();
      try {
        this.#onEnd({
          startedAt: this.#startedAt,
          durationSec: Math.max(0, (now.getTime() - this.#startedAt.getTime()) / 1000),
          lifeEventId: this.#lifeEventId,
          language: this.#language,
          formsPrinted: this.#formsPrinted,
          printed: this.#printed,
          endReason: reason,
        });
      } catch {
        // Statistics must never keep personal data alive.
      }
    }
    this.#dropRenders();
    if (this.#resident) {
      // Strings cannot be zeroed; overwrite the fields so no reference keeps the values reachable.
      this.#resident.myNumber = undefined;
      this.#resident.name = this.#resident.address = '';
    }
    this.#resident = null;
    this.#inputs = {};
    this.#prefilledKeys = new Set();
    this.#answers = {};
    this.#plan = null;
    this.#lifeEventId = null;
    this.#assist = false;
    this.#formsPrinted = 0;
    this.#printed = false;
    this.#id = randomUUID();
    this.#startedAt = this.#now();
    this.#language = this.#defaultLanguage();
    this.#events.publish({ type: 'session.wiped', reason, sessionId: this.#id });
    return this.#id;
  }

  /** Stops the timers (shutdown). */
  close(): void {
    this.#clearTimers();
  }
}
