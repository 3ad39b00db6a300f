import { describe, expect, it } from 'vitest';
import { err, FakeClient, ok, type FakeHandlers } from '../../api/fake-client.ts';
import type { ElectionStatus, ElectionVoter, ElectionVote } from '../../../src-main/contract/index.ts';
import { createDeskStore, resultKindOf } from './desk-store.ts';
import { markName } from './desk-screens.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

function status(kind: 'kijitsumae' | 'tojitsu', ready = true): ElectionStatus {
  return {
    mode: 'election',
    ready,
    storeFound: true,
    terminalId: 'desk-1',
    ...(ready
      ? {
          election: { name: '市長選挙', date: '2026-07-19', kind },
          station: { stationId: 'st1', name: '第1投票所', districts: [] },
          roll: { total: 8, male: 4, female: 4 },
          counts: { total: 0, thisTerminal: 0, today: 0 },
        }
      : {}),
    sync: { running: false, peers: [] },
    openConflicts: 0,
  };
}

const VOTE: ElectionVote = {
  terminalId: 'desk-2',
  seq: 3,
  stationId: 'st1',
  stationName: '第1投票所',
  kind: 'tojitsu',
  at: 1_784_000_000_000,
  atJst: '2026-07-19T10:42:00+09:00',
  undone: false,
};

function voter(code: 'OK' | 'ALREADY_VOTED' | 'WRONG_STATION' = 'OK', roll = '0001'): ElectionVoter {
  return {
    rollNumber: roll,
    district: '1',
    name: '髙橋 一郎',
    kana: 'たかはし いちろう',
    birthDate: '1980-02-17',
    birthDateWareki: '昭和55年2月17日',
    sex: 'M',
    address: '新潟県三条市旭町二丁目3番5号',
    status:
      code === 'OK'
        ? { code: 'OK' }
        : code === 'ALREADY_VOTED'
          ? { code: 'ALREADY_VOTED', votes: [VOTE], conflict: false }
          : { code: 'WRONG_STATION', stations: [{ stationId: 'st2', name: '第2投票所', districts: ['2'] }] },
  };
}

function setup(handlers: FakeHandlers, kind: 'kijitsumae' | 'tojitsu' = 'tojitsu') {
  const client = new FakeClient({
    'election.status': () => ok(status(kind)),
    'diagnostics.mark': () => ok({ done: true as const }),
    ...handlers,
  });
  const timers: Array<() => void> = [];
  const store = createDeskStore(client, {
    settleMs: 1,
    setInterval: ((fn: () => void) => {
      timers.push(fn);
      return timers.length as unknown as ReturnType<typeof setInterval>;
    }) as unknown as typeof setInterval,
    clearInterval: (() => undefined) as typeof clearInterval,
  });
  return { client, store, s: () => store.getState(), timers };
}

describe('opening the desk', () => {
  it('asks for the passphrase until the store is open; a wrong one is said plainly', async () => {
    let tries = 0;
    const { s, client } = setup({
      'election.status': () => ok(status('tojitsu', false)),
      'election.open': (input) =>
        ++tries === 1 || input.passphrase !== 'right' ? err('WRONG_PASSPHRASE') : ok(status('tojitsu')),
    });
    await s().start();
    expect(s().screen.id).toBe('open');
    await s().open('wrong');
    expect(s().screen.id).toBe('open');
    expect(s().notice?.key).toBe('election.error.wrongPassphrase');
    await s().open('right');
    expect(s().screen.id).toBe('ready');
    expect(s().status?.ready).toBe(true);
    const marks = client.inputsOf('diagnostics.mark').map((m) => m.name);
    expect(marks).toContain('transition:election-ready');
    for (const m of marks) expect(m).toMatch(/^[a-z][a-z0-9:._-]{0,60}$/);
  });

  it('a terminal without a store, or not in election mode, is unavailable', async () => {
    const a = setup({ 'election.status': () => err('NOT_IMPLEMENTED') });
    await a.s().start();
    expect(a.s().screen.id).toBe('unavailable');
    const b = setup({ 'election.status': () => ok({ ...status('tojitsu', false), storeFound: false }) });
    await b.s().start();
    expect(b.s().screen.id).toBe('unavailable');
    expect(b.s().notice?.key).toBe('election.error.notSetUp');
  });
});

describe('one result per voter', () => {
  it('barcode → the four result panels, candidates side by side', async () => {
    const answers = {
      '0001': { match: 'unique' as const, by: 'roll-number' as const, voter: voter('OK') },
      '0002': { match: 'unique' as const, by: 'roll-number' as const, voter: voter('ALREADY_VOTED', '0002') },
      '0003': { match: 'unique' as const, by: 'roll-number' as const, voter: voter('WRONG_STATION', '0003') },
      '0009': { match: 'none' as const },
    };
    const { s } = setup({
      'election.identifyRoll': (input) => ok(answers[input.rollNumber as keyof typeof answers]),
      'election.search': () =>
        ok({ candidates: [voter('OK', '0005'), voter('OK', '0006')], truncated: false }),
    });
    await s().start();
    const seen: string[] = [];
    for (const roll of ['0001', '0002', '0003', '0009']) {
      await s().scan(` ${roll}\n`);
      expect(s().screen.id).toBe('result');
      seen.push(s().resultKind!);
      s().next();
      expect(s().screen.id).toBe('ready');
      expect(s().voter).toBeNull();
    }
    expect(seen).toEqual(['ok', 'voted', 'wrongStation', 'none']);

    s().openSearch();
    await s().search({ kana: 'さとう', birthDate: 'H1.1.8' });
    expect(s().screen.id).toBe('search');
    expect(s().candidates.map((c) => c.rollNumber)).toEqual(['0005', '0006']);
    s().choose('0006');
    expect(s().screen.id).toBe('result');
    expect(s().voter?.rollNumber).toBe('0006');
    expect(s().identifiedBy).toBe('search');
  });

  it('resultKindOf maps statuses and "not on the roll"', () => {
    expect(resultKindOf(null)).toBe('none');
    expect(resultKindOf(voter('ALREADY_VOTED'))).toBe('voted');
  });
});

describe('当日', () => {
  it('受付可 → confirm → recorded → ready with a confirmation; no reason is sent', async () => {
    const { s, client } = setup({
      'election.identifyRoll': () => ok({ match: 'unique', by: 'roll-number', voter: voter('OK') }),
      'election.record': () =>
        ok({ result: 'RECORDED', vote: { ...VOTE, terminalId: 'desk-1' }, voter: voter('ALREADY_VOTED') }),
    });
    await s().start();
    await s().scan('0001');
    await s().accept();
    expect(client.inputsOf('election.record')).toEqual([{ rollNumber: '0001', senseisho: 'printed' }]);
    expect(s().screen.id).toBe('ready');
    expect(s().flash).toMatchObject({ key: 'election.flash.recorded', params: { name: '髙橋 一郎' } });
    expect(s().voter).toBeNull();
  });

  it('another desk was quicker: the record call answers 投票済み and the desk shows it in red', async () => {
    const { s } = setup({
      'election.identifyRoll': () => ok({ match: 'unique', by: 'roll-number', voter: voter('OK') }),
      'election.record': () => ok({ result: 'ALREADY_VOTED', voter: voter('ALREADY_VOTED'), votes: [VOTE] }),
    });
    await s().start();
    await s().scan('0001');
    await s().accept();
    expect(s().screen.id).toBe('result');
    expect(s().resultKind).toBe('voted');
    expect(s().notice?.key).toBe('election.notice.changedMeanwhile');
  });

  it('a voter who is not 受付可 cannot be accepted', async () => {
    const { s, client } = setup({
      'election.identifyRoll': () =>
        ok({ match: 'unique', by: 'roll-number', voter: voter('ALREADY_VOTED') }),
    });
    await s().start();
    await s().scan('0002');
    await s().accept();
    expect(client.names()).not.toContain('election.record');
  });
});

describe('期日前', () => {
  it('reason → 宣誓書 printed → ballot handed over → only then recorded', async () => {
    const { s, client } = setup(
      {
        'election.identifyRoll': () => ok({ match: 'unique', by: 'roll-number', voter: voter('OK') }),
        'election.senseisho': () => ok({ jobId: 'PDF-7', printer: 'PDF', pageCount: 1 }),
        'print.status': () => ok({ jobId: 'PDF-7', printer: 'PDF', phase: 'printing' }),
        'election.record': () =>
          ok({
            result: 'RECORDED',
            vote: { ...VOTE, kind: 'kijitsumae', reason: '2' },
            voter: voter('ALREADY_VOTED'),
          }),
      },
      'kijitsumae',
    );
    await s().start();
    await s().scan('0001');
    await s().accept();
    expect(s().screen.id).toBe('reason');
    expect(client.names()).not.toContain('election.record');
    await s().chooseReason('2');
    expect(s().screen.id).toBe('senseisho');
    expect(client.inputsOf('election.senseisho')).toEqual([{ rollNumber: '0001', reason: '2' }]);
    expect(s().job).toMatchObject({ jobId: 'PDF-7', phase: 'queued' });
    client.emit({ type: 'print.progress', job: { jobId: 'PDF-7', printer: 'PDF', phase: 'completed' } });
    expect(s().job?.phase).toBe('completed');
    expect(client.names()).not.toContain('election.record');
    await s().handedOver();
    expect(client.inputsOf('election.record')).toEqual([
      { rollNumber: '0001', reason: '2', senseisho: 'printed' },
    ]);
    expect(s().screen.id).toBe('ready');
  });

  it('a printer problem offers a hand-filled 宣誓書, recorded as such', async () => {
    const { s, client } = setup(
      {
        'election.identifyRoll': () => ok({ match: 'unique', by: 'roll-number', voter: voter('OK') }),
        'election.senseisho': () => err('OUT_OF_PAPER'),
        'election.record': () =>
          ok({
            result: 'RECORDED',
            vote: { ...VOTE, kind: 'kijitsumae', reason: '4' },
            voter: voter('ALREADY_VOTED'),
          }),
      },
      'kijitsumae',
    );
    await s().start();
    await s().scan('0001');
    await s().accept();
    await s().chooseReason('4');
    expect(s().screen.id).toBe('senseisho');
    expect(s().job).toBeNull();
    expect(s().notice?.key).toBe('error.outOfPaper');
    await s().handwritten();
    expect(client.inputsOf('election.record')).toEqual([
      { rollNumber: '0001', reason: '4', senseisho: 'handwritten' },
    ]);
  });

  it('back from the 宣誓書 screen returns to the voter without recording', async () => {
    const { s, client } = setup(
      {
        'election.identifyRoll': () => ok({ match: 'unique', by: 'roll-number', voter: voter('OK') }),
        'election.senseisho': () => ok({ jobId: 'PDF-8', printer: 'PDF', pageCount: 1 }),
      },
      'kijitsumae',
    );
    await s().start();
    await s().scan('0001');
    await s().accept();
    await s().chooseReason('1');
    s().back();
    expect(s().screen.id).toBe('result');
    expect(s().reason).toBeNull();
    expect(client.names()).not.toContain('election.record');
  });
});

describe('the card path', () => {
  it('a card placed while ready is identified; a wrong 照合番号B shows the tries left; the last try is confirmed', async () => {
    let reads = 0;
    const { s, client } = setup({
      'card.identify': () =>
        ok({ reader: 'Virtual PCD 00 01', tokenLabel: 'JPKIAPICCTOKEN2', retries: { pin: 3, bno: 2 } }),
      'election.identifyCard': () =>
        ++reads === 1
          ? err('WRONG_SECRET', { retriesLeft: 1 })
          : ok({
              identified: { match: 'unique', by: 'name-birth', voter: voter('OK') },
              card: { name: '髙橋　一郎', birthDateWareki: '昭和55年2月17日', address: '新潟県三条市旭町' },
            }),
    });
    await s().start();
    client.emit({ type: 'card', kind: 'card-inserted', reader: 'Virtual PCD 00 01' });
    await tick();
    expect(s().screen.id).toBe('cardBno');
    expect(s().retries).toEqual({ pin: 3, bno: 2 });
    const parts = {
      birth: { era: 'showa' as const, eraYear: 55, month: 2, day: 17 },
      expiryYear: 2035,
      securityCode: '0000',
    };
    await s().submitBno(parts);
    expect(s().screen).toEqual({ id: 'cardProblem', problem: 'lastTry' });
    expect(s().notice).toMatchObject({ key: 'election.card.wrongBno', params: { count: 1 } });
    s().confirmLastTry();
    expect(s().screen.id).toBe('cardBno');
    await s().submitBno({ ...parts, securityCode: '2285' });
    const sent = client.inputsOf('election.identifyCard');
    expect(sent[0]).toMatchObject({ confirmLastTry: false });
    expect(sent[1]).toMatchObject({ confirmLastTry: true });
    expect(s().screen.id).toBe('result');
    expect(s().identifiedBy).toBe('card');
    expect(s().cardSeen?.name).toBe('髙橋　一郎');
    expect(JSON.stringify(s())).not.toContain('2285');
  });

  it('a card that is not seated yet is identified again quietly (identify spends no try)', async () => {
    let calls = 0;
    const { s, client } = setup({
      'card.identify': () =>
        ++calls < 3
          ? err('CARD_IO')
          : ok({ reader: 'r', tokenLabel: 'JPKIAPICCTOKEN2', retries: { pin: 3, bno: 10 } }),
    });
    await s().start();
    await s().beginCard();
    expect(client.names().filter((n) => n === 'card.identify')).toHaveLength(3);
    expect(s().screen.id).toBe('cardBno');
  });

  it('the PIN instead of 照合番号B; a removed card has its own screen', async () => {
    const { s, client } = setup({
      'card.identify': () => ok({ reader: 'r', tokenLabel: 'JPKIAPICCTOKEN2', retries: { pin: 3, bno: 10 } }),
      'card.retries': () => ok({ pin: 3, bno: 10 }),
    });
    await s().start();
    await s().beginCard();
    await s().switchCardMethod('pin');
    expect(s().screen.id).toBe('cardPin');
    client.emit({ type: 'card', kind: 'card-removed', reader: 'r' });
    expect(s().screen).toEqual({ id: 'cardProblem', problem: 'removed' });
  });

  it('the reader unplugged (or the PC/SC service restarting) mid-card, and back', async () => {
    const { s, client } = setup({
      'card.identify': () => ok({ reader: 'r', tokenLabel: 'JPKIAPICCTOKEN2', retries: { pin: 3, bno: 10 } }),
    });
    await s().start();
    await s().beginCard();
    expect(s().screen.id).toBe('cardBno');
    client.emit({ type: 'card', kind: 'reader-removed', reader: 'r' });
    expect(s().screen).toEqual({ id: 'cardProblem', problem: 'noReader' });
    client.emit({ type: 'card', kind: 'reader-added', reader: 'r' });
    expect(s().screen.id).toBe('placeCard');
  });

  it('no card on the reader: the desk asks for it and goes on when it is placed', async () => {
    let present = false;
    const { s, client } = setup({
      'card.identify': () =>
        present
          ? ok({ reader: 'r', tokenLabel: 'JPKIAPICCTOKEN2', retries: { pin: 3, bno: 10 } })
          : err('NO_CARD'),
    });
    await s().start();
    await s().beginCard();
    expect(s().screen.id).toBe('placeCard');
    present = true;
    client.emit({ type: 'card', kind: 'card-inserted', reader: 'r' });
    await tick();
    expect(s().screen.id).toBe('cardBno');
  });
});

describe('undo', () => {
  it('needs the operator login and a reason; a stale token is dropped', async () => {
    let undos = 0;
    const { s, client } = setup({
      'election.identifyRoll': () =>
        ok({ match: 'unique', by: 'roll-number', voter: voter('ALREADY_VOTED') }),
      'operator.login': (input) =>
        input.pin === '2468'
          ? ok({ token: 't'.repeat(20), expiresAt: 'x' })
          : err('WRONG_OPERATOR_PIN', { retriesLeft: 4 }),
      'election.undo': () =>
        ++undos === 1 ? err('UNAUTHORIZED') : ok({ undone: { ...VOTE, undone: true }, voter: voter('OK') }),
    });
    await s().start();
    await s().scan('0002');
    const v = s().voter!;
    s().startUndo({ rollNumber: v.rollNumber, name: v.name, votes: [VOTE] });
    expect(s().screen.id).toBe('undo');
    await s().submitUndo('人違い');
    expect(client.names()).not.toContain('election.undo');
    await s().operatorLogin('1111');
    expect(s().notice?.params?.count).toBe(4);
    await s().operatorLogin('2468');
    await s().submitUndo('人違い', { terminalId: 'desk-2', seq: 3 });
    expect(s().operator).toBeNull();
    expect(s().notice?.key).toBe('election.error.operatorNeeded');
    await s().operatorLogin('2468');
    await s().submitUndo('人違い', { terminalId: 'desk-2', seq: 3 });
    expect(client.inputsOf('election.undo').at(-1)).toEqual({
      token: 't'.repeat(20),
      rollNumber: '0001',
      reason: '人違い',
      vote: { terminalId: 'desk-2', seq: 3 },
    });
    expect(s().screen.id).toBe('ready');
    expect(s().flash?.key).toBe('election.flash.undone');
  });
});

describe('marks', () => {
  it('screen ids become lower-case mark names', () => {
    expect(markName('cardProblem')).toBe('transition:election-card-problem');
  });
});
