import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiFailure, fail } from '../../contract/errors.ts';
import type { CardReadRequest } from '../../services/card-service.ts';
import type { EngineRenderRequest } from '../../services/forms-service.ts';
import type { ResidentData } from '../../services/session-service.ts';
import { tempDir } from '../../store/test-support.ts';
import { ElectionDesk, electionStorePath, type DeskDeps } from './desk-service.ts';
import { ElectionService } from './service.ts';
import { initTerminal, PASSPHRASE, secret } from './test-support.ts';

let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  tmp = tempDir('kakanai-desk-');
});
afterAll(() => tmp.cleanup());

const TOKEN = 'operator-token-0123456789';

interface Doubles {
  deps: DeskDeps;
  reads: CardReadRequest[];
  renders: EngineRenderRequest[];
  printed: Array<{ bytes: number; pageCount: number }>;
  card: { data: ResidentData };
}

function doubles(dbPath: string, over: Partial<DeskDeps> = {}): Doubles {
  const d: Doubles = {
    reads: [],
    renders: [],
    printed: [],
    card: {
      data: {
        name: '髙橋　一郎',
        address: '新潟県三条市旭町二丁目３番５号',
        birthDate: '1980-02-17',
        sex: 'male',
        method: 'bno',
      },
    },
    deps: undefined as unknown as DeskDeps,
  };
  let job = 0;
  d.deps = {
    terminalId: () => 'cfg-terminal',
    configPath: () => join(tmp.dir, 'terminal.json'),
    env: { KAKANAI_ELECTION_DB: dbPath },
    municipality: () => ({ name: '三条市', code: '152048' }),
    card: {
      read: async (req) => {
        d.reads.push(req);
        return { data: { ...d.card.data } };
      },
    },
    forms: {
      renderFinal: async (req) => {
        d.renders.push(req);
        return { pdf: new Uint8Array([37, 80, 68, 70]), pageCount: 1 };
      },
    },
    print: {
      submit: async (pdf, o) => {
        d.printed.push({ bytes: pdf.length, pageCount: o.pageCount });
        return { jobId: `PDF-${++job}`, printer: 'PDF' };
      },
    },
    operator: {
      require: (token) => {
        if (token !== TOKEN) throw fail('UNAUTHORIZED', 'Operator login required.', '職員の認証が必要です。');
      },
    },
    ...over,
  };
  return d;
}

/** The contract code of a rejected desk call. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiFailure) return e.code;
    throw e;
  }
  return 'resolved';
}

let counter = 0;
async function terminal(
  kind: 'kijitsumae' | 'tojitsu',
  extra: Parameters<typeof initTerminal>[2] = {},
): Promise<string> {
  const id = `desk${++counter}`;
  const t = await initTerminal(tmp.dir, id, { kind, ...extra });
  t.svc.close();
  return t.path;
}

describe('opening the terminal', () => {
  it('names a missing store, a wrong passphrase, and a call before opening', async () => {
    const missing = new ElectionDesk(doubles(join(tmp.dir, 'nothing.db')).deps);
    expect(await codeOf(missing.open(PASSPHRASE))).toBe('ELECTION_NOT_SET_UP');
    expect((await missing.status()).storeFound).toBe(false);

    const desk = new ElectionDesk(doubles(await terminal('tojitsu')).deps);
    expect(await codeOf(desk.identifyRoll('0001'))).toBe('ELECTION_NOT_OPEN');
    expect(await codeOf(desk.open('not the passphrase'))).toBe('WRONG_PASSPHRASE');
    expect(await desk.status()).toMatchObject({ ready: false, storeFound: true });
    const st = await desk.open(PASSPHRASE);
    expect(st).toMatchObject({
      mode: 'election',
      ready: true,
      election: { name: '第27回参議院議員通常選挙', date: '2026-07-19', kind: 'tojitsu' },
      station: { stationId: 'st1', name: '第1投票所' },
      roll: { total: 8, male: 4, female: 4 },
      counts: { total: 0, thisTerminal: 0, today: 0 },
      sync: { running: false, peers: [] },
      openConflicts: 0,
    });
    await desk.shutdown();
  });

  it('finds the store beside the terminal configuration by default', async () => {
    expect(electionStorePath('/etc/kakanai/terminal.json', {})).toBe('/etc/kakanai/election.db');
    expect(electionStorePath('/etc/kakanai/terminal.json', { KAKANAI_ELECTION_DB: '/data/e.db' })).toBe(
      '/data/e.db',
    );
  });
});

describe('当日 desk: match → status', () => {
  let desk: ElectionDesk;
  let d: Doubles;
  beforeAll(async () => {
    d = doubles(
      await terminal('tojitsu', {
        districts: ['1'],
        stations: [{ stationId: 'st2', name: '第2投票所（東裏館）', districts: ['2'] }],
      }),
    );
    desk = new ElectionDesk(d.deps);
    await desk.open(PASSPHRASE);
  });
  afterAll(() => desk.shutdown());

  it('受付可 with the district and the 和暦 birth date; never a field the contract does not know', async () => {
    const r = await desk.identifyRoll('０００１');
    expect(r).toEqual({
      match: 'unique',
      by: 'roll-number',
      voter: {
        rollNumber: '0001',
        district: '1',
        name: '髙橋 一郎',
        kana: 'たかはし いちろう',
        birthDate: '1980-02-17',
        birthDateWareki: '昭和55年2月17日',
        sex: 'M',
        address: '新潟県三条市旭町二丁目3番5号',
        status: { code: 'OK' },
      },
    });
  });

  it('この投票区ではありません with the station that serves the district', async () => {
    const r = await desk.identifyRoll('0003');
    expect(r).toMatchObject({
      match: 'unique',
      voter: {
        status: { code: 'WRONG_STATION', stations: [{ stationId: 'st2', name: '第2投票所（東裏館）' }] },
      },
    });
  });

  it('名簿にありません for an unknown number', async () => {
    expect(await desk.identifyRoll('9999')).toEqual({ match: 'none' });
  });

  it('the card: read without the 個人番号, matched by name (異体字, spaces) and birth date', async () => {
    d.card.data = { ...d.card.data, name: '高橋 一郎' };
    const r = await desk.identifyCard({
      method: 'pin',
      pin: '1234',
      confirmLastTry: false,
    });
    expect(d.reads.at(-1)).toMatchObject({ method: 'pin', withMyNumber: false });
    expect(r.identified).toMatchObject({ match: 'unique', by: 'name-birth', voter: { rollNumber: '0001' } });
    expect(r.card).toEqual({
      name: '高橋 一郎',
      birthDateWareki: '昭和55年2月17日',
      address: '新潟県三条市旭町二丁目３番５号',
    });
  });

  it('twins with the same name and birth date: candidates side by side unless the address decides', async () => {
    d.card.data = { ...d.card.data, name: '佐藤太郎', birthDate: '1989-01-08', address: '新潟県三条市' };
    const amb = await desk.identifyCard({ method: 'pin', pin: '1234', confirmLastTry: false });
    expect(amb.identified.match).toBe('ambiguous');
    if (amb.identified.match === 'ambiguous')
      expect(amb.identified.candidates.map((c) => c.rollNumber).sort()).toEqual(['0005', '0006']);
    d.card.data = { ...d.card.data, address: '新潟県三条市旭町1-1-1' };
    const one = await desk.identifyCard({ method: 'pin', pin: '1234', confirmLastTry: false });
    expect(one.identified).toMatchObject({
      match: 'unique',
      by: 'name-birth-address',
      voter: { rollNumber: '0005' },
    });
    d.card.data = { ...d.card.data, name: '鈴木花子' };
    expect(
      (await desk.identifyCard({ method: 'pin', pin: '1234', confirmLastTry: false })).identified,
    ).toEqual({
      match: 'none',
    });
  });

  it('manual search by ふりがな prefix with the birth date, by birth date alone, by name', async () => {
    const kana = await desk.search({ kana: 'サトウ', birthDate: 'H1.1.8' });
    expect(kana.candidates.map((c) => c.rollNumber).sort()).toEqual(['0005', '0006']);
    expect((await desk.search({ birthDate: '昭和55年2月17日' })).candidates.map((c) => c.rollNumber)).toEqual(
      ['0001'],
    );
    expect((await desk.search({ name: '山崎花子' })).candidates.map((c) => c.rollNumber)).toEqual(['0002']);
    expect(await codeOf(desk.search({ birthDate: 'yesterday' }))).toBe('INVALID_INPUT');
  });

  it('当日 records without a reason; 投票済み afterwards with when and where', async () => {
    expect(await codeOf(desk.record({ rollNumber: '0002', reason: '1', senseisho: 'printed' }))).toBe(
      'INVALID_INPUT',
    );
    const r = await desk.record({ rollNumber: '0002', senseisho: 'printed' });
    expect(r).toMatchObject({
      result: 'RECORDED',
      vote: { stationId: 'st1', stationName: '第1投票所', kind: 'tojitsu', undone: false },
      voter: { rollNumber: '0002', status: { code: 'ALREADY_VOTED' } },
    });
    if (r.result !== 'RECORDED') throw new Error('not recorded');
    expect(r.vote.atJst).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/);
    const again = await desk.identifyRoll('0002');
    expect(again).toMatchObject({
      voter: {
        status: { code: 'ALREADY_VOTED', conflict: false, votes: [{ stationId: 'st1', seq: r.vote.seq }] },
      },
    });
    expect(await desk.record({ rollNumber: '0002', senseisho: 'printed' })).toMatchObject({
      result: 'ALREADY_VOTED',
    });
    expect(await desk.record({ rollNumber: '0003', senseisho: 'printed' })).toMatchObject({
      result: 'WRONG_STATION',
    });
    expect(await desk.record({ rollNumber: '7777', senseisho: 'printed' })).toEqual({
      result: 'NOT_ON_ROLL',
      rollNumber: '7777',
    });
    expect((await desk.status()).counts).toMatchObject({ total: 1 });
  });

  it('undo needs the operator token and a vote to undo', async () => {
    expect(
      await codeOf(desk.undo({ token: 'wrong-token-0123456789', rollNumber: '0002', reason: '誤記録' })),
    ).toBe('UNAUTHORIZED');
    const u = await desk.undo({ token: TOKEN, rollNumber: '0002', reason: '誤って記録' });
    expect(u).toMatchObject({
      undone: { undone: true },
      voter: { rollNumber: '0002', status: { code: 'OK' } },
    });
    expect(await codeOf(desk.undo({ token: TOKEN, rollNumber: '0002', reason: 'again' }))).toBe('NOT_VOTED');
    expect(await codeOf(desk.senseisho({ rollNumber: '0001', reason: '1' }))).toBe('INVALID_INPUT');
  });
});

describe('期日前 desk: reason → 宣誓書 → record', () => {
  let desk: ElectionDesk;
  let d: Doubles;
  beforeAll(async () => {
    d = doubles(await terminal('kijitsumae'));
    desk = new ElectionDesk(d.deps);
    await desk.open(PASSPHRASE);
  });
  afterAll(() => desk.shutdown());

  it('needs the reason, then the printed 宣誓書 for the same reason, before recording', async () => {
    expect(await codeOf(desk.record({ rollNumber: '0004', senseisho: 'printed' }))).toBe('REASON_REQUIRED');
    expect(await codeOf(desk.record({ rollNumber: '0004', reason: '2', senseisho: 'printed' }))).toBe(
      'SENSEISHO_REQUIRED',
    );
    expect((await desk.status()).counts?.total).toBe(0);

    const job = await desk.senseisho({ rollNumber: '0004', reason: '2' });
    expect(job).toEqual({ jobId: 'PDF-1', printer: 'PDF', pageCount: 1 });
    expect(d.renders.at(-1)).toMatchObject({
      formIds: ['kijitsumae-senseisho'],
      blank: false,
      resident: { name: '齋藤 さくら', address: '新潟県三条市東裏館3-2-1', birthDate: '1990-01-08' },
      inputs: { electionName: '第27回参議院議員通常選挙', electionDate: '2026-07-19', voteReason: 'travel' },
    });
    expect(d.renders.at(-1)?.resident).not.toHaveProperty('myNumber');
    expect(d.printed).toEqual([{ bytes: 4, pageCount: 1 }]);

    expect(await codeOf(desk.record({ rollNumber: '0004', reason: '3', senseisho: 'printed' }))).toBe(
      'SENSEISHO_REQUIRED',
    );
    const r = await desk.record({ rollNumber: '0004', reason: '2', senseisho: 'printed' });
    expect(r).toMatchObject({ result: 'RECORDED', vote: { kind: 'kijitsumae', reason: '2' } });
    expect(desk.pendingSenseisho('0004')).toBeUndefined();
    expect(await codeOf(desk.senseisho({ rollNumber: '0004', reason: '2' }))).toBe('NOT_ELIGIBLE');
    expect(await codeOf(desk.senseisho({ rollNumber: '4040', reason: '2' }))).toBe('NOT_ON_ROLL');
  });

  it('prints the card holder’s data when the card identified this voter', async () => {
    d.card.data = {
      name: '髙橋　一郎',
      address: '新潟県三条市旭町二丁目３番５号',
      birthDate: '1980-02-17',
      sex: 'male',
      method: 'bno',
    };
    await desk.identifyCard({
      method: 'bno',
      bno: {
        birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
        expiryYear: 2035,
        securityCode: '1234',
        variant: 'wareki',
      },
      confirmLastTry: false,
    });
    await desk.senseisho({ rollNumber: '0001', reason: '4' });
    expect(d.renders.at(-1)).toMatchObject({
      resident: { name: '髙橋　一郎', address: '新潟県三条市旭町二丁目３番５号' },
      inputs: { voteReason: 'illness' },
    });
    expect(await desk.record({ rollNumber: '0001', reason: '4', senseisho: 'printed' })).toMatchObject({
      result: 'RECORDED',
    });
  });

  it('a 宣誓書 filled by hand (printer down) is stated explicitly', async () => {
    expect(await desk.record({ rollNumber: '0007', reason: '5', senseisho: 'handwritten' })).toMatchObject({
      result: 'RECORDED',
      vote: { reason: '5' },
    });
  });

  it('figures: hourly by sex, per station and terminal; CSV and PDF', async () => {
    const s = await desk.stats();
    expect(s.totals).toMatchObject({ total: 3, male: 1, female: 2 });
    expect(s.byHour.reduce((n, h) => n + h.total, 0)).toBe(3);
    expect(s.byTerminal).toHaveLength(1);
    const csv = await desk.statsFile('csv');
    expect(csv.fileName).toMatch(/\.csv$/);
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF集計,日付,時台')).toBe(true);
    const pdf = await desk.statsFile('pdf');
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    await desk.statsPrint(undefined);
    expect(d.printed.at(-1)?.pageCount).toBeGreaterThanOrEqual(1);
  });
});

describe('two terminals that had not seen each other', () => {
  const open: ElectionDesk[] = [];
  afterEach(async () => {
    for (const desk of open.splice(0)) await desk.shutdown();
  });

  it('shows the conflict with both records, and undo asks which record', async () => {
    const pathA = await terminal('tojitsu');
    const pathB = await terminal('tojitsu');
    const a = new ElectionDesk(doubles(pathA).deps);
    const b = new ElectionDesk(doubles(pathB).deps);
    open.push(a, b);
    await a.open(PASSPHRASE);
    await b.open(PASSPHRASE);
    await a.record({ rollNumber: '0008', senseisho: 'printed' });
    await b.record({ rollNumber: '0008', senseisho: 'printed' });
    // USB merge of A's events into B, through the election service of B's file.
    await a.shutdown();
    await b.shutdown();
    const svcA = await ElectionService.open(pathA, secret());
    const file = join(tmp.dir, 'a-events.kkev');
    svcA.exportEvents(file);
    await svcA.close();
    const svcB = await ElectionService.open(pathB, secret());
    svcB.mergeFile(file);
    await svcB.close();
    expect(readFileSync(file).length).toBeGreaterThan(0);

    const b2 = new ElectionDesk(doubles(pathB).deps);
    open.push(b2);
    await b2.open(PASSPHRASE);
    expect((await b2.status()).openConflicts).toBe(1);
    const { conflicts } = await b2.conflicts(false);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ rollNumber: '0008', status: 'open', voter: { name: '田中 ヨシ' } });
    expect(conflicts[0]!.votes).toHaveLength(2);
    const r = await b2.identifyRoll('0008');
    expect(r).toMatchObject({ voter: { status: { code: 'ALREADY_VOTED', conflict: true } } });

    let votes: unknown;
    try {
      await b2.undo({ token: TOKEN, rollNumber: '0008', reason: '二重記録' });
    } catch (e) {
      expect(e).toBeInstanceOf(ApiFailure);
      expect((e as ApiFailure).code).toBe('AMBIGUOUS_UNDO');
      votes = (e as ApiFailure).extra.details?.votes;
    }
    expect(votes).toHaveLength(2);
    const first = conflicts[0]!.votes[0]!;
    await b2.undo({
      token: TOKEN,
      rollNumber: '0008',
      reason: '二重記録',
      vote: { terminalId: first.terminalId, seq: first.seq },
    });
    expect((await b2.status()).openConflicts).toBe(0);
    expect((await b2.conflicts(true)).conflicts[0]?.status).toBe('resolved');
  });
});
