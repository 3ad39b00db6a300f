import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../store/test-support.ts';
import { ElectionError } from './errors.ts';
import { statsToCsv } from './stats.ts';
import { initTerminal, type Terminal } from './test-support.ts';

let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  tmp = tempDir('kakanai-election-');
});
afterAll(() => tmp.cleanup());

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ElectionError) return e.code;
    throw e;
  }
  return 'none';
}

describe('identification', () => {
  let t: Terminal;
  beforeAll(async () => {
    t = await initTerminal(tmp.dir, 'ident');
  });
  afterAll(() => t.svc.close());

  it('matches card data by normalised name + birth date, whatever the 異体字 and spaces', async () => {
    for (const [name, birthDate, roll] of [
      ['高橋一郎', '1980-02-17', '0001'],
      ['髙橋　一郎', '昭和55年2月17日', '0001'],
      ['山崎 花子', '1985-04-01', '0002'],
      ['渡辺次郎', '1990-12-31', '0003'],
      ['斎藤さくら', '1990-01-08', '0004'],
      ['浜田ゆき', '1926-12-25', '0007'],
    ] as const) {
      expect(t.svc.identifyByCard({ name, birthDate })).toMatchObject({
        match: 'unique',
        by: 'name-birth',
        voter: { rollNumber: roll, status: { code: 'OK' } },
      });
    }
  });

  it('breaks a name + birth date tie by address, or shows the candidates side by side', async () => {
    expect(
      t.svc.identifyByCard({
        name: '佐藤太郎',
        birthDate: '1989-01-08',
        address: '新潟県三条市東裏館五丁目5番5号',
      }),
    ).toMatchObject({ match: 'unique', by: 'name-birth-address', voter: { rollNumber: '0006' } });
    const amb = t.svc.identifyByCard({
      name: '佐藤太郎',
      birthDate: '1989-01-08',
      address: '新潟県三条市旭町',
    });
    expect(amb.match).toBe('ambiguous');
    if (amb.match === 'ambiguous') expect(amb.candidates.map((c) => c.rollNumber)).toEqual(['0005', '0006']);
  });

  it('says when the voter is not on the roll', async () => {
    expect(t.svc.identifyByCard({ name: '高橋一郎', birthDate: '1980-02-18' })).toEqual({ match: 'none' });
    expect(t.svc.identifyByRollNumber('9999')).toEqual({ match: 'none' });
  });

  it('finds by 入場券 barcode (roll number), by ふりがな prefix, by birth date and by name', async () => {
    expect(t.svc.identifyByRollNumber(' ０００３ ')).toMatchObject({
      match: 'unique',
      voter: { rollNumber: '0003' },
    });
    expect(t.svc.searchByKana('サト').candidates.map((c) => c.rollNumber)).toEqual(['0005', '0006']);
    expect(t.svc.searchByKana('ﾀｶﾊｼ').candidates.map((c) => c.rollNumber)).toEqual(['0001']);
    expect(t.svc.searchByKana('さと', { birthDate: 'H1.1.8', limit: 1 })).toMatchObject({ truncated: true });
    expect(t.svc.searchByBirthDate('平成元年1月8日').candidates).toHaveLength(2);
    expect(t.svc.searchByName('渡邉 次郎').candidates.map((c) => c.rollNumber)).toEqual(['0003']);
    expect(errorCode(() => t.svc.searchByKana('  '))).toBe('BAD_INPUT');
  });
});

describe('recording on election day (当日)', () => {
  let t: Terminal;
  let clock = Date.UTC(2026, 6, 19, 0, 5); // 09:05 JST
  beforeAll(async () => {
    t = await initTerminal(tmp.dir, 'tojitsu', {
      districts: ['1'],
      stations: [{ stationId: 'st2', name: '第2投票所', districts: ['2'] }],
      now: () => clock,
    });
  });
  afterAll(() => t.svc.close());

  it('records once; a second attempt is ALREADY_VOTED with when and where', async () => {
    const first = t.svc.record({ rollNumber: '0001', operator: '受付A' });
    expect(first).toMatchObject({
      result: 'RECORDED',
      vote: {
        terminalId: 'tojitsu',
        seq: 1,
        stationId: 'st1',
        stationName: '第1投票所',
        atJst: '2026-07-19T09:05:00+09:00',
      },
    });
    clock += 60_000;
    const again = t.svc.record({ rollNumber: '0001' });
    expect(again).toMatchObject({
      result: 'ALREADY_VOTED',
      votes: [
        { terminalId: 'tojitsu', stationId: 'st1', atJst: '2026-07-19T09:05:00+09:00', operator: '受付A' },
      ],
    });
    expect(t.svc.identifyByRollNumber('0001')).toMatchObject({
      voter: { status: { code: 'ALREADY_VOTED', conflict: false } },
    });
  });

  it('sends a voter of another district to the right station, and refuses unknown roll numbers', async () => {
    expect(t.svc.identifyByRollNumber('0003')).toMatchObject({
      voter: { status: { code: 'WRONG_STATION', stations: [{ stationId: 'st2', name: '第2投票所' }] } },
    });
    expect(t.svc.record({ rollNumber: '0003' })).toMatchObject({ result: 'WRONG_STATION' });
    expect(t.svc.record({ rollNumber: '4242' })).toEqual({ result: 'NOT_ON_ROLL', rollNumber: '4242' });
    expect(errorCode(() => t.svc.record({ rollNumber: '0005', reason: '1' }))).toBe('REASON_NOT_ALLOWED');
  });

  it('undo needs an operator and a reason, is an event, and lets the voter be recorded again', async () => {
    expect(errorCode(() => t.svc.undo({ rollNumber: '0001', reason: ' ', operator: 'x' }))).toBe('BAD_INPUT');
    expect(errorCode(() => t.svc.undo({ rollNumber: '0005', reason: 'r', operator: 'x' }))).toBe('NOT_VOTED');
    const u = t.svc.undo({ rollNumber: '0001', reason: '別人を記録した', operator: '責任者B' });
    expect(u.undone).toMatchObject({ terminalId: 'tojitsu', seq: 1, undone: true });
    expect(u.voter.status.code).toBe('OK');
    const types = t.svc.store.events.all().map((e) => e.type);
    expect(types).toEqual(['election.voted', 'election.undo']);
    expect(t.svc.record({ rollNumber: '0001' })).toMatchObject({ result: 'RECORDED', vote: { seq: 3 } });
  });

  it('reports hourly counts by sex and totals per station and terminal, counting undone votes out', async () => {
    clock = Date.UTC(2026, 6, 19, 2, 30); // 11:30 JST
    t.svc.record({ rollNumber: '0002' });
    t.svc.record({ rollNumber: '0007' });
    clock = Date.UTC(2026, 6, 19, 3, 10); // 12:10 JST
    t.svc.record({ rollNumber: '0005' });
    t.svc.note({ text: '12時 紙の名簿に切替なし', operator: '受付A' });
    const s = t.svc.stats();
    expect(s.totals).toEqual({ male: 2, female: 2, unknown: 0, total: 4 });
    expect(s.byHour.map((h) => [h.hour, h.male, h.female, h.total, h.cumulative])).toEqual([
      [9, 1, 0, 1, 1],
      [10, 0, 0, 0, 1],
      [11, 0, 2, 2, 3],
      [12, 1, 0, 1, 4],
    ]);
    expect(s.byStation).toEqual([
      { stationId: 'st1', name: '第1投票所', male: 2, female: 2, unknown: 0, total: 4 },
    ]);
    expect(s.byTerminal).toMatchObject([{ terminalId: 'tojitsu', total: 4 }]);
    expect(s.roll.total).toBe(8);
    expect(s.turnoutPct).toBe(50);
    expect(t.svc.stats({ date: '2026-07-20' }).totals.total).toBe(0);
    const csv = statsToCsv(s);
    expect(csv.startsWith('\uFEFF集計,日付,時台,投票所,端末,男,女,不明,計,累計\r\n')).toBe(true);
    expect(csv).toContain('時間別,2026-07-19,11,,,0,2,0,2,3\r\n');
    expect(csv).toContain('端末別,,,st1,tojitsu,2,2,0,4,\r\n');
  });
});

describe('recording 期日前', () => {
  let t: Terminal;
  beforeAll(async () => {
    t = await initTerminal(tmp.dir, 'kjm', { kind: 'kijitsumae', stationId: 'city-hall', districts: [] });
  });
  afterAll(() => t.svc.close());

  it('needs one of the five reasons and accepts any district', async () => {
    expect(errorCode(() => t.svc.record({ rollNumber: '0003' }))).toBe('REASON_REQUIRED');
    expect(errorCode(() => t.svc.record({ rollNumber: '0003', reason: '9' }))).toBe('BAD_INPUT');
    expect(t.svc.record({ rollNumber: '0003', reason: 'travel' })).toMatchObject({
      result: 'RECORDED',
      vote: { kind: 'kijitsumae', reason: '2', stationId: 'city-hall' },
    });
    expect(t.svc.record({ rollNumber: '0004', reason: '４' })).toMatchObject({ vote: { reason: '4' } });
  });
});

describe('printable report', () => {
  it('renders the hourly and per-station figures as a PDF with Japanese text', async () => {
    const { execFileSync } = await import('node:child_process');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    let clock = Date.UTC(2026, 6, 19, 23, 30); // 08:30 JST on the 20th
    const t = await initTerminal(tmp.dir, 'pdf', { now: () => clock });
    t.svc.record({ rollNumber: '0001' });
    clock += 3_600_000;
    t.svc.record({ rollNumber: '0002' });
    const pdf = await t.svc.statsPdf();
    const path = join(tmp.dir, 'report.pdf');
    writeFileSync(path, pdf);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('投票者数報告');
    expect(text).toContain('第27回参議院議員通常選挙');
    expect(text).toMatch(/8:00〜8:59\s+1\s+0\s+1\s+1/);
    expect(text).toMatch(/9:00〜9:59\s+0\s+1\s+1\s+2/);
    expect(text).toContain('第1投票所（st1）');
    expect(execFileSync('pdffonts', [path], { encoding: 'utf8' })).toMatch(/BIZUDGothic/);
    await t.svc.close();
  });
});

describe('set-up', () => {
  it('refuses malformed input before creating anything, so a retry is possible', async () => {
    const { existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ElectionService } = await import('./service.ts');
    const { BASE_ELECTION, secret } = await import('./test-support.ts');
    const path = join(tmp.dir, 'setup.db');
    const base = { ...BASE_ELECTION, kind: 'tojitsu' as const, stationId: 'st1', terminalId: 'd1' };
    const s = secret();
    await expect(
      ElectionService.init(path, s, {
        ...base,
        stations: [{ stationId: 'bad id', name: 'x', districts: [] }],
      }),
    ).rejects.toThrow(/identifier/);
    await expect(ElectionService.init(path, s, { ...base, date: '2026-02-30' })).rejects.toThrow(
      /not a date/,
    );
    expect(existsSync(path)).toBe(false);
    const svc = await ElectionService.init(path, s, base);
    s.dispose();
    expect(svc.config()).toMatchObject({ stationId: 'st1', terminalId: 'd1' });
    await svc.close();
  });
});
