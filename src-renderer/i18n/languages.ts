/**
 * The UI languages, each named in its own language (a resident who reads no Japanese must find
 * theirs), and what the browser needs to know about it (html lang, speech voice).
 */
import type { Language } from '../../src-main/contract/index.ts';

export interface LanguageInfo {
  id: Language;
  /** The language's own name. */
  native: string;
  /** BCP 47 tag for <html lang> and speechSynthesis. */
  htmlLang: string;
}

export const LANGUAGE_INFO: readonly LanguageInfo[] = [
  { id: 'ja', native: '日本語', htmlLang: 'ja' },
  { id: 'ja-easy', native: 'やさしい にほんご', htmlLang: 'ja' },
  { id: 'en', native: 'English', htmlLang: 'en' },
  { id: 'zh-Hans', native: '简体中文', htmlLang: 'zh-Hans' },
  { id: 'ko', native: '한국어', htmlLang: 'ko' },
  { id: 'vi', native: 'Tiếng Việt', htmlLang: 'vi' },
  { id: 'pt-BR', native: 'Português (Brasil)', htmlLang: 'pt-BR' },
];

export const LANGUAGE_IDS: readonly Language[] = LANGUAGE_INFO.map((l) => l.id);

export function languageInfo(id: Language): LanguageInfo {
  return LANGUAGE_INFO.find((l) => l.id === id) ?? LANGUAGE_INFO[0]!;
}
