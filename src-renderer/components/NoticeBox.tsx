/**
 * The current message (wrong PIN, printer out of paper…). Errors are announced at once (role
 * alert). A resident reads only a sentence in their language: error codes and the service's own
 * text (English or Japanese, for errors the UI has no message of its own for) are for staff.
 */
import { useTranslation } from 'react-i18next';
import { noticeText, type Notice } from '../kit/notice.ts';
import { useShell } from '../kit/shell-context.ts';

/** One message card; the counter and the election desk each feed it from their own store. */
export function NoticeCard(props: {
  notice: Notice;
  japanese: boolean;
  /** Staff at the screen: the error code, and the service's text where the UI has none. */
  staff: boolean;
  onDismiss: () => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const { notice } = props;
  const { text, code } = noticeText(notice, t, props);
  const isError = notice.tone === 'error';
  return (
    <div
      className={`card ${isError ? 'danger' : 'ok'}${props.className ? ` ${props.className}` : ''}`}
      role={isError ? 'alert' : 'status'}
      data-notice={notice.key}
    >
      <p className="status">{text}</p>
      {code ? (
        <p className="hint">
          {t('common.errorCode')}: {code}
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
  const { notice, language, dismissNotice, staff } = useShell();
  if (!notice) return null;
  return (
    <NoticeCard
      notice={notice}
      japanese={language === 'ja' || language === 'ja-easy'}
      staff={staff}
      onDismiss={dismissNotice}
    />
  );
}
