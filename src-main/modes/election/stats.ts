/**
 * The figures election offices report through the day: voters by hour (Japan time) and by sex,
 * and totals per station and per terminal. A voter is counted once — at their earliest active
 * record — even when a conflict left two active records.
 */
import type { Db } from '../../store/sqlite.ts';
import type { ElectionConfig, Station } from './types.ts';

export interface Count {
  male: number;
  female: number;
  /** Votes for roll numbers missing from this terminal's roll. */
  unknown: number;
  total: number;
}

export interface HourRow extends Count {
  /** JST date and hour (0–23): the row covers hour:00–hour:59. */
  date: string;
  hour: number;
  cumulative: number;
}

export interface ElectionStats {
  election: { name: string; date: string; kind: string };
  generatedAt: string;
  filter: { date?: string; stationId?: string };
  roll: Count;
  totals: Count;
  /** Turnout of the roll in percent (two decimals). */
  turnoutPct: number;
  byHour: HourRow[];
  byStation: Array<Count & { stationId: string; name: string }>;
  byTerminal: Array<Count & { terminalId: string; stationId: string }>;
  byStationHour: Array<Count & { stationId: string; date: string; hour: number }>;
  openConflicts: number;
}

export interface StatsOptions {
  /** Only votes of this JST date (YYYY-MM-DD). */
  date?: string;
  stationId?: string;
}

const zero = (): Count => ({ male: 0, female: 0, unknown: 0, total: 0 });

function add(c: Count, sex: string | null): void {
  if (sex === 'M') c.male++;
  else if (sex === 'F') c.female++;
  else c.unknown++;
  c.total++;
}

function jst(ms: number): { date: string; hour: number } {
  const iso = new Date(ms + 9 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), hour: Number(iso.slice(11, 13)) };
}

export function computeStats(
  db: Db,
  cfg: ElectionConfig,
  stations: Station[],
  opts: StatsOptions,
  now: number,
): ElectionStats {
  const rows = db
    .prepare(
      `SELECT v.roll_number AS roll, v.station_id AS stationId, v.terminal_id AS terminalId, v.at, r.sex
       FROM election_votes v LEFT JOIN election_voters r ON r.roll_number = v.roll_number
       WHERE v.undone_hlc IS NULL ORDER BY v.hlc`,
    )
    .all() as Array<{ roll: string; stationId: string; terminalId: string; at: number; sex: string | null }>;

  const seen = new Set<string>();
  const totals = zero();
  const hours = new Map<string, HourRow>();
  const byStation = new Map<string, Count & { stationId: string; name: string }>();
  const byTerminal = new Map<string, Count & { terminalId: string; stationId: string }>();
  const byStationHour = new Map<string, Count & { stationId: string; date: string; hour: number }>();
  const names = new Map(stations.map((s) => [s.stationId, s.name]));

  for (const r of rows) {
    if (seen.has(r.roll)) continue;
    seen.add(r.roll);
    const { date, hour } = jst(r.at);
    if (opts.date && date !== opts.date) continue;
    if (opts.stationId && r.stationId !== opts.stationId) continue;
    add(totals, r.sex);
    const hk = `${date} ${String(hour).padStart(2, '0')}`;
    if (!hours.has(hk)) hours.set(hk, { date, hour, ...zero(), cumulative: 0 });
    add(hours.get(hk)!, r.sex);
    if (!byStation.has(r.stationId)) {
      byStation.set(r.stationId, {
        stationId: r.stationId,
        name: names.get(r.stationId) ?? r.stationId,
        ...zero(),
      });
    }
    add(byStation.get(r.stationId)!, r.sex);
    if (!byTerminal.has(r.terminalId))
      byTerminal.set(r.terminalId, { terminalId: r.terminalId, stationId: r.stationId, ...zero() });
    add(byTerminal.get(r.terminalId)!, r.sex);
    const sk = `${r.stationId}\n${hk}`;
    if (!byStationHour.has(sk)) byStationHour.set(sk, { stationId: r.stationId, date, hour, ...zero() });
    add(byStationHour.get(sk)!, r.sex);
  }

  // Every hour from the first to the last of each day appears, zero rows included.
  const days = new Map<string, number[]>();
  for (const h of hours.values()) days.set(h.date, [...(days.get(h.date) ?? []), h.hour]);
  for (const [date, hs] of days) {
    for (let hour = Math.min(...hs); hour <= Math.max(...hs); hour++) {
      const hk = `${date} ${String(hour).padStart(2, '0')}`;
      if (!hours.has(hk)) hours.set(hk, { date, hour, ...zero(), cumulative: 0 });
    }
  }
  const byHour = [...hours.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  let cumulative = 0;
  for (const h of byHour) h.cumulative = cumulative += h.total;

  const roll = zero();
  for (const r of db.prepare('SELECT sex, count(*) AS n FROM election_voters GROUP BY sex').all() as Array<{
    sex: string;
    n: number;
  }>) {
    if (r.sex === 'M') roll.male = r.n;
    else if (r.sex === 'F') roll.female = r.n;
  }
  roll.total = roll.male + roll.female;
  const openConflicts = db
    .prepare(`SELECT count(*) FROM election_conflicts WHERE status = 'open'`)
    .pluck()
    .get() as number;

  return {
    election: { name: cfg.electionName, date: cfg.date, kind: cfg.kind },
    generatedAt: new Date(now + 9 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+09:00'),
    filter: {
      ...(opts.date ? { date: opts.date } : {}),
      ...(opts.stationId ? { stationId: opts.stationId } : {}),
    },
    roll,
    totals,
    turnoutPct: roll.total > 0 ? Math.round((totals.total / roll.total) * 10_000) / 100 : 0,
    byHour,
    byStation: [...byStation.values()].sort((a, b) => (a.stationId < b.stationId ? -1 : 1)),
    byTerminal: [...byTerminal.values()].sort((a, b) => (a.terminalId < b.terminalId ? -1 : 1)),
    byStationHour: [...byStationHour.values()].sort((a, b) =>
      `${a.stationId} ${a.date} ${a.hour}` < `${b.stationId} ${b.date} ${b.hour}` ? -1 : 1,
    ),
    openConflicts,
  };
}

/** CSV for spreadsheets (UTF-8 with BOM so Excel shows Japanese), one table with a 集計 column. */
export function statsToCsv(s: ElectionStats): string {
  const lines = ['集計,日付,時台,投票所,端末,男,女,不明,計,累計'];
  const n = (c: Count) => `${c.male},${c.female},${c.unknown},${c.total}`;
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  for (const h of s.byHour) lines.push(`時間別,${h.date},${h.hour},,,${n(h)},${h.cumulative}`);
  for (const h of s.byStationHour)
    lines.push(`投票所・時間別,${h.date},${h.hour},${q(h.stationId)},,${n(h)},`);
  for (const st of s.byStation) lines.push(`投票所別,,,${q(st.stationId)},,${n(st)},`);
  for (const t of s.byTerminal) lines.push(`端末別,,,${q(t.stationId)},${q(t.terminalId)},${n(t)},`);
  lines.push(`合計,,,,,${n(s.totals)},`);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
