import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../i18n/index.ts';
import { LANGUAGE_IDS } from '../../../i18n/languages.ts';
import { counterLine, counterName, counterPlace } from './counter-text.ts';
import { readFileSync } from 'node:fs';
import type { Counter } from '../../../api/types.ts';

const TAX = {
  id: 'zeimu',
  name: '税務課',
  nameEn: 'Taxation Division',
  names: { ko: '세무과' },
  location: '2階 25番窓口',
};

describe('where to go, in the resident’s language', () => {
  it('names the counter in the resident’s language beside the signposted Japanese', () => {
    expect(counterName(TAX, 'ja')).toBe('税務課');
    expect(counterName(TAX, 'en')).toBe('Taxation Division（税務課）');
    expect(counterName(TAX, 'ko')).toBe('세무과（税務課）');
    expect(counterName(TAX, 'vi')).toBe('税務課');
  });

  it('says the floor and the counter number in words of each language', () => {
    const en = createI18n('en');
    expect(counterPlace(TAX, 'en', (k, p) => en.t(k, p))).toBe('Floor 2, counter 25');
    const ja = createI18n('ja');
    expect(counterPlace(TAX, 'ja', (k, p) => ja.t(k, p))).toBe('2階 25番窓口');
    expect(counterPlace({ ...TAX, location: '本庁舎 東館' }, 'en', (k, p) => en.t(k, p))).toBe('本庁舎 東館');
    expect(counterLine(TAX, 'en', (k, p) => en.t(k, p))).toBe(
      'Taxation Division（税務課） — Floor 2, counter 25',
    );
    expect(counterLine({ ...TAX, location: undefined }, 'ja', (k, p) => ja.t(k, p))).toBe('税務課');
  });

  it('every counter of the shipped procedures has its name in all seven languages, without Japanese script outside Japanese', () => {
    const file = new URL('../../../../forms/procedures.json', import.meta.url);
    const { counters } = JSON.parse(readFileSync(file, 'utf8')) as { counters: Counter[] };
    expect(counters.length).toBeGreaterThan(0);
    for (const c of counters) {
      for (const lang of LANGUAGE_IDS) {
        const i18n = createI18n(lang);
        const shown = counterLine(c, lang, (k, p) => i18n.t(k, p));
        if (lang === 'ja' || lang === 'ja-easy') continue;
        // The Japanese name is kept beside the translation (in （）), nothing else is Japanese.
        const outside = shown.replace(/（[^）]*）/g, '');
        // (Chinese is written in Han characters too: only kana give Japanese away there.)
        const japanese = lang === 'zh-Hans' ? /[\u3040-\u30ff]/ : /[\u3040-\u30ff\u4e00-\u9fff]/;
        expect(outside, `${c.id} in ${lang}`).not.toMatch(japanese);
      }
    }
  });
});
