import { describe, expect, it } from 'vitest';
import { getForm } from '../forms/catalog.ts';
import { FormsService, type EngineRenderRequest, type FormsEngine } from './forms-service.ts';

/** An engine that counts what it renders (one byte per form: the render's number). */
function countingEngine(): FormsEngine & { rendered: string[][] } {
  const rendered: string[][] = [];
  return {
    rendered,
    list: async () => [getForm('jumin-ido').form],
    render: async (req) => {
      rendered.push(req.formIds);
      return {
        forms: req.formIds.map((formId) => ({
          formId,
          title: formId,
          pdf: Uint8Array.from([rendered.length]),
          pageCount: 1,
        })),
      };
    },
  };
}

const REQUEST: EngineRenderRequest = {
  formIds: ['jumin-ido'],
  inputs: { phone: '03-1234-5678' },
  blank: false,
};
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('forms service render reuse', () => {
  it('a render ahead is reused by the preview; a reload of the definitions or a wipe renders again', async () => {
    const engine = countingEngine();
    const forms = new FormsService(engine, { today: () => '2026-12-06' });
    await forms.load();
    forms.renderAhead(REQUEST);
    await until(() => engine.rendered.length === 1);
    const preview = await forms.preview(REQUEST, 'pdf', 100);
    expect(engine.rendered).toEqual([['jumin-ido']]);
    expect(Buffer.from(preview[0]!.pdf!, 'base64')).toEqual(Buffer.from([1]));
    // Staff edited forms/: the old renders must not be printed.
    await forms.load();
    await forms.preview(REQUEST, 'pdf', 100);
    expect(engine.rendered).toHaveLength(2);
    forms.forgetRenders();
    await forms.preview(REQUEST, 'pdf', 100);
    expect(engine.rendered).toHaveLength(3);
  });

  it('a render ahead that fails is logged, not kept: the preview renders and reports for itself', async () => {
    const engine = countingEngine();
    const forms = new FormsService(engine, { today: () => '2026-12-06' });
    await forms.load();
    forms.renderAhead({ ...REQUEST, formIds: ['no-such-form'] });
    await expect(forms.preview({ ...REQUEST, formIds: ['no-such-form'] }, 'pdf', 100)).rejects.toMatchObject({
      code: 'FORM_NOT_FOUND',
    });
    expect(engine.rendered).toEqual([]);
  });
});

describe("a child's birth date", () => {
  const engine: FormsEngine = {
    list: async () => [getForm('jido-teate').form],
    render: async () => ({ forms: [] }),
  };

  it('is not before the card holder’s, on the screen and in the check', async () => {
    const holder: { birthDate?: string } = {};
    const forms = new FormsService(engine, {
      today: () => '2026-12-06',
      holderBirthDate: () => holder.birthDate,
    });
    await forms.load();
    const birthColumn = () => {
      const list = forms
        .inputsFor(['jido-teate'])
        .find((i) => i.type === 'list' && i.columns.some((c) => c.key === 'birthDate'));
      return list?.type === 'list' ? list.columns.find((c) => c.key === 'birthDate') : undefined;
    };
    // Before the card is read: the form's own range (22 years back).
    expect(birthColumn()).toMatchObject({ min: '2004-12-06', max: '2026-12-06' });
    // A parent born in 2006: a child cannot be born before that.
    holder.birthDate = '2006-05-01';
    expect(birthColumn()).toMatchObject({ min: '2006-05-01', max: '2026-12-06' });
    const key = forms.inputsFor(['jido-teate']).find((i) => i.type === 'list')!.key;
    const row = (birthDate: string) => ({ [key]: [{ name: '山田 花子', birthDate }] });
    expect(() => forms.checkValues(['jido-teate'], row('2005-03-03'))).toThrow(/outside the dates/);
    expect(() => forms.checkValues(['jido-teate'], row('2020-03-03'))).not.toThrow();
  });
});
