/**
 * The core's handler table: one function per call every terminal answers (app, card, demo, forms,
 * printing, session, operator, settings, statistics, diagnostics), each a thin translation from the
 * contract to a service. Business rules live in the services; this file only wires (and owns the
 * small rules that span services, e.g. "read the 個人番号 only when the plan needs it"). The modes'
 * calls come from their modules (src-main/modes/registry.ts), merged in by kiosk.ts.
 */
import { Secret } from '../card/secret.ts';
import {
  ADDRESS_CALLS,
  CARD_CALLS,
  COMMON_CALLS,
  FORMS_CALLS,
  PRINT_CALLS,
  SIGN_CALLS,
} from '../contract/index.ts';
import { fail } from '../contract/errors.ts';
import type { HandlersFor } from '../contract/handlers.ts';
import type { ReceivedApplication } from '../contract/sign.ts';
import type { ApplicationReport } from '../inbox/verify.ts';
import type { FormSummary } from '../contract/forms.ts';
import type { CoreServices } from '../services/core-services.ts';
import type { EngineRenderRequest } from '../services/forms-service.ts';
import { GUIDE_FORM_ID, rasterize } from '../services/forms-service.ts';

/** The calls the core answers itself. */
export const CORE_CALLS = {
  ...COMMON_CALLS,
  ...CARD_CALLS,
  ...FORMS_CALLS,
  ...ADDRESS_CALLS,
  ...PRINT_CALLS,
  ...SIGN_CALLS,
} as const;
export type CoreHandlers = HandlersFor<typeof CORE_CALLS>;

const DONE = { done: true } as const;

const RESIDENT_LABELS: Record<string, string> = {
  name: '氏名',
  nameKana: 'フリガナ',
  address: '住所',
  birthDate: '生年月日',
  sex: '性別',
};
const SEX_JA: Record<string, string> = { male: '男', female: '女', unspecified: '—' };

/**
 * A received application for the staff screen: the QR's data with the form's own (Japanese)
 * labels and option names, a 個人番号 left out.
 */
function receivedApplicationView(a: ApplicationReport, forms: FormSummary[]): ReceivedApplication {
  const { form, ...rest } = a;
  if (!form) return rest;
  const inputs = new Map(forms.find((f) => f.id === form.form)?.inputs.map((i) => [i.key, i]) ?? []);
  const text = (v: unknown, options?: Array<{ value: string; label: string }>): string => {
    if (typeof v === 'boolean') return v ? 'はい' : 'いいえ';
    if (typeof v === 'string') return options?.find((o) => o.value === v)?.label ?? v;
    return JSON.stringify(v);
  };
  const fields: Array<{ key: string; label: string; value: string }> = [];
  for (const [k, v] of Object.entries(form.resident))
    if (v !== undefined && k !== 'myNumber')
      fields.push({
        key: `resident.${k}`,
        label: RESIDENT_LABELS[k] ?? k,
        value: k === 'sex' ? (SEX_JA[v] ?? v) : v,
      });
  for (const [k, v] of Object.entries(form.input)) {
    const input = inputs.get(k);
    const options = input && 'options' in input ? input.options : undefined;
    const value = Array.isArray(v)
      ? v
          .map((row) =>
            Object.values(row)
              .map((c) => text(c))
              .join(' '),
          )
          .join(' / ')
      : text(v, options);
    fields.push({ key: `input.${k}`, label: input?.label ?? k, value });
  }
  return { ...rest, form: { formId: form.form, date: form.date, fields } };
}

export function createCoreHandlers(s: CoreServices): CoreHandlers {
  const renderRequest = (formIds: string[] | undefined, blank: boolean): EngineRenderRequest => {
    const plan = s.session.plan;
    const ids = formIds ?? plan?.forms.map((f) => f.id) ?? [];
    if (ids.length === 0) throw fail('NO_PLAN', 'No forms to render.', '印刷する書類がありません。');
    const resident = s.session.resident;
    if (!blank && !resident) {
      throw fail(
        'NO_RESIDENT',
        'Read the card first, or print blank forms.',
        '先にカードを読み取ってください。',
      );
    }
    return {
      formIds: ids,
      ...(resident && !blank ? { resident } : {}),
      inputs: s.session.inputs,
      blank,
      ...(plan ? { plan } : {}),
      municipality: s.config.config.municipality,
    };
  };

  /** Appends the 手続き案内票 for a plan (once), when it is installed. */
  const withGuide = (req: EngineRenderRequest, include: boolean): EngineRenderRequest => {
    if (include && req.plan && s.forms.has(GUIDE_FORM_ID) && !req.formIds.includes(GUIDE_FORM_ID)) {
      return { ...req, formIds: [...req.formIds, GUIDE_FORM_ID] };
    }
    return req;
  };

  return {
    'app.info': () => s.appInfo(),

    'card.status': () => s.card.status(),
    'card.identify': () => {
      s.session.touch();
      return s.card.identify();
    },
    'card.retries': () => s.card.retries(),
    'card.read': async (input) => {
      const plan = s.session.plan;
      const withMyNumber = plan?.cardMethod === 'pin';
      const { view, data } = await s.card.read(
        input.method === 'pin'
          ? { method: 'pin', pin: input.pin, confirmLastTry: input.confirmLastTry, withMyNumber }
          : { method: 'bno', bno: input.bno, confirmLastTry: input.confirmLastTry },
      );
      s.session.setResident(data);
      return view;
    },
    'card.cancel': () => {
      s.card.cancel();
      return DONE;
    },

    'demo.start': async () => {
      const cfg = s.config.config.demo;
      if (!s.card.demoActive) {
        const readers = await s.card.systemReaders();
        if (!cfg.enabled && !(cfg.offerWhenNoReader && readers.length === 0)) {
          throw fail(
            'DEMO_NOT_ACTIVE',
            'The demo is offered only when no reader is attached.',
            'カードリーダーが接続されているため、デモは使えません。',
          );
        }
        s.card.startDemo(cfg.enabled ? 'configured' : 'no-reader');
      }
      return { personas: s.personas() };
    },
    'demo.insertCard': (input) => {
      const provider = s.card.demoProvider();
      if (!s.personas().some((p) => p.id === input.persona)) {
        throw fail('PERSONA_NOT_FOUND', `No persona "${input.persona}".`, 'そのデモ用カードはありません。', {
          field: 'persona',
        });
      }
      provider.insert(input.persona);
      return DONE;
    },
    'demo.removeCard': () => {
      s.card.demoProvider().remove();
      return DONE;
    },

    'address.lookup': async (input) => ({ places: await s.address.lookup(input.postalCode) }),
    'address.prefectures': async () => ({ prefectures: await s.address.prefectures() }),
    'address.cities': async (input) => ({ cities: await s.address.cities(input.prefCode) }),
    'address.towns': (input) => s.address.towns(input.cityCode),

    'forms.list': (input) => ({ forms: s.forms.list(input.ids) }),
    'forms.inputs': () => {
      const plan = s.session.requirePlan();
      return {
        inputs: s.forms.askedFor(
          plan.forms.map((f) => f.id),
          s.session.prefilledKeys,
        ),
        values: s.session.inputs,
      };
    },
    'forms.setInputs': (input) => {
      const plan = s.session.requirePlan();
      s.forms.checkValues(
        plan.forms.map((f) => f.id),
        input.values,
      );
      s.session.setInputs(input.values);
      const missing = s.forms.missing(
        plan.forms.map((f) => f.id),
        s.session.inputs,
      );
      // Everything is in: render the forms and the guide now, while the resident moves on to the
      // confirmation, so the preview is waiting and printing reuses it.
      if (missing.length === 0 && s.session.resident)
        s.forms.renderAhead(withGuide(renderRequest(undefined, false), true));
      return { missing };
    },
    'forms.preview': async (input) => {
      const req = withGuide(renderRequest(input.formIds, input.blank), input.includeGuide);
      return { forms: await s.forms.preview(req, input.format, input.dpi) };
    },
    'forms.render': async (input) => {
      const req = withGuide(renderRequest(input.formIds, input.blank), input.includeGuide);
      const r = await s.forms.renderFinal(req);
      const renderId = s.session.storeRender(r);
      return { renderId, forms: r.forms, pageCount: r.pageCount };
    },

    'sign.status': () => {
      const plan = s.session.requirePlan();
      return {
        ...s.signing.status(),
        forms: plan.forms.map((f) => ({
          formId: f.id,
          title: f.title,
          electronic: s.forms.electronic(f.id).accepted,
        })),
      };
    },
    'sign.card': () => {
      s.session.touch();
      return s.card.signingPassword();
    },
    'sign.sign': async (input) => {
      s.session.touch();
      const r = await s.signing.sign(
        renderRequest(input.formIds, false),
        input.password,
        input.confirmLastTry,
      );
      const documents = [];
      for (const d of r.documents)
        documents.push({
          formId: d.formId,
          title: d.title,
          pageCount: d.pageCount,
          pages: await rasterize(d.pdf, d.pageCount, input.dpi),
        });
      return { documents, signer: r.signer, signedAt: r.signedAt };
    },
    'sign.send': () => {
      const r = s.signing.send();
      return r.delivered
        ? { delivered: true, queued: false, files: r.files }
        : { delivered: false, queued: true, files: 0 };
    },
    'sign.flush': () => s.signing.flush(),
    'inbox.review': async (input) => {
      s.operator.require(input.token);
      const queued = s.signing.status().queued;
      const r = await s.inbox.review();
      if (!r)
        return { configured: false, reachable: false, visits: 0, applications: [], problems: [], queued };
      const ids = new Set(r.report.applications.flatMap((x) => (x.form ? [x.form.form] : [])));
      const forms = s.forms.list().filter((f) => ids.has(f.id));
      return {
        configured: true,
        reachable: r.reachable,
        visits: r.report.visits,
        applications: r.report.applications.map((a) => receivedApplicationView(a, forms)),
        problems: r.reachable ? r.report.problems : [],
        queued,
      };
    },

    'print.printers': async () => {
      const { printers, configured } = await s.print.printers();
      return {
        printers: printers.map((p) => ({
          name: p.name,
          ...(p.description !== undefined ? { description: p.description } : {}),
          state: p.state,
          accepting: p.accepting ?? null,
          isDefault: p.isDefault,
          ...(p.problem ? { problem: p.problem } : {}),
        })),
        configured,
      };
    },
    'print.submit': async (input) => {
      const render = s.session.getRender(input.renderId);
      if (!render)
        throw fail('RENDER_NOT_FOUND', 'Render the documents again.', 'もう一度、書類を作成してください。');
      const sessionId = s.session.id;
      const formsCount = render.forms.filter((f) => f.formId !== GUIDE_FORM_ID).length;
      return s.print.submit(render.pdf, {
        printer: input.printer,
        copies: input.copies,
        pageCount: render.pageCount,
        onDone: (st) => {
          if (st.phase === 'completed' && s.session.id === sessionId) s.session.notePrinted(formsCount);
        },
      });
    },
    'print.status': (input) => s.print.status(input.jobId),
    'print.cancel': async (input) => {
      await s.print.cancel(input.jobId);
      return DONE;
    },

    'session.state': () => s.session.state(),
    'session.touch': () => ({ idleInSec: s.session.touch() }),
    'session.setLanguage': (input) => {
      s.session.setLanguage(input.language);
      return DONE;
    },
    'session.finish': () => ({ sessionId: s.session.wipe('finish') }),
    'session.wipe': (input) =>
      input.reason === 'user' ? s.session.beginVisit() : { sessionId: s.session.wipe(input.reason) },

    'operator.login': (input) => s.operator.login(Secret.fromString(input.pin)),
    'operator.logout': (input) => {
      s.operator.logout(input.token);
      return DONE;
    },
    'operator.assist': (input) => {
      s.operator.require(input.token);
      s.session.setAssist(input.on);
      return DONE;
    },
    'settings.get': (input) => {
      s.operator.require(input.token);
      return s.config.settings();
    },
    'settings.update': (input) => {
      s.operator.require(input.token);
      return s.config.update(input.patch);
    },
    'settings.changePin': async (input) => {
      s.operator.require(input.token);
      const current = Secret.fromString(input.currentPin);
      const next = Secret.fromString(input.newPin);
      try {
        // Re-check the current PIN: a token left open on the screen must not be enough.
        await s.operator.login(current);
        await s.config.setOperatorPin(next);
      } finally {
        next.dispose();
      }
      s.operator.logoutAll();
      return DONE;
    },

    'stats.summary': (input) => {
      s.operator.require(input.token);
      return s.statistics.summary();
    },

    'diagnostics.get': () => s.timings.snapshot(),
    'diagnostics.mark': (input) => {
      s.timings.mark(input.name, input.ms);
      return DONE;
    },
  };
}
