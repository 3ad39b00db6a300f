/**
 * The fare terminal through the kiosk's router (the path the screens take): at city hall the
 * virtual card read with 照合番号B → eligibility explained → registered with consent; the signed
 * registry carried to a vehicle; in the vehicle a tap → green → the quote → the ride (with a
 * receipt on the printer double) → the repeat prompt → the daily cap in red; a card found by name
 * and blocked. The card's serial never reaches the screens (only its last four digits).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, FareStatus } from '../../contract/index.ts';
import { createTestKiosk, type TestKiosk } from '../../api/testing.ts';
import { tempDir } from '../../store/test-support.ts';
import { EXAMPLE_PROGRAM, parseProgram } from './program.ts';
import { newCityKeyPair } from './registry-file.ts';
import { FareService } from './service.ts';
import { GROUP_SALT, PASSPHRASE, secret } from './test-support.ts';

const BNO = {
  birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
  expiryYear: 2035,
  securityCode: '2285',
};
/** 横浜市, 45 or over: the persona `ordinary` (46) is eligible. */
const PROGRAM = parseProgram({
  ...EXAMPLE_PROGRAM,
  municipality: { code: '141003', name: '神奈川県横浜市' },
  eligibility: { ...EXAMPLE_PROGRAM.eligibility, minAge: 45 },
  valid: { from: '2020-04-01', to: '2099-03-31' },
});

let tmp: ReturnType<typeof tempDir>;
let hall: TestKiosk;
let car: TestKiosk;

async function error(k: TestKiosk, name: string, input: unknown = {}): Promise<ApiError> {
  const r = await k.router.call(name, input);
  if (r.ok) throw new Error(`${name} succeeded`);
  return r.error;
}

beforeAll(async () => {
  tmp = tempDir('kakanai-fare-router-');
  for (const [dir, vehicle] of [['hall'], ['car', 'car-101']] as const) {
    mkdirSync(join(tmp.dir, dir));
    const svc = await FareService.init(join(tmp.dir, dir, 'fare.db'), secret(), {
      program: PROGRAM,
      terminalId: dir,
      groupSalt: GROUP_SALT,
      ...(vehicle ? { vehicle } : {}),
    });
    await svc.close();
  }
  hall = await createTestKiosk({
    config: { mode: 'fare', terminalId: 'hall' },
    configPath: join(tmp.dir, 'hall', 'terminal.json'),
  });
  car = await createTestKiosk({
    config: { mode: 'fare', terminalId: 'car' },
    configPath: join(tmp.dir, 'car', 'terminal.json'),
  });
});

afterAll(async () => {
  await hall.close();
  await car.close();
  tmp.cleanup();
});

describe('the fare terminal through the router', () => {
  it('is closed until the passphrase', async () => {
    expect(await hall.call<FareStatus>('fare.status')).toMatchObject({ ready: false, storeFound: true });
    expect(await error(hall, 'fare.tap')).toMatchObject({ code: 'FARE_NOT_OPEN' });
    expect(await error(hall, 'fare.open', { passphrase: 'guess' })).toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    expect(await hall.call<FareStatus>('fare.open', { passphrase: PASSPHRASE })).toMatchObject({
      ready: true,
      role: 'office',
      categories: [{ id: 'licence-returned' }, { id: 'disability' }, { id: 'pregnant' }],
    });
    expect(await car.call<FareStatus>('fare.open', { passphrase: PASSPHRASE })).toMatchObject({
      ready: true,
      role: 'vehicle',
      vehicle: 'car-101',
      today: { rides: 0 },
    });
  });

  it('city hall: the card read, eligibility explained, registered with consent', async () => {
    expect(await error(hall, 'fare.register', { consent: true })).toMatchObject({ code: 'NO_TAP' });
    expect(await error(hall, 'fare.register', { consent: false })).toMatchObject({ code: 'INVALID_INPUT' });
    const check = await hall.call<Record<string, unknown>>('fare.check', {
      card: { method: 'bno', bno: BNO },
      categories: [],
    });
    expect(check).toMatchObject({
      card: { name: '山田　太郎', birthDateWareki: '昭和55年2月17日' },
      eligibility: { eligible: true, rule: { kind: 'age', minAge: 45 }, since: '2025-02-16' },
      earlierCards: [],
    });
    // The clerk ticks a category seen on a certificate: decided again without reading the card.
    expect(await hall.call('fare.reassess', { categories: ['disability'] })).toMatchObject({
      eligibility: { eligible: true, rule: { kind: 'category', id: 'disability' }, since: '1980-02-17' },
    });
    expect(await error(hall, 'fare.reassess', { categories: ['wings'] })).toMatchObject({
      code: 'INVALID_INPUT',
    });
    const reg = await hall.call<{ card: string; validFrom: string }>('fare.register', {
      consent: true,
      categories: [],
    });
    expect(reg.card).toMatch(/^[0-9A-F]{4}$/);
    expect(reg.validFrom).toBe('2025-02-16');
    expect(await error(hall, 'fare.register', { consent: true })).toMatchObject({ code: 'NO_TAP' });
  });

  it('the vehicle: green, the quote, the ride and its receipt, the repeat prompt, red at the cap', async () => {
    const keys = newCityKeyPair();
    const registry = join(tmp.dir, 'registry.json');
    // The desks hold the stores; a second handle on the same files is what the CLI would be.
    const office = await FareService.open(join(tmp.dir, 'hall', 'fare.db'), secret());
    office.exportRegistry(registry, keys.privatePem);
    await office.close();
    await car.call('fare.close');
    const vehicle = await FareService.open(join(tmp.dir, 'car', 'fare.db'), secret());
    vehicle.importRegistry(registry, keys.publicPem);
    await vehicle.close();
    expect(await car.call<FareStatus>('fare.open', { passphrase: PASSPHRASE })).toMatchObject({
      registry: { cards: 1, ageDays: 0 },
    });

    expect(await error(car, 'fare.quote', { fareYen: 1000 })).toMatchObject({ code: 'NO_TAP' });
    const tap = await car.call<Record<string, unknown>>('fare.tap');
    expect(tap).toMatchObject({ decision: { ok: true, leftToday: 1, leftThisYear: 69 } });
    expect(JSON.stringify(tap)).not.toMatch(/[0-9A-F]{8}/);
    expect(await car.call('fare.quote', { fareYen: 2530 })).toEqual({
      fareYen: 2530,
      subsidyYen: 1000,
      payYen: 1530,
    });
    const ride = await car.call<Record<string, unknown>>('fare.ride', { fareYen: 2530, receipt: true });
    expect(ride).toMatchObject({
      recorded: true,
      ride: { subsidyYen: 1000, payYen: 1530 },
      receipt: { jobId: expect.any(String) },
    });
    expect(car.printer.jobs).toHaveLength(1);
    expect(await error(car, 'fare.ride', { fareYen: 100 })).toMatchObject({ code: 'NO_TAP' });

    expect(await car.call('fare.tap')).toMatchObject({
      decision: { ok: true, repeatOf: { at: expect.any(Number) } },
    });
    expect(await car.call('fare.ride', { fareYen: 800 })).toEqual({
      recorded: false,
      reason: 'REPEAT_NEEDS_CONFIRMATION',
    });
    expect(await car.call('fare.ride', { fareYen: 800, confirmRepeat: true })).toMatchObject({
      recorded: true,
      leftToday: 0,
    });
    expect(await car.call('fare.tap')).toMatchObject({ decision: { ok: false, reason: 'DAILY_CAP' } });
    expect(await car.call<FareStatus>('fare.status')).toMatchObject({
      today: { rides: 2, subsidyYen: 1400 },
    });
  });

  it('city hall: a lost card found by name and birth date, and blocked', async () => {
    expect(
      await error(hall, 'fare.findHolder', { name: '山田 次郎', birthDate: '1980-02-17' }),
    ).toMatchObject({
      code: 'HOLDER_NOT_FOUND',
    });
    const found = await hall.call<{ cards: Array<{ serial: string }> }>('fare.findHolder', {
      name: '山田 太郎',
      birthDate: '昭和55年2月17日',
    });
    expect(found.cards).toHaveLength(1);
    const serial = found.cards[0]!.serial;
    expect(await hall.call('fare.block', { serial, reason: 'lost' })).toMatchObject({
      serial,
      alreadyBlocked: false,
    });
    expect(await error(hall, 'fare.block', { serial: 'zz', reason: 'lost' })).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
