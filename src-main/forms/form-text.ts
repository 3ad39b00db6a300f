/**
 * The resident-facing words of the form definitions in the kiosk's other languages: input labels,
 * help lines, choice labels and form titles. One file per language in `forms/locales/<lang>.json`,
 * each mapping the Japanese text (as written in form.json) to its translation — the same label in
 * eleven forms (電話番号) is translated once. English may also come from form.json's `labelEn` /
 * `titleEn`, which wins. The forms themselves always print in Japanese.
 *
 * A broken locale file loses only that language (logged with its file and the reason); the
 * Japanese text is then shown, as before.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { log } from '../util/log.ts';

export const FORM_TEXT_LANGUAGES = ['ja-easy', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR'] as const;
export type FormTextLanguage = (typeof FORM_TEXT_LANGUAGES)[number];
/** A text in the languages it has been translated into (Japanese is the text itself). */
export type Translations = Partial<Record<FormTextLanguage, string>>;

const localeFileSchema = z.record(z.string().min(1), z.string().min(1).max(1000));

export class FormTexts {
  private constructor(private readonly byLanguage: Map<FormTextLanguage, Map<string, string>>) {}

  static readonly none = new FormTexts(new Map());

  /** Reads `<formsDir>/locales/*.json`; a missing folder means no translations. */
  static load(formsDir: string): FormTexts {
    const out = new Map<FormTextLanguage, Map<string, string>>();
    for (const lang of FORM_TEXT_LANGUAGES) {
      const file = join(formsDir, 'locales', `${lang}.json`);
      if (!existsSync(file)) continue;
      try {
        const parsed = localeFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new Error(`${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
        }
        out.set(lang, new Map(Object.entries(parsed.data)));
      } catch (e) {
        log.warn('forms.texts', { file, invalid: (e as Error).message.slice(0, 300) });
      }
    }
    return new FormTexts(out);
  }

  /** The translations of one Japanese text; `en` given by the form (labelEn/titleEn) wins. */
  of(ja: string, en?: string): Translations | undefined {
    const t: Translations = {};
    for (const [lang, map] of this.byLanguage) {
      const v = map.get(ja);
      if (v !== undefined) t[lang] = v;
    }
    if (en) t.en = en;
    return Object.keys(t).length > 0 ? t : undefined;
  }
}

interface Labelled {
  label: string;
  labelEn?: string | undefined;
  help?: string | undefined;
  options?: ReadonlyArray<{ label: string; labelEn?: string | undefined }> | undefined;
}

/**
 * Every text of a form a resident may see — title, input and column labels, help, choice labels —
 * each with the English the form itself gives (labelEn/titleEn), if any.
 */
export function residentTexts(form: {
  title: string;
  titleEn?: string | undefined;
  inputs: ReadonlyArray<Labelled & { columns?: ReadonlyArray<Labelled> }>;
}): Array<{ ja: string; en?: string | undefined }> {
  const out: Array<{ ja: string; en?: string | undefined }> = [{ ja: form.title, en: form.titleEn }];
  const add = (i: Labelled) => {
    out.push({ ja: i.label, en: i.labelEn });
    if (i.help) out.push({ ja: i.help });
    for (const o of i.options ?? []) out.push({ ja: o.label, en: o.labelEn });
  };
  for (const i of form.inputs) {
    add(i);
    for (const c of i.columns ?? []) add(c);
  }
  return out;
}
