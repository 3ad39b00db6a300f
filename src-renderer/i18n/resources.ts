/**
 * Every locale, bundled. To add a language: add a file here, list it in languages.ts, and run the
 * keys test (it names every missing key).
 */
import type { Language } from '../../src-main/contract/index.ts';
import ja from './locales/ja.ts';
import jaEasy from './locales/ja-easy.ts';
import en from './locales/en.ts';
import zhHans from './locales/zh-Hans.ts';
import ko from './locales/ko.ts';
import vi from './locales/vi.ts';
import ptBR from './locales/pt-BR.ts';

export type LocaleTree = { [key: string]: string | LocaleTree };

export const RESOURCES: Record<Language, LocaleTree> = {
  ja,
  'ja-easy': jaEasy,
  en,
  'zh-Hans': zhHans,
  ko,
  vi,
  'pt-BR': ptBR,
};
