/**
 * Life event → a few questions → the plan (procedures, forms, counters, what to bring).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useKiosk } from '../context.ts';
import { Mixed } from '../../../components/Mixed.tsx';
import { ScreenFrame } from '../../../components/ScreenFrame.tsx';
import { Icon, lifeEventIcon } from '../../../components/Icon.tsx';
import { formTitle, japaneseAlongside, listText, pickText } from '../../../i18n/text.ts';
import type { Language, LocalizedText } from '../../../api/types.ts';
import { counterLine } from './counter-text.ts';

function Localized(props: { text: LocalizedText | undefined; lang: Language }) {
  const ja = japaneseAlongside(props.text, props.lang);
  return (
    <>
      {pickText(props.text, props.lang)}
      {ja ? (
        <span className="sub" lang="ja">
          {' '}
          （{ja}）
        </span>
      ) : null}
    </>
  );
}

export function LifeEventScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const lifeEvents = useKiosk((s) => s.lifeEvents);
  const lang = useKiosk((s) => s.prefs.language);
  return (
    <ScreenFrame
      name="lifeEvent"
      title={t('lifeEvent.title')}
      voice={`${t('lifeEvent.title')} ${t('lifeEvent.lead')}`}
      lead={t('lifeEvent.lead')}
    >
      <div className="grid">
        {lifeEvents.map((e) => (
          <button
            key={e.id}
            type="button"
            className="btn choice"
            onClick={() => void a.chooseLifeEvent(e.id)}
            data-life-event={e.id}
          >
            <Icon name={lifeEventIcon(e.id, e.icon)} />
            <span>{pickText(e.title, lang)}</span>
            {e.description ? <span className="sub">{pickText(e.description, lang)}</span> : null}
          </button>
        ))}
      </div>
      <div className="actions">
        <button type="button" className="btn" onClick={() => void a.back()}>
          {t('common.back')}
        </button>
      </div>
    </ScreenFrame>
  );
}

export function QuestionScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const questions = useKiosk((s) => s.questions);
  const currentId = useKiosk((s) => s.currentQuestionId);
  const answers = useKiosk((s) => s.answers);
  const lang = useKiosk((s) => s.prefs.language);
  const q = questions.find((x) => x.id === currentId);
  const prior = answers[currentId ?? ''];
  const [multi, setMulti] = useState<string[]>(Array.isArray(prior) ? prior : []);
  if (!q) return null;
  const index = questions.indexOf(q);
  const text = pickText(q.text, lang);
  return (
    <ScreenFrame
      key={q.id}
      name={`question:${q.id}`}
      title={text}
      voice={`${text} ${pickText(q.help, lang)}`}
      lead={q.help ? <Mixed text={pickText(q.help, lang)} lang={lang} /> : undefined}
    >
      {/* No total: answers can add questions, and "2 of 4" after "1 of 3" reads as going back. */}
      <p className="hint">{t('question.progress', { n: index + 1 })}</p>
      {q.kind === 'yesno' ? (
        <div className="grid two" role="group" aria-label={text}>
          {[true, false].map((v) => (
            <button
              key={String(v)}
              type="button"
              className={`btn choice${prior === v ? ' primary' : ''}`}
              aria-pressed={prior === v}
              onClick={() => void a.answer(q.id, v)}
              data-answer={String(v)}
            >
              {v ? t('common.yes') : t('common.no')}
            </button>
          ))}
        </div>
      ) : q.kind === 'single' ? (
        <div className="grid two" role="group" aria-label={text}>
          {q.options.map((o) => (
            <button
              key={o.value}
              type="button"
              className={`btn choice${prior === o.value ? ' primary' : ''}`}
              aria-pressed={prior === o.value}
              onClick={() => void a.answer(q.id, o.value)}
              data-answer={o.value}
            >
              <Localized text={o.label} lang={lang} />
            </button>
          ))}
        </div>
      ) : (
        <>
          <div className="grid two" role="group" aria-label={text}>
            {q.options.map((o) => {
              const on = multi.includes(o.value);
              return (
                <button
                  key={o.value}
                  type="button"
                  className={`btn choice${on ? ' primary' : ''}`}
                  aria-pressed={on}
                  onClick={() => setMulti(on ? multi.filter((v) => v !== o.value) : [...multi, o.value])}
                  data-answer={o.value}
                >
                  {on ? '✓ ' : ''}
                  <Localized text={o.label} lang={lang} />
                </button>
              );
            })}
          </div>
          <p className="hint">{t('question.multiHint')}</p>
        </>
      )}
      <div className="actions">
        <button type="button" className="btn" onClick={() => void a.back()}>
          {t('common.back')}
        </button>
        <span className="spacer" />
        {q.kind === 'multi' ? (
          <button
            type="button"
            className="btn primary"
            onClick={() => void a.answer(q.id, multi)}
            data-testid="next"
          >
            {t('common.next')}
          </button>
        ) : null}
      </div>
    </ScreenFrame>
  );
}

export function PlanScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const plan = useKiosk((s) => s.plan);
  const lang = useKiosk((s) => s.prefs.language);
  const busy = useKiosk((s) => s.busy);
  const pending = useKiosk((s) => s.formsPending);
  const lifeEvents = useKiosk((s) => s.lifeEvents);
  // Forms the resident unticked stay listed so they can be ticked again.
  const [offered] = useState(() => plan?.forms ?? []);
  if (!plan) return null;
  const chosen = new Set(pending ?? plan.forms.map((f) => f.id));
  const allForms = [...offered, ...plan.forms.filter((f) => !offered.some((o) => o.id === f.id))];
  const event = lifeEvents.find((e) => e.id === plan.lifeEventId);
  return (
    <ScreenFrame
      name="plan"
      title={t('plan.title')}
      voice={`${t('plan.title')} ${t('plan.lead', { count: plan.procedures.length })}`}
      lead={t('plan.lead', { count: plan.procedures.length })}
    >
      {event ? <p className="hint">{pickText(event.title, lang)}</p> : null}
      <ol className="plan-list" aria-label={t('plan.procedures')}>
        {plan.procedures.map((p) => (
          <li key={p.id} className="card" data-procedure={p.id}>
            <h2>
              <Localized text={p.title} lang={lang} />
            </h2>
            {p.description ? <p>{pickText(p.description, lang)}</p> : null}
            <p>
              <strong>{t('plan.counter')}:</strong>{' '}
              <Mixed text={counterLine(p.counter, lang, t)} lang={lang} />
            </p>
            {p.bring.length > 0 ? (
              <p>
                <strong>{t('plan.bring')}:</strong>{' '}
                {listText(
                  p.bring.map((b) => pickText(b, lang)),
                  lang,
                )}
              </p>
            ) : null}
            {p.formIds.length === 0 ? <p className="hint">{t('plan.noFormForProcedure')}</p> : null}
          </li>
        ))}
      </ol>

      <section className="card" aria-labelledby="forms-title">
        <h2 id="forms-title">{t('plan.formsTitle')}</h2>
        {allForms.length === 0 ? <p>{t('plan.noForms')}</p> : <p className="hint">{t('plan.formsHint')}</p>}
        {allForms.map((f) => {
          const title = formTitle(f, lang);
          return (
            <div key={f.id} className="form-row">
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(f.id)}
                  disabled={busy === 'loading'}
                  onChange={() => void a.toggleForm(f.id)}
                  data-form={f.id}
                />
                <span>
                  <span lang="ja">{title.main}</span>
                  {title.sub ? <span className="sub"> — {title.sub}</span> : null}
                  {f.requiresMyNumber ? <span className="tag pin">{t('plan.needsPin')}</span> : null}
                </span>
              </label>
            </div>
          );
        })}
      </section>

      {plan.bring.length > 0 ? (
        <section className="card" aria-labelledby="bring-title">
          <h2 id="bring-title">{t('plan.bringAll')}</h2>
          <ul>
            {plan.bring.map((b, i) => (
              <li key={i}>
                <Localized text={b} lang={lang} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="actions">
        <button type="button" className="btn" onClick={() => void a.back()}>
          {t('common.back')}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn primary"
          onClick={() => void a.confirmPlan()}
          data-testid="plan-next"
        >
          {plan.cardMethod === 'none' ? t('plan.nextNoCard') : t('plan.next')}
        </button>
      </div>
    </ScreenFrame>
  );
}
