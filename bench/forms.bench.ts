/**
 * npm run bench:forms — printing a batch of 5 pre-filled Japanese forms.
 *
 * Times renderForms() for 5 forms (one PDF each, QR codes on) with one data set — the first five
 * forms of the catalog, persona `gaiji` (𠮷 outside the BMP, so the IPAmj fallback is embedded
 * too) — and the same batch with whole fonts embedded (no subsetting), alternating runs in the
 * same process so machine noise hits both. Reports medians, each PDF's size, and the ratios.
 * Goals (DESIGN.md): batch < 0.5 s, each PDF ≤ 300 KB.
 */
import { median } from './support.ts';
import { listForms, getForm } from '../src-main/forms/catalog.ts';
import { renderForms } from '../src-main/forms/render.ts';
import { residentFromPersona, sampleInputs } from '../src-main/forms/sample-data.ts';
import { loadPersona } from '../src-main/card/emulator/personas.ts';

const RUNS = Math.max(20, Number(process.env.BENCH_RUNS ?? 20));
const WHOLE_RUNS = Math.max(3, Number(process.env.BENCH_WHOLE_RUNS ?? 3));
const BATCH = 5;

const ids = listForms()
  .map((f) => f.id)
  .slice(0, BATCH);
while (ids.length < BATCH) ids.push(ids[ids.length % Math.max(1, ids.length)] ?? 'jumin-ido');
const data = {
  resident: residentFromPersona(loadPersona('gaiji')),
  input: sampleInputs(
    [...new Set(ids)].map((id) => getForm(id).form),
    '2026-11-22',
  ),
  date: '2026-11-22',
};

async function batch(subset: boolean) {
  const t0 = performance.now();
  const r = await renderForms({ formIds: ids, data, qr: true, subset });
  return { ms: performance.now() - t0, sizes: r.forms.map((f) => ({ id: f.id, bytes: f.pdf!.length })) };
}

// Warm-up: font files read and parsed once per process (the kiosk does this at start).
const warm0 = performance.now();
await batch(true);
const firstMs = performance.now() - warm0;

const subsetTimes: number[] = [];
const wholeTimes: number[] = [];
let subsetSizes: { id: string; bytes: number }[] = [];
let wholeSizes: { id: string; bytes: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  const s = await batch(true);
  subsetTimes.push(s.ms);
  subsetSizes = s.sizes;
  // Whole-font PDFs are tens of MB each: fewer runs, interleaved.
  if (i % Math.ceil(RUNS / WHOLE_RUNS) === 0) {
    const w = await batch(false);
    wholeTimes.push(w.ms);
    wholeSizes = w.sizes;
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const subsetMedian = median(subsetTimes);
const wholeMedian = median(wholeTimes);
const maxSize = Math.max(...subsetSizes.map((s) => s.bytes));
console.log(`forms: ${ids.join(', ')} (persona gaiji, QR on)`);
console.log(`first batch (cold fonts): ${firstMs.toFixed(0)} ms`);
console.log(
  `batch of ${BATCH}, subset fonts: median ${subsetMedian.toFixed(0)} ms over ${RUNS} runs (min ${Math.min(...subsetTimes).toFixed(0)}, max ${Math.max(...subsetTimes).toFixed(0)})`,
);
console.log(
  `batch of ${BATCH}, whole fonts:  median ${wholeMedian.toFixed(0)} ms over ${wholeTimes.length} runs`,
);
console.log('sizes (subset / whole):');
subsetSizes.forEach((s, i) => {
  const w = wholeSizes[i]!.bytes;
  console.log(
    `  ${s.id.padEnd(24)} ${kb(s.bytes).padStart(10)} / ${kb(w).padStart(12)}  = 1/${(w / s.bytes).toFixed(0)}`,
  );
});
console.log(`ratio time whole/subset: ${(wholeMedian / subsetMedian).toFixed(2)}×`);
console.log(
  `goals: batch < 500 ms: ${subsetMedian < 500 ? 'OK' : 'MISSED'}; each PDF ≤ 300 KB: ${maxSize <= 300 * 1024 ? 'OK' : 'MISSED'} (max ${kb(maxSize)})`,
);
console.log(
  JSON.stringify({
    bench: 'forms',
    forms: ids,
    runs: RUNS,
    batchMedianMs: Math.round(subsetMedian),
    wholeFontBatchMedianMs: Math.round(wholeMedian),
    maxPdfBytes: maxSize,
    sizes: subsetSizes,
    wholeFontSizes: wholeSizes,
  }),
);
if (subsetMedian >= 500 || maxSize > 300 * 1024) process.exitCode = 1;
