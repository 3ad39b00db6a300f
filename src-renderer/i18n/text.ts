/**
 * Text that comes from data files (procedures.json, form definitions): Japanese always, other
 * languages when staff wrote them. For a resident who reads little Japanese we show their language
 * when we have it; the Japanese original stays visible where it names something printed on a form.
 */
import type { Language, LocalizedText } from '../../src-main/contract/index.ts';
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

/** A form title (always Japanese) with its English title for non-Japanese languages. */
export function formTitle(
  form: { title: string; titleEn?: string | undefined },
  lang: Language,
): {
  main: string;
  sub: string | null;
} {
  if (lang === 'ja' || lang === 'ja-easy' || !form.titleEn) return { main: form.title, sub: null };
  return { main: form.title, sub: form.titleEn };
}

/** A label from a form definition (Japanese, optional English). */
export function inputLabel(input: { label: string; labelEn?: string | undefined }, lang: Language): string {
  if (lang === 'ja' || lang === 'ja-easy' || !input.labelEn) return input.label;
  return input.labelEn;
}

/** Items as a sentence in the resident's language: 「A、B」 in Japanese, "A, B, and C" in English. */
export function listText(items: readonly string[], lang: Language): string {
  return new Intl.ListFormat(languageInfo(lang).htmlLang, { type: 'conjunction' }).format(items);
}
