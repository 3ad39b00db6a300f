import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../store/test-support.ts';
import { ElectionError } from './errors.ts';
import { ElectionService } from './service.ts';
import { BASE_ELECTION, SAMPLE_ROWS, encodeShiftJis, rollCsv, secret } from './test-support.ts';

let tmp: ReturnType<typeof tempDir>;
let svc: ElectionService;
let n = 0;

beforeAll(async () => {
  tmp = tempDir('kakanai-roll-');
  const s = secret();
  svc = await ElectionService.init(join(tmp.dir, 'roll.db'), s, {
    ...BASE_ELECTION,
    kind: 'kijitsumae',
    stationId: 'kjm',
    terminalId: 'desk-1',
  });
  s.dispose();
});
afterAll(async () => {
  await svc.close();
  tmp.cleanup();
});
beforeEach(async () => {
  svc.store.db.exec('DELETE FROM election_voters');
});

function file(content: string | Buffer): string {
  const p = join(tmp.dir, `f${n++}.csv`);
  writeFileSync(p, content);
  return p;
}

const count = () => svc.store.db.prepare('SELECT count(*) FROM election_voters').pluck().get() as number;

function errorOf(fn: () => unknown): ElectionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ElectionError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('roll import: encodings', () => {
  it('reads Shift_JIS (detected), UTF-8 with and without BOM, and forced encodings alike', async () => {
    const text = rollCsv(SAMPLE_ROWS);
    const cases: Array<[string | Buffer, 'auto' | 'utf8' | 'sjis', string]> = [
      [encodeShiftJis(text), 'auto', 'sjis'],
      [text, 'auto', 'utf8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'auto', 'utf8'],
      [encodeShiftJis(text), 'sjis', 'sjis'],
      [text, 'utf8', 'utf8'],
    ];
    for (const [content, encoding, detected] of cases) {
      svc.store.db.exec('DELETE FROM election_voters');
      const r = svc.importRoll(file(content), { encoding });
      expect(r).toMatchObject({ imported: 8, rejectedTotal: 0, encoding: detected, committed: true });
      expect(svc.identifyByRollNumber('0002')).toMatchObject({
        match: 'unique',
        voter: { name: '山﨑　花子', kana: 'ヤマサキ ハナコ', birthDate: '1985-04-01', sex: 'F' },
      });
    }
  });

  it('reads CP932 extensions (①, NEC/IBM kanji) from Shift_JIS', async () => {
    const r = svc.importRoll(
      file(encodeShiftJis(rollCsv(['0100,1,髙橋 ①,たかはし,S55.2.17,男,三条市①番地']))),
    );
    expect(r.imported).toBe(1);
    expect(svc.identifyByRollNumber('0100')).toMatchObject({
      voter: { name: '髙橋 ①', address: '三条市①番地' },
    });
  });

  it('refuses UTF-16, and bytes invalid in the chosen encoding, importing nothing', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rollCsv(SAMPLE_ROWS), 'utf16le')]);
    expect(errorOf(() => svc.importRoll(file(utf16))).code).toBe('ENCODING');
    expect(
      errorOf(() => svc.importRoll(file(encodeShiftJis(rollCsv(SAMPLE_ROWS))), { encoding: 'utf8' })).code,
    ).toBe('ENCODING');
    expect(count()).toBe(0);
  });
});

describe('roll import: validation report (line numbers as in the file)', () => {
  const bad = [
    /* 2 */ '0001,1,髙橋 一郎,たかはし いちろう,昭和55年2月17日,男,三条市',
    /* 3 */ '0002,1,山﨑 花子,やまさき はなこ,昭和55年2月30日,女,三条市',
    /* 4 */ '0003,1,渡邊 次郎,わたなべ じろう,いつか,男,三条市',
    /* 5 */ '0004,1,齋藤 さくら,さいとう さくら,H2.1.8,不明,三条市',
    /* 6 */ '0005,1,,さとう たろう,H1.1.8,男,三条市',
    /* 7 */ '0006,1,佐藤 次郎,さとう じろう,H1.1.8,男',
    /* 8 */ '0001,2,重複 太郎,ちょうふく たろう,S50.1.1,男,三条市',
    /* 9 */ '0007,1,未成年 花子,みせいねん はなこ,R2/2/24,女,三条市',
    /* 10 */ '0008,1,漢字 太郎,漢字たろう,S50.1.1,男,三条市',
    /* 11 */ '00 09!,1,記号 太郎,きごう たろう,S50.1.1,男,三条市',
    /* 12 */ '"0010","1","引用 ""符""","いんよう ふ","昭和50年1月1日","2","三条市,旭町"',
    /* 13 */ '0011,1,"改行\n入り",かいぎょう,S50.1.1,男,三条市',
    /* 15 */ '0012,1,後続 行,こうぞく,S50.1.1,女,三条市,余分',
  ];

  it('names every rejected line and why, and imports nothing', async () => {
    const r = svc.importRoll(file(rollCsv(bad)));
    expect(r.committed).toBe(false);
    expect(r.imported).toBe(0);
    expect(count()).toBe(0);
    expect(r.rejected.map((x) => [x.line, x.code])).toEqual([
      [3, 'NO_SUCH_DATE'],
      [4, 'BAD_DATE'],
      [5, 'BAD_SEX'],
      [6, 'MISSING_VALUE'],
      [7, 'COLUMN_COUNT'],
      [8, 'DUPLICATE_ROLL_NUMBER'],
      [9, 'UNDER_18'],
      [10, 'BAD_KANA'],
      [11, 'BAD_ROLL_NUMBER'],
      // A line break inside a quoted name: the line numbers stay right, and the name is refused.
      [13, 'CONTROL_CHARACTER'],
      [15, 'COLUMN_COUNT'],
    ]);
    expect(r.rejected[3]).toMatchObject({ column: '氏名', reason: '「氏名」が空です' });
    expect(r.rejected[5]!.reason).toContain('2行目');
    expect(r.rejectedTotal).toBe(11);
  });

  it('with allowRejected imports the good lines and still reports the bad ones', async () => {
    const r = svc.importRoll(file(rollCsv(bad)), { allowRejected: true });
    expect(r).toMatchObject({ committed: true, imported: 2, rejectedTotal: 11 });
    expect(svc.identifyByRollNumber('0010')).toMatchObject({
      voter: { name: '引用 "符"', address: '三条市,旭町', sex: 'F', birthDate: '1975-01-01' },
    });
    expect(svc.identifyByRollNumber('0011')).toMatchObject({ match: 'none' });
  });

  it('an 18th birthday the day after election day is eligible; two days after is not', async () => {
    // Election 2026-07-19: born 2008-07-20 turns 18 by the end of the 19th.
    const r = svc.importRoll(
      file(
        rollCsv([
          '0001,1,間に合う,まにあう,2008-07-20,男,x',
          '0002,1,間に合わない,まにあわない,2008-07-21,女,x',
        ]),
      ),
      { allowRejected: true },
    );
    expect(r.imported).toBe(1);
    expect(r.rejected).toMatchObject([{ line: 3, code: 'UNDER_18' }]);
  });
});

describe('roll import: header and mapping', () => {
  it('maps renamed columns with a MAP and ignores extra columns', async () => {
    const header = '選挙人番号,区,氏名漢字,カナ,生年月日,性別,住所,備考';
    const r = svc.importRoll(
      file(rollCsv(['A1,3,髙橋 一郎,タカハシ イチロウ,S55.2.17,男,三条市,メモ'], header)),
      {
        map: { 名簿番号: '選挙人番号', 投票区: '区', 氏名: '氏名漢字', ふりがな: 'カナ' },
      },
    );
    expect(r.imported).toBe(1);
    expect(svc.identifyByRollNumber('A1')).toMatchObject({
      voter: { district: '3', kana: 'タカハシ イチロウ' },
    });
  });

  it('accepts a roll without the optional ふりがな/住所 columns', async () => {
    const r = svc.importRoll(
      file(rollCsv(['1,1,山田 一,S55.2.17,男'], '名簿番号,投票区,氏名,生年月日,性別')),
    );
    expect(r.imported).toBe(1);
  });

  it('refuses a header without the required columns, naming them', async () => {
    const e = errorOf(() => svc.importRoll(file(rollCsv(['1,山田'], '番号,氏名'))));
    expect(e.code).toBe('BAD_HEADER');
    expect(e.details.missing).toEqual(['名簿番号', '投票区', '生年月日', '性別']);
    expect(errorOf(() => svc.importRoll(file(''))).code).toBe('BAD_HEADER');
  });

  it('refuses a second roll unless replace is asked for', async () => {
    svc.importRoll(file(rollCsv(SAMPLE_ROWS)));
    expect(errorOf(() => svc.importRoll(file(rollCsv(SAMPLE_ROWS)))).code).toBe('ROLL_EXISTS');
    const r = svc.importRoll(file(rollCsv(SAMPLE_ROWS.slice(0, 3))), { replace: true });
    expect(r.imported).toBe(3);
    expect(count()).toBe(3);
  });

  it('a failed replace leaves the old roll in place (one transaction)', async () => {
    svc.importRoll(file(rollCsv(SAMPLE_ROWS)));
    const r = svc.importRoll(file(rollCsv(['9,1,x,え,不明,男,y'])), { replace: true });
    expect(r.committed).toBe(false);
    expect(count()).toBe(8);
    expect(svc.searchByKana('たか').candidates).toHaveLength(1);
  });

  it('reports a broken quote as BAD_CSV with its line', async () => {
    const e = errorOf(() => svc.importRoll(file(rollCsv(['1,1,"unterminated,あ,S55.2.17,男,x']))));
    expect(e.code).toBe('BAD_CSV');
    expect(e.details.line).toBe(2);
  });
});
