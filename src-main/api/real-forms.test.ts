/**
 * The kiosk with the real forms engine (forms/ and src-main/forms/): the printed PDFs carry the
 * card data, the 個人番号 only on forms that declare it, and the 手続き案内票 lists the plan.
 * Checked with poppler's pdftotext, like the e2e run.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createFormsEngine } from '../services/forms-engine-adapter.ts';
import type { FormInputView } from '../contract/index.ts';
import { createTestKiosk, type TestKiosk } from './testing.ts';

const FORMS = new URL('../../forms/', import.meta.url).pathname;

let kiosk: TestKiosk | undefined;
afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

function pdftotext(pdf: Uint8Array): string {
  try {
    return execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(pdf) }).toString('utf8');
  } catch (e) {
    throw new Error(`pdftotext (poppler-utils) is needed for this test: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

/** A plausible value for every required input the plan's forms ask for. */
function fill(inputs: FormInputView[]): Record<string, unknown> {
  const scalar = (i: { type: string; options?: { value: string }[]; length?: number }) => {
    switch (i.type) {
      case 'phone':
        return '090-1234-5678';
      case 'date':
        return '2026-11-20';
      case 'digits':
        return '1'.repeat(i.length ?? 7);
      case 'kana':
        return 'ヤマダ　タロウ';
      case 'choice':
        return i.options![0]!.value;
      case 'boolean':
        return true;
      default:
        return '横浜市中区日本大通１－２';
    }
  };
  const out: Record<string, unknown> = {};
  for (const i of inputs) {
    if (!i.required) continue;
    if (i.type === 'list') {
      out[i.key] = [Object.fromEntries(i.columns.filter((c) => c.required).map((c) => [c.key, scalar(c)]))];
    } else out[i.key] = scalar(i);
  }
  return out;
}

async function renderPlan(
  k: TestKiosk,
  lifeEventId: string,
  answers: Record<string, unknown>,
  read: unknown,
) {
  await k.call('planner.plan', { lifeEventId, answers });
  await k.call('card.read', read);
  const { inputs } = await k.call<{ inputs: FormInputView[] }>('forms.inputs');
  const missing = await k.call<{ missing: string[] }>('forms.setInputs', { values: fill(inputs) });
  expect(missing.missing).toEqual([]);
  const t0 = performance.now();
  const preview = await k.call<{ forms: { formId: string; pdf: string }[] }>('forms.preview', {});
  const ms = performance.now() - t0;
  return {
    preview,
    ms,
    text: (id: string) => pdftotext(Buffer.from(preview.forms.find((f) => f.formId === id)!.pdf, 'base64')),
  };
}

describe('with the real forms engine', () => {
  it('moving in (照合番号B): 住民異動届 with the card data and a 手続き案内票 listing the counters', async () => {
    kiosk = await createTestKiosk({ formsEngine: createFormsEngine(FORMS) });
    const { preview, ms, text } = await renderPlan(
      kiosk,
      'moving',
      { moveType: 'tennyu', who: 'self', kokuho: false, pension: false },
      {
        method: 'bno',
        bno: {
          birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
          expiryYear: 2035,
          securityCode: '2285',
        },
      },
    );
    expect(preview.forms.map((f) => f.formId)).toEqual(['jumin-ido', 'tetsuzuki-annai']);
    const ido = text('jumin-ido').replace(/\s+/g, '');
    expect(ido).toContain('山田');
    expect(ido).not.toContain('123456789018');
    const guide = text('tetsuzuki-annai').replace(/\s+/g, '');
    expect(guide).toContain('転入届');
    expect(guide).toContain('市民課');
    // The preview reused what the last input started rendering ahead; printing reuses the
    // preview: the engine renders nothing again.
    const before = kiosk.services.forms.renderCacheStats();
    const t1 = performance.now();
    const { renderId, pageCount } = await kiosk.call<{ renderId: string; pageCount: number }>(
      'forms.render',
      {},
    );
    const printMs = performance.now() - t1;
    const after = kiosk.services.forms.renderCacheStats();
    expect(after.misses - before.misses).toBe(0);
    expect(after.hits - before.hits).toBe(2);
    console.warn(
      `[measure] preview of 2 real forms (awaiting the render-ahead): ${ms.toFixed(0)} ms; the print document from the previewed forms: ${printMs.toFixed(0)} ms`,
    );
    expect(pageCount).toBeGreaterThanOrEqual(2);
    await kiosk.call('print.submit', { renderId });
    expect(kiosk.printer.jobs[0]!.bytes).toBeGreaterThan(1000);
  });

  it('birth (PIN): the 個人番号 is printed on 児童手当 only', async () => {
    kiosk = await createTestKiosk({ formsEngine: createFormsEngine(FORMS) });
    const { preview, text } = await renderPlan(
      kiosk,
      'birth',
      { receivingAllowance: false, kokuho: true },
      { method: 'pin', pin: '1234' },
    );
    expect(preview.forms.map((f) => f.formId)).toEqual(['jido-teate', 'kokuho-ido', 'tetsuzuki-annai']);
    const digits = (s: string) => s.replace(/[^0-9]/g, '');
    expect(digits(text('jido-teate'))).toContain('123456789018');
    expect(digits(text('tetsuzuki-annai'))).not.toContain('123456789018');
  });

  it('blank forms render without a card', async () => {
    kiosk = await createTestKiosk({ formsEngine: createFormsEngine(FORMS) });
    await kiosk.call('planner.plan', {
      lifeEventId: 'certificates',
      answers: { certs: ['juminhyo', 'koseki'] },
    });
    const r = await kiosk.call<{ forms: { formId: string }[] }>('forms.render', { blank: true });
    expect(r.forms.map((f) => f.formId)).toEqual(['juminhyo-seikyu', 'koseki-seikyu', 'tetsuzuki-annai']);
  });

  it('the new address is asked once, with its postal code inside it, and both are printed', async () => {
    kiosk = await createTestKiosk({ formsEngine: createFormsEngine(FORMS) });
    await kiosk.call('planner.plan', {
      lifeEventId: 'moving',
      answers: { moveType: 'tennyu', who: 'self', kokuho: false, pension: false },
    });
    const { inputs } = await kiosk.call<{ inputs: FormInputView[] }>('forms.inputs');
    expect(inputs.map((i) => i.key)).not.toContain('newPostalCode');
    // Every label and help line comes with its translations (forms/locales/).
    expect(inputs.find((i) => i.key === 'nameKana')).toMatchObject({
      labelI18n: { en: 'Name in katakana', 'zh-Hans': expect.any(String), 'pt-BR': expect.any(String) },
      helpI18n: { ko: expect.any(String), vi: expect.any(String) },
    });
    expect(inputs.find((i) => i.key === 'newAddress')).toMatchObject({
      type: 'address',
      postalCodeKey: 'newPostalCode',
    });
    await kiosk.call('card.read', {
      method: 'bno',
      bno: {
        birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
        expiryYear: 2035,
        securityCode: '2285',
      },
    });
    const address = '東京都中央区銀座1丁目2番3号 ギンザハイツ 405';
    await kiosk.call('forms.setInputs', {
      values: { ...fill(inputs), newAddress: address, newPostalCode: '1040061' },
    });
    const preview = await kiosk.call<{ forms: { formId: string; pdf: string }[] }>('forms.preview', {});
    const printed = pdftotext(Buffer.from(preview.forms[0]!.pdf, 'base64')).replace(/\s+/g, '');
    expect(printed).toContain(address.replace(/\s+/g, ''));
    expect(printed).toContain('1040061');
  });
});
