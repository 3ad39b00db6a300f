/**
 * Fails when any locale misses a key the code uses (scanned from t('…') / tk('…') in the sources),
 * when a locale has a key the reference (ja) does not, or when a translation drops or invents an
 * interpolation variable ({{count}}, {{forms}}…).
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { LocaleTree } from './resources.ts';
import { allLocales } from '../app/modes.ts';
import { usedKeys } from './scan-keys.ts';
import { LANGUAGE_IDS } from './languages.ts';
import { createI18n } from './index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: LocaleTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Base key → its texts (one, or several plural forms). */
function byBase(flat: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of flat) {
    const base = k.replace(PLURAL, '');
    out.set(base, [...(out.get(base) ?? []), v]);
  }
  return out;
}

function vars(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

// The core locales with every mode's texts, as the page registers them.
const RESOURCES = allLocales();
const used = usedKeys(ROOT);
const reference = byBase(flatten(RESOURCES.ja));

describe('locales', () => {
  it('the scanner finds the keys of every screen', () => {
    expect(used.size).toBeGreaterThan(200);
    for (const k of [
      'attract.start',
      'card.pin.wrong',
      'bno.step.securityCode',
      'staff.stats.byWeekdayHour',
    ]) {
      expect(used.has(k), k).toBe(true);
    }
  });

  it('every language of the contract has a locale', () => {
    expect(Object.keys(RESOURCES).sort()).toEqual([...LANGUAGE_IDS].sort());
  });

  for (const lang of LANGUAGE_IDS) {
    describe(lang, () => {
      const keys = byBase(flatten(RESOURCES[lang]));

      it('is the text i18next really shows in that language', async () => {
        const i18n = createI18n(lang, RESOURCES);
        const own = flatten(RESOURCES[lang]);
        for (const key of ['attract.start', 'done.title', 'card.blankForms']) {
          expect(i18n.t(key), `${lang} ${key}`).toBe(own.get(key));
        }
        await i18n.changeLanguage('en');
        await i18n.changeLanguage(lang);
        expect(i18n.t('done.title')).toBe(own.get('done.title'));
      });

      it('has every key the code uses', () => {
        const missing = [...used.keys()].filter((k) => !keys.has(k));
        expect(missing, `missing in ${lang}: ${missing.join(', ')}`).toEqual([]);
      });

      it('has no keys the reference locale lacks', () => {
        const extra = [...keys.keys()].filter((k) => !reference.has(k));
        expect(extra, `unknown in ${lang}: ${extra.join(', ')}`).toEqual([]);
      });

      it('keeps the interpolation variables of every text', () => {
        const wrong: string[] = [];
        for (const [k, texts] of keys) {
          const ref = reference.get(k);
          if (!ref) continue;
          const want = vars(ref[0]!).filter((v) => v !== 'count');
          for (const text of texts) {
            const got = vars(text).filter((v) => v !== 'count');
            if (
              JSON.stringify(got.filter((v) => want.includes(v)).sort()) !== JSON.stringify(want) ||
              got.some((v) => !want.includes(v))
            )
              wrong.push(`${k}: ${text}`);
          }
        }
        expect(wrong).toEqual([]);
      });

      it('gives plural forms where the language needs them', () => {
        const flat = flatten(RESOURCES[lang]);
        const needsOne = lang === 'en' || lang === 'pt-BR';
        for (const k of flat.keys()) {
          if (!k.endsWith('_other')) continue;
          const base = k.slice(0, -'_other'.length);
          if (needsOne) expect(flat.has(`${base}_one`), `${lang}: ${base}_one`).toBe(true);
        }
      });
    });
  }
});
