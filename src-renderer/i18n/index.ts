/**
 * i18next set up for the kiosk. Resources are bundled (no network fetch: the kiosk may be offline).
 * Japanese-easy falls back to Japanese, everything else to English; the keys test makes sure no
 * locale needs a fallback for any key the code uses.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../src-main/contract/index.ts';
import { RESOURCES, type LocaleTree } from './resources.ts';
import { LANGUAGE_IDS, languageInfo } from './languages.ts';

/** `resources`: the core locales, or app/modes.ts's allLocales() with every mode's texts. */
export function createI18n(lng: Language = 'ja', resources: Record<Language, LocaleTree> = RESOURCES): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: {},
    lng,
    // i18next normalises codes ("ja-easy" → "ja-Easy"): fall back by both spellings.
    fallbackLng: { 'ja-easy': ['ja'], 'ja-Easy': ['ja'], default: ['en'] },
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  // Register each locale under the code i18next will look it up by.
  const code = (id: string) => instance.services.languageUtils.formatLanguageCode(id) ?? id;
  for (const id of LANGUAGE_IDS)
    instance.addResourceBundle(code(id), 'translation', resources[id], true, true);
  void instance.changeLanguage(lng);
  return instance;
}

/** Keeps <html lang> in step with the UI language (screen readers, fonts, speech). */
export function applyDocumentLanguage(lng: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = languageInfo(lng).htmlLang;
}
