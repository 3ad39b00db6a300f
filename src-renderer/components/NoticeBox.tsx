/**
 * The current message (wrong PIN, printer out of paper…). Errors are announced at once (role
 * alert); the service's own text is shown only for errors the UI has no message of its own for.
 */
import { useTranslation } from 'react-i18next';
import type { Notice } from '../kit/notice.ts';
import { useShell } from '../kit/shell-context.ts';

/** One message card; the counter and the election desk each feed it from their own store. */
export function NoticeCard(props: {
  notice: Notice;
  japanese: boolean;
  onDismiss: () => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const { notice } = props;
  const generic = notice.key === 'error.generic' && notice.error;
  const text = generic
    ? props.japanese
      ? notice.error!.messageJa
      : notice.error!.message
    : t(notice.key, notice.params ?? {});
  const isError = notice.tone === 'error';
  return (
    <div
      className={`card ${isError ? 'danger' : 'ok'}${props.className ? ` ${props.className}` : ''}`}
      role={isError ? 'alert' : 'status'}
      data-notice={notice.key}
    >
      <p className="status">{text}</p>
      {notice.error?.code && isError ? (
        <p className="hint">
          {t('common.errorCode')}: {notice.error.code}
        </p>
      ) : null}
      <button type="button" className="btn small" onClick={props.onDismiss}>
        {t('common.close')}
      </button>
    </div>
  );
}

/** The current notice of the mode showing this screen (see ShellContext). */
export function NoticeBox() {
  const { notice, language, dismissNotice } = useShell();
  if (!notice) return null;
  return (
    <NoticeCard
      notice={notice}
      japanese={language === 'ja' || language === 'ja-easy'}
      onDismiss={dismissNotice}
    />
  );
}
