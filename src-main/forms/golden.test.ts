/**
 * Golden images: each form rendered to PNG at 100 dpi (pdftoppm) and compared with a committed
 * reference in __golden__/, within a tolerance for rasteriser noise. A layout change shows up here.
 *
 * To create or refresh references after an intended change:
 *   UPDATE_GOLDEN=1 npx vitest run --project unit src-main/forms/golden.test.ts
 * then LOOK at every changed PNG before committing it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPersona } from '../card/emulator/personas.ts';
import { getForm, listForms } from './catalog.ts';
import { renderForms } from './render.ts';
import { residentFromPersona, sampleInputs } from './sample-data.ts';
import { pixelDifference, renderPng } from './test-pdf.ts';

const GOLDEN_DIR = fileURLToPath(new URL('./__golden__/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** Share of pixels allowed to differ clearly (grey level by more than 64 of 255); a changed name alone is ~0.1%. */
const TOLERANCE = 0.0002;

const formIds = listForms().map((f) => f.id);
const input = sampleInputs(
  formIds.map((id) => getForm(id).form),
  '2026-11-22',
);

const cases: { name: string; formId: string; persona?: string; blank?: boolean }[] = [
  ...formIds.map((formId) => ({ name: `${formId}-ordinary`, formId, persona: 'ordinary' })),
  { name: 'jumin-ido-gaiji', formId: 'jumin-ido', persona: 'gaiji' },
  { name: 'jumin-ido-long-address', formId: 'jumin-ido', persona: 'long-address' },
  { name: 'jumin-ido-blank', formId: 'jumin-ido', blank: true },
];

describe('golden images (100 dpi)', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const data = c.persona
        ? { resident: residentFromPersona(loadPersona(c.persona)), input, date: '2026-11-22' }
        : { date: '2026-11-22' };
      const r = await renderForms({ formIds: [c.formId], data, qr: true, blank: c.blank ?? false });
      const pdf = r.forms[0]!.pdf!;
      for (let page = 1; page <= r.forms[0]!.pages; page++) {
        const png = renderPng(pdf, { page, dpi: 100 });
        const file = `${GOLDEN_DIR}${c.name}${page > 1 ? `-p${page}` : ''}.png`;
        if (UPDATE) {
          mkdirSync(GOLDEN_DIR, { recursive: true });
          writeFileSync(file, png);
          continue;
        }
        expect(
          existsSync(file),
          `no reference ${file}: run UPDATE_GOLDEN=1 npx vitest run --project unit src-main/forms/golden.test.ts, look at the PNG, commit it`,
        ).toBe(true);
        const diff = pixelDifference(png, readFileSync(file));
        expect(diff.sizeMatches, `${c.name} page ${page}: image size changed`).toBe(true);
        expect(
          diff.ratio,
          `${c.name} page ${page}: ${(diff.ratio * 100).toFixed(2)}% of pixels differ`,
        ).toBeLessThanOrEqual(TOLERANCE);
      }
    });
  }

  it('notices a real change (the comparison is not blind)', async () => {
    const base = { resident: residentFromPersona(loadPersona('ordinary')), input, date: '2026-11-22' };
    const a = renderPng((await renderForms({ formIds: ['jumin-ido'], data: base })).forms[0]!.pdf!);
    const changed = { ...base, resident: { ...base.resident, name: '佐藤　次郎' } };
    const b = renderPng((await renderForms({ formIds: ['jumin-ido'], data: changed })).forms[0]!.pdf!);
    expect(pixelDifference(a, a).ratio).toBe(0);
    expect(pixelDifference(a, b).ratio).toBeGreaterThan(TOLERANCE);
  });
});
