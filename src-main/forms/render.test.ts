import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { listPersonas, loadPersona } from '../card/emulator/personas.ts';
import { formatWareki } from '../util/wareki.ts';
import { FORMS_DIR, getForm, listForms } from './catalog.ts';
import { FormError } from './errors.ts';
import { buildQrPayload, decodeQrPayload, formBindings } from './qr.ts';
import { parseFormData } from './data.ts';
import { renderForms } from './render.ts';
import { residentFromPersona, sampleInputs } from './sample-data.ts';
import { compact, decodeQrFromPng, pdfFonts, pdfText, renderPng } from './test-pdf.ts';

const DATE = '2026-11-22';
const formIds = listForms().map((f) => f.id);
const allInputs = sampleInputs(
  formIds.map((id) => getForm(id).form),
  DATE,
);

const family = {
  resident: {
    name: '山田　太郎',
    address: '東京都千代田区霞が関一丁目２番３号',
    birthDate: '1955-01-02',
    sex: '1',
  },
  input: {
    moveType: 'tennyu',
    moveDate: '2026-11-20',
    phone: '090-1234-5678',
    nameKana: 'ヤマダ　タロウ',
    newPostalCode: '1600023',
    newAddress: '東京都新宿区西新宿二丁目８番１号',
    relationship: '世帯主',
    members: [
      {
        name: '山田　花子',
        nameKana: 'ヤマダ　ハナコ',
        birthDate: '1958-04-10',
        sex: 'female',
        relationship: '妻',
      },
      { name: '𠮷野　髙橋', birthDate: '2019-05-01', sex: 'male', relationship: '孫' },
    ],
    hasNhi: true,
  },
  date: DATE,
};

async function renderOne(
  id: string,
  data: unknown,
  extra: Record<string, unknown> = {},
): Promise<Uint8Array> {
  const r = await renderForms({ formIds: [id], data, ...extra });
  return r.forms[0]!.pdf!;
}

function errorOf(p: Promise<unknown>): Promise<FormError> {
  return p.then(
    () => {
      throw new Error('expected a FormError');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(FormError);
      return e as FormError;
    },
  );
}

describe('every form with every persona', () => {
  const personas = listPersonas();

  it('has personas and forms to test', () => {
    expect(personas.length).toBeGreaterThanOrEqual(5);
    expect(formIds).toContain('jumin-ido');
  });

  for (const personaId of personas) {
    it(`renders all forms for persona ${personaId}, with the card's exact name, address and 和暦 date`, async () => {
      const persona = loadPersona(personaId);
      // A child on the 児童手当 form is not older than the card holder (reiwa-child is six).
      const input = sampleInputs(
        formIds.map((id) => getForm(id).form),
        DATE,
        persona.resident.birthDate,
      );
      const data = { resident: residentFromPersona(persona), input, date: DATE };
      const r = await renderForms({ formIds, data });
      expect(r.warnings).toEqual([]);
      for (const f of r.forms) {
        const form = getForm(f.id).form;
        const binds = formBindings(form);
        const text = compact(pdfText(f.pdf!));
        expect(f.pdf!.length, `${f.id} size`).toBeLessThanOrEqual(300 * 1024);
        if (binds.has('resident.name'))
          expect(text, `${f.id}: name`).toContain(compact(persona.resident.name));
        if (binds.has('resident.address'))
          expect(text, `${f.id}: address`).toContain(compact(persona.resident.address));
        if (binds.has('derived.birthDateWareki')) {
          expect(text, `${f.id}: 和暦 birth date`).toContain(formatWareki(persona.resident.birthDate));
        }
        // The 個人番号 is printed only where the form declares it.
        if (!form.requiresMyNumber) expect(text, f.id).not.toContain(persona.resident.myNumber);
      }
    });
  }
});

describe('rendered PDF', () => {
  it('prints the values of the reference form (pdftotext finds them)', async () => {
    const text = pdfText(await renderOne('jumin-ido', family));
    const c = compact(text);
    for (const s of [
      '山田太郎',
      '東京都千代田区霞が関一丁目２番３号',
      '昭和30年1月2日',
      '令和8年11月22日',
      '令和8年11月20日',
      '090-1234-5678',
    ]) {
      expect(c).toContain(s);
    }
    expect(c).toContain('𠮷野髙橋');
    expect(c).toContain('30年1月2日'); // table row: era circled, the rest printed
  });

  it('embeds only subset fonts, with Unicode maps, and falls back to IPAmj only when needed', async () => {
    const fonts = pdfFonts(await renderOne('jumin-ido', family));
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f).toMatchObject({ embedded: true, subset: true, unicode: true });
      expect(f.name).toMatch(/^[A-Z]{6}\+/);
    }
    expect(fonts.map((f) => f.name.split('+')[1]).sort()).toEqual([
      'BIZUDGothic-Regular',
      'BIZUDMincho-Regular',
      'IPAmjMincho',
    ]);
    const withoutGaiji = structuredClone(family);
    withoutGaiji.input.members = withoutGaiji.input.members.slice(0, 1);
    const plain = pdfFonts(await renderOne('jumin-ido', withoutGaiji));
    expect(plain.map((f) => f.name.split('+')[1]).sort()).toEqual([
      'BIZUDGothic-Regular',
      'BIZUDMincho-Regular',
    ]);
  });

  it('carries the data in a QR code that decodes from the rendered PNG', async () => {
    const form = getForm('jumin-ido').form;
    const pdf = await renderOne('jumin-ido', family, { qr: true });
    const q = form.qr!;
    const png = renderPng(pdf, { dpi: 300, crop: { x: q.x - 3, y: q.y - 3, w: q.size + 6, h: q.size + 6 } });
    const bytes = decodeQrFromPng(png);
    expect(bytes, 'QR not found in the PNG').toBeDefined();
    const payload = decodeQrPayload(bytes!);
    expect(payload).toEqual(buildQrPayload(form, parseFormData(family)));
    expect(payload).toMatchObject({ v: 1, type: 'kakanai-form', form: 'jumin-ido', date: DATE });
    expect(payload.resident).toMatchObject({ name: '山田　太郎', birthDate: '1955-01-02', sex: 'male' });
    expect(payload.input.members).toHaveLength(2);
    expect(JSON.stringify(payload)).not.toContain('myNumber');
    // Without --qr there is none.
    const plain = renderPng(await renderOne('jumin-ido', family), {
      dpi: 300,
      crop: { x: q.x - 3, y: q.y - 3, w: q.size + 6, h: q.size + 6 },
    });
    expect(decodeQrFromPng(plain)).toBeUndefined();
  });

  it('fills a batch from one data set: a value entered once appears in every form binding it', async () => {
    const shared = formIds.filter((id) => getForm(id).form.inputs.some((i) => i.key === 'phone')).slice(0, 3);
    expect(shared.length).toBeGreaterThanOrEqual(2);
    const data = { resident: family.resident, input: { ...allInputs, phone: '0120-444-555' }, date: DATE };
    const separate = await renderForms({ formIds: shared, data });
    for (const f of separate.forms) expect(compact(pdfText(f.pdf!)), f.id).toContain('0120-444-555');
    const combined = await renderForms({ formIds: shared, data, combined: true });
    const doc = await PDFDocument.load(combined.combined!);
    expect(doc.getPageCount()).toBe(separate.forms.reduce((a, f) => a + f.pages, 0));
    expect(combined.forms.every((f) => f.pdf === undefined)).toBe(true);
  });

  it('prints a blank form without card data', async () => {
    const text = compact(pdfText(await renderOne('jumin-ido', {}, { blank: true })));
    expect(text).toContain('住民異動届');
    expect(text).not.toContain('山田');
  });
});

describe('errors name the form and the field', () => {
  it('unknown form', async () => {
    const e = await errorOf(renderForms({ formIds: ['jumin-ido', 'nope'], data: family }));
    expect(e.code).toBe('UNKNOWN_FORM');
    expect(e.message).toContain('"nope"');
  });

  it('missing required input and missing card value', async () => {
    const noPhone = structuredClone(family) as { input: Record<string, unknown> };
    delete noPhone.input.phone;
    const e = await errorOf(renderForms({ formIds: ['jumin-ido'], data: noPhone }));
    expect(e).toMatchObject({ code: 'MISSING_VALUE', details: { form: 'jumin-ido', field: 'input.phone' } });
    const noName = structuredClone(family) as { resident: Record<string, unknown> };
    delete noName.resident.name;
    const e2 = await errorOf(renderForms({ formIds: ['jumin-ido'], data: noName }));
    expect(e2.code).toBe('MISSING_VALUE');
    expect(e2.message).toMatch(/jumin-ido\/applicantName: required value missing \(resident.name\)/);
  });

  it('overlong text shrinks, then wraps, then reports overflow (never cut silently)', async () => {
    const long = structuredClone(family);
    long.resident.address = '東京都千代田区霞が関一丁目２番３号'.repeat(12); // 204 characters: wraps
    const text = compact(pdfText(await renderOne('jumin-ido', long)));
    expect(text).toContain(long.resident.address);
    const tooLong = structuredClone(family) as typeof family & { input: Record<string, unknown> };
    tooLong.input.honseki = 'あ'.repeat(300); // too long for its box even wrapped at the floor size
    const e = await errorOf(renderForms({ formIds: ['jumin-ido'], data: tooLong }));
    expect(e).toMatchObject({ code: 'OVERFLOW', details: { field: 'input.honseki' } });
    expect(e.message).toContain('300 characters');
    expect(e.message).not.toContain('ああ'); // reports lengths, not the resident's data
    const longName = structuredClone(family);
    longName.resident.name = 'ABCDEFGHIJ '.repeat(12);
    const e2 = await errorOf(renderForms({ formIds: ['jumin-ido'], data: longName }));
    expect(e2).toMatchObject({ code: 'OVERFLOW', details: { field: 'applicantName' } });
  });

  it('a character no font has is an error, or 〓 with a warning', async () => {
    const hangul = structuredClone(family);
    hangul.resident.name = '김　한국';
    const e = await errorOf(renderForms({ formIds: ['jumin-ido'], data: hangul }));
    expect(e).toMatchObject({
      code: 'MISSING_GLYPH',
      details: { codePoints: ['U+AE40', 'U+D55C', 'U+AD6D'] },
    });
    const r = await renderForms({ formIds: ['jumin-ido'], data: hangul, missingGlyph: 'warn' });
    expect(r.warnings.length).toBeGreaterThan(0);
    expect(r.warnings[0]).toMatchObject({ code: 'MISSING_GLYPH', form: 'jumin-ido' });
    expect(compact(pdfText(r.forms[0]!.pdf!))).toContain('〓〓〓');
  });

  it('invalid data is rejected with its path', async () => {
    const e = await errorOf(
      renderForms({ formIds: ['jumin-ido'], data: { resident: { birthDate: 'yesterday' } } }),
    );
    expect(e.code).toBe('INVALID_DATA');
    expect(e.message).toContain('resident.birthDate');
  });
});

describe('templates', () => {
  /** A municipality's PDF: a heading, two AcroForm text fields and a checkbox. */
  async function makeTemplate(): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    page.drawRectangle({ x: 50, y: 700, width: 300, height: 30, borderWidth: 1 });
    const form = doc.getForm();
    const name = form.createTextField('shimei');
    name.addToPage(page, { x: 50, y: 700, width: 300, height: 30 });
    const addr = form.createTextField('jusho');
    addr.addToPage(page, { x: 50, y: 600, width: 400, height: 40 });
    return doc.save();
  }

  it('fills a template through its AcroForm fields and overlays the rest; the widgets are gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-template-'));
    mkdirSync(join(dir, 'muni'));
    writeFileSync(join(dir, 'muni', 'template.pdf'), await makeTemplate());
    const def: { pages: { fields: Record<string, unknown>[] }[]; [k: string]: unknown } = {
      schemaVersion: 1,
      id: 'muni',
      title: '市の様式',
      requiresMyNumber: false,
      template: 'template.pdf',
      inputs: [{ key: 'phone', type: 'phone', label: '電話番号', required: true }],
      pages: [
        {
          fields: [
            { type: 'text', bind: 'resident.name', acroField: 'shimei', size: 14, required: true },
            { type: 'text', bind: 'resident.address', acroField: 'jusho', wrap: true },
            { type: 'text', bind: 'input.phone', x: 20, y: 150, w: 60, h: 8 },
            { type: 'text', bind: 'derived.today', x: 120, y: 150, w: 60, h: 8 },
          ],
        },
      ],
    };
    writeFileSync(join(dir, 'muni', 'form.json'), JSON.stringify(def));
    const pdf = (await renderForms({ formIds: ['muni'], data: family, formsDir: dir })).forms[0]!.pdf!;
    const text = compact(pdfText(pdf));
    expect(text).toContain('山田太郎');
    expect(text).toContain('東京都千代田区霞が関一丁目２番３号');
    expect(text).toContain('090-1234-5678');
    expect(text).toContain('令和8年11月22日');
    const out = await PDFDocument.load(pdf);
    expect(out.getForm().getFields()).toHaveLength(0);
    const widgets = (out.getPage(0).node.Annots()?.asArray() ?? []).filter(
      (a) => out.context.lookupMaybe(a, PDFDict)?.get(PDFName.of('Subtype'))?.toString() === '/Widget',
    );
    expect(widgets).toHaveLength(0);
    // The value sits where the template's field is: top-left of 'shimei' is 50 pt, 841.89-730 pt.
    const png = renderPng(pdf, {
      dpi: 100,
      crop: { x: (50 / 72) * 25.4, y: ((841.89 - 730) / 72) * 25.4, w: 50, h: 10.5 },
    });
    expect(png.length).toBeGreaterThan(0);

    // An acroField the template lacks is a clear error.
    def.pages[0]!.fields[0] = { ...def.pages[0]!.fields[0]!, acroField: 'namae' };
    writeFileSync(join(dir, 'muni', 'form.json'), JSON.stringify(def));
    const e = await errorOf(renderForms({ formIds: ['muni'], data: family, formsDir: dir }));
    expect(e.code).toBe('TEMPLATE_INVALID');
    expect(e.message).toContain('"namae"');
  });
});

describe('paper sizes and multi-page forms', () => {
  it('lays out A3 landscape and B5 pages, with fields and the QR on later pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-pages-'));
    const def = (id: string, paper: string, orientation: string) => ({
      schemaVersion: 1,
      id,
      title: `${paper} ${orientation}`,
      requiresMyNumber: false,
      paper,
      orientation,
      pages: [
        { draw: [{ type: 'label', x: 10, y: 10, w: 80, h: 10, text: '一枚目' }], fields: [] },
        {
          draw: [{ type: 'label', x: 10, y: 10, w: 80, h: 10, text: '二枚目' }],
          fields: [{ type: 'text', bind: 'resident.name', x: 10, y: 30, w: 80, h: 10, required: true }],
        },
      ],
      qr: { page: 1, x: 10, y: 60, size: 40 },
    });
    for (const [id, paper, orientation] of [
      ['a3', 'A3', 'landscape'],
      ['b5', 'B5', 'portrait'],
    ] as const) {
      mkdirSync(join(dir, id));
      writeFileSync(join(dir, id, 'form.json'), JSON.stringify(def(id, paper, orientation)));
    }
    const r = await renderForms({ formIds: ['a3', 'b5'], data: family, formsDir: dir, qr: true });
    const sizes = await Promise.all(
      r.forms.map(async (f) => (await PDFDocument.load(f.pdf!)).getPages().map((p) => p.getSize())),
    );
    const mm = (pt: number) => Math.round((pt / 72) * 25.4);
    expect(sizes[0]!.map((s) => [mm(s.width), mm(s.height)])).toEqual([
      [420, 297],
      [420, 297],
    ]);
    expect(sizes[1]!.map((s) => [mm(s.width), mm(s.height)])).toEqual([
      [182, 257],
      [182, 257],
    ]);
    const text = pdfText(r.forms[1]!.pdf!);
    const [page1, page2] = text.split('\f');
    expect(page1).toContain('一枚目');
    expect(page1).not.toContain('山田');
    expect(compact(page2!)).toContain('山田太郎');
    const qr = decodeQrFromPng(
      renderPng(r.forms[1]!.pdf!, { page: 2, dpi: 200, crop: { x: 5, y: 55, w: 50, h: 50 } }),
    );
    expect(decodeQrPayload(qr!).form).toBe('b5');
  });
});

describe('glyphs really print (the corrupted-subset trap)', () => {
  it('draws ink for 𠮷 髙 﨑 邊 齋 and ordinary kanji, each in its own box', async () => {
    const chars = ['𠮷', '髙', '﨑', '邊', '齋', '山', 'A'];
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-glyphs-'));
    mkdirSync(join(dir, 'glyphs'));
    const input = Object.fromEntries(chars.map((c, i) => [`c${i}`, c]));
    writeFileSync(
      join(dir, 'glyphs', 'form.json'),
      JSON.stringify({
        schemaVersion: 1,
        id: 'glyphs',
        title: 'glyphs',
        requiresMyNumber: false,
        inputs: chars.map((_, i) => ({ key: `c${i}`, type: 'text', label: `c${i}` })),
        pages: [
          {
            fields: chars.map((_, i) => ({
              type: 'text',
              bind: `input.c${i}`,
              x: 10 + i * 25,
              y: 10,
              w: 20,
              h: 20,
              size: 40,
              align: 'center',
              padding: 0,
            })),
          },
        ],
      }),
    );
    const pdf = (await renderForms({ formIds: ['glyphs'], data: { input }, formsDir: dir })).forms[0]!.pdf!;
    expect(compact(pdfText(pdf))).toBe(chars.join(''));
    for (let i = 0; i < chars.length; i++) {
      const png = PNG.sync.read(renderPng(pdf, { dpi: 100, crop: { x: 10 + i * 25, y: 10, w: 20, h: 20 } }));
      let dark = 0;
      for (let p = 0; p < png.data.length; p += 4) if (png.data[p]! < 128) dark++;
      // A 40 pt kanji covers a few hundred dark pixels at 100 dpi; a blank or a lost glyph covers none.
      expect(dark, `${chars[i]} printed no ink`).toBeGreaterThan(chars[i] === 'A' ? 60 : 150);
    }
  });
});

describe('reference definition on disk', () => {
  it('is the file the catalog serves', () => {
    const raw = JSON.parse(readFileSync(join(FORMS_DIR, 'jumin-ido', 'form.json'), 'utf8'));
    expect(getForm('jumin-ido').form.id).toBe(raw.id);
  });
});
