/**
 * Measurements and accessibility findings of the run, appended as JSON lines to
 * $TMPDIR/kakanai-e2e-XXXX/report/ and summarised at the end (global teardown prints the table).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from './env.ts';

export type Metric =
  | {
      kind: 'first-screen';
      journey: string;
      spawnToListeningMs: number;
      gotoToAttractMs: number;
      rendererMs?: number;
    }
  | {
      kind: 'card-to-data';
      journey: string;
      method: 'pin' | 'bno';
      identifyMs: number;
      readMs: number;
      totalMs: number;
    }
  | { kind: 'transition'; journey: string; to: string; ms: number }
  | {
      kind: 'main-calls';
      journey: string;
      calls: Array<{ name: string; count: number; p50Ms: number; p95Ms: number; maxMs: number }>;
      marks: Record<string, number[]>;
    };

/** A screen name for a check that is meant to fail (the report counts it apart). */
export const DELIBERATE_PREFIX = 'deliberately-';

export interface AxeRecord {
  journey: string;
  screen: string;
  language: string;
  serious: number;
  critical: number;
  moderate: number;
  minor: number;
  ids: string[];
}

function append(file: string, value: unknown): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  appendFileSync(join(RESULTS_DIR, file), JSON.stringify(value) + '\n');
}

export const recordMetric = (m: Metric) => append('timings.jsonl', m);
export const recordAxe = (a: AxeRecord) => append('axe.jsonl', a);
