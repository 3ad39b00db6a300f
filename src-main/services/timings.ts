/**
 * Main-side timing of every contract call, startup milestones and the marks the renderer reports
 * (first screen, card-to-data, per-screen transitions), for the `diagnostics.get` call and the
 * e2e report. Bounded memory: the last 500 samples per name.
 */
import type { Diagnostics } from '../contract/index.ts';

const KEEP = 500;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const round = (n: number) => Math.round(n * 100) / 100;

export class Timings {
  readonly #calls = new Map<string, { count: number; samples: number[]; last: number }>();
  readonly #marks = new Map<string, number[]>();
  readonly #startup: Record<string, number> = {};
  readonly #bornAt = performance.now();

  recordCall(name: string, ms: number): void {
    let entry = this.#calls.get(name);
    if (!entry) this.#calls.set(name, (entry = { count: 0, samples: [], last: 0 }));
    entry.count++;
    entry.last = ms;
    entry.samples.push(ms);
    if (entry.samples.length > KEEP) entry.samples.shift();
  }

  mark(name: string, ms: number): void {
    let list = this.#marks.get(name);
    if (!list) this.#marks.set(name, (list = []));
    list.push(round(ms));
    if (list.length > KEEP) list.shift();
  }

  /** A startup milestone: ms since the process started (performance.timeOrigin). */
  startup(name: string, msSinceProcessStart: number = performance.now()): void {
    this.#startup[name] = round(msSinceProcessStart);
  }

  snapshot(): Diagnostics {
    return {
      uptimeSec: round((performance.now() - this.#bornAt) / 1000),
      startup: { ...this.#startup },
      calls: [...this.#calls.entries()]
        .map(([name, e]) => {
          const sorted = [...e.samples].sort((a, b) => a - b);
          return {
            name,
            count: e.count,
            lastMs: round(e.last),
            p50Ms: round(percentile(sorted, 50)),
            p95Ms: round(percentile(sorted, 95)),
            maxMs: round(sorted[sorted.length - 1] ?? 0),
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name)),
      marks: Object.fromEntries(this.#marks),
    };
  }
}
