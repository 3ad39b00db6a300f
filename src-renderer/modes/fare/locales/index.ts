/** The fare terminal's texts in every language, registered under the `fare` key (t('fare.…')). */
import type { Language } from '../../../api/types.ts';
import type { LocaleTree } from '../../../i18n/resources.ts';
import ja from './ja.ts';
import jaEasy from './ja-easy.ts';
import en from './en.ts';
import zhHans from './zh-Hans.ts';
import ko from './ko.ts';
import vi from './vi.ts';
import ptBR from './pt-BR.ts';

export const FARE_LOCALES: Record<Language, LocaleTree> = {
  ja,
  'ja-easy': jaEasy,
  en,
  'zh-Hans': zhHans,
  ko,
  vi,
  'pt-BR': ptBR,
};
