/**
 * The form catalog: every `forms/<id>/form.json`, validated. A broken definition does not hide the
 * others; it is reported with its file, the JSON path of each problem and the reason, and asking
 * for that form raises FORM_DEFINITION_INVALID with the same details.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FormError } from './errors.ts';
import { formDefinitionSchema, type FormDefinition, type FormInput } from './schema.ts';

export const FORMS_DIR = fileURLToPath(new URL('../../forms/', import.meta.url));

export interface CatalogEntry {
  id: string;
  dir: string;
  file: string;
  form?: FormDefinition;
  /** Absolute path of the template PDF, when the form has one. */
  templatePath?: string;
  error?: FormError;
}

export interface Catalog {
  dir: string;
  entries: Map<string, CatalogEntry>;
  /** Problems spanning forms (e.g. one input key with two types). */
  conflicts: string[];
}

function definitionError(file: string, issues: { path: string; message: string }[]): FormError {
  return new FormError(
    'FORM_DEFINITION_INVALID',
    `${file}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    { file, issues },
  );
}

/** Validates one definition file; returns the form or throws FORM_DEFINITION_INVALID. */
export function loadDefinition(file: string, expectedId?: string): FormDefinition {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw definitionError(file, [{ path: '', message: `not readable JSON: ${(e as Error).message}` }]);
  }
  const r = formDefinitionSchema.safeParse(raw);
  if (!r.success) {
    throw definitionError(
      file,
      r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  if (expectedId !== undefined && r.data.id !== expectedId) {
    throw definitionError(file, [
      { path: 'id', message: `"${r.data.id}" must equal the folder name "${expectedId}"` },
    ]);
  }
  return r.data;
}

function loadEntry(dir: string, id: string): CatalogEntry {
  const file = join(dir, id, 'form.json');
  const entry: CatalogEntry = { id, dir: join(dir, id), file };
  try {
    entry.form = loadDefinition(file, id);
    if (entry.form.template) {
      entry.templatePath = join(dir, id, entry.form.template);
      if (!existsSync(entry.templatePath)) {
        throw definitionError(file, [
          { path: 'template', message: `${entry.form.template} not found beside form.json` },
        ]);
      }
    }
  } catch (e) {
    if (!(e instanceof FormError)) throw e;
    delete entry.form;
    entry.error = e;
  }
  return entry;
}

/** Same input key in two forms must mean the same thing (it is entered once for both). */
function findConflicts(entries: Iterable<CatalogEntry>): string[] {
  const seen = new Map<string, { form: string; input: FormInput }>();
  const out: string[] = [];
  for (const e of entries) {
    for (const inp of e.form?.inputs ?? []) {
      const prev = seen.get(inp.key);
      if (!prev) {
        seen.set(inp.key, { form: e.id, input: inp });
        continue;
      }
      if (prev.input.type !== inp.type) {
        out.push(`input "${inp.key}" is ${prev.input.type} in ${prev.form} but ${inp.type} in ${e.id}`);
      } else if (inp.type === 'choice' && prev.input.type === 'choice') {
        const a = (prev.input.options ?? [])
          .map((o) => o.value)
          .sort()
          .join(',');
        const b = (inp.options ?? [])
          .map((o) => o.value)
          .sort()
          .join(',');
        if (a !== b)
          out.push(`choice input "${inp.key}" has options [${a}] in ${prev.form} but [${b}] in ${e.id}`);
      }
    }
  }
  return out;
}

export function loadCatalog(dir: string = FORMS_DIR): Catalog {
  const entries = new Map<string, CatalogEntry>();
  const ids = existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => statSync(join(dir, n)).isDirectory() && existsSync(join(dir, n, 'form.json')))
        .sort()
    : [];
  for (const id of ids) entries.set(id, loadEntry(dir, id));
  return { dir, entries, conflicts: findConflicts(entries.values()) };
}

const cache = new Map<string, { catalog: Catalog; stamp: string }>();

/** Cached catalog, reloaded when a form.json or template changes (staff edit forms live). */
export function getCatalog(dir: string = FORMS_DIR): Catalog {
  const stamp = existsSync(dir)
    ? readdirSync(dir)
        .map((n) => {
          const f = join(dir, n, 'form.json');
          if (!existsSync(f)) return '';
          const t = readdirSync(join(dir, n))
            .map((x) => `${x}:${statSync(join(dir, n, x)).mtimeMs}`)
            .join(',');
          return `${n}[${t}]`;
        })
        .join('|')
    : '';
  const hit = cache.get(dir);
  if (hit && hit.stamp === stamp) return hit.catalog;
  const catalog = loadCatalog(dir);
  cache.set(dir, { catalog, stamp });
  return catalog;
}

/** The entry of a valid form, or UNKNOWN_FORM / FORM_DEFINITION_INVALID naming it. */
export function getForm(id: string, dir: string = FORMS_DIR): CatalogEntry & { form: FormDefinition } {
  const catalog = getCatalog(dir);
  const entry = catalog.entries.get(id);
  if (!entry) {
    throw new FormError(
      'UNKNOWN_FORM',
      `unknown form "${id}" (known: ${[...catalog.entries.keys()].join(', ')})`,
      {
        form: id,
      },
    );
  }
  if (entry.error || !entry.form) throw entry.error!;
  return entry as CatalogEntry & { form: FormDefinition };
}

/** What the kiosk needs to know about a form to ask for its inputs. */
export interface FormSummary {
  id: string;
  title: string;
  titleEn?: string;
  description?: string;
  requiresMyNumber: boolean;
  paper: string;
  pages: number;
  hasTemplate: boolean;
  hasQr: boolean;
  /** The inputs to ask for, with type and Japanese label (and columns for lists). */
  inputs: FormInput[];
}

export function summarize(form: FormDefinition): FormSummary {
  return {
    id: form.id,
    title: form.title,
    ...(form.titleEn ? { titleEn: form.titleEn } : {}),
    ...(form.description ? { description: form.description } : {}),
    requiresMyNumber: form.requiresMyNumber,
    paper: form.paper,
    pages: form.pages.length,
    hasTemplate: form.template !== undefined,
    hasQr: form.qr !== undefined,
    inputs: form.inputs,
  };
}

/** Valid forms, by id. Broken definitions are left out (see formProblems). */
export function listForms(dir: string = FORMS_DIR): FormSummary[] {
  return [...getCatalog(dir).entries.values()].filter((e) => e.form).map((e) => summarize(e.form!));
}

/** Broken definitions and cross-form conflicts, for `kakanai forms list` and CI. */
export function formProblems(
  dir: string = FORMS_DIR,
): { file?: string; message: string; error?: FormError }[] {
  const c = getCatalog(dir);
  return [
    ...[...c.entries.values()]
      .filter((e) => e.error)
      .map((e) => ({ file: e.file, message: e.error!.message, error: e.error! })),
    ...c.conflicts.map((message) => ({ message })),
  ];
}

/** An input of a batch: declared once, used by these forms. */
export type BatchInput = FormInput & { forms: string[] };

/**
 * What the kiosk asks for when printing several forms: every input once (a key shared by forms is
 * one question, required if any form requires it) and whether any form needs the 4-digit PIN.
 */
export function inputsFor(
  formIds: string[],
  dir: string = FORMS_DIR,
): { requiresMyNumber: boolean; inputs: BatchInput[] } {
  const byKey = new Map<string, BatchInput>();
  let requiresMyNumber = false;
  for (const id of formIds) {
    const { form } = getForm(id, dir);
    requiresMyNumber ||= form.requiresMyNumber;
    for (const inp of form.inputs) {
      const seen = byKey.get(inp.key);
      if (seen) {
        seen.forms.push(id);
        seen.required ||= inp.required;
      } else {
        byKey.set(inp.key, { ...inp, forms: [id] });
      }
    }
  }
  return { requiresMyNumber, inputs: [...byKey.values()] };
}
