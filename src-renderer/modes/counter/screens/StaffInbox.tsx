/**
 * The counter's inbox for staff (behind the operator PIN): every signed application received from
 * the kiosks, checked when the screen opens — signature status (anything not valid comes first
 * and is marked in red: never accepted silently), the signer's name and birth date from the
 * certificate, when it was signed, the certificate's validity, the revocation result (or that it
 * was not checked), and the form's data read from its QR code.
 */
import { useTranslation } from 'react-i18next';
import { useActions, useKiosk } from '../context.ts';
import { ScreenFrame } from '../../../components/ScreenFrame.tsx';
import { tk } from '../../../i18n/keys.ts';
import { Icon } from '../../../components/Icon.tsx';
import type { CallOutput } from '../../../api/types.ts';

type ReceivedApplication = CallOutput<'inbox.review'>['applications'][number];

const STATUS_KEY: Record<ReceivedApplication['status'], string> = {
  valid: tk('staff.inbox.status.valid'),
  tampered: tk('staff.inbox.status.tampered'),
  'unknown-ca': tk('staff.inbox.status.unknownCa'),
  'certificate-not-valid-then': tk('staff.inbox.status.notValidThen'),
  unsigned: tk('staff.inbox.status.unsigned'),
};

function revocationKey(app: ReceivedApplication): string {
  const r = app.revocation;
  if (!r.checked)
    return app.status === 'valid'
      ? tk('staff.inbox.revocation.notChecked')
      : tk('staff.inbox.revocation.skipped');
  if (r.result === 'good') return tk('staff.inbox.revocation.good');
  if (r.result === 'revoked') return tk('staff.inbox.revocation.revoked');
  return tk('staff.inbox.revocation.unknown');
}

/** Problems first (never to be missed), then the newest. */
function ordered(apps: ReceivedApplication[]): ReceivedApplication[] {
  return [...apps].sort(
    (a, b) =>
      Number(a.status === 'valid') - Number(b.status === 'valid') ||
      (b.signedAt ?? '').localeCompare(a.signedAt ?? ''),
  );
}

function when(iso: string | undefined, locale: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(locale, { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' });
}

function Application(props: { app: ReceivedApplication; locale: string }) {
  const { t } = useTranslation();
  const { app, locale } = props;
  const ok = app.status === 'valid' && app.revocation.result !== 'revoked';
  return (
    <article
      className={`card ${ok ? 'ok' : 'danger'}`}
      data-testid="inbox-application"
      data-status={app.status}
      data-form={app.formId ?? ''}
      aria-label={`${app.title ?? app.file}: ${t(STATUS_KEY[app.status])}`}
    >
      <h2>
        <span className="badge" data-testid="inbox-status">
          <Icon name={ok ? 'tick' : 'cross'} size="1.2rem" /> {t(STATUS_KEY[app.status])}
        </span>{' '}
        <span lang="ja">{app.title ?? app.file}</span>
      </h2>
      <dl className="facts">
        <dt>{t('staff.inbox.signer')}</dt>
        <dd>
          <span lang="ja">{app.signer?.name ?? '—'}</span>
          {app.signer?.birthDate ? ` (${app.signer.birthDate})` : ''}
        </dd>
        <dt>{t('staff.inbox.signedAt')}</dt>
        <dd>{when(app.signedAt, locale)}</dd>
        {app.signer ? (
          <>
            <dt>{t('staff.inbox.certificate')}</dt>
            <dd>
              {app.signer.notBefore.slice(0, 10)} – {app.signer.notAfter.slice(0, 10)}
            </dd>
          </>
        ) : null}
        <dt>{t('staff.inbox.revocation.label')}</dt>
        <dd data-testid="inbox-revocation">{t(revocationKey(app))}</dd>
        <dt>{t('staff.inbox.file')}</dt>
        <dd lang="en" translate="no">
          {app.visitId ? `${app.visitId}/` : ''}
          {app.file}
        </dd>
      </dl>
      {app.problems.length > 0 ? (
        <div role="alert">
          <p className="status">{t('staff.inbox.problems')}</p>
          <ul lang="en">
            {app.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {app.form ? (
        <details>
          <summary>{t('staff.inbox.formData', { count: app.form.fields.length })}</summary>
          <dl className="facts" data-testid="inbox-form-data">
            {app.form.fields.map((f) => (
              <div key={f.key} style={{ display: 'contents' }}>
                <dt lang="ja" data-key={f.key}>
                  {f.label}
                </dt>
                <dd lang="ja">{f.value}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </article>
  );
}

export function StaffInboxScreen() {
  const { t, i18n } = useTranslation();
  const a = useActions();
  const inbox = useKiosk((s) => s.inbox);
  const busy = useKiosk((s) => s.busy);
  const apps = ordered(inbox?.applications ?? []);
  const bad = apps.filter((x) => x.status !== 'valid').length;
  return (
    <ScreenFrame
      name="staffInbox"
      title={t('staff.inbox.title')}
      voice={t('staff.inbox.title')}
      lead={
        !inbox?.configured
          ? t('staff.inbox.notConfigured')
          : t('staff.inbox.summary', { count: apps.length, bad })
      }
    >
      {inbox && inbox.queued > 0 ? (
        <div className="card warn" data-testid="inbox-queued">
          <p className="status">{t('staff.inbox.queued', { count: inbox.queued })}</p>
          <button
            type="button"
            className="btn"
            onClick={() => void a.flushInbox()}
            disabled={!!busy}
            data-testid="inbox-flush"
          >
            {t('staff.inbox.flush')}
          </button>
        </div>
      ) : null}
      {inbox?.configured && apps.length === 0 ? <p>{t('staff.inbox.none')}</p> : null}
      {apps.map((app) => (
        <Application key={`${app.visitId}/${app.file}`} app={app} locale={i18n.language} />
      ))}
      {inbox?.configured && !inbox.reachable ? (
        <p className="card danger status" role="alert" data-testid="inbox-unreachable">
          {t('staff.inbox.unreachable')}
        </p>
      ) : null}
      {inbox?.problems.map((p) => (
        <p key={p.path} className="card danger" lang="en" data-testid="inbox-problem">
          {p.path}: {p.problem}
        </p>
      ))}
      <div className="actions">
        <button type="button" className="btn" onClick={() => a.openStaff()}>
          {t('common.back')}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn primary"
          onClick={() => void a.openInbox()}
          disabled={!!busy}
          data-testid="inbox-refresh"
        >
          {t('staff.inbox.refresh')}
        </button>
      </div>
    </ScreenFrame>
  );
}
