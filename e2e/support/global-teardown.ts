/**
 * After the journeys: the measured numbers and the axe findings, summarised in the terminal and in
 * test-results/e2e-report/summary.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_DIR, RESULTS_DIR } from './env.ts';
import { DELIBERATE_PREFIX, type AxeRecord, type Metric } from './report.ts';

function lines<T>(file: string): T[] {
  const p = join(RESULTS_DIR, file);
  if (!existsSync(p)) return [];
  return readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export default async function globalTeardown(): Promise<void> {
  const metrics = lines<Metric>('timings.jsonl');
  const axe = lines<AxeRecord>('axe.jsonl');
  const out: string[] = ['# e2e measurements', ''];

  const first = metrics.filter((m) => m.kind === 'first-screen');
  if (first.length) {
    out.push('## First screen after start');
    for (const f of first)
      out.push(
        `- ${f.journey}: process spawn → listening ${ms(f.spawnToListeningMs)}; page load → attract screen ${ms(f.gotoToAttractMs)}; total ${ms(f.spawnToListeningMs + f.gotoToAttractMs)}` +
          (f.rendererMs !== undefined ? ` (renderer: navigation → first paint ${ms(f.rendererMs)})` : ''),
      );
    out.push('');
  }
  const card = metrics.filter((m) => m.kind === 'card-to-data');
  if (card.length) {
    out.push('## Card placed → data shown (machine time, without the resident typing)');
    for (const c of card)
      out.push(
        `- ${c.journey} (${c.method}): identify ${ms(c.identifyMs)} + read ${ms(c.readMs)} = ${ms(c.totalMs)}`,
      );
    out.push('');
  }
  const rendererMarks = new Map<string, number[]>();
  for (const m of metrics)
    if (m.kind === 'main-calls')
      for (const [k, v] of Object.entries(m.marks))
        if (!k.startsWith('transition:')) rendererMarks.set(k, [...(rendererMarks.get(k) ?? []), ...v]);
  if (rendererMarks.size) {
    out.push('## Renderer marks (measured in the page, reported through diagnostics.mark)');
    for (const [k, v] of [...rendererMarks].sort())
      out.push(`- ${k}: n=${v.length}, p50 ${ms(pct(v, 50))}, max ${ms(Math.max(...v))}`);
    out.push('');
  }
  const trans = metrics.filter((m) => m.kind === 'transition');
  if (trans.length) {
    const values = trans.map((t) => t.ms);
    out.push('## Screen transitions as the browser saw them (click → next screen, incl. main-side work)');
    out.push(
      `- ${trans.length} transitions: p50 ${ms(pct(values, 50))}, p95 ${ms(pct(values, 95))}, max ${ms(Math.max(...values))}`,
    );
    const slow = trans
      .filter((t) => t.ms > 100)
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8);
    for (const s of slow) out.push(`  - over 100 ms: ${s.journey} → ${s.to}: ${ms(s.ms)}`);
    out.push('');
  }
  const calls = metrics.filter((m) => m.kind === 'main-calls');
  if (calls.length) {
    const merged = new Map<string, { count: number; p95: number; max: number }>();
    for (const c of calls)
      for (const call of c.calls) {
        const m = merged.get(call.name) ?? { count: 0, p95: 0, max: 0 };
        merged.set(call.name, {
          count: m.count + call.count,
          p95: Math.max(m.p95, call.p95Ms),
          max: Math.max(m.max, call.maxMs),
        });
      }
    out.push('## Main-side time per call (router: validation + service), worst over all journeys');
    out.push('| call | count | p95 | max |', '|---|---|---|---|');
    for (const [name, m] of [...merged].sort((a, b) => b[1].max - a[1].max))
      out.push(`| ${name} | ${m.count} | ${m.p95.toFixed(1)} ms | ${m.max.toFixed(1)} ms |`);
    const transitions = calls.flatMap((c) =>
      Object.entries(c.marks)
        .filter(([k]) => k.startsWith('transition:'))
        .flatMap(([, v]) => v),
    );
    if (transitions.length)
      out.push(
        '',
        `Renderer-reported transitions (action → screen state, incl. the calls): ${transitions.length}, p50 ${ms(pct(transitions, 50))}, p95 ${ms(pct(transitions, 95))}, max ${ms(Math.max(...transitions))}`,
      );
    out.push('');
  }
  if (axe.length) {
    // The accessibility journey spoils a screen on purpose to show the check fails it.
    const deliberate = (a: { screen: string }) => a.screen.startsWith(DELIBERATE_PREFIX);
    const bad = axe.filter((a) => a.serious + a.critical > 0 && !deliberate(a));
    const spoiled = axe.filter(deliberate).length;
    const langs = new Set(axe.map((a) => a.language));
    const moderate = axe.reduce((n, a) => n + a.moderate + a.minor, 0);
    out.push('## axe-core');
    out.push(
      `- ${axe.length} screen checks in ${langs.size} languages (${[...langs].sort().join(', ')}): ${bad.length} with serious/critical violations; ${moderate} moderate/minor findings in total${spoiled ? ` (and ${spoiled} screens spoiled on purpose, each failed as it must)` : ''}`,
    );
    for (const b of bad) out.push(`  - ${b.journey} ${b.screen} [${b.language}]: ${b.ids.join(', ')}`);
    out.push('');
  }
  const text = out.join('\n');
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(join(REPORT_DIR, 'summary.md'), text);
  console.log('\n' + text);
}
