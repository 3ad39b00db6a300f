/**
 * The shipped forms/procedures.json speaks every UI language. The schema itself only requires `ja`
 * (staff may add a life event in Japanese first; the kiosk then falls back to English or Japanese),
 * but the file we ship must not leave a resident who chose 中文, 한국어, Tiếng Việt or Português
 * reading English. A failure names the field the way ProceduresError does, e.g.
 * `lifeEvents.2.procedures.1.bring.0: no "vi" (健康保険の資格確認書または資格情報のお知らせ)`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LANGUAGES, localizedTextSchema } from '../../contract/index.ts';
import { proceduresFileSchema } from './procedures-schema.ts';

const FILE = new URL('../../../forms/procedures.json', import.meta.url).pathname;
const shipped: unknown = JSON.parse(readFileSync(FILE, 'utf8'));

type Path = (string | number)[];
interface Found {
  path: string;
  value: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every value the schema types as LocalizedText, found by walking the schema alongside the data. */
function localizedTexts(schema: z.ZodType, value: unknown, path: Path = [], out: Found[] = []): Found[] {
  if (value === undefined) return out;
  if (schema === localizedTextSchema) {
    out.push({ path: path.join('.'), value });
  } else if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodLazy
  ) {
    localizedTexts(schema.unwrap() as z.ZodType, value, path, out);
  } else if (schema instanceof z.ZodObject) {
    if (isRecord(value))
      for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>))
        localizedTexts(field, value[key], [...path, key], out);
  } else if (schema instanceof z.ZodArray) {
    if (Array.isArray(value))
      value.forEach((item, i) => localizedTexts(schema.element as z.ZodType, item, [...path, i], out));
  } else if (schema instanceof z.ZodUnion) {
    const option = (schema.options as readonly z.ZodType[]).find((o) => o.safeParse(value).success);
    if (option) localizedTexts(option, value, path, out);
  }
  return out;
}

/** Every object whose keys are all language ids: what a LocalizedText looks like, wherever it is. */
function languageObjects(value: unknown, path: Path = [], out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v, i) => languageObjects(v, [...path, i], out));
  else if (isRecord(value)) {
    const keys = Object.keys(value);
    // A counter's `names` is keyed by language too, but holds only the languages beyond its `name`
    // (ja) and `nameEn`; the counter test in the renderer checks it has them all.
    if (path.at(-1) === 'names') return out;
    if (keys.length > 0 && keys.every((k) => (LANGUAGES as readonly string[]).includes(k)))
      out.push(path.join('.'));
    else for (const k of keys) languageObjects(value[k], [...path, k], out);
  }
  return out;
}

const placeholders = (s: string) => (s.match(/\{\{\s*[\w.]+\s*\}\}/g) ?? []).sort();

/** What keeps a text from reading well in every language, one line per problem. */
function languageProblems(file: unknown): string[] {
  const problems: string[] = [];
  for (const { path, value } of localizedTexts(proceduresFileSchema, file)) {
    const text = isRecord(value) ? value : {};
    const ja = typeof text.ja === 'string' ? text.ja : '';
    for (const lang of LANGUAGES) {
      const s = text[lang];
      if (typeof s !== 'string') problems.push(`${path}: no "${lang}" (${ja})`);
      else if (s.trim() === '') problems.push(`${path}: "${lang}" is empty (${ja})`);
      else if (placeholders(s).join() !== placeholders(ja).join())
        problems.push(
          `${path}: "${lang}" has placeholders ${placeholders(s).join() || 'none'}, ja has ${placeholders(ja).join() || 'none'}`,
        );
    }
  }
  return problems;
}

describe('forms/procedures.json languages', () => {
  it('the schema walk finds every text in the file', () => {
    const found = localizedTexts(proceduresFileSchema, shipped).map((t) => t.path);
    expect(found.length).toBeGreaterThan(100);
    expect([...found].sort()).toEqual(languageObjects(shipped).sort());
  });

  it(`every text has all of ${LANGUAGES.join(', ')}, none empty`, () => {
    expect(languageProblems(shipped)).toEqual([]);
  });

  it('a missing or empty language is reported with the path of its text', () => {
    const broken = structuredClone(shipped) as {
      lifeEvents: { title: Record<string, string>; procedures: { bring: Record<string, string>[] }[] }[];
    };
    delete broken.lifeEvents[0]!.title.ko;
    broken.lifeEvents[1]!.procedures[0]!.bring[0]!.vi = ' ';
    expect(languageProblems(broken)).toEqual([
      `lifeEvents.0.title: no "ko" (${broken.lifeEvents[0]!.title.ja})`,
      `lifeEvents.1.procedures.0.bring.0: "vi" is empty (${broken.lifeEvents[1]!.procedures[0]!.bring[0]!.ja})`,
    ]);
  });
});
