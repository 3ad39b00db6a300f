/**
 * The roster reader with a roster that is not the voter roll: a shelter's household list
 * (世帯番号,氏名,ふりがな,生年月日,性別,住所,続柄), in Shift_JIS and UTF-8, with a column map,
 * line-numbered rejects from the reader and from the caller, and the file-level errors.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../store/test-support.ts';
import { parseBirthDate } from './birth-date.ts';
import { RosterError } from './errors.ts';
import { normalizeId } from './normalize.ts';
import { columnMapSchema, readRoster, showValue, type LineVerdict } from './read.ts';
import { encodeShiftJis } from './test-support.ts';

const FIELDS = ['世帯番号', '氏名', 'ふりがな', '生年月日', '性別', '住所', '続柄'] as const;
type Field = (typeof FIELDS)[number];
const HOUSEHOLDS = { fields: FIELDS, required: ['世帯番号', '氏名', '生年月日'] } as const;
const HEADER = FIELDS.join(',');

let tmp: ReturnType<typeof tempDir>;
let n = 0;
beforeAll(() => (tmp = tempDir('kakanai-roster-')));
afterAll(() => tmp.cleanup());

function file(content: string | Buffer): string {
  const path = join(tmp.dir, `list-${++n}.csv`);
  writeFileSync(path, content);
  return path;
}

interface Person {
  household: string;
  name: string;
  birth: string;
  line: number;
}

/** The caller's part: parse a line into a person, or say why not. */
function collect(
  path: string,
  opts: Parameters<typeof readRoster<Field, 'BAD_DATE' | 'NO_SUCH_DATE'>>[2] = {},
) {
  const people: Person[] = [];
  const report = readRoster(
    path,
    HOUSEHOLDS,
    opts,
    (get, line): LineVerdict<'BAD_DATE' | 'NO_SUCH_DATE', Field> => {
      const birth = parseBirthDate(get('生年月日'));
      if (!birth.ok)
        return {
          code: birth.reason,
          reason: `生年月日を読み取れません: ${showValue(get('生年月日'))}`,
          column: '生年月日',
        };
      people.push({ household: normalizeId(get('世帯番号')), name: get('氏名'), birth: birth.iso, line });
      return undefined;
    },
  );
  return { people, report };
}

const ROWS = [
  '０１２３,三条 太郎,さんじょう たろう,昭和40年4月1日,男,新潟県三条市旭町1-1,世帯主',
  '0123,三条 花子,さんじょう はなこ,S42.5.5,女,新潟県三条市旭町1-1,妻',
  '0124,髙橋 一郎,たかはし いちろう,1950-02-30,男,新潟県三条市東裏館2-2,世帯主',
  '0125,,,H1.1.8,女,,',
  '0126,佐藤 ヨシ,さとう よし,大正14年5月5日,女,新潟県三条市東裏館3-3',
];

describe('readRoster', () => {
  it('reads a household list in Shift_JIS (detected) and UTF-8 alike, rejecting lines by number', () => {
    const text = [HEADER, ...ROWS].join('\r\n') + '\r\n';
    for (const content of [encodeShiftJis(text), Buffer.from(`\uFEFF${text}`, 'utf8')]) {
      const { people, report } = collect(file(content));
      expect(report).toMatchObject({
        records: 5,
        rejectedTotal: 3,
        encoding: content[0] === 0xef ? 'utf8' : 'sjis',
      });
      expect(people.map((p) => [p.line, p.household, p.birth])).toEqual([
        [2, '0123', '1965-04-01'],
        [3, '0123', '1967-05-05'],
      ]);
      expect(report.rejected).toEqual([
        {
          line: 4,
          code: 'NO_SUCH_DATE',
          reason: '生年月日を読み取れません: "1950-02-30"',
          column: '生年月日',
        },
        { line: 5, code: 'MISSING_VALUE', reason: '「氏名」が空です', column: '氏名' },
        { line: 6, code: 'COLUMN_COUNT', reason: '列の数が見出し行と違います（6 / 7）' },
      ]);
      expect(report.digest).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('rejects control and bidi characters and over-long values, with the line, escaped in the report', () => {
    const rows = [
      '0200,三条\u0000太郎,さんじょう たろう,昭和40年4月1日,男,新潟県三条市旭町1-1,世帯主',
      '0201,\u202Eウロタ 条三,さんじょう たろう,昭和40年4月1日,男,新潟県三条市旭町1-1,世帯主',
      '0202,三条 \u001B[31m太郎,さんじょう たろう,昭和40年4月1日,男,新潟県三条市旭町1-1,世帯主',
      `0203,三条 太郎,さんじょう たろう,昭和40年4月1日,男,新潟県三条市${'旭町'.repeat(200)},世帯主`,
      '0204,三条 次郎,さんじょう じろう,昭和41年4月1日,男,新潟県三条市旭町1-1,子',
    ];
    const { people, report } = collect(file(Buffer.from([HEADER, ...rows].join('\n'), 'utf8')));
    expect(people.map((p) => p.line)).toEqual([6]);
    expect(report.rejected.map((r) => [r.line, r.code, r.column])).toEqual([
      [2, 'CONTROL_CHARACTER', '氏名'],
      [3, 'CONTROL_CHARACTER', '氏名'],
      [4, 'CONTROL_CHARACTER', '氏名'],
      [5, 'TOO_LONG', '住所'],
    ]);
    // What reaches the operator's terminal carries no raw control or bidi character.
    for (const r of report.rejected)
      // eslint-disable-next-line no-control-regex -- looking for control characters
      expect(r.reason).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E]/);
    expect(report.rejected[1]!.reason).toContain('\\u202e');
  });

  it('finds renamed columns through a column map, and a missing one by name', () => {
    const header = '世帯,名前,よみ,誕生日,性別,住所,続柄';
    const path = file([header, ROWS[1]].join('\n'));
    const map = columnMapSchema(FIELDS).parse({
      世帯番号: '世帯',
      氏名: '名前',
      ふりがな: 'よみ',
      生年月日: '誕生日',
    });
    expect(collect(path, { map }).people).toHaveLength(1);
    const err = (() => {
      try {
        collect(path);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(RosterError);
    expect(err).toMatchObject({ code: 'BAD_HEADER', details: { missing: ['世帯番号', '氏名', '生年月日'] } });
    expect(columnMapSchema(FIELDS).safeParse({ 氏名: 'A', 住所: 'A' }).success).toBe(false);
    expect(columnMapSchema(FIELDS).safeParse({ 名前: 'A' }).success).toBe(false);
  });

  it('refuses a file it cannot read as a whole: empty, broken quotes (with the line), UTF-16, bad bytes', () => {
    const codeOf = (content: string | Buffer, opts = {}) => {
      try {
        collect(file(content), opts);
        return 'read';
      } catch (e) {
        return e instanceof RosterError
          ? `${e.code}${e.details.line ? `@${String(e.details.line)}` : ''}`
          : String(e);
      }
    };
    expect(codeOf('')).toBe('EMPTY');
    expect(codeOf(`${HEADER}\n${ROWS[1]}\n0127,"unclosed,x,S1.1.1,男,a,b\n`)).toBe('BAD_CSV@3');
    expect(codeOf(Buffer.from(`\uFEFF${HEADER}`, 'utf16le'))).toBe('ENCODING');
    expect(codeOf(encodeShiftJis(`${HEADER}\n${ROWS[1]}\n`), { encoding: 'utf8' })).toBe('ENCODING');
  });
});
