/**
 * The card at a staffed desk (the election desk, the shelter entrance), once: the card-secret flow
 * wired to the desk's store (its screens for each step, its busy flag and notices), the actions the
 * card screens call, and what a card event means for the screen on show. A desk supplies what
 * differs: the call that reads the card, what to do with the result, its wording of a wrong secret.
 */
import type { KioskClient } from '../api/client.ts';
import type { ApiError, BnoParts, KioskEvent, Result } from '../api/types.ts';
import {
  createCardSecretFlow,
  type CardProblem,
  type CardStep,
  type Retries,
  type Secret,
} from './card-secret.ts';
import type { Notice } from './notice.ts';

export type DeskCardScreen =
  | { id: 'placeCard' }
  | { id: 'cardReading' }
  | { id: 'cardBno' }
  | { id: 'cardPin' }
  | { id: 'cardProblem'; problem: CardProblem };

export function deskCardScreen(s: CardStep): DeskCardScreen {
  switch (s.step) {
    case 'reading':
      return { id: 'cardReading' };
    case 'placeCard':
      return { id: 'placeCard' };
    case 'entry':
      return { id: s.method === 'pin' ? 'cardPin' : 'cardBno' };
    case 'problem':
      return { id: 'cardProblem', problem: s.problem };
  }
}

const CARD_SCREENS = new Set(['placeCard', 'cardReading', 'cardBno', 'cardPin', 'cardProblem']);

/** What the desk's store keeps for the card. The secret itself never enters it. */
export interface DeskCardState {
  cardMethod: 'bno' | 'pin';
  retries: Retries | null;
  lastTryConfirmed: boolean;
}

export interface DeskCardOptions<T> {
  client: KioskClient;
  state: () => DeskCardState & { busy: unknown };
  set: (patch: Partial<DeskCardState> & { busy?: 'card' | null; notice?: Notice | null }) => void;
  go: (screen: DeskCardScreen) => void;
  begin: () => void;
  errorNotice: (error: ApiError) => Notice;
  /** The desk's wording of a wrong PIN and a wrong 照合番号B ({{count}} tries left). */
  wrongKeys: { pin: string; bno: string };
  read: (secret: Secret, confirmLastTry: boolean) => Promise<Result<T>>;
  done: (value: T) => void;
  intercept?: (error: ApiError) => boolean;
  /** The desk's own "start the card path" action (with its guards and reset). */
  identifyAgain: () => void;
  settleMs?: number;
}

export interface DeskCard {
  identify(): Promise<unknown>;
  switchMethod(method: 'pin' | 'bno'): Promise<void>;
  confirmLastTry(): void;
  submitBno(parts: BnoParts): Promise<void>;
  submitPin(pin: string): Promise<void>;
  /**
   * A card event: a card placed while the desk waits starts the card path (`start`); a card
   * pulled out mid-flow, or the reader gone, gets its own screen.
   */
  onEvent(
    e: Extract<KioskEvent, { type: 'card' }>,
    at: { screen: { id: string; problem?: string }; ready: boolean },
    start: () => void,
  ): void;
}

export function createDeskCard<T>(o: DeskCardOptions<T>): DeskCard {
  const flow = createCardSecretFlow<T>({
    client: o.client,
    method: () => o.state().cardMethod,
    state: () => ({ retries: o.state().retries, lastTryConfirmed: o.state().lastTryConfirmed }),
    update: (patch) => o.set(patch),
    show: (step) => o.go(deskCardScreen(step)),
    busy: (on) => o.set({ busy: on ? 'card' : null }),
    tell: (error) => o.set({ notice: error ? o.errorNotice(error) : null }),
    wrongSecret: (m, left) =>
      o.set({
        notice: {
          tone: 'error',
          key: m === 'pin' ? o.wrongKeys.pin : o.wrongKeys.bno,
          params: { count: left ?? '?' },
        },
      }),
    read: o.read,
    done: o.done,
    ...(o.intercept ? { intercept: o.intercept } : {}),
    identifyAgain: o.identifyAgain,
    ...(o.settleMs !== undefined ? { settleMs: o.settleMs } : {}),
  });
  const submit = async (secret: Secret) => {
    if (o.state().busy) return;
    o.begin();
    o.set({ busy: 'card', notice: null, cardMethod: secret.method });
    await flow.submit(secret);
  };
  return {
    identify: () => flow.identify(),
    async switchMethod(method) {
      o.begin();
      o.set({ cardMethod: method, lastTryConfirmed: false, notice: null, busy: 'card' });
      await flow.toEntry();
    },
    confirmLastTry() {
      o.begin();
      flow.confirmLastTry();
    },
    submitBno: (parts) => submit({ method: 'bno', bno: parts }),
    submitPin: (pin) => submit({ method: 'pin', pin }),
    onEvent(e, at, start) {
      const id = at.screen.id;
      if (e.kind === 'card-inserted') {
        const waiting =
          id === 'ready' ||
          id === 'placeCard' ||
          (id === 'cardProblem' && ['removed', 'wrongCard', 'error'].includes(at.screen.problem ?? ''));
        if (waiting && at.ready && !o.state().busy) start();
      } else if (e.kind === 'card-removed') {
        if (CARD_SCREENS.has(id) && id !== 'placeCard' && id !== 'cardProblem') flow.removed();
      } else if (e.kind === 'reader-removed' && CARD_SCREENS.has(id)) {
        // Unplugged, or the PC/SC service restarting: say so, and carry on when it is back.
        o.set({ busy: null });
        o.go({ id: 'cardProblem', problem: 'noReader' });
      } else if (e.kind === 'reader-added' && id === 'cardProblem' && at.screen.problem === 'noReader') {
        o.go({ id: 'placeCard' });
      }
    },
  };
}
