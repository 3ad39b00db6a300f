/**
 * The end of the journey: see every page that will print (and fix what is wrong), print with
 * progress and plain-language printer problems, then where to go next.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useKiosk } from '../context.ts';
import { Mixed } from '../../../components/Mixed.tsx';
import { ScreenFrame } from '../../../components/ScreenFrame.tsx';
import { PdfPages } from '../../../components/PdfPages.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { inputLabel, japaneseAlongside, pickText } from '../../../i18n/text.ts';
import { counterLine, counterName } from './counter-text.ts';
import { localDate, valueText } from './input-text.ts';
import { languageInfo } from '../../../i18n/languages.ts';
import type { Language } from '../../../api/types.ts';

/** "(December 1, 2026)" beside a 和暦 date for a resident who reads another language. */
function LocalDate(props: { iso: string; lang: Language }) {
  const text = localDate(props.iso, languageInfo(props.lang).htmlLang);
  return text ? <span data-testid="local-date">({text}) </span> : null;
}
import { tk } from '../../../i18n/keys.ts';
import { SentNote, SignOffer } from './Sign.tsx';

export function ConfirmScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const preview = useKiosk((s) => s.preview);
  const inputs = useKiosk((s) => s.inputs);
  const values = useKiosk((s) => s.values);
  const blank = useKiosk((s) => s.blank);
  const lang = useKiosk((s) => s.prefs.language);
  const busy = useKiosk((s) => s.busy);
  // The preview's pages are drawn (pdf.js, about a second): only then can 印刷する be pressed.
  const [pagesShown, setPagesShown] = useState(false);

  useEffect(() => {
    void a.loadPreview();
  }, [a, preview]);
  useEffect(() => {
    void a.loadSigningOffer();
  }, [a]);

  const pages = preview?.reduce((n, f) => n + f.pageCount, 0) ?? 0;
  return (
    <ScreenFrame
      name="confirm"
      title={t('confirm.title')}
      voice={`${t('confirm.title')} ${t(blank ? tk('confirm.leadBlank') : tk('confirm.lead'))}`}
      lead={blank ? t('confirm.leadBlank') : t('confirm.lead')}
    >
      {preview ? (
        <p className="status">{t('confirm.pageCount', { count: pages, forms: preview.length })}</p>
      ) : null}
      {!blank && inputs.length > 0 ? (
        <section className="card" aria-labelledby="typed-title">
          <h2 id="typed-title">{t('confirm.typed')}</h2>
          <dl className="facts">
            {inputs.map((i) => (
              <div key={i.key} style={{ display: 'contents' }}>
                <dt>{inputLabel(i, lang)}</dt>
                <dd>
                  <span lang="ja">
                    {valueText(i, values[i.key], { yes: t('common.yes'), no: t('common.no') })}
                  </span>{' '}
                  {i.type === 'date' && typeof values[i.key] === 'string' ? (
                    <LocalDate iso={values[i.key] as string} lang={lang} />
                  ) : null}
                  <button
                    type="button"
                    className="btn small"
                    onClick={() => a.editInput(i.key)}
                    aria-label={t('confirm.fixItem', { item: inputLabel(i, lang) })}
                    data-fix={i.key}
                  >
                    {t('common.fix')}
                  </button>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {preview ? (
        preview.length > 0 ? (
          <PdfPages forms={preview} onSettled={setPagesShown} />
        ) : (
          <p>{t('confirm.noForms')}</p>
        )
      ) : busy === 'loading' ? (
        <div role="status">
          <div className="spinner" aria-hidden="true" />
          <p>{t('confirm.rendering')}</p>
        </div>
      ) : (
        <button
          type="button"
          className="btn"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => void a.loadPreview()}
          data-testid="preview-retry"
        >
          {t('unavailable.retry')}
        </button>
      )}
      {preview && pagesShown ? <SignOffer /> : null}
      <div className="actions">
        <button type="button" className="btn" onClick={() => void a.back()}>
          {t('common.back')}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn primary"
          onClick={() => void a.print()}
          disabled={!preview || (preview.length > 0 && !pagesShown) || !!busy}
          data-testid="print"
        >
          <Icon name="printer" size="1.6rem" /> {t('confirm.print')}
        </button>
      </div>
    </ScreenFrame>
  );
}

export function PrintingScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const job = useKiosk((s) => s.job);
  const notice = useKiosk((s) => s.notice);
  const busy = useKiosk((s) => s.busy);
  const total = job?.pageCount ?? 0;
  const done = job?.pagesCompleted ?? 0;
  const failed = !job || job.phase === 'failed' || job.phase === 'cancelled';
  const stuck = notice?.tone === 'error';
  return (
    <ScreenFrame
      name="printing"
      title={t('print.title')}
      voice={t(stuck ? tk('print.problemVoice') : tk('print.lead'))}
      lead={t('print.lead')}
    >
      {job && !failed ? (
        <div role="status" aria-live="polite" data-testid="print-status" data-phase={job.phase}>
          <p className="status">
            {job.phase === 'queued' ? t('print.queued') : t('print.printing', { done, total })}
          </p>
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={Math.max(total, 1)}
            aria-valuenow={done}
            aria-label={t('print.title')}
          >
            <div style={{ width: `${total > 0 ? Math.round((done / total) * 100) : 10}%` }} />
          </div>
        </div>
      ) : null}
      {stuck ? (
        <div className="card warn">
          <p>{t('print.callStaff')}</p>
          <div className="actions">
            <button type="button" className="btn" onClick={() => void a.finish()}>
              {t('print.giveUp')}
            </button>
            <span className="spacer" />
            <button
              type="button"
              className="btn primary"
              onClick={() => void a.print()}
              disabled={!!busy}
              data-testid="print-retry"
            >
              {t('print.retry')}
            </button>
          </div>
        </div>
      ) : null}
    </ScreenFrame>
  );
}

export function DoneScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const plan = useKiosk((s) => s.plan);
  const lang = useKiosk((s) => s.prefs.language);
  const info = useKiosk((s) => s.info);
  const job = useKiosk((s) => s.job);
  const counters = plan?.counters.length ? plan.counters : (info?.counters.slice(0, 1) ?? []);
  const first = counters[0];
  return (
    <ScreenFrame
      name="done"
      title={t('done.title')}
      voice={`${t('done.title')} ${t('done.takePapers')} ${first ? t('done.goTo', { counter: counterName(first, lang) }) : ''}`}
      lead={t('done.takePapers')}
    >
      <section className="card ok" aria-labelledby="go-title" data-job={job?.jobId}>
        <h2 id="go-title">{t('done.whereTitle')}</h2>
        <ol>
          {counters.map((c) => (
            <li key={c.id} className="status" data-counter={c.id}>
              <Mixed text={counterLine(c, lang, t)} lang={lang} />
            </li>
          ))}
        </ol>
      </section>
      {plan && plan.bring.length > 0 ? (
        <section className="card" aria-labelledby="bring-done">
          <h2 id="bring-done">{t('plan.bringAll')}</h2>
          <ul>
            {plan.bring.map((b, i) => {
              const ja = japaneseAlongside(b, lang);
              return (
                <li key={i}>
                  {pickText(b, lang)}
                  {ja ? <span lang="ja">（{ja}）</span> : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <SentNote />
      <p className="card warn status" data-testid="take-card">
        {t('done.takeCard')}
      </p>
      <p>{t('done.signNote')}</p>
      <p className="hint">{t('done.wiped')}</p>
      <div className="actions">
        <span className="spacer" />
        <button type="button" className="btn primary" onClick={() => void a.finish()} data-testid="finish">
          {t('done.finish')}
        </button>
      </div>
    </ScreenFrame>
  );
}
