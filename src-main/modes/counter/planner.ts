/**
 * The life-event planner: answers → the procedures that apply, the forms to print (each once), the
 * counters to visit (in order), what to bring, and whether the card needs the 4-digit PIN (a form
 * prints the 個人番号) or 照合番号B is enough. Pure: data in, plan out.
 */
import type { Answers, Counter, LifeEvent, LocalizedText, Plan, Question } from '../../contract/index.ts';
import { fail } from '../../contract/errors.ts';
import type { Condition, LifeEventDef, ProceduresFile, QuestionDef } from './procedures-schema.ts';

import type { FormLookup, PlanFormInfo } from '../../services/forms-service.ts';

export type { FormLookup, PlanFormInfo };

/** A plan plus the form inputs the answers already fill (setsInput). */
export interface PlanResult {
  plan: Plan;
  prefill: Record<string, string | boolean>;
}

type Answer = Answers[string];

function holds(c: Condition, answers: Answers): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, answers));
  if ('any' in c) return c.any.some((x) => holds(x, answers));
  if ('not' in c) return !holds(c.not, answers);
  const a = answers[c.question];
  if (a === undefined) return false;
  if ('equals' in c) return a === c.equals;
  if ('oneOf' in c) return typeof a === 'string' && c.oneOf.includes(a);
  return Array.isArray(a) && a.includes(c.includes);
}

function answerIsValid(q: QuestionDef, a: Answer | undefined): boolean {
  if (a === undefined) return false;
  const values = q.options?.map((o) => o.value) ?? [];
  if (q.kind === 'yesno') return typeof a === 'boolean';
  if (q.kind === 'single') return typeof a === 'string' && values.includes(a);
  return (
    Array.isArray(a) && a.length > 0 && new Set(a).size === a.length && a.every((v) => values.includes(v))
  );
}

const REASONS: Record<'pin' | 'bno' | 'none', (titles: string[]) => LocalizedText> = {
  pin: (t) => ({
    ja: `「${t.join('」「')}」に個人番号（マイナンバー）を記載するため、4桁の暗証番号が必要です。`,
    'ja-easy': `「${t.join('」「')}」に マイナンバーを 書きます。だから 4けたの 暗証番号が いります。`,
    en: `“${t.join('”, “')}” must show your My Number (個人番号), so the 4-digit PIN is needed.`,
  }),
  bno: () => ({
    ja: '個人番号を記載する書類はありません。暗証番号の代わりに、カードに書かれている生年月日・有効期限の年・セキュリティコードで読み取ります（照合番号B）。',
    'ja-easy':
      'マイナンバーを 書く 紙は ありません。暗証番号は いりません。カードに 書いてある 生年月日、有効期限の 年、セキュリティコードを 入れます。',
    en: 'No form shows your My Number, so no PIN is needed: the card is opened with the birth date, expiry year and security code printed on it (verification number B).',
  }),
  none: () => ({
    ja: 'この手続きではカードの読み取りは必要ありません。',
    'ja-easy': 'この 手続きでは カードを 読みません。',
    en: 'These procedures do not need your card to be read.',
  }),
};

export class Planner {
  readonly #events: Map<string, LifeEventDef>;
  readonly #order: LifeEventDef[];
  readonly #counters: Map<string, Counter>;
  readonly #forms: FormLookup;

  /** `counters` from the terminal configuration override the file's by id. */
  constructor(file: ProceduresFile, forms: FormLookup, counters: readonly Counter[] = []) {
    this.#order = file.lifeEvents;
    this.#events = new Map(file.lifeEvents.map((e) => [e.id, e]));
    this.#counters = new Map(file.counters.map((c) => [c.id, c]));
    for (const c of counters) this.#counters.set(c.id, c);
    this.#forms = forms;
  }

  /** Every counter: the file's defaults with the configuration's names. */
  counters(): Counter[] {
    return [...this.#counters.values()];
  }

  lifeEvents(): LifeEvent[] {
    return this.#order.map((e) => ({
      id: e.id,
      title: e.title,
      ...(e.description ? { description: e.description } : {}),
      ...(e.icon ? { icon: e.icon } : {}),
    }));
  }

  #event(id: string): LifeEventDef {
    const ev = this.#events.get(id);
    if (!ev)
      throw fail('LIFE_EVENT_NOT_FOUND', `No life event "${id}".`, 'その手続きは見つかりません。', {
        field: 'lifeEventId',
      });
    return ev;
  }

  /**
   * Applicable questions in order, the first one without a valid answer (`next`), and the answers
   * restricted to applicable questions (a stale answer to a question that no longer applies is
   * dropped, so it cannot change the plan).
   */
  #walk(ev: LifeEventDef, answers: Answers) {
    const applicable: QuestionDef[] = [];
    const kept: Answers = {};
    let next: QuestionDef | null = null;
    for (const q of ev.questions) {
      if (q.when && !holds(q.when, kept)) continue;
      applicable.push(q);
      const a = answers[q.id];
      if (answerIsValid(q, a)) kept[q.id] = a!;
      else if (!next) next = q;
    }
    return { applicable, kept, next };
  }

  questions(lifeEventId: string, answers: Answers): { questions: Question[]; next: string | null } {
    const { applicable, next } = this.#walk(this.#event(lifeEventId), answers);
    return {
      questions: applicable.map((q) => ({
        id: q.id,
        kind: q.kind,
        text: q.text,
        ...(q.help ? { help: q.help } : {}),
        options: q.options ?? [],
      })),
      next: next?.id ?? null,
    };
  }

  plan(lifeEventId: string, answers: Answers): PlanResult {
    const ev = this.#event(lifeEventId);
    const { kept, next } = this.#walk(ev, answers);
    if (next) {
      const given = answers[next.id];
      throw given === undefined
        ? fail(
            'MISSING_ANSWER',
            `Question "${next.id}" is not answered.`,
            'まだ答えていない質問があります。',
            { field: next.id },
          )
        : fail(
            'INVALID_ANSWER',
            `The answer to "${next.id}" is not one of its options.`,
            '質問への答えが正しくありません。',
            {
              field: next.id,
            },
          );
    }
    const procedures = ev.procedures.filter((p) => !p.when || holds(p.when, kept));
    const formIds = [...new Set(procedures.flatMap((p) => p.forms))];
    const prefill: Record<string, string | boolean> = {};
    for (const q of ev.questions) {
      const a = kept[q.id];
      if (q.setsInput && (typeof a === 'string' || typeof a === 'boolean')) prefill[q.setsInput] = a;
    }
    const plan: Plan = {
      lifeEventId,
      procedures: procedures.map((p) => ({
        id: p.id,
        title: p.title,
        ...(p.description ? { description: p.description } : {}),
        counter: this.#counter(p.counter),
        bring: p.bring,
        formIds: p.forms,
      })),
      ...this.#formsPart(formIds),
      counters: [],
      bring: [],
    };
    const counterIds = [...new Set(procedures.map((p) => p.counter))];
    plan.counters = counterIds.map((id) => this.#counter(id));
    const seen = new Set<string>();
    for (const p of procedures) {
      for (const b of p.bring) {
        if (!seen.has(b.ja)) plan.bring.push(b);
        seen.add(b.ja);
      }
    }
    return { plan, prefill };
  }

  /** The same plan with another set of forms (staff add or remove one); card method recomputed. */
  withForms(plan: Plan, formIds: readonly string[]): Plan {
    return { ...plan, ...this.#formsPart([...new Set(formIds)]) };
  }

  #formsPart(formIds: string[]): Pick<Plan, 'forms' | 'cardMethod' | 'cardMethodReason'> {
    const forms = formIds.map((id) => {
      const f = this.#forms(id);
      if (!f)
        throw fail('FORM_NOT_FOUND', `No form "${id}" in forms/.`, `様式「${id}」が見つかりません。`, {
          field: id,
        });
      return {
        id: f.id,
        title: f.title,
        ...(f.titleEn ? { titleEn: f.titleEn } : {}),
        ...(f.titleI18n ? { titleI18n: f.titleI18n } : {}),
        requiresMyNumber: f.requiresMyNumber,
      };
    });
    const withNumber = forms.filter((f) => f.requiresMyNumber);
    const cardMethod = withNumber.length > 0 ? 'pin' : forms.length > 0 ? 'bno' : 'none';
    return { forms, cardMethod, cardMethodReason: REASONS[cardMethod](withNumber.map((f) => f.title)) };
  }

  #counter(id: string): Counter {
    return this.#counters.get(id) ?? { id, name: id };
  }
}
