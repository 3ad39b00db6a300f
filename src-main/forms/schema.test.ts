import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formProblems, getForm, inputsFor, listForms, loadCatalog, FORMS_DIR } from './catalog.ts';
import { FormError } from './errors.ts';
import { formDefinitionSchema } from './schema.ts';

const reference = JSON.parse(readFileSync(join(FORMS_DIR, 'jumin-ido', 'form.json'), 'utf8'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const clone = () => structuredClone(reference) as Json;

function issuesOf(def: unknown): { path: string; message: string }[] {
  const r = formDefinitionSchema.safeParse(def);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function formsDirWith(defs: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-forms-'));
  for (const [id, def] of Object.entries(defs)) {
    mkdirSync(join(dir, id));
    writeFileSync(join(dir, id, 'form.json'), typeof def === 'string' ? def : JSON.stringify(def));
  }
  return dir;
}

describe('form.json schema', () => {
  it('accepts the reference 住民異動届', () => {
    expect(issuesOf(reference)).toEqual([]);
  });

  it('names the field and the reason for each broken part', () => {
    const cases: [(d: Json) => void, string, RegExp][] = [
      [(d) => (d.pages[0].fields[1].bind = 'input.nope'), 'pages.0.fields.1.bind', /names no input.*"nope"/],
      [
        (d) => (d.pages[0].fields[1].bind = 'resident.shoeSize'),
        'pages.0.fields.1.bind',
        /expected resident/,
      ],
      [
        (d) => (d.pages[0].fields[1].bind = 'derived.zodiac'),
        'pages.0.fields.1.bind',
        /unknown derived value/,
      ],
      [(d) => (d.pages[0].fields[1].x = 208), 'pages.0.fields.1', /leaves the A4 page/],
      [(d) => delete d.pages[0].fields[1].bind, 'pages.0.fields.1', /needs "bind" or "template"/],
      [(d) => (d.pages[0].fields[0].size = 'big'), 'pages.0.fields.0.size', /number/],
      [(d) => (d.requiresMyNumber = true), 'requiresMyNumber', /no field binds resident.myNumber/],
      [
        (d) => (d.pages[0].fields[1].bind = 'row.name'),
        'pages.0.fields.1.bind',
        /only allowed inside a table/,
      ],
      [(d) => (d.inputs[1].key = 'moveType'), 'inputs.1.key', /duplicate input key/],
      [(d) => (d.paper = 'letter'), 'paper', /A4/],
      [
        (d) => (d.inputs.find((i: Json) => i.key === 'newAddress').postalCodeKey = 'phone'),
        'inputs',
        /postalCodeKey "phone" must name a digits input of length 7/,
      ],
      [
        (d) => (d.inputs.find((i: Json) => i.key === 'phone').postalCodeKey = 'newPostalCode'),
        'inputs',
        /postalCodeKey is for address inputs/,
      ],
      [(d) => (d.pages[0].fields[1].colour = 'red'), 'pages.0.fields.1', /colour/],
      [
        (d) => (d.pages[0].fields[1].template = 'x {input.phone|shout}'),
        'pages.0.fields.1',
        /bind.*template|unknown format/,
      ],
    ];
    for (const [mutate, path, reason] of cases) {
      const d = clone();
      mutate(d);
      const issues = issuesOf(d);
      expect(issues.length, `${path} should be rejected`).toBeGreaterThan(0);
      const hit = issues.find((i) => i.path.startsWith(path) && reason.test(i.message));
      expect(hit, `${path} ${reason}: got ${JSON.stringify(issues)}`).toBeTruthy();
    }
  });

  it('ties requiresMyNumber to printing the 個人番号', () => {
    const d = clone();
    d.pages[0].fields.push({
      type: 'comb',
      bind: 'resident.myNumber',
      x: 10,
      y: 280,
      w: 60,
      h: 6,
      cells: 12,
    });
    expect(issuesOf(d).map((i) => i.path)).toContain('requiresMyNumber');
    d.requiresMyNumber = true;
    expect(issuesOf(d)).toEqual([]);
  });
});

describe('catalog', () => {
  it('lists the forms in forms/ with their inputs, and reports no broken definition', () => {
    const forms = listForms();
    const jumin = forms.find((f) => f.id === 'jumin-ido');
    expect(jumin).toMatchObject({
      title: '住民異動届（転入・転居・転出）',
      requiresMyNumber: false,
      hasQr: true,
    });
    expect(jumin!.inputs.find((i) => i.key === 'phone')).toMatchObject({
      type: 'phone',
      label: '電話番号',
      required: true,
    });
    expect(jumin!.inputs.find((i) => i.key === 'members')).toMatchObject({ type: 'list' });
    expect(formProblems()).toEqual([]);
  });

  it('rejects a broken file with its path, field and reason, and keeps the good ones', () => {
    const bad = clone();
    bad.id = 'bad';
    bad.pages[0].fields[1].bind = 'input.nope';
    const good = clone();
    good.id = 'good';
    const dir = formsDirWith({
      good,
      bad,
      broken: '{ "id": "broken", ',
      wrongid: { ...clone(), id: 'other' },
    });
    expect(listForms(dir).map((f) => f.id)).toEqual(['good']);
    const problems = formProblems(dir);
    expect(problems).toHaveLength(3);
    try {
      getForm('bad', dir);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormError);
      const fe = e as FormError;
      expect(fe.code).toBe('FORM_DEFINITION_INVALID');
      expect(fe.details.file).toBe(join(dir, 'bad', 'form.json'));
      expect(fe.message).toContain('pages.0.fields.1.bind');
      expect(fe.message).toContain('"nope"');
    }
    expect(() => getForm('broken', dir)).toThrow(/not readable JSON/);
    expect(() => getForm('wrongid', dir)).toThrow(/must equal the folder name/);
    expect(() => getForm('missing', dir)).toThrow(/unknown form "missing"/);
  });

  it('reports the same input key declared with different types in two forms', () => {
    const a = clone();
    a.id = 'a';
    const b = clone();
    b.id = 'b';
    b.inputs.find((i: { key: string }) => i.key === 'phone').type = 'text';
    const catalog = loadCatalog(formsDirWith({ a, b }));
    expect(catalog.conflicts).toEqual(['input "phone" is phone in a but text in b']);
  });

  it('merges the inputs of a batch: a shared key is asked once, and the PIN need is known', () => {
    const a = clone();
    a.id = 'a';
    const b = clone();
    b.id = 'b';
    b.inputs = b.inputs.filter((i: { key: string }) => ['phone', 'honseki'].includes(i.key));
    b.inputs.find((i: { key: string }) => i.key === 'honseki').required = true;
    b.pages[0].fields = [{ type: 'comb', bind: 'resident.myNumber', x: 10, y: 10, w: 60, h: 8, cells: 12 }];
    b.requiresMyNumber = true;
    const dir = formsDirWith({ a, b });
    const plan = inputsFor(['a', 'b'], dir);
    expect(plan.requiresMyNumber).toBe(true);
    expect(plan.inputs.filter((i) => i.key === 'phone')).toHaveLength(1);
    expect(plan.inputs.find((i) => i.key === 'phone')!.forms).toEqual(['a', 'b']);
    expect(plan.inputs.find((i) => i.key === 'honseki')!.required).toBe(true);
    expect(inputsFor(['a'], dir).requiresMyNumber).toBe(false);
  });

  it('requires the template file a definition names', () => {
    const t = clone();
    t.template = 'template.pdf';
    const dir = formsDirWith({ 'jumin-ido': t });
    expect(() => getForm('jumin-ido', dir)).toThrow(/template.pdf not found/);
  });
});
