/**
 * The hub against a real PostgreSQL (the throw-away cluster of scripts/ci/start-postgres.sh):
 * ten desks of one election record voters at once and converge through it; a voter recorded at
 * two desks is a conflict on all ten; a desk without the hub reaches them all by a USB file
 * merged at one that has it; the hub killed (`pg_ctl stop -m immediate`) mid-run → every
 * desk keeps recording → hub back → all converge with nothing lost and nothing doubled; a
 * terminal with a wrong group key can neither read nor inject, and says why; a row changed by
 * hand is detected, reported and ignored; no planted name is found in the tables in any encoding;
 * the terminals' role may insert and read its group's events and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { initHub } from './admin.ts';
import { adminQuery, freshDatabase, killHub, startHubServer } from './test-support.ts';
import { tempDir } from '../store/test-support.ts';
import type { ElectionService } from '../modes/election/service.ts';
import { encodeShiftJis, initTerminal } from '../modes/election/test-support.ts';

const FAMILY: Array<[string, string]> = [
  ['佐藤', 'さとう'],
  ['鈴木', 'すずき'],
  ['高橋', 'たかはし'],
  ['田中', 'たなか'],
  ['伊藤', 'いとう'],
  ['渡辺', 'わたなべ'],
  ['山本', 'やまもと'],
  ['中村', 'なかむら'],
  ['小林', 'こばやし'],
  ['加藤', 'かとう'],
];
const GIVEN: Array<[string, string]> = [
  ['一郎', 'いちろう'],
  ['花子', 'はなこ'],
  ['次郎', 'じろう'],
  ['さくら', 'さくら'],
  ['健', 'けん'],
  ['ゆき', 'ゆき'],
  ['翔', 'しょう'],
  ['陽菜', 'ひな'],
  ['蓮', 'れん'],
  ['明美', 'あけみ'],
];
/** 100 voters, roll numbers 0001–0100. */
const ROWS = FAMILY.flatMap(([f, fk], i) =>
  GIVEN.map(([g, gk], j) => {
    const n = i * 10 + j + 1;
    const day = String((n % 28) + 1).padStart(2, '0');
    return `${String(n).padStart(4, '0')},1,${f} ${g},${fk} ${gk},1960-01-${day},${j % 2 ? '女' : '男'},新潟県三条市旭町${n}-1`;
  }),
);
const roll = (n: number) => String(n).padStart(4, '0');

let tmp: ReturnType<typeof tempDir>;
let adminUrl: string;
let terminalUrl: string;
const desks: ElectionService[] = [];

async function waitFor(what: string, cond: () => boolean, ms = 20_000): Promise<number> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - t0;
}

const status = (d: ElectionService, r: string) => {
  const v = d.identifyByRollNumber(r);
  return v.match === 'unique' ? v.voter.status.code : undefined;
};

/** What every desk must agree on: each voter's status, the conflicts, the totals, the log size. */
function projection(d: ElectionService): string {
  return JSON.stringify({
    statuses: Array.from({ length: 100 }, (_, i) => status(d, roll(i + 1))),
    conflicts: d.conflicts().map((c) => [c.rollNumber, c.votes.map((v) => v.terminalId).sort()]),
    total: d.stats().totals.total,
    events: d.terminal.store.events.count(),
  });
}

const converged = () => new Set(desks.map(projection)).size === 1;

beforeAll(async () => {
  tmp = tempDir('kakanai-hub-');
  adminUrl = await freshDatabase();
  terminalUrl = (await initHub(adminUrl)).terminalUrl;
  for (let i = 0; i < 10; i++) {
    const { svc } = await initTerminal(tmp.dir, `desk-${i + 1}`, { rows: ROWS, districts: [] });
    svc.terminal.setHub({ url: terminalUrl });
    svc.terminal.startHub({ intervalMs: 1000, reconnectMs: 300 });
    desks.push(svc);
  }
});

afterAll(async () => {
  // The cluster must be up for the next file, whatever happened here.
  try {
    startHubServer();
  } catch {
    /* already running */
  }
  for (const d of desks) await d.close();
  tmp?.cleanup();
});

describe('ten desks of one election through the hub', () => {
  it('record at once and converge; a voter recorded at two desks is a conflict on all ten', async () => {
    await waitFor('every desk connected', () =>
      desks.every((d) => d.terminal.hubStatus()?.state === 'connected'),
    );
    // Each desk records its own eight voters, all at the same time.
    await Promise.all(
      desks.map(async (d, i) => {
        for (let k = 1; k <= 8; k++) {
          expect(d.record({ rollNumber: roll(i * 8 + k) }).result).toBe('RECORDED');
          await new Promise((r) => setTimeout(r, Math.random() * 20));
        }
      }),
    );
    // Voter 0099 at desks 1 and 2 in the same instant: neither can know of the other.
    expect(desks[0]!.record({ rollNumber: '0099' }).result).toBe('RECORDED');
    expect(desks[1]!.record({ rollNumber: '0099' }).result).toBe('RECORDED');
    await waitFor('all ten desks converge', converged);
    for (const d of desks) {
      expect(status(d, roll(80))).toBe('ALREADY_VOTED');
      expect(d.conflicts().map((c) => c.rollNumber)).toEqual(['0099']);
      expect(d.stats().totals.total).toBe(81); // voters: 80 + 0099 (recorded twice)
    }
    const rows = await adminQuery<{ n: string }>(adminUrl, 'SELECT count(*) AS n FROM kakanai_hub.events');
    expect(Number(rows[0]!.n)).toBe(desks[0]!.terminal.store.events.count());
  });

  it('the hub killed mid-run: every desk keeps recording; back → all converge, nothing lost or doubled', async () => {
    killHub();
    await waitFor('the desks notice', () => desks.some((d) => d.terminal.hubStatus()?.state !== 'connected'));
    // Ten voters none of the desks has seen: each desk records its own, without the hub.
    for (const [i, d] of desks.entries())
      expect(d.record({ rollNumber: roll(81 + i) }).result).toBe('RECORDED');
    const ownEvents = desks.map((d) => d.terminal.store.events.head(d.terminal.terminalId));
    startHubServer();
    await waitFor('all converge after the outage', converged, 40_000);
    // Nothing lost: every desk holds every other desk's events up to its head.
    for (const d of desks) {
      const v = d.terminal.store.events.vector();
      desks.forEach((o, j) => expect(v[o.terminal.terminalId]).toBe(ownEvents[j]));
    }
    // Nothing doubled: the hub has each (terminal, seq) once, as many as the desks hold.
    const [counts] = await adminQuery<{ n: string; distinct: string }>(
      adminUrl,
      "SELECT count(*) AS n, count(DISTINCT terminal_id || '#' || seq) AS distinct FROM kakanai_hub.events",
    );
    expect(Number(counts!.n)).toBe(Number(counts!.distinct));
    expect(Number(counts!.n)).toBe(desks[0]!.terminal.store.events.count());
  });

  it('USB files and the hub merge the same way: a desk without the hub reaches all ten through one that has it', async () => {
    const { svc: offline } = await initTerminal(tmp.dir, 'desk-usb', { rows: ROWS, districts: [] });
    try {
      expect(offline.record({ rollNumber: '0095' }).result).toBe('RECORDED');
      const file = `${tmp.dir}/desk-usb.events`;
      offline.terminal.exportEvents(file);
      desks[5]!.terminal.mergeFile(file); // carried on a USB stick to desk 6, which relays it
      desks[5]!.terminal.announce();
      await waitFor('every desk has desk-usb’s vote', () =>
        desks.every((d) => status(d, '0095') === 'ALREADY_VOTED'),
      );
      await waitFor('all converge', converged);
    } finally {
      await offline.close();
    }
  });

  it('a terminal with a wrong group key can neither read nor inject, and says why', async () => {
    const { svc: intruder } = await initTerminal(tmp.dir, 'intruder', {
      rows: ROWS,
      districts: [],
      groupSalt: '0badc0de0badc0de0badc0de0badc0de',
    });
    try {
      intruder.terminal.setHub({ url: terminalUrl });
      expect(intruder.record({ rollNumber: '0100' }).result).toBe('RECORDED');
      const r = await intruder.terminal.hubExchange();
      expect(r.pushed).toBe(1);
      // It reads nothing of the group: every row it meets is refused, with the reason.
      expect(r.ingest.added).toBe(0);
      expect(r.rejected.length).toBeGreaterThan(0);
      expect(r.rejected[0]!.reason).toMatch(/another key|changed in the database/);
      // And the desks refuse its event: 0100 stays unvoted everywhere, and they say so.
      await waitFor('a desk reports the intruder', () =>
        (desks[0]!.terminal.hubStatus()?.rejected ?? []).some((x) => x.terminalId === 'intruder'),
      );
      for (const d of desks) expect(status(d, '0100')).toBe('OK');
    } finally {
      await intruder.close();
    }
  });

  it('a row changed by hand in the database is detected, reported and ignored', async () => {
    const victim = desks[2]!.terminal.terminalId;
    const seq = desks[2]!.terminal.store.events.head(victim);
    await adminQuery(
      adminUrl,
      `ALTER TABLE kakanai_hub.events DISABLE TRIGGER events_append_only;
       UPDATE kakanai_hub.events SET sealed = set_byte(sealed, 40, (get_byte(sealed, 40) + 1) % 256)
         WHERE terminal_id = '${victim}' AND seq = ${seq};
       ALTER TABLE kakanai_hub.events ENABLE TRIGGER events_append_only;`,
    );
    const { svc: late } = await initTerminal(tmp.dir, 'desk-late', { rows: ROWS, districts: [] });
    try {
      late.terminal.setHub({ url: terminalUrl });
      const r = await late.terminal.hubExchange();
      expect(r.rejected).toContainEqual({
        terminalId: victim,
        seq,
        reason: expect.stringContaining('changed'),
      });
      // (and the intruder's row of the test before: nothing else)
      expect(r.rejected.filter((x) => x.terminalId !== 'intruder')).toHaveLength(1);
      // Everything else arrived; the changed event did not.
      expect(late.terminal.store.events.head(victim)).toBe(seq - 1);
      expect(late.terminal.store.events.head('desk-1')).toBe(desks[0]!.terminal.store.events.head('desk-1'));
    } finally {
      await late.close();
    }
  });

  it('no planted name in the hub, in any encoding', async () => {
    const planted = '髙橋ミツコ';
    const d = desks[4]!;
    d.record({ rollNumber: '0100' });
    d.undo({ rollNumber: '0100', reason: `取消 ${planted} の申出`, operator: `係員 ${planted}` });
    await d.terminal.hubExchange();
    const rows = await adminQuery<Record<string, unknown>>(
      adminUrl,
      'SELECT * FROM kakanai_hub.events UNION ALL SELECT group_id, terminal_id, head_seq, NULL, NULL, NULL, last_pushed_at FROM kakanai_hub.terminals',
    );
    expect(rows.length).toBeGreaterThan(80);
    const haystack = Buffer.concat(
      rows.flatMap((r) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? v : Buffer.from(String(v))))),
    );
    const needles = [
      Buffer.from(planted, 'utf8'),
      Buffer.from(planted, 'utf16le'),
      Buffer.from(encodeShiftJis(planted)),
      Buffer.from(Buffer.from(planted, 'utf8').toString('base64')),
      Buffer.from(Buffer.from(planted, 'utf8').toString('hex')),
      Buffer.from([...planted].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')),
    ];
    for (const n of needles) expect(haystack.includes(n), n.toString('hex')).toBe(false);
  });

  it("the terminals' role inserts and reads its group's events and nothing else", async () => {
    const other = await initHub(adminUrl, { group: 'other-group' });
    const c = new pg.Client({ connectionString: other.terminalUrl });
    await c.connect();
    try {
      // Another group's events are invisible, and cannot be written.
      expect((await c.query('SELECT count(*)::int AS n FROM kakanai_hub.events')).rows[0].n).toBe(0);
      await expect(
        c.query(
          `INSERT INTO kakanai_hub.events (group_id, terminal_id, seq, hlc, sealed, size) VALUES ($1, 'x', 1, 'h', '\\x00', 1)`,
          [desks[0]!.terminal.groupId],
        ),
      ).rejects.toThrow(/row-level security/);
      await c.query(
        `INSERT INTO kakanai_hub.events (group_id, terminal_id, seq, hlc, sealed, size) VALUES ('other-group', 'x', 1, 'h', '\\x00', 1)`,
      );
      await expect(c.query(`UPDATE kakanai_hub.events SET size = 2`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`DELETE FROM kakanai_hub.events`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`CREATE TABLE kakanai_hub.x (a int)`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`SELECT * FROM kakanai_hub.group_roles`)).rejects.toThrow(/permission denied/);
    } finally {
      await c.end();
    }
    // Even the owner cannot change a row while the append-only trigger stands.
    await expect(adminQuery(adminUrl, 'DELETE FROM kakanai_hub.events')).rejects.toThrow(/append-only/);
  });
});
