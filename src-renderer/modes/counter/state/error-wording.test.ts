/**
 * Every error the counter can show a resident, in every language: a sentence in that language
 * that says what to do — never an error code, a field key or the service's English text.
 */
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES } from '../../../../src-main/contract/error-codes.ts';
import type { ApiError } from '../../../api/types.ts';
import { createI18n } from '../../../i18n/index.ts';
import { LANGUAGE_IDS } from '../../../i18n/languages.ts';
import { errorNotice, noticeText } from '../../../kit/notice.ts';
import { ERROR_KEYS } from './kiosk-store.ts';

/** What a failing call looks like: the service's own (English/Japanese) text with a field key. */
function failure(code: ApiError['code']): ApiError {
  return {
    code,
    message: `Input "phone": expected a phone number (${code}).`,
    messageJa: `入力 "phone" の形式が違います（${code}）。`,
    field: 'input.phone',
    retriesLeft: 2,
  } as ApiError;
}

const english = createI18n('en');
const inEnglish = (code: ApiError['code']) =>
  noticeText(errorNotice(failure(code), ERROR_KEYS), (k, p) => english.t(k, p), {
    staff: false,
    japanese: false,
  }).text;

/** Only a clerk meets it (the settings screen names the setting). */
const STAFF_ONLY = new Set<ApiError['code']>(['CONFIG_INVALID']);

describe.each(LANGUAGE_IDS)('errors a resident reads in %s', (lang) => {
  const i18n = createI18n(lang);
  const japanese = lang === 'ja' || lang === 'ja-easy';
  const t = (k: string, p: Record<string, string | number>) => i18n.t(k, p);

  it.each(API_ERROR_CODES.filter((c) => !STAFF_ONLY.has(c)))('%s', (code) => {
    const shown = noticeText(errorNotice(failure(code), ERROR_KEYS), t, { staff: false, japanese });
    expect(shown.code).toBeUndefined();
    expect(shown.text.trim().length).toBeGreaterThan(3);
    expect(shown.text).not.toContain(code);
    expect(shown.text).not.toMatch(/\b[A-Z]{2,}_[A-Z_]+\b/);
    expect(shown.text).not.toMatch(/phone|input\.|\{\{/);
    if (lang !== 'en') expect(shown.text).not.toBe(inEnglish(code));
    // Scripts without Latin letters: no English word slipped in.
    if (['ja', 'ja-easy', 'ko', 'zh-Hans'].includes(lang)) expect(shown.text).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('staff see the code and, where the screen has no sentence of its own, the service text', () => {
    const staff = noticeText(errorNotice(failure('FORM_ERROR'), ERROR_KEYS), t, { staff: true, japanese });
    expect(staff.code).toBe('FORM_ERROR');
    expect(staff.text).toContain(japanese ? '入力 "phone"' : 'Input "phone"');
  });
});
