/**
 * 期日前: the worker asks the reason (the five legal categories; keys 1–5 work too), the 宣誓書
 * prints pre-filled with it ticked, the voter checks it, the worker hands over the ballot and
 * only then presses the button that records the vote. A printer problem offers a hand-filled
 * 宣誓書 instead (recorded as such).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ElectionReasonCode } from '../../../../src-main/contract/index.ts';
import { useDesk, useDeskActions } from '../context.ts';
import { REASON_CODES, REASON_EXAMPLE, REASON_LABEL } from '../labels.ts';
import { DeskFrame, FaceCheckReminder, useFocusOnShow } from '../parts.tsx';

export function ReasonScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const voter = useDesk((s) => s.voter);
  const busy = useDesk((s) => s.busy);
  const chosen = useDesk((s) => s.reason);
  const first = useFocusOnShow<HTMLButtonElement>('reason');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLElement && ['INPUT', 'TEXTAREA'].includes(e.target.tagName)) return;
      if (/^[1-5]$/.test(e.key)) {
        e.preventDefault();
        void a.chooseReason(e.key as ElectionReasonCode);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [a]);
  if (!voter) return null;
  return (
    <DeskFrame
      name="reason"
      title={t('election.reason.title')}
      lead={t('election.reason.lead', { name: voter.name })}
      focusHeading={false}
    >
      <div className="reasons" role="group" aria-label={t('election.reason.title')}>
        {REASON_CODES.map((code, i) => (
          <button
            key={code}
            ref={i === 0 ? first : undefined}
            type="button"
            className="btn choice reason"
            aria-pressed={chosen === code}
            disabled={!!busy}
            onClick={() => void a.chooseReason(code)}
            data-reason={code}
          >
            <span className="reason-key" aria-hidden="true">
              {code}
            </span>
            <span className="reason-text">
              <span lang="ja">{t(REASON_LABEL[code])}</span>
              <span className="sub">{t(REASON_EXAMPLE[code])}</span>
            </span>
          </button>
        ))}
      </div>
      <p className="hint">{t('election.reason.hint')}</p>
      <div className="actions">
        <button type="button" className="btn" onClick={a.back}>
          {t('common.back')}
        </button>
      </div>
    </DeskFrame>
  );
}

export function SenseishoScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const voter = useDesk((s) => s.voter);
  const job = useDesk((s) => s.job);
  const busy = useDesk((s) => s.busy);
  const reason = useDesk((s) => s.reason);
  const preparing = busy === 'print' && !job;
  const failed = !preparing && (!job || job.phase === 'failed' || job.phase === 'cancelled');
  const done = job?.phase === 'completed';
  const primary = useFocusOnShow<HTMLButtonElement>(`${job?.jobId ?? 'none'}-${failed}-${preparing}`);
  if (!voter || !reason) return null;
  const pages = job?.pageCount ?? 1;
  const progress = done ? 100 : job?.phase === 'printing' ? 60 : job ? 20 : 0;
  return (
    <DeskFrame
      name={`senseisho:${preparing ? 'preparing' : failed ? 'failed' : done ? 'printed' : 'printing'}`}
      title={
        failed
          ? t('election.senseisho.failedTitle')
          : done
            ? t('election.senseisho.printedTitle')
            : t('election.senseisho.printingTitle')
      }
      focusHeading={false}
    >
      <div className="card">
        <p lang="ja" className="status">
          {voter.name}（{voter.birthDateWareki}）
        </p>
        <p>
          {t('election.senseisho.reason')}: <span lang="ja">{t(REASON_LABEL[reason])}</span>
        </p>
        {failed ? null : (
          <>
            <div
              className="progress"
              role="progressbar"
              aria-label={t('election.senseisho.progress')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={progress}
            >
              <div style={{ width: `${progress}%` }} />
            </div>
            <p role="status" data-testid="print-phase" data-phase={job?.phase} data-job={job?.jobId}>
              {done ? t('election.senseisho.done', { count: pages }) : t('election.senseisho.wait')}
            </p>
          </>
        )}
      </div>
      <ol className="steps">
        <li>{t('election.senseisho.step1')}</li>
        <li>{t('election.senseisho.step2')}</li>
        <li>{t('election.senseisho.step3')}</li>
      </ol>
      <FaceCheckReminder />
      <div className="actions">
        <button type="button" className="btn" onClick={a.back}>
          {t('common.back')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => void a.reprint()}
          disabled={!!busy}
          data-testid="reprint"
        >
          {t('election.senseisho.reprint')}
        </button>
        {failed ? (
          <button
            type="button"
            className="btn"
            onClick={() => void a.handwritten()}
            disabled={!!busy}
            data-testid="handwritten"
          >
            {t('election.senseisho.handwritten')}
          </button>
        ) : null}
        <span className="spacer" />
        {failed ? null : (
          <button
            type="button"
            ref={primary}
            className="btn primary big"
            onClick={() => void a.handedOver()}
            disabled={!!busy}
            data-testid="handed-over"
          >
            {t('election.senseisho.handedOver')}
          </button>
        )}
      </div>
    </DeskFrame>
  );
}
