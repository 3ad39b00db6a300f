/**
 * Anonymous usage statistics (seed 000:2371: counts by weekday and hour). Only aggregates are kept —
 * never a per-session record: counts by weekday×hour, life event, language and end reason, and a
 * histogram of session durations. Nothing here can identify a resident. Optionally persisted to a
 * small JSON file (the only thing counter mode writes to disk).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Language, Statistics, WipeReason } from '../contract/index.ts';

/** What a finished session contributes. */
export interface SessionSummary {
  startedAt: Date;
  durationSec: number;
  lifeEventId: string | null;
  language: Language;
  formsPrinted: number;
  printed: boolean;
  endReason: WipeReason;
}

/** Duration histogram: 10-second buckets up to one hour; the last bucket holds everything longer. */
const BUCKET_SEC = 10;
const BUCKETS = 361;

const countsSchema = z.record(z.string().max(64), z.number().int().min(0));
const fileSchema = z
  .object({
    version: z.literal(1),
    since: z.string(),
    sessions: z.number().int().min(0),
    printedSessions: z.number().int().min(0),
    formsPrinted: z.number().int().min(0),
    byWeekdayHour: z.array(z.array(z.number().int().min(0)).length(24)).length(7),
    byLifeEvent: countsSchema,
    byLanguage: countsSchema,
    byEndReason: countsSchema,
    durationHistogram: z.array(z.number().int().min(0)).length(BUCKETS),
  })
  .strict();
type Counts = z.infer<typeof fileSchema>;

function empty(now: Date): Counts {
  return {
    version: 1,
    since: now.toISOString(),
    sessions: 0,
    printedSessions: 0,
    formsPrinted: 0,
    byWeekdayHour: Array.from({ length: 7 }, () => Array<number>(24).fill(0)),
    byLifeEvent: {},
    byLanguage: {},
    byEndReason: {},
    durationHistogram: Array<number>(BUCKETS).fill(0),
  };
}

function quantileFromHistogram(h: number[], q: number): number | null {
  const total = h.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const target = Math.max(1, Math.ceil(q * total));
  let acc = 0;
  for (let i = 0; i < h.length; i++) {
    acc += h[i]!;
    if (acc >= target) return i * BUCKET_SEC + BUCKET_SEC / 2;
  }
  return (h.length - 1) * BUCKET_SEC;
}

const bump = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

export interface StatisticsOptions {
  /** Persist the aggregates here (optional). */
  file?: string;
  enabled?: boolean;
  now?: () => Date;
}

export class StatisticsService {
  #counts: Counts;
  readonly #file: string | undefined;
  #enabled: boolean;

  constructor(options: StatisticsOptions = {}) {
    this.#file = options.file;
    this.#enabled = options.enabled ?? true;
    const now = (options.now ?? (() => new Date()))();
    this.#counts = this.#load() ?? empty(now);
  }

  setEnabled(on: boolean): void {
    this.#enabled = on;
  }

  #load(): Counts | undefined {
    if (!this.#file || !existsSync(this.#file)) return undefined;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.#file, 'utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  record(s: SessionSummary): void {
    if (!this.#enabled) return;
    const c = this.#counts;
    c.sessions++;
    if (s.printed) c.printedSessions++;
    c.formsPrinted += Math.max(0, Math.floor(s.formsPrinted));
    c.byWeekdayHour[s.startedAt.getDay()]![s.startedAt.getHours()]!++;
    bump(c.byLifeEvent, s.lifeEventId ?? '(none)');
    bump(c.byLanguage, s.language);
    bump(c.byEndReason, s.endReason);
    const bucket = Math.min(BUCKETS - 1, Math.max(0, Math.floor(s.durationSec / BUCKET_SEC)));
    c.durationHistogram[bucket]!++;
    this.#save();
  }

  #save(): void {
    if (!this.#file) return;
    try {
      mkdirSync(dirname(this.#file), { recursive: true });
      const tmp = `${this.#file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(this.#counts) + '\n');
      renameSync(tmp, this.#file);
    } catch {
      // Statistics are best effort: a read-only disk must not break the resident's session.
    }
  }

  summary(): Statistics {
    const c = this.#counts;
    return {
      since: c.since,
      sessions: c.sessions,
      printedSessions: c.printedSessions,
      formsPrinted: c.formsPrinted,
      byWeekdayHour: c.byWeekdayHour.map((r) => [...r]),
      byLifeEvent: { ...c.byLifeEvent },
      byLanguage: { ...c.byLanguage },
      byEndReason: { ...c.byEndReason },
      durationSec: {
        median: quantileFromHistogram(c.durationHistogram, 0.5),
        p90: quantileFromHistogram(c.durationHistogram, 0.9),
      },
    };
  }
}
