/**
 * The current message (wrong PIN, printer out of paper…). Errors are announced at once (role
 * alert); the service's own text is shown only for errors the UI has no message of its own for.
 */
import { useTranslation } from 'react-i18next';
import { useActions, useKiosk } from '../app/context.ts';

export function NoticeBox() {
  const { t } = useTranslation();
  const notice = useKiosk((s) => s.notice);
  const lang = useKiosk((s) => s.prefs.language);
  const { dismissNotice } = useActions();
  if (!notice) return null;
  const generic = notice.key === 'error.generic' && notice.error;
  const text = generic
    ? lang === 'ja' || lang === 'ja-easy'
      ? notice.error!.messageJa
      : notice.error!.message
    : t(notice.key, notice.params ?? {});
  return (
    <div
      className={`card ${notice.tone === 'error' ? 'danger' : 'ok'}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
      data-notice={notice.key}
    >
      <p className="status">{text}</p>
      {notice.error?.code && notice.tone === 'error' ? (
        <p className="hint">
          {t('common.errorCode')}: {notice.error.code}
        </p>
      ) : null}
      <button type="button" className="btn small" onClick={dismissNotice}>
        {t('common.close')}
      </button>
    </div>
  );
}
