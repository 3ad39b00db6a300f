/**
 * Small pure helpers for the desk screens (unit-tested): when a vote was recorded, in Japan time,
 * as the parts a translation puts together.
 */
import type { ElectionVote } from '../../../src-main/contract/index.ts';

export interface WhenParts {
  month: number;
  day: number;
  hour: number;
  minute: string;
}

/** "2026-07-19T10:42:05+09:00" → { month: 7, day: 19, hour: 10, minute: "42" }. */
export function whenParts(vote: Pick<ElectionVote, 'atJst'>): WhenParts {
  const m = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(vote.atJst);
  if (!m) return { month: 0, day: 0, hour: 0, minute: '00' };
  return { month: Number(m[1]), day: Number(m[2]), hour: Number(m[3]), minute: m[4]! };
}

/** Where a vote was recorded: the station's name (or id) and the terminal. */
export function whereOf(vote: Pick<ElectionVote, 'stationId' | 'stationName' | 'terminalId'>): {
  station: string;
  terminal: string;
} {
  return { station: vote.stationName ?? vote.stationId, terminal: vote.terminalId };
}

/** Active records only (a conflict has several). */
export function activeVotes<T extends { undone: boolean }>(votes: readonly T[]): T[] {
  return votes.filter((v) => !v.undone);
}

/** A keyboard-wedge scan or typed number: digits and letters only (scanners add CR/LF, spaces). */
export function cleanScan(raw: string): string {
  return raw.normalize('NFKC').replace(/[^0-9A-Za-z-]/g, '');
}
