/**
 * The fare service end to end without a card: registration decided and explained, renewal and
 * blocks, the signed registry (rollback, tampering, another key refused), the vehicle's decision
 * with caps across midnight and the programme year, the repeat prompt, and a month's settlement
 * against a hand-computed table with its flagged rides — merging the same files twice.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../store/test-support.ts';
import { FareError } from './errors.ts';
import { EXAMPLE_PROGRAM, parseProgram } from './program.ts';
import { newCityKeyPair } from './registry-file.ts';
import type { FareService } from './service.ts';
import { clock, holder, initFare, serialOf } from './test-support.ts';

let tmp: ReturnType<typeof tempDir>;
const opened: FareService[] = [];
let n = 0;
beforeAll(() => {
  tmp = tempDir('kakanai-fare-');
});
afterAll(async () => {
  for (const s of opened) await s.close();
  tmp.cleanup();
});

/** Two operators, two years of validity (so a programme-year boundary can be crossed). */
const PROGRAM = parseProgram({
  ...EXAMPLE_PROGRAM,
  valid: { from: '2026-04-01', to: '2028-03-31' },
  operators: [
    { id: 'op-1', name: '前橋タクシー', vehicles: ['car-101', 'car-102'] },
    { id: 'op-2', name: '赤城交通', vehicles: ['car-201'] },
  ],
});
const KEYS = newCityKeyPair();

async function terminal(c: ReturnType<typeof clock>, vehicle?: string): Promise<FareService> {
  const svc = await initFare(tmp.dir, `t${n++}`, {
    now: c.now,
    program: PROGRAM,
    ...(vehicle ? { vehicle } : {}),
  });
  opened.push(svc);
  return svc;
}

function file(name: string): string {
  return join(tmp.dir, `${n++}-${name}`);
}

function publish(office: FareService, ...vehicles: FareService[]): string {
  const path = file('registry.json');
  office.exportRegistry(path, KEYS.privatePem);
  for (const v of vehicles) v.importRegistry(path, KEYS.publicPem);
  return path;
}

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (
      (e as FareError).code +
      ((e as FareError).details?.problem ? `/${String((e as FareError).details.problem)}` : '')
    );
  }
  return 'no error';
};

describe('registration at city hall', () => {
  it('decides and explains eligibility: the day before the 75th birthday, categories, residency', async () => {
    const c = clock('2026-12-07T10:00:00+09:00');
    const office = await terminal(c);
    // Born 8 Dec 1951: 75 is reached at the end of 7 Dec 2026 — eligible today.
    const a = office.register(holder('前橋 一郎', '1951-12-08'), { serial: 'a1' });
    expect(a.eligibility.rule).toEqual({ kind: 'age', minAge: 75 });
    expect(a.eligibility.since).toBe('2026-12-07');
    expect(a.serial).toBe('A1');
    expect(a.validTo).toBe('2028-03-31');
    // Born 9 Dec 1951: not yet, and the screen can say from when.
    const young = office.check(holder('前橋 二郎', '1951-12-09'));
    expect(young).toEqual({ eligible: false, reason: 'TOO_YOUNG', from: '2026-12-08' });
    expect(code(() => office.register(holder('前橋 二郎', '1951-12-09'), { serial: 'B1' }))).toBe(
      'NOT_ELIGIBLE',
    );
    // 66 and returned their licence: the category's rule (65 or over).
    const lic = office.register(
      holder('前橋 三郎', '1960-05-05'),
      { serial: 'C1' },
      { categories: ['licence-returned'] },
    );
    expect(lic.eligibility.rule).toMatchObject({ kind: 'category', id: 'licence-returned', minAge: 65 });
    // Another town: not resident, whatever the age.
    expect(office.check(holder('高崎 花子', '1940-01-01', '群馬県高崎市高松町３５－１'))).toEqual({
      eligible: false,
      reason: 'NOT_RESIDENT',
    });
    expect(
      code(() => office.register(holder('x', '1940-01-01'), { serial: 'D1' }, { categories: ['nope'] })),
    ).toBe('BAD_INPUT');
    // The certificate's end shortens the validity.
    const short = office.register(holder('前橋 四郎', '1940-01-01'), {
      serial: 'E1',
      notAfter: '2027-06-30T14:59:59Z',
    });
    expect(short.validTo).toBe('2027-06-30');
  });

  it('a renewed card keeps the holder, rides and caps; a blocked card cannot be registered again', async () => {
    const c = clock('2026-12-07T10:00:00+09:00');
    const office = await terminal(c);
    const first = office.register(holder('前橋 五郎', '1945-03-03'), { serial: 'F1' });
    expect(office.ride({ serial: 'F1', fareYen: 1800, vehicle: 'car-101' }).recorded).toBe(true);
    c.add(3_600_000);
    const renewed = office.register(holder('前橋　五郎', '1945-03-03'), { serial: 'F2' });
    expect(renewed.holderId).toBe(first.holderId);
    expect(renewed.earlierCards).toEqual(['F1']);
    expect(renewed.ridesThisYear).toBe(1);
    // The old card still works until blocked; the daily cap counts both cards' rides.
    expect(office.ride({ serial: 'F2', fareYen: 1000, vehicle: 'car-101' }).recorded).toBe(true);
    expect(office.ride({ serial: 'F1', fareYen: 1000, vehicle: 'car-102' })).toMatchObject({
      recorded: false,
      reason: 'DAILY_CAP',
    });
    const b = office.block('f1', 'lost', 'clerk');
    expect(b).toMatchObject({ serial: 'F1', reason: 'lost', alreadyBlocked: false });
    expect(office.block('F1').alreadyBlocked).toBe(true);
    expect(code(() => office.register(holder('前橋 五郎', '1945-03-03'), { serial: 'F1' }))).toBe(
      'CARD_BLOCKED',
    );
    expect(code(() => office.block('FFFF'))).toBe('NOT_FOUND');
    // A name change: the clerk names the earlier card.
    const married = office.register(holder('赤城 五郎', '1945-03-03'), { serial: 'F3' }, { replaces: 'F2' });
    expect(married.holderId).toBe(first.holderId);
  });
});

describe('the signed registry', () => {
  it('is refused when tampered, signed by another key, for another programme or not newer', async () => {
    const c = clock('2026-12-07T10:00:00+09:00');
    const office = await terminal(c);
    const car = await terminal(c, 'car-101');
    office.register(holder('前橋 一郎', '1940-01-01'), { serial: serialOf(1) });
    const path = publish(office, car);
    expect(car.config().registry).toMatchObject({ cards: 1 });
    // The same file again, or an older one: a rollback.
    expect(code(() => car.importRegistry(path, KEYS.publicPem))).toBe('REGISTRY_REFUSED/OLDER');
    // One character of the body changed.
    c.add(60_000);
    const next = file('next.json');
    office.block(serialOf(1));
    office.exportRegistry(next, KEYS.privatePem);
    const env = JSON.parse(readFileSync(next, 'utf8')) as { body: string };
    const body = Buffer.from(env.body, 'base64').toString('utf8').replace('"blockedAt":', '"blockedXt":');
    const forged = file('forged.json');
    writeFileSync(forged, JSON.stringify({ ...env, body: Buffer.from(body).toString('base64') }));
    expect(code(() => car.importRegistry(forged, KEYS.publicPem))).toBe('REGISTRY_REFUSED/BAD_SIGNATURE');
    expect(code(() => car.importRegistry(next, newCityKeyPair().publicPem))).toBe(
      'REGISTRY_REFUSED/WRONG_KEY',
    );
    const junk = file('junk.json');
    writeFileSync(junk, '{"hello":1}');
    expect(code(() => car.importRegistry(junk, KEYS.publicPem))).toBe('REGISTRY_REFUSED/NOT_A_REGISTRY');
    const other = await initFare(tmp.dir, `t${n++}`, {
      now: c.now,
      program: parseProgram({ ...EXAMPLE_PROGRAM, id: 'bus-discount' }),
    });
    opened.push(other);
    const bus = file('bus.json');
    other.exportRegistry(bus, KEYS.privatePem);
    expect(code(() => car.importRegistry(bus, KEYS.publicPem))).toBe('REGISTRY_REFUSED/OTHER_PROGRAM');
    // Known as another programme's registry, its cards are told apart from unregistered ones.
    other.register(holder('バス 利用者', '1940-01-01'), { serial: 'B05' });
    other.exportRegistry(bus, KEYS.privatePem);
    expect(car.importRegistry(bus, KEYS.publicPem, { otherProgram: true })).toMatchObject({
      programId: 'bus-discount',
      cards: 1,
    });
    expect(car.decide('B05')).toEqual({ ok: false, reason: 'OTHER_PROGRAM', detail: 'bus-discount' });
    expect(car.decide('B06')).toEqual({ ok: false, reason: 'NOT_REGISTERED' });
    expect(code(() => car.importRegistry(bus, KEYS.publicPem, { otherProgram: true }))).toBe(
      'REGISTRY_REFUSED/OLDER',
    );
    // Nothing changed: the card is still green here until the good file arrives.
    expect(car.decide(serialOf(1)).ok).toBe(true);
    car.importRegistry(next, KEYS.publicPem);
    expect(car.decide(serialOf(1))).toEqual({ ok: false, reason: 'BLOCKED' });
  });
});

describe('in the vehicle', () => {
  it('green with rides left, the fare split, the repeat prompt, caps across midnight', async () => {
    const c = clock('2026-12-07T23:58:00+09:00');
    const office = await terminal(c);
    const car = await terminal(c, 'car-101');
    office.register(holder('前橋 一郎', '1940-01-01'), { serial: 'AA01' });
    publish(office, car);
    expect(car.decide('BB02')).toEqual({ ok: false, reason: 'NOT_REGISTERED' });
    expect(code(() => car.register(holder('x', '1940-01-01'), { serial: 'BB02' }))).toBe('BAD_INPUT');
    expect(code(() => car.block('AA01'))).toBe('BAD_INPUT');
    const d = car.decide('aa01');
    expect(d).toMatchObject({ ok: true, leftToday: 1, leftThisYear: 69 });
    const r1 = car.ride({ serial: 'AA01', fareYen: 2530 });
    expect(r1).toMatchObject({
      recorded: true,
      ride: { fareYen: 2530, subsidyYen: 1000, payYen: 1530, operatorId: 'op-1' },
    });
    c.add(30_000);
    expect(car.ride({ serial: 'AA01', fareYen: 700 })).toMatchObject({
      recorded: false,
      reason: 'REPEAT_NEEDS_CONFIRMATION',
    });
    const r2 = car.ride({ serial: 'AA01', fareYen: 701, confirmRepeat: true });
    expect(r2).toMatchObject({
      recorded: true,
      ride: { subsidyYen: 350, payYen: 351 },
      decision: { leftToday: 0 },
    });
    c.add(60_000); // 23:59:30
    expect(car.decide('AA01')).toEqual({ ok: false, reason: 'DAILY_CAP', detail: '2' });
    c.add(60_000); // 00:00:30 the next day
    expect(car.decide('AA01')).toMatchObject({ ok: true, leftToday: 1, leftThisYear: 67 });
    expect(code(() => car.ride({ serial: 'AA01', fareYen: -5 }))).toBe('BAD_INPUT');
    expect(code(() => office.ride({ serial: 'AA01', fareYen: 500 }))).toBe('NO_VEHICLE');
  });

  it('the yearly cap counts rides known from other vehicles and starts again in April', async () => {
    const c = clock('2027-02-01T09:00:00+09:00');
    const office = await terminal(c);
    const car1 = await terminal(c, 'car-101');
    const car2 = await terminal(c, 'car-201');
    office.register(holder('前橋 七郎', '1940-01-01'), { serial: 'CC03' });
    publish(office, car1, car2);
    // 69 rides in car 1 over 35 days (2 a day), merged at the office.
    for (let day = 0; day < 35; day++)
      for (let k = 0; k < 2 && day * 2 + k < 69; k++) {
        c.set(`2027-02-01T09:00:00+09:00`);
        c.add(day * 86_400_000 + k * 3_600_000);
        expect(car1.ride({ serial: 'CC03', fareYen: 1000 }).recorded).toBe(true);
      }
    const rides = file('car1.kev');
    car1.exportRides(rides);
    office.mergeFiles([rides]);
    c.set('2027-03-20T09:00:00+09:00');
    publish(office, car2);
    expect(car2.decide('CC03')).toMatchObject({ ok: true, leftThisYear: 0 });
    expect(car2.ride({ serial: 'CC03', fareYen: 1000 }).recorded).toBe(true);
    c.add(3_600_000);
    expect(car2.decide('CC03')).toEqual({ ok: false, reason: 'YEARLY_CAP', detail: '70' });
    c.set('2027-04-01T00:00:01+09:00');
    expect(car2.decide('CC03')).toMatchObject({ ok: true, leftThisYear: 69 });
  });
});

describe('settlement', () => {
  it("each operator's month against a hand-computed table, flagged rides, the same files twice", async () => {
    const c = clock('2026-11-30T09:00:00+09:00');
    const office = await terminal(c);
    const car1 = await terminal(c, 'car-101');
    const car2 = await terminal(c, 'car-201');
    office.register(holder('A', '1940-01-01'), { serial: 'A0' });
    office.register(holder('B', '1941-01-01'), { serial: 'B0' });
    office.register(holder('C', '1950-01-01'), { serial: 'C0' }, { categories: ['licence-returned'] });
    publish(office, car1, car2);
    const at = (iso: string) => Date.parse(iso);
    const ride = (car: FareService, serial: string, fareYen: number, iso: string, confirmRepeat = false) =>
      expect(car.ride({ serial, fareYen, at: at(iso), confirmRepeat }).recorded).toBe(true);
    ride(car1, 'A0', 1200, '2026-11-30T22:00:00+09:00'); // November: not in December's statement
    ride(car1, 'A0', 1200, '2026-12-01T09:00:00+09:00'); // 600
    ride(car1, 'A0', 2600, '2026-12-01T09:00:30+09:00', true); // 1000 (cap), REPEAT
    ride(car2, 'B0', 900, '2026-12-01T10:00:00+09:00'); // 450
    ride(car1, 'B0', 3000, '2026-12-01T10:05:00+09:00'); // 1000, TWO_VEHICLES with the one before
    ride(car2, 'C0', 1501, '2026-12-02T08:00:00+09:00'); // 750
    ride(car2, 'A0', 800, '2026-12-01T20:00:00+09:00'); // 400: A's third ride of 1 Dec → OVER_CAP
    // C's card is blocked at the office on 3 Dec; car 2 still has the old registry on 4 Dec.
    c.set('2026-12-03T12:00:00+09:00');
    office.block('C0', 'stolen');
    ride(car2, 'C0', 2000, '2026-12-04T15:00:00+09:00'); // 1000, AFTER_BLOCK
    const f1 = file('car1.kev');
    const f2 = file('car2.kev');
    car1.exportRides(f1);
    car2.exportRides(f2);
    office.mergeFiles([f1, f2]);
    const again = office.mergeFiles([f2, f1]);
    expect(again.reduce((s, r) => s + r.added, 0)).toBe(0);
    // The projection is a function of the set of events: a replay of the log, or another office
    // that got the files in the other order (and city hall's own events last), gives the same tables.
    const tables = (svc: FareService) =>
      ['fare_holders', 'fare_cards', 'fare_blocks', 'fare_rides'].map((t) =>
        svc.store.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all(),
      );
    const before = tables(office);
    office.store.events.rebuildProjections();
    expect(tables(office)).toEqual(before);
    const hallFile = file('hall.kev');
    office.exportRides(hallFile);
    const other = await terminal(c);
    other.mergeFiles([f2, f1, hallFile]);
    expect(tables(other)).toEqual(before);
    const s = office.settle('2026-12');
    // Hand-computed: op-1 (car-101): 1 Dec 1200/600 + 2600/1000 + 3000/1000 → 3 rides, 6800, 2600.
    //                op-2 (car-201): 1 Dec 900/450 + 800/400; 2 Dec 1501/750; 4 Dec 2000/1000.
    expect(s.statements).toEqual([
      {
        operatorId: 'op-1',
        operatorName: '前橋タクシー',
        rides: 3,
        fareYen: 6800,
        subsidyYen: 2600,
        paidYen: 4200,
        flaggedRides: 2,
        flaggedSubsidyYen: 2000,
        days: [{ day: '2026-12-01', rides: 3, fareYen: 6800, subsidyYen: 2600 }],
      },
      {
        operatorId: 'op-2',
        operatorName: '赤城交通',
        rides: 4,
        fareYen: 5201,
        subsidyYen: 2600,
        paidYen: 2601,
        flaggedRides: 3,
        flaggedSubsidyYen: 1850,
        days: [
          { day: '2026-12-01', rides: 2, fareYen: 1700, subsidyYen: 850 },
          { day: '2026-12-02', rides: 1, fareYen: 1501, subsidyYen: 750 },
          { day: '2026-12-04', rides: 1, fareYen: 2000, subsidyYen: 1000 },
        ],
      },
    ]);
    expect(s.city).toEqual({ rides: 7, fareYen: 12001, subsidyYen: 5200, holders: 3, flaggedRides: 5 });
    expect(s.flags.map((f) => `${f.kind} ${f.vehicle} ${f.fareYen}`)).toEqual([
      'REPEAT car-101 2600',
      'TWO_VEHICLES car-201 900',
      'TWO_VEHICLES car-101 3000',
      'OVER_CAP car-201 800',
      'AFTER_BLOCK car-201 2000',
    ]);
    const stats = office.stats();
    expect(stats.rides).toBe(8);
    expect(stats.byOperator.map((b) => `${b.key}:${b.rides}`)).toEqual(['op-1:4', 'op-2:4']);
    expect(stats.byCategory.map((b) => `${b.key}:${b.rides}`)).toEqual(['age75:6', 'licence-returned:2']);
    // A (86) and B (85) ride 6 times, C (76, licence returned) twice.
    expect(stats.byAgeBand.map((b) => `${b.key}:${b.rides}`)).toEqual(['75-84:2', '85-:6']);
    expect(code(() => office.settle('2026-13'))).toBe('BAD_INPUT');
  });
});
