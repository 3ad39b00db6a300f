/**
 * Adapts the forms engine (src-main/forms/: catalog + renderForms) to the FormsService's
 * FormsEngine interface: session data → the engine's `{ resident, input }`, the plan → the
 * 手続き案内票's rows, and FormError → the contract's error codes (no resident data in messages).
 */
import { fail } from '../contract/errors.ts';
import type { ApiErrorCode, Plan } from '../contract/index.ts';
import { getCatalog } from '../forms/catalog.ts';
import { FormError } from '../forms/errors.ts';
import { FormTexts } from '../forms/form-text.ts';
import { renderForms } from '../forms/render.ts';
import type { FormDefinition } from '../forms/schema.ts';
import { log } from '../util/log.ts';
import { GUIDE_FORM_ID, type EngineRenderRequest, type FormsEngine } from './forms-service.ts';

/** Every valid forms/<id>/form.json (a broken one is left out and logged with its file). */
export function readFormCatalog(formsDir: string): FormDefinition[] {
  const catalog = getCatalog(formsDir);
  const out: FormDefinition[] = [];
  for (const entry of catalog.entries.values()) {
    if (entry.form) out.push(entry.form);
    else log.warn('forms.render', { file: entry.file, invalid: entry.error?.message.slice(0, 300) });
  }
  return out;
}

/** The guide's table has 7 rows: longer plans end with a "more at the counter" row. */
const GUIDE_ROWS = 7;

const clip = (s: string, max: number) => ([...s].length <= max ? s : `${[...s].slice(0, max - 1).join('')}…`);

/** input.plan rows of the 手続き案内票: 手続き · 窓口 (name and place) · 持ち物. */
export function guideRows(plan: Plan): { procedure: string; counter: string; bring: string }[] {
  const rows = plan.procedures.map((p) => ({
    procedure: clip(p.title.ja, 60),
    counter: clip([p.counter.name, p.counter.location].filter(Boolean).join(' '), 60),
    bring: clip(p.bring.map((b) => b.ja).join('、'), 300),
  }));
  if (rows.length <= GUIDE_ROWS) return rows;
  const rest = rows.length - (GUIDE_ROWS - 1);
  return [
    ...rows.slice(0, GUIDE_ROWS - 1),
    { procedure: `ほか${rest}件`, counter: '総合案内', bring: '窓口でご案内します' },
  ];
}

const CODE_MAP: Partial<Record<string, ApiErrorCode>> = {
  UNKNOWN_FORM: 'FORM_NOT_FOUND',
  MISSING_VALUE: 'MISSING_VALUE',
  OVERFLOW: 'OVERFLOW',
  INVALID_INPUT: 'INVALID_INPUT',
  UNKNOWN_CHOICE: 'INVALID_INPUT',
};

const JA: Partial<Record<ApiErrorCode, string>> = {
  FORM_NOT_FOUND: '書類の様式が見つかりません。職員にお知らせください。',
  MISSING_VALUE: 'まだ入力されていない項目があります。',
  OVERFLOW: '入力が長すぎて書類の欄に入りません。短くするか、職員にお知らせください。',
  INVALID_INPUT: '入力の内容が正しくありません。',
};

function mapFormError(e: FormError): Error {
  const code = CODE_MAP[e.code] ?? 'FORM_ERROR';
  return fail(code, e.message, JA[code] ?? '書類を作成できませんでした。職員にお知らせください。', {
    ...(e.details.field ? { field: e.details.field } : {}),
    details: { engineCode: e.code, ...(e.details.form ? { form: e.details.form } : {}) },
  });
}

export function createFormsEngine(formsDir: string): FormsEngine {
  return {
    list: async () => readFormCatalog(formsDir),
    texts: () => FormTexts.load(formsDir),
    render: async (req: EngineRenderRequest) => {
      const input: Record<string, unknown> = { ...req.inputs };
      if (req.plan && req.formIds.includes(GUIDE_FORM_ID)) input.plan = guideRows(req.plan);
      const kana = req.inputs.nameKana;
      const r = req.resident;
      const data = {
        resident: r
          ? {
              name: r.name,
              address: r.address,
              birthDate: r.birthDate,
              sex: r.sex === 'other' ? 'unspecified' : r.sex,
              ...(r.myNumber !== undefined ? { myNumber: r.myNumber } : {}),
              ...(typeof kana === 'string' && kana !== '' ? { nameKana: kana } : {}),
            }
          : {},
        input,
      };
      try {
        const result = await renderForms({
          formIds: req.formIds,
          data,
          blank: req.blank,
          ...(req.qr ? { qr: true } : {}),
          formsDir,
          // A 外字 the fonts lack prints as 〓 (the clerk corrects it) instead of stopping the resident.
          missingGlyph: 'warn',
        });
        for (const w of result.warnings)
          log.warn('forms.render', { code: w.code, form: w.form, field: w.field });
        return {
          forms: result.forms.map((f) => ({ formId: f.id, title: f.title, pdf: f.pdf!, pageCount: f.pages })),
        };
      } catch (e) {
        throw e instanceof FormError ? mapFormError(e) : e;
      }
    },
  };
}
