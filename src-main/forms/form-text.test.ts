import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { log } from '../util/log.ts';
import { FORMS_DIR, listForms } from './catalog.ts';
import { FormTexts, residentTexts } from './form-text.ts';

const KANA = /[\u3040-\u30ff\u31f0-\u31ff]/u;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/u;

describe('the forms in the kiosk’s languages', () => {
  const texts = FormTexts.load(FORMS_DIR);
  const forms = listForms();

  it('translate every text a resident sees on every form into every language', () => {
    expect(forms.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const form of forms) {
      for (const { ja, en } of residentTexts(form)) {
        const t = texts.of(ja, en);
        for (const lang of ['en', 'zh-Hans', 'ko', 'vi', 'pt-BR'] as const)
          if (!t?.[lang]) problems.push(`${form.id}: 「${ja}」 has no ${lang}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('write no kana in Chinese, Korean, Vietnamese or Portuguese (Han only where Chinese writes it)', () => {
    const all = forms.flatMap((f) => residentTexts(f).map((t) => t.ja));
    for (const ja of all) {
      const t = texts.of(ja) ?? {};
      expect(t['zh-Hans'] ?? '', ja).not.toMatch(KANA);
      for (const lang of ['ko', 'vi', 'pt-BR'] as const) {
        // A quoted Japanese word the resident must find or type (「銀行」, "本人") is the exception.
        const unquoted = (t[lang] ?? '').replace(/"[^"]*"|「[^」]*」/g, '');
        expect(unquoted, `${lang}: ${ja}`).not.toMatch(KANA);
        expect(unquoted, `${lang}: ${ja}`).not.toMatch(HAN);
      }
    }
  });

  it('loses only the language of a broken locale file, and says which file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-form-text-'));
    cpSync(join(FORMS_DIR, 'locales'), join(dir, 'locales'), { recursive: true });
    writeFileSync(join(dir, 'locales', 'ko.json'), '{ "電話番号": 42 }');
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    try {
      const loaded = FormTexts.load(dir);
      expect(loaded.of('電話番号')).toMatchObject({ 'zh-Hans': '电话号码', vi: 'Số điện thoại' });
      expect(loaded.of('電話番号')?.ko).toBeUndefined();
      expect(warn).toHaveBeenCalledWith(
        'forms.texts',
        expect.objectContaining({ file: join(dir, 'locales', 'ko.json') }),
      );
    } finally {
      warn.mockRestore();
    }
  });

  it('has no translations without a locales folder, and English from the form wins', () => {
    const empty = FormTexts.load(mkdtempSync(join(tmpdir(), 'kakanai-form-text-')));
    expect(empty.of('電話番号')).toBeUndefined();
    expect(empty.of('電話番号', 'Phone')).toEqual({ en: 'Phone' });
    expect(texts.of('電話番号', 'Telephone')?.en).toBe('Telephone');
  });
});
