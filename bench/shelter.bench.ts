/**
 * npm run bench:shelter — the shelter entrance's machine time over the real PC/SC path (pcscd +
 * vpcd + the virtual card in its own process), as ratios against the bare card reads in the same
 * run, and the HQ's merge and dashboard at city scale.
 *
 * 1. A family of four by card: 照合番号B read + auth serial (to link the card) + match against the
 *    resident list + four arrivals + the card link, each committed to the encrypted store —
 *    against the bare card session reading the 4 attributes with 照合番号B. Goal: < 2 s
 *    (宗像: about 30 s per person on paper).
 * 2. Tap-only re-entry: tap (3 APDUs) + linked-card look-up + 戻り committed — against the bare tap
 *    session. Goal: ≤ 1.2×.
 * 3. 100 shelters × 300 people merged at an HQ laptop (30,000 people, 60,000 events): goal < 5 s;
 *    against the same files ingested, also in one transaction, into a store without the shelter
 *    projection (decrypt, validate, insert: the floor any merge pays). Then the dashboard over all
 *    of them and the HQ's CSV.
 *
 * Runs alternate (ours, baseline) so drift hits both equally. BENCH_RUNS (default 20),
 * BENCH_SHELTERS (100), BENCH_PEOPLE (300).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPersona } from '../src-main/card/emulator/personas.ts';
import { buildBno } from '../src-main/card/myna/bno.ts';
import { Secret } from '../src-main/card/secret.ts';
import { ShelterService } from '../src-main/modes/shelter/service.ts';
import { GROUP_SALT, PASSPHRASE, SAMPLE_LIST, listCsv } from '../src-main/modes/shelter/test-support.ts';
import { importEventFile } from '../src-main/store/event-file.ts';
import { Store } from '../src-main/store/store.ts';
import { tempDir } from '../src-main/store/test-support.ts';
import { EmulatorProcess } from '../test/helpers/emulator-process.ts';
import { ensurePcscd } from '../test/helpers/services.ts';
import { cardSession, median } from './support.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SHELTERS = Number(process.env.BENCH_SHELTERS ?? 100);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 300);
const READER = 'Virtual PCD 00 00';

const persona = loadPersona('ordinary');
const bnoText = (() => {
  const s = buildBno({
    birth: { date: persona.resident.birthDate },
    expiryYear: Number(persona.card.expiryDate.slice(0, 4)),
    securityCode: persona.card.securityCode,
  });
  const v = s.use((b) => b.toString('ascii'));
  s.dispose();
  return v;
})();
const pass = () => Secret.fromString(PASSPHRASE);
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function openShelter(dir: string, terminalId: string, shelterName: string): Promise<ShelterService> {
  const s = pass();
  const svc = await ShelterService.init(join(dir, `${terminalId}.db`), s, {
    shelterName,
    capacity: PEOPLE,
    terminalId,
    groupSalt: GROUP_SALT,
  });
  s.dispose();
  return svc;
}

async function entrance(dir: string): Promise<Record<string, number | string>> {
  await ensurePcscd();
  const svc = await openShelter(dir, 'gym-1', '本町小学校体育館');
  writeFileSync(join(dir, 'list.csv'), listCsv(SAMPLE_LIST));
  svc.importResidents(join(dir, 'list.csv'));
  const emulator = await EmulatorProcess.start('ordinary');
  try {
    const family = async () => {
      const { result } = await cardSession(READER, async (card) => ({
        info: await card.readWithBno(Secret.fromString(bnoText)),
        serial: await card.readAuthSerial(),
      }));
      const found = svc.findByCard(result.info);
      if (found.match !== 'unique') throw new Error('the family is not on the list');
      const moved = svc.move(
        found.household.members.map((m) => m.personId),
        'arrive',
      );
      if (moved.moved.length !== 4) throw new Error(`checked in ${moved.moved.length}, not 4`);
      svc.linkCard(found.person.personId, result.serial);
      return found.household.members.map((m) => m.personId);
    };
    const bareRead = () => cardSession(READER, (card) => card.readWithBno(Secret.fromString(bnoText)));
    const reentry = async () => {
      const { result: head, apdus } = await cardSession(READER, (card) => card.tap());
      const { person } = svc.findByCardSerial(head.serial);
      if (svc.move([person.personId], 'back').moved.length !== 1) throw new Error('not back');
      return { personId: person.personId, apdus };
    };
    const bareTap = () => cardSession(READER, (card) => card.tap());

    const familyT: number[] = [];
    const readT: number[] = [];
    const tapT: number[] = [];
    const bareTapT: number[] = [];
    let tapApdus = 0;
    const ids = await family(); // warm-up
    svc.move(ids, 'leave');
    await bareRead();
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      const people = await family();
      familyT.push(performance.now() - t);
      svc.move(people, 'leave');
      t = performance.now();
      await bareRead();
      readT.push(performance.now() - t);
    }
    const holder = await family();
    svc.move([holder[1]!], 'out');
    await reentry();
    await bareTap();
    for (let i = 0; i < RUNS; i++) {
      svc.move([holder[1]!], 'out');
      let t = performance.now();
      tapApdus = (await reentry()).apdus;
      tapT.push(performance.now() - t);
      t = performance.now();
      await bareTap();
      bareTapT.push(performance.now() - t);
    }
    const f = median(familyT);
    const r = median(readT);
    const tp = median(tapT);
    const bt = median(bareTapT);
    console.log(
      `family of four by card (照合番号B + link): median ${ms(f)} over ${RUNS}; bare 照合番号B read ${ms(r)}; ratio ${(f / r).toFixed(2)} — goal < 2 s: ${f < 2000 ? 'OK' : 'MISSED'}`,
    );
    console.log(
      `tap-only re-entry (${tapApdus} APDUs): median ${ms(tp)}; bare tap ${ms(bt)}; ratio ${(tp / bt).toFixed(3)} — goal ≤ 1.2×: ${tp / bt <= 1.2 ? 'OK' : 'MISSED'}`,
    );
    return {
      familyMs: f,
      bareReadMs: r,
      familyRatio: f / r,
      reentryMs: tp,
      bareTapMs: bt,
      reentryRatio: tp / bt,
      tapApdus,
    };
  } finally {
    await emulator.stop();
    await svc.close();
  }
}

async function hq(dir: string): Promise<Record<string, number>> {
  console.log(`building ${SHELTERS} shelters × ${PEOPLE} people…`);
  const files: string[] = [];
  const t0 = performance.now();
  for (let s = 0; s < SHELTERS; s++) {
    const svc = await openShelter(dir, `sh-${s}`, `第${s + 1}避難所`);
    svc.store.transaction(() => {
      for (let i = 0; i < PEOPLE; i++) {
        const p = svc.register({
          name: `避難 者${s}-${i}`,
          kana: 'ひなん しゃ',
          birthDate: `19${40 + (i % 60)}-0${1 + (i % 9)}-1${i % 9}`,
        });
        svc.move([p.personId], 'arrive');
        if (i % 7 === 0) svc.setNeeds(p.personId, ['medication']);
        if (i % 3 === 0) svc.setConsent(p.personId, 'yes');
      }
    });
    const file = join(dir, `sh-${s}.kev`);
    svc.exportEvents(file);
    files.push(file);
    await svc.close();
  }
  console.log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const center = await openShelter(dir, 'hq-1', '災害対策本部');
  const s = pass();
  const bare = await Store.create(join(dir, 'bare.db'), s, {
    terminalId: 'hq-bare',
    groupId: center.store.groupId,
    groupSalt: GROUP_SALT,
    kind: 'shelter',
    modules: [],
  });
  s.dispose();
  let t = performance.now();
  bare.transaction(() => {
    for (const f of files) importEventFile(bare, f);
  });
  const bareMs = performance.now() - t;
  t = performance.now();
  const merged = center.mergeFiles(files);
  const added = merged.files.reduce((a, f) => a + f.added, 0);
  const mergeMs = performance.now() - t;
  t = performance.now();
  const stats = center.stats({ all: true });
  const statsMs = performance.now() - t;
  t = performance.now();
  center.stats();
  center.hqCsv();
  const csvMs = performance.now() - t;
  console.log(
    `merge of ${SHELTERS} files (${(SHELTERS * PEOPLE).toLocaleString()} people, ${added.toLocaleString()} events, then the conflict check): ${ms(mergeMs)}; ingest without the projection ${ms(bareMs)}; ratio ${(mergeMs / bareMs).toFixed(2)} — goal < 5 s: ${mergeMs < 5000 ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `dashboard over all shelters: ${ms(statsMs)} (here ${stats.totals.here.toLocaleString()}, households ${stats.totals.households.toLocaleString()}); HQ CSV ${ms(csvMs)}`,
  );
  bare.close();
  await center.close();
  return {
    mergeMs,
    bareIngestMs: bareMs,
    mergeRatio: mergeMs / bareMs,
    dashboardMs: statsMs,
    hqCsvMs: csvMs,
    events: added,
  };
}

const tmp = tempDir('kakanai-bench-shelter-');
try {
  const a = await entrance(tmp.dir);
  const b = await hq(tmp.dir);
  console.log(JSON.stringify({ runs: RUNS, shelters: SHELTERS, people: PEOPLE, ...a, ...b }));
} finally {
  tmp.cleanup();
}
