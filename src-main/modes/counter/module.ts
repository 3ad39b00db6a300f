/**
 * The counter (窓口) mode: the life-event planner behind `planner.*`. The planner is built from
 * forms/procedures.json (or the configuration's paths.procedures) and rebuilt when the settings
 * change (counter names); a broken file leaves the kiosk running and every planner call failing
 * with the field named. Forms, card, printing and the session are core services.
 */
import { join } from 'node:path';
import { COUNTER_CALLS, type Counter } from '../../contract/index.ts';
import { fail } from '../../contract/errors.ts';
import { resolveConfigRelative } from '../../services/terminal-config.ts';
import { log } from '../../util/log.ts';
import { defineMode } from '../mode-module.ts';
import { Planner } from './planner.ts';
import { loadProcedures, ProceduresError } from './procedures.ts';

export const counterMode = defineMode({
  id: 'counter',
  calls: COUNTER_CALLS,
  exclusive: false,
  label: { en: 'counter', ja: '窓口' },
  create(s) {
    const cfg = () => s.config.config;
    const proceduresPath = () =>
      cfg().paths.procedures
        ? resolveConfigRelative(s.config.path, cfg().paths.procedures!)
        : join(s.formsRoot, 'procedures.json');

    let planner: Planner | ProceduresError;
    const build = () => {
      try {
        // Unknown form ids are not fatal here (one missing form must not take every life event off
        // the kiosk): a plan that needs one fails with FORM_NOT_FOUND naming it, and
        // `kakanai config check` reports them all.
        const file = loadProcedures(proceduresPath(), { extraCounterIds: cfg().counters.map((c) => c.id) });
        const missing = [
          ...new Set(file.lifeEvents.flatMap((e) => e.procedures.flatMap((p) => p.forms))),
        ].filter((id) => !s.forms.has(id));
        if (missing.length > 0) log.warn('forms.render', { procedures: 'forms not installed', missing });
        planner = new Planner(file, s.forms.lookup, cfg().counters);
      } catch (e) {
        if (!(e instanceof ProceduresError)) throw e;
        planner = e;
      }
    };
    build();
    const stopWatching = s.config.onChange(build);

    const current = (): Planner => {
      if (planner instanceof ProceduresError) {
        throw fail(
          'PROCEDURES_INVALID',
          planner.message,
          planner.messageJa,
          planner.field ? { field: planner.field } : {},
        );
      }
      return planner;
    };

    return {
      appInfo: (): { counters: Counter[] } => ({
        counters: planner instanceof Planner ? planner.counters() : cfg().counters,
      }),
      handlers: {
        'planner.lifeEvents': () => ({ lifeEvents: current().lifeEvents() }),
        'planner.questions': (input) => {
          s.session.touch();
          return current().questions(input.lifeEventId, input.answers);
        },
        'planner.plan': (input) => {
          const { plan, prefill } = current().plan(input.lifeEventId, input.answers);
          const declared = s.forms.inputKeys(plan.forms.map((f) => f.id));
          const kept = Object.fromEntries(Object.entries(prefill).filter(([k]) => declared.has(k)));
          s.session.setPlan(input.lifeEventId, input.answers, plan, kept);
          return plan;
        },
        'planner.setForms': (input) => {
          const plan = current().withForms(s.session.requirePlan(), input.formIds);
          s.session.replacePlan(plan);
          return plan;
        },
      },
      close: () => {
        stopWatching();
        return Promise.resolve();
      },
    };
  },
});
