/**
 * i18next set up for the kiosk. Resources are bundled (no network fetch: the kiosk may be offline).
 * Japanese-easy falls back to Japanese, everything else to English; the keys test makes sure no
 * locale needs a fallback for any key the code uses.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../src-main/api/contract.ts';
import { RESOURCES } from './resources.ts';
import { LANGUAGE_IDS, languageInfo } from './languages.ts';

export function createI18n(lng: Language = 'ja'): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(Object.entries(RESOURCES).map(([k, v]) => [k, { translation: v }])),
    lng,
    supportedLngs: [...LANGUAGE_IDS],
    fallbackLng: { 'ja-easy': ['ja'], default: ['en'] },
    // 'ja-easy' and 'pt-BR' are full codes of their own, not "ja" / "pt" plus a region.
    load: 'currentOnly',
    nonExplicitSupportedLngs: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

/** Keeps <html lang> in step with the UI language (screen readers, fonts, speech). */
export function applyDocumentLanguage(lng: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = languageInfo(lng).htmlLang;
}
