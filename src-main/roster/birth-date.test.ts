import { describe, expect, it } from 'vitest';
import { ERAS, formatWareki } from '../util/wareki.ts';
import { parseBirthDate, parseSex } from './birth-date.ts';
import { prng } from '../../test/helpers/prng.ts';

describe('birth dates', () => {
  it.each([
    ['1980-02-17', '1980-02-17'],
    ['1980/2/17', '1980-02-17'],
    ['1980.2.17', '1980-02-17'],
    ['1980年2月17日', '1980-02-17'],
    ['19800217', '1980-02-17'],
    ['１９８０年２月１７日', '1980-02-17'],
    ['昭和55年2月17日', '1980-02-17'],
    ['昭和５５年２月１７日', '1980-02-17'],
    ['昭55.2.17', '1980-02-17'],
    ['S55.2.17', '1980-02-17'],
    ['s55/2/17', '1980-02-17'],
    ['Ｓ５５．２．１７', '1980-02-17'],
    ['R2/2/24', '2020-02-24'],
    ['令和2年2月24日', '2020-02-24'],
    ['令和元年5月1日', '2019-05-01'],
    ['平成元年1月8日', '1989-01-08'],
    ['H1-1-8', '1989-01-08'],
    ['昭和元年12月25日', '1926-12-25'],
    ['大正14年5月5日', '1925-05-05'],
    ['明治45年7月29日', '1912-07-29'],
    ['M45.7.29', '1912-07-29'],
    ['3550217', '1980-02-17'],
    ['4010108', '1989-01-08'],
    [' 昭和 55年 2月 17日 ', '1980-02-17'],
  ])('%s → %s', (input, iso) => {
    expect(parseBirthDate(input)).toEqual({ ok: true, iso });
  });

  it.each([
    ['1980-02-30', 'NO_SUCH_DATE'],
    ['昭和64年2月1日', 'NO_SUCH_DATE'],
    ['平成31年5月1日', 'NO_SUCH_DATE'],
    ['令和元年4月30日', 'NO_SUCH_DATE'],
    ['H1.1.7', 'NO_SUCH_DATE'],
    ['S55.13.1', 'NO_SUCH_DATE'],
    ['', 'BAD_DATE'],
    ['不明', 'BAD_DATE'],
    ['X55.2.17', 'BAD_DATE'],
    ['1980-2', 'BAD_DATE'],
    ['6010101', 'BAD_DATE'],
  ])('%s is refused as %s', (input, reason) => {
    expect(parseBirthDate(input)).toEqual({ ok: false, reason });
  });

  it('reads back every 和暦 rendering of a date (property)', () => {
    const rnd = prng(3);
    for (let i = 0; i < 400; i++) {
      const t = Date.UTC(1900, 0, 1) + Math.floor(rnd() * 110 * 365.25) * 86_400_000;
      const iso = new Date(t).toISOString().slice(0, 10);
      expect(parseBirthDate(iso)).toEqual({ ok: true, iso });
      expect(parseBirthDate(formatWareki(iso))).toEqual({ ok: true, iso });
      expect(parseBirthDate(formatWareki(iso, { gannen: true }))).toEqual({ ok: true, iso });
      const w = formatWareki(iso).match(/^(..)(\d+)年(\d+)月(\d+)日$/)!;
      const era = ERAS.find((e) => e.name === w[1])!;
      expect(parseBirthDate(`${era.letter}${w[2]}.${w[3]}.${w[4]}`)).toEqual({ ok: true, iso });
    }
  });
});

describe('sex', () => {
  it.each([
    ['男', 'M'],
    ['男性', 'M'],
    ['1', 'M'],
    ['１', 'M'],
    ['m', 'M'],
    ['女', 'F'],
    ['女性', 'F'],
    ['2', 'F'],
    ['F', 'F'],
  ])('%s → %s', (input, sex) => expect(parseSex(input)).toBe(sex));

  it.each(['', '3', 'X', '不明'])('%s is refused', (input) => expect(parseSex(input)).toBeUndefined());
});
