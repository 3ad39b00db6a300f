import { describe, expect, it } from 'vitest';
import { err, FakeClient, ok, type FakeHandlers } from '../../api/fake-client.ts';
import type { FareCheck, FareStatus } from '../../../src-main/contract/index.ts';
import { createFareStore } from './fare-store.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

const VEHICLE: FareStatus = {
  mode: 'fare',
  ready: true,
  storeFound: true,
  terminalId: 'car-101',
  role: 'vehicle',
  vehicle: 'car-101',
  registry: { issuedAt: 0, cards: 3, ageDays: 0 },
  categories: [],
  today: { rides: 0, subsidyYen: 0 },
};
const OFFICE: FareStatus = {
  ...VEHICLE,
  terminalId: 'hall',
  role: 'office',
  categories: [{ id: 'licence-returned', label: '運転免許証を自主返納した方' }],
};

const CHECK = (eligible: boolean): FareCheck => ({
  card: { name: '前橋　一郎', birthDateWareki: '昭和26年4月1日', address: '群馬県前橋市大手町' },
  eligibility: eligible
    ? { eligible: true, rule: { kind: 'age', minAge: 75 }, since: '2026-03-31', validTo: '2027-03-31' }
    : { eligible: false, reason: 'TOO_YOUNG', from: '2027-05-01' },
  earlierCards: [],
});

function setup(status: FareStatus, handlers: FakeHandlers) {
  const client = new FakeClient({
    'fare.status': () => ok(status),
    'fare.cancel': () => ok({ done: true as const }),
    'diagnostics.mark': () => ok({ done: true as const }),
    ...handlers,
  });
  const store = createFareStore(client, { setInterval: (() => 0) as never, clearInterval: () => undefined });
  return { client, store, s: () => store.getState() };
}

describe('fare terminal store: the vehicle', () => {
  it('a placed card is a tap: green, the fare quoted as typed, the ride recorded', async () => {
    const { client, s } = setup(VEHICLE, {
      'fare.tap': () => ok({ decision: { ok: true, leftToday: 1, leftThisYear: 69 }, card: 'AB12' }),
      'fare.quote': (input) =>
        ok({ fareYen: input.fareYen, subsidyYen: Math.min(1000, Math.floor(input.fareYen / 2)), payYen: 0 }),
      'fare.ride': (input) =>
        ok({
          recorded: true as const,
          ride: {
            rideId: 'car-101:1',
            at: 1,
            fareYen: input.fareYen,
            subsidyYen: 1000,
            payYen: input.fareYen - 1000,
          },
          leftToday: 1,
          leftThisYear: 69,
        }),
    });
    await s().start();
    expect(s().screen.id).toBe('ready');
    client.emit({ type: 'card', kind: 'card-inserted', reader: 'r' });
    await tick();
    expect(s().screen.id).toBe('green');
    await s().setFare('2');
    await s().setFare('25');
    await s().setFare('2530');
    expect(s().quote?.subsidyYen).toBe(1000);
    await s().recordRide();
    expect(s().screen.id).toBe('done');
    expect(s().ride?.ride.payYen).toBe(1530);
    expect(client.calls.find((c) => c.name === 'fare.ride')?.input).toMatchObject({
      fareYen: 2530,
      confirmRepeat: false,
    });
    // The next passenger's tap starts over from the done screen.
    client.emit({ type: 'card', kind: 'card-inserted', reader: 'r' });
    await tick();
    expect(s().screen.id).toBe('green');
    expect(s().fare).toBe('');
  });

  it('red with the reason; a repeat asks first and the ride says it was confirmed', async () => {
    let n = 0;
    const { client, s } = setup(VEHICLE, {
      'fare.tap': () =>
        ok(
          n++ === 0
            ? { decision: { ok: false as const, reason: 'DAILY_CAP' as const, detail: '2' }, card: 'AB12' }
            : {
                decision: { ok: true as const, leftToday: 0, leftThisYear: 3, repeatOf: { at: 1 } },
                card: 'AB12',
              },
        ),
      'fare.quote': () => ok({ fareYen: 800, subsidyYen: 400, payYen: 400 }),
      'fare.ride': () => ok({ recorded: false as const, reason: 'YEARLY_CAP' as const }),
    });
    await s().start();
    await s().tap();
    expect(s().screen).toEqual({ id: 'red', reason: 'DAILY_CAP' });
    await s().tap();
    expect(s().screen.id).toBe('repeat');
    s().confirmRepeat();
    expect(s().screen.id).toBe('green');
    await s().setFare('800');
    await s().recordRide();
    expect(client.calls.find((c) => c.name === 'fare.ride')?.input).toMatchObject({ confirmRepeat: true });
    // Refused at the last moment (another vehicle's ride arrived meanwhile): red, not done.
    expect(s().screen).toEqual({ id: 'red', reason: 'YEARLY_CAP' });
  });

  it('a tap too long ago goes back to the tap with a message; a locked store goes to the passphrase', async () => {
    const { s } = setup(VEHICLE, {
      'fare.tap': () => ok({ decision: { ok: true, leftToday: 1, leftThisYear: 1 }, card: 'AB12' }),
      'fare.quote': () => ok({ fareYen: 800, subsidyYen: 400, payYen: 400 }),
      'fare.ride': () => err('NO_TAP'),
    });
    await s().start();
    await s().tap();
    await s().setFare('800');
    await s().recordRide();
    expect(s().screen.id).toBe('ready');
    expect(s().notice?.key).toBe('fare.error.noTap');
    const locked = setup(VEHICLE, { 'fare.tap': () => err('FARE_NOT_OPEN') });
    await locked.s().start();
    await locked.s().tap();
    expect(locked.s().screen.id).toBe('open');
  });
});

describe('fare terminal store: city hall', () => {
  it('the card read with 照合番号B → eligibility; a category ticked decides again; consent → registered', async () => {
    const { client, s } = setup(OFFICE, {
      'card.identify': () => ok({ reader: 'r', retries: { pin: 3, bno: 10 } } as never),
      'fare.check': () => ok(CHECK(false)),
      'fare.reassess': () => ok(CHECK(true)),
      'fare.register': () =>
        ok({
          card: 'AB12',
          rule: { kind: 'age' as const, minAge: 75 },
          since: '2026-03-31',
          validFrom: '2026-04-01',
          validTo: '2027-03-31',
          earlierCards: [],
          ridesThisYear: 0,
        }),
    });
    await s().start();
    client.emit({ type: 'card', kind: 'card-inserted', reader: 'r' });
    await tick();
    expect(s().screen.id).toBe('cardBno');
    await s().submitBno({
      birth: { era: 'showa', eraYear: 26, month: 4, day: 1 },
      expiryYear: 2030,
      securityCode: '1234',
    });
    expect(s().screen.id).toBe('eligibility');
    expect(s().check?.eligibility.eligible).toBe(false);
    // Not eligible: the consent cannot be given, registering does nothing.
    s().setConsent(true);
    await s().register();
    expect(client.names()).not.toContain('fare.register');
    await s().toggleCategory('licence-returned');
    expect(client.calls.find((c) => c.name === 'fare.reassess')?.input).toEqual({
      categories: ['licence-returned'],
    });
    expect(s().check?.eligibility.eligible).toBe(true);
    s().setConsent(true);
    await s().register();
    expect(s().screen.id).toBe('registered');
    expect(client.calls.find((c) => c.name === 'fare.register')?.input).toEqual({
      consent: true,
      categories: ['licence-returned'],
    });
  });

  it('a lost card found by name and blocked', async () => {
    const { s } = setup(OFFICE, {
      'fare.findHolder': () => ok({ cards: [{ serial: '1234ABCD', registeredAt: 0 }] }),
      'fare.block': () => ok({ serial: '1234ABCD', alreadyBlocked: false, at: 5 }),
    });
    await s().start();
    s().openBlock();
    expect(s().screen.id).toBe('block');
    await s().findHolder('前橋 一郎', '昭和26年4月1日');
    await s().block('1234ABCD', 'lost');
    expect(s().holderCards?.[0]?.blockedAt).toBe(5);
    expect(s().blocked).toBe('1234ABCD');
  });
});
