/**
 * The card-secret flow on its own, with a scripted client: the steps it shows for each answer of
 * the card, that a confirmation covers one attempt, and that no secret is kept anywhere.
 */
import { describe, expect, it } from 'vitest';
import { err, FakeClient, ok, type FakeHandlers } from '../api/fake-client.ts';
import {
  createCardSecretFlow,
  type CardSecretState,
  type CardStep,
  type Retries,
  type SecretMethod,
} from './card-secret.ts';

const IDENTITY = (retries: Retries) =>
  ok({ reader: 'Virtual PCD 00 01', tokenLabel: 'JPKIAPICCTOKEN2', retries });

function setup(
  handlers: FakeHandlers,
  opts: { method?: SecretMethod; read?: FakeHandlers['card.read'] } = {},
) {
  const client = new FakeClient(handlers);
  const steps: CardStep[] = [];
  const told: string[] = [];
  const wrong: Array<[SecretMethod, number | null]> = [];
  const done: string[] = [];
  let busy = false;
  let again = 0;
  let state: CardSecretState = { retries: null, lastTryConfirmed: false };
  const flow = createCardSecretFlow<{ name: string }>({
    client,
    method: () => opts.method ?? 'bno',
    state: () => state,
    update: (patch) => (state = { ...state, ...patch }),
    show: (s) => steps.push(s),
    busy: (on) => (busy = on),
    tell: (e) => (e ? told.push(e.code) : undefined),
    wrongSecret: (m, left) => wrong.push([m, left]),
    read: async (secret, confirmLastTry) => {
      const r = await client.call('card.read', { ...secret, confirmLastTry });
      return r.ok ? ok({ name: r.value.name }) : r;
    },
    done: (v) => done.push(v.name),
    identifyAgain: () => again++,
    settleMs: 1,
    setTimeout: (fn) => fn(),
  });
  return {
    client,
    flow,
    steps,
    told,
    wrong,
    done,
    busy: () => busy,
    again: () => again,
    state: () => state,
    last: () => steps[steps.length - 1],
  };
}

const BNO = {
  method: 'bno' as const,
  bno: {
    birth: { era: 'showa' as const, eraYear: 55, month: 2, day: 17 },
    expiryYear: 2030,
    securityCode: '1234',
  },
};

describe('card-secret flow', () => {
  it('identify with tries left goes straight to the entry without a second card call', async () => {
    const t = setup({ 'card.identify': () => IDENTITY({ pin: 3, bno: 10 }) });
    expect(await t.flow.identify()).toEqual({ pin: 3, bno: 10 });
    expect(t.steps).toEqual([{ step: 'reading' }, { step: 'entry', method: 'bno' }]);
    expect(t.client.names()).toEqual(['card.identify']);
    expect(t.state().retries).toEqual({ pin: 3, bno: 10 });
    expect(t.busy()).toBe(false);
  });

  it('asks the card for its tries when identify could not say', async () => {
    const t = setup({
      'card.identify': () => IDENTITY({ pin: 3, bno: null }),
      'card.retries': () => ok({ pin: 3, bno: 1 }),
    });
    await t.flow.identify();
    expect(t.client.names()).toEqual(['card.identify', 'card.retries']);
    expect(t.last()).toEqual({ step: 'problem', problem: 'lastTry', method: 'bno' });
  });

  it('a card still being seated gets quiet second chances; a busy reader makes the mode identify again', async () => {
    let n = 0;
    const t = setup({ 'card.identify': () => (++n < 3 ? err('CARD_IO') : IDENTITY({ pin: 3, bno: 10 })) });
    await t.flow.identify();
    expect(n).toBe(3);
    expect(t.last()).toEqual({ step: 'entry', method: 'bno' });

    const busy = setup({ 'card.identify': () => err('CARD_BUSY') });
    expect(await busy.flow.identify()).toBeNull();
    expect(busy.again()).toBe(1);
    expect(busy.steps).toEqual([{ step: 'reading' }]);
  });

  it('each card error gets its step; others are told and shown as a problem', async () => {
    const cases: Array<[string, CardStep]> = [
      ['NO_CARD', { step: 'placeCard' }],
      ['NO_READER', { step: 'problem', problem: 'noReader', method: 'pin' }],
      ['NOT_MYNUMBER_CARD', { step: 'problem', problem: 'wrongCard', method: 'pin' }],
      ['CARD_REMOVED', { step: 'problem', problem: 'removed', method: 'pin' }],
      ['BLOCKED', { step: 'problem', problem: 'blocked', method: 'pin' }],
      ['INTERNAL', { step: 'problem', problem: 'error', method: 'pin' }],
    ];
    for (const [code, step] of cases) {
      const t = setup({ 'card.identify': () => err(code as 'NO_CARD') }, { method: 'pin' });
      await t.flow.identify();
      expect(t.last(), code).toEqual(step);
      expect(t.told, code).toEqual(code === 'INTERNAL' ? ['INTERNAL'] : []);
    }
  });

  it('a blocked secret and a last try each get their screen before any entry', async () => {
    const blocked = setup({ 'card.identify': () => IDENTITY({ pin: 0, bno: 10 }) }, { method: 'pin' });
    await blocked.flow.identify();
    expect(blocked.last()).toEqual({ step: 'problem', problem: 'blocked', method: 'pin' });

    const last = setup({ 'card.identify': () => IDENTITY({ pin: 1, bno: 10 }) }, { method: 'pin' });
    await last.flow.identify();
    expect(last.last()).toEqual({ step: 'problem', problem: 'lastTry', method: 'pin' });
    last.flow.confirmLastTry();
    expect(last.last()).toEqual({ step: 'entry', method: 'pin' });
    expect(last.state().lastTryConfirmed).toBe(true);
  });

  it('a wrong secret counts down to the last try and to blocked; the confirmation covers one attempt', async () => {
    let left = 3;
    const t = setup({
      'card.identify': () => IDENTITY({ pin: 3, bno: 3 }),
      'card.read': () => err('WRONG_SECRET', { retriesLeft: --left }),
    });
    await t.flow.identify();
    await t.flow.submit(BNO);
    expect(t.last()).toEqual({ step: 'entry', method: 'bno' });
    await t.flow.submit(BNO);
    expect(t.last()).toEqual({ step: 'problem', problem: 'lastTry', method: 'bno' });
    t.flow.confirmLastTry();
    await t.flow.submit(BNO);
    expect(t.client.inputsOf('card.read').map((i) => i.confirmLastTry)).toEqual([false, false, true]);
    expect(t.last()).toEqual({ step: 'problem', problem: 'blocked', method: 'bno' });
    expect(t.wrong).toEqual([
      ['bno', 2],
      ['bno', 1],
      ['bno', 0],
    ]);
    expect(t.state()).toEqual({ retries: { pin: 3, bno: 0 }, lastTryConfirmed: false });
    // The secret is handed to the read call and kept nowhere else.
    expect(JSON.stringify([t.steps, t.state(), t.told, t.wrong])).not.toContain('1234');
  });

  it('a read the mode intercepts shows nothing; a good read is done', async () => {
    const t = setup({ 'card.read': () => err('ELECTION_NOT_OPEN') });
    const intercepted: string[] = [];
    const flow = createCardSecretFlow<unknown>({
      client: t.client,
      method: () => 'bno',
      state: () => ({ retries: null, lastTryConfirmed: false }),
      update: () => {},
      show: (s) => t.steps.push(s),
      busy: () => {},
      tell: () => {},
      wrongSecret: () => {},
      read: (secret, confirmLastTry) => t.client.call('card.read', { ...secret, confirmLastTry }),
      done: () => {},
      intercept: (e) => (intercepted.push(e.code), true),
      identifyAgain: () => {},
    });
    await flow.submit(BNO);
    expect(intercepted).toEqual(['ELECTION_NOT_OPEN']);
    expect(t.steps).toEqual([]);

    const good = setup({ 'card.read': () => ok({ name: '渡邊 𠮷太郎' } as never) });
    await good.flow.submit(BNO);
    expect(good.done).toEqual(['渡邊 𠮷太郎']);
    expect(good.busy()).toBe(false);
  });

  it('a pulled card shows removed and forgets the confirmation', () => {
    const t = setup({});
    t.flow.confirmLastTry();
    t.flow.removed();
    expect(t.last()).toEqual({ step: 'problem', problem: 'removed', method: 'bno' });
    expect(t.state().lastTryConfirmed).toBe(false);
  });
});
