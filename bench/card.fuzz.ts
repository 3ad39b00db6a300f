/**
 * npm run fuzz:card — the card stack against damaged answers: FUZZ_CASES (default 100,000) seeded
 * cases, each a persona, a flow (identify, retry counters, Kenhojo with PIN or 照合番号B, certificate,
 * tap, signature, internal authentication) and one to three faults at random points (wrong or
 * random status words, truncations, garbage, FF filler, huge TLV headers, 61xx loops, transport
 * failures, resets). Passes when no case crashes (anything but a CardError), hangs (over 5 s), or
 * sends a VERIFY twice, and the cards' retry counters are untouched. Re-run one case with
 * FUZZ_FROM=<seed> FUZZ_CASES=1.
 */
import { countersIntact, FUZZ_FLOWS, runCase, type CaseResult } from '../test/helpers/card-fuzz.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 100_000);
const FROM = Number(process.env.FUZZ_FROM ?? 1);
const TIMEOUT_MS = 5000;

const outcomes: Record<string, number> = {};
const codes: Record<string, number> = {};
const perFlow: Record<string, { ok: number; error: number }> = Object.fromEntries(
  FUZZ_FLOWS.map((f) => [f, { ok: 0, error: 0 }]),
);
const bad: CaseResult[] = [];
const times: number[] = [];
let apdus = 0;
const started = performance.now();

for (let seed = FROM; seed < FROM + CASES; seed++) {
  const r = await runCase(seed, TIMEOUT_MS);
  outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  if (r.detail && r.outcome === 'card-error') codes[r.detail] = (codes[r.detail] ?? 0) + 1;
  if (r.outcome === 'ok') perFlow[r.flow]!.ok++;
  else if (r.outcome === 'card-error') perFlow[r.flow]!.error++;
  else bad.push(r);
  times.push(r.ms);
  apdus += r.apdus;
  if ((seed - FROM + 1) % 10_000 === 0) process.stderr.write(`  ${seed - FROM + 1} cases…\n`);
}

times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
const counters = countersIntact();
console.log(
  `fuzz:card — ${CASES} cases from seed ${FROM} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
console.log(`  outcomes: ${JSON.stringify(outcomes)}`);
console.log(`  CardError codes: ${JSON.stringify(codes)}`);
console.log(
  `  per flow (ok/error): ${FUZZ_FLOWS.map((f) => `${f} ${perFlow[f]!.ok}/${perFlow[f]!.error}`).join(', ')}`,
);
console.log(
  `  APDUs: ${apdus} (${(apdus / CASES).toFixed(1)} per case); ms per case p50 ${q(0.5)}, p99 ${q(0.99)}, max ${q(1)}`,
);
console.log(
  `  crashes ${outcomes['crash'] ?? 0}, hangs ${outcomes['hang'] ?? 0}, re-sent VERIFYs ${outcomes['verify-resent'] ?? 0}, counters changed ${counters.length}`,
);
for (const r of bad.slice(0, 20)) console.log(`  BAD ${JSON.stringify(r)}`);
for (const c of counters) console.log(`  COUNTER ${c}`);
if (bad.length > 0 || counters.length > 0) process.exit(1);
