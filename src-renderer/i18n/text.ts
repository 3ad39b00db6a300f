/**
 * Text that comes from data files (procedures.json, form definitions): Japanese always, other
 * languages when staff wrote them. For a resident who reads little Japanese we show their language
 * when we have it; the Japanese original stays visible where it names something printed on a form.
 */
import type { Language, LocalizedText, Translations } from '../../src-main/contract/index.ts';
import { languageInfo } from './languages.ts';

export function pickText(text: LocalizedText | undefined, lang: Language): string {
  if (!text) return '';
  const own = text[lang];
  if (own) return own;
  if (lang === 'ja-easy') return text.ja;
  if (lang === 'ja') return text.ja;
  return text.en ?? text.ja;
}

/** The Japanese original to show beside a translation, or null when it would repeat the same text. */
export function japaneseAlongside(text: LocalizedText | undefined, lang: Language): string | null {
  if (!text || lang === 'ja' || lang === 'ja-easy') return null;
  return pickText(text, lang) === text.ja ? null : text.ja;
}

/** A form definition's text in the resident's language: its translation, else the Japanese. */
function formText(ja: string, lang: Language, i18n?: Translations, en?: string): string {
  if (lang === 'ja') return ja;
  return i18n?.[lang] ?? (lang === 'en' ? en : undefined) ?? ja;
}

/**
 * A form title: the official Japanese name (what the counter and the paper say) with its
 * translation beside it for other languages.
 */
export function formTitle(
  form: { title: string; titleEn?: string | undefined; titleI18n?: Translations | undefined },
  lang: Language,
): {
  main: string;
  sub: string | null;
} {
  const translated = formText(form.title, lang, form.titleI18n, form.titleEn);
  if (lang === 'ja' || lang === 'ja-easy' || translated === form.title)
    return { main: form.title, sub: null };
  return { main: form.title, sub: translated };
}

/** A label from a form definition (an input, a column, a choice) in the resident's language. */
export function inputLabel(
  input: { label: string; labelEn?: string | undefined; labelI18n?: Translations | undefined },
  lang: Language,
): string {
  return formText(input.label, lang, input.labelI18n, input.labelEn);
}

/** An input's help line in the resident's language (undefined when it has none). */
export function inputHelp(
  input: { help?: string | undefined; helpI18n?: Translations | undefined },
  lang: Language,
): string | undefined {
  return input.help === undefined ? undefined : formText(input.help, lang, input.helpI18n);
}

/** Items as a sentence in the resident's language: 「A、B」 in Japanese, "A, B, and C" in English. */
export function listText(items: readonly string[], lang: Language): string {
  return new Intl.ListFormat(languageInfo(lang).htmlLang, { type: 'conjunction' }).format(items);
}
