/**
 * Adapts the forms engine (src-main/forms/) to the FormsService's FormsEngine interface.
 *
 * Until the engine's renderForms/listForms exist, this adapter reports every call as FORM_ERROR
 * (the kiosk still starts; the planner reports the missing forms by name).
 */
import { fail } from '../api/errors.ts';
import type { FormsEngine } from './forms-service.ts';

export function createFormsEngine(formsDir: string): FormsEngine {
  const unavailable = () =>
    fail(
      'FORM_ERROR',
      `The forms engine is not available (forms in ${formsDir}).`,
      '書類を作成できません。職員にお知らせください。',
    );
  return {
    list: async () => [],
    render: async () => {
      throw unavailable();
    },
  };
}
