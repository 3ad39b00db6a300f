/**
 * npm run bench:fare — the vehicle door and the month's settlement, as ratios against baselines
 * in the same run.
 *
 * 1. Tap to decision over the real PC/SC path (pcscd + vpcd + the virtual card in its own
 *    process): the tap (3 APDUs: the auth certificate's serial, no PIN) + the registry look-up +
 *    the caps — against the bare tap session. Median and p95 of BENCH_TAPS (default 60) taps.
 *    Goal ≤ 1.2× (姫路's bus pilot failed on slow reads: speed is the feature). Also the whole
 *    ride (tap + decision + the ride committed to the encrypted store).
 * 2. Settlement of BENCH_FILES (200) vehicle files × BENCH_RIDES_PER_FILE (5,000) rides =
 *    1,000,000 rides in one month: merging the files at the office — against the same files
 *    ingested into a store without the fare projection (the event log's own floor) — then the
 *    month's settlement (statements per operator and day, the four flag checks) — against a
 *    plain SQL aggregate (count and sums per operator and day) over the same rows. Goal: < 30 s.
 */
import { join } from 'node:path';
import { EVENT_REGISTERED, EVENT_RIDE } from '../src-main/modes/fare/events.ts';
import { parseProgram, EXAMPLE_PROGRAM } from '../src-main/modes/fare/program.ts';
import { newCityKeyPair } from '../src-main/modes/fare/registry-file.ts';
import { FareService } from '../src-main/modes/fare/service.ts';
import { GROUP_SALT, holder, secret } from '../src-main/modes/fare/test-support.ts';
import { importEventFile } from '../src-main/store/event-file.ts';
import { Store } from '../src-main/store/store.ts';
import { tempDir } from '../src-main/store/test-support.ts';
import { EmulatorProcess } from '../test/helpers/emulator-process.ts';
import { ensurePcscd } from '../test/helpers/services.ts';
import { cardSession, median, percentile } from './support.ts';

const TAPS = Number(process.env.BENCH_TAPS ?? 60);
const FILES = Number(process.env.BENCH_FILES ?? 200);
const RIDES_PER_FILE = Number(process.env.BENCH_RIDES_PER_FILE ?? 5000);
const HOLDERS = Number(process.env.BENCH_HOLDERS ?? 50_000);
const READER = 'Virtual PCD 00 00';
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Residents of 横浜市 (the persona's town), 45 or over; vehicles enough for the settlement run. */
const PROGRAM = parseProgram({
  ...EXAMPLE_PROGRAM,
  municipality: { code: '141003', name: '神奈川県横浜市' },
  eligibility: { ...EXAMPLE_PROGRAM.eligibility, minAge: 45 },
  caps: { perDay: 1000, perYear: 100_000 }, // the bench taps one card many times
  valid: { from: '2020-04-01', to: '2099-03-31' },
  operators: Array.from({ length: 20 }, (_, o) => ({
    id: `op-${o}`,
    name: `交通事業者${o}`,
    vehicles: Array.from({ length: Math.ceil(Math.max(FILES, 1) / 20) }, (_, v) => `car-${o}-${v}`),
  })),
});

function open(dir: string, terminalId: string, vehicle?: string): Promise<FareService> {
  return FareService.init(join(dir, `${terminalId}.db`), secret(), {
    program: PROGRAM,
    terminalId,
    groupSalt: GROUP_SALT,
    ...(vehicle ? { vehicle } : {}),
  });
}

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: median(s), p95: percentile(s, 95) };
}

async function door(dir: string): Promise<Record<string, number>> {
  await ensurePcscd();
  const office = await open(dir, 'hall');
  const car = await open(dir, 'car-0-0', 'car-0-0');
  const emulator = await EmulatorProcess.start('ordinary');
  try {
    const { result: head } = await cardSession(READER, (card) => card.tap());
    office.register(holder('山田　太郎', '1980-02-17', '神奈川県横浜市中区日本大通１－２－３０４'), head);
    // A registry of city size: the persona among many.
    office.store.transaction(() => {
      for (let i = 0; i < HOLDERS; i++)
        office.store.events.append(EVENT_REGISTERED, {
          holderId: `h-bench-${i}`,
          serial: (0x10000000 + i).toString(16).toUpperCase(),
          birthDate: '1950-01-01',
          categories: [],
          rule: { kind: 'age', minAge: 45 },
          validFrom: '2020-04-01',
          validTo: '2099-03-31',
          at: Date.now(),
        });
    });
    const keys = newCityKeyPair();
    office.exportRegistry(join(dir, 'reg.json'), keys.privatePem);
    car.importRegistry(join(dir, 'reg.json'), keys.publicPem);

    const decideT: number[] = [];
    const rideT: number[] = [];
    const bareT: number[] = [];
    let apdus = 0;
    let at = Date.parse('2026-12-07T06:00:00+09:00');
    const tapAndDecide = () =>
      cardSession(READER, async (card) => {
        const d = car.decide((await card.tap()).serial, at);
        if (!d.ok) throw new Error(`refused: ${d.reason}`);
        return d;
      });
    const tapAndRide = () =>
      cardSession(READER, async (card) => {
        at += 120_000;
        const r = car.ride({ serial: (await card.tap()).serial, fareYen: 1800, at });
        if (!r.recorded) throw new Error(`refused: ${r.reason}`);
        return r;
      });
    const bareTap = () => cardSession(READER, (card) => card.tap());
    await tapAndDecide(); // warm-up
    await bareTap();
    await tapAndRide();
    for (let i = 0; i < TAPS; i++) {
      let t = performance.now();
      apdus = (await tapAndDecide()).apdus;
      decideT.push(performance.now() - t);
      t = performance.now();
      await bareTap();
      bareT.push(performance.now() - t);
      t = performance.now();
      await tapAndRide();
      rideT.push(performance.now() - t);
    }
    const d = stats(decideT);
    const b = stats(bareT);
    const r = stats(rideT);
    console.log(
      `tap to decision (${apdus} APDUs, registry of ${(HOLDERS + 1).toLocaleString()} cards): median ${ms(d.median)}, p95 ${ms(d.p95)} over ${TAPS}; ` +
        `bare tap median ${ms(b.median)}, p95 ${ms(b.p95)}; ratio ${(d.median / b.median).toFixed(3)} (p95 ${(d.p95 / b.p95).toFixed(3)}) — goal ≤ 1.2×: ${d.median / b.median <= 1.2 ? 'OK' : 'MISSED'}`,
    );
    console.log(
      `tap + ride committed: median ${ms(r.median)}, p95 ${ms(r.p95)}; ratio to the bare tap ${(r.median / b.median).toFixed(3)}`,
    );
    return {
      tapDecisionMedianMs: d.median,
      tapDecisionP95Ms: d.p95,
      bareTapMedianMs: b.median,
      bareTapP95Ms: b.p95,
      tapDecisionRatio: d.median / b.median,
      tapRideMedianMs: r.median,
      tapRideRatio: r.median / b.median,
      apdus,
    };
  } finally {
    await emulator.stop();
    await car.close();
    await office.close();
  }
}

async function settlement(dir: string): Promise<Record<string, number>> {
  console.log(`building ${FILES} vehicle files × ${RIDES_PER_FILE.toLocaleString()} rides…`);
  const t0 = performance.now();
  const files: string[] = [];
  const monthStart = Date.parse('2026-12-01T06:00:00+09:00');
  for (let f = 0; f < FILES; f++) {
    const vehicle = `car-${f % 20}-${Math.floor(f / 20)}`;
    const car = await open(dir, `v${f}`, vehicle);
    car.store.transaction(() => {
      for (let i = 0; i < RIDES_PER_FILE; i++) {
        const fare = 700 + ((i * 37) % 3000);
        car.store.events.append(EVENT_RIDE, {
          holderId: `h-bench-${(f * 7919 + i * 104_729) % HOLDERS}`,
          serial: (((f * 7919 + i * 104_729) % HOLDERS) + 0x10000000).toString(16).toUpperCase(),
          vehicle,
          operatorId: `op-${f % 20}`,
          fareYen: fare,
          subsidyYen: Math.min(1000, Math.floor(fare / 2)),
          at: monthStart + Math.floor((i / RIDES_PER_FILE) * 29 * 86_400_000) + f * 1000,
        });
      }
    });
    const file = join(dir, `v${f}.kev`);
    car.exportRides(file);
    files.push(file);
    await car.close();
  }
  console.log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const office = await open(dir, 'office');
  // The floor any merge pays: the same files into a store without the fare projection (decrypt,
  // validate, digest, insert into the event log), also in one transaction.
  const pass = secret();
  const bare = await Store.create(join(dir, 'bare.db'), pass, {
    terminalId: 'bare',
    groupId: office.store.groupId,
    groupSalt: GROUP_SALT,
    kind: 'fare',
    modules: [],
  });
  pass.dispose();
  let t = performance.now();
  bare.transaction(() => {
    for (const f of files) importEventFile(bare, f);
  });
  const bareMs = performance.now() - t;
  bare.close();
  try {
    t = performance.now();
    const merged = office.mergeFiles(files);
    const mergeMs = performance.now() - t;
    const added = merged.reduce((a, m) => a + m.added, 0);
    t = performance.now();
    const settled = office.settle('2026-12');
    const settleMs = performance.now() - t;
    t = performance.now();
    const plain = office.store.db
      .prepare(
        `SELECT operator_id, day, count(*) AS rides, sum(fare) AS fare, sum(subsidy) AS subsidy
           FROM fare_rides WHERE day BETWEEN '2026-12-01' AND '2026-12-31' GROUP BY operator_id, day`,
      )
      .all() as Array<{ rides: number }>;
    const plainMs = performance.now() - t;
    const plainRides = plain.reduce((a, r) => a + r.rides, 0);
    if (plainRides !== settled.city.rides)
      throw new Error(`settlement counted ${settled.city.rides}, SQL ${plainRides}`);
    console.log(
      `merge of ${FILES} files (${added.toLocaleString()} rides): ${ms(mergeMs)}; the same into a store without the projection ${ms(bareMs)} (${(mergeMs / bareMs).toFixed(2)}×)`,
    );
    console.log(
      `settlement of the month: ${ms(settleMs)} ` +
        `(${settled.statements.length} operators, ${settled.flags.length} flagged); plain SQL aggregate ${ms(plainMs)}; ` +
        `settlement ratio ${(settleMs / plainMs).toFixed(2)}; merge + settlement ${((mergeMs + settleMs) / 1000).toFixed(1)} s — goal < 30 s: ${mergeMs + settleMs < 30_000 ? 'OK' : 'MISSED'}`,
    );
    return {
      rides: added,
      mergeMs,
      bareIngestMs: bareMs,
      mergeRatio: mergeMs / bareMs,
      settleMs,
      plainAggregateMs: plainMs,
      settleRatio: settleMs / plainMs,
      flagged: settled.flags.length,
    };
  } finally {
    await office.close();
  }
}

const tmp = tempDir('kakanai-bench-fare-');
try {
  const a = await door(tmp.dir);
  const b = await settlement(tmp.dir);
  console.log(JSON.stringify({ taps: TAPS, files: FILES, ridesPerFile: RIDES_PER_FILE, ...a, ...b }));
} finally {
  tmp.cleanup();
}
