/**
 * 電子署名して提出: choose the forms, the 署名用パスワード on its own keyboard (tries left before
 * each try, the last try confirmed), a locked certificate or a card without one explained and
 * routed to printing, the signed pages seen before they go, then sent (or waiting) and the forms
 * that still need paper printed.
 */
import { useTranslation } from 'react-i18next';
import { useActions, useKiosk } from '../context.ts';
import { ScreenFrame } from '../../../components/ScreenFrame.tsx';
import { PdfPages } from '../../../components/PdfPages.tsx';
import { PasswordKeyboard } from '../../../components/PasswordKeyboard.tsx';
import { LastTryReminder } from '../../../components/CardEntry.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { tk } from '../../../i18n/keys.ts';
import { formsOnPaper } from '../state/signing.ts';

/** The 5 tries of the 署名用パスワード, said before each try. */
function SignTriesLeft() {
  const { t } = useTranslation();
  const left = useKiosk((s) => s.signing?.retriesLeft);
  if (left === null || left === undefined) return null;
  return (
    <p className="retries" role="status" data-testid="sign-retries">
      {t('sign.password.triesLeft', { count: left })}
    </p>
  );
}

function FormTitles(props: { ids: string[] }) {
  const offer = useKiosk((s) => s.signing?.offer ?? []);
  return (
    <ul>
      {offer
        .filter((f) => props.ids.includes(f.formId))
        .map((f) => (
          <li key={f.formId} lang="ja">
            {f.title}
          </li>
        ))}
    </ul>
  );
}

/** 戻る to the confirmation and "print instead": the printed road is always one press away. */
function PrintInstead(props: { primary?: boolean }) {
  const { t } = useTranslation();
  const a = useActions();
  return (
    <button
      type="button"
      className={props.primary ? 'btn primary' : 'btn'}
      onClick={a.leaveSigning}
      data-testid="sign-print-instead"
    >
      <Icon name="printer" size="1.4rem" /> {t('sign.printInstead')}
    </button>
  );
}

/** On the confirmation screen, under the pages: the offer to sign instead of printing. */
export function SignOffer() {
  const { t } = useTranslation();
  const a = useActions();
  const signing = useKiosk((s) => s.signing);
  const busy = useKiosk((s) => s.busy);
  if (!signing) return null;
  return (
    <section className="card sign-offer" aria-labelledby="sign-offer-title" data-testid="sign-offer">
      <h2 id="sign-offer-title">{t('sign.offer.title')}</h2>
      <p>{t('sign.offer.lead')}</p>
      <FormTitles ids={signing.offer.map((f) => f.formId)} />
      <button
        type="button"
        className="btn primary"
        onClick={a.startSigning}
        disabled={!!busy}
        data-testid="sign-start"
      >
        {t('sign.offer.button')}
      </button>
    </section>
  );
}

export function SignChooseScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const signing = useKiosk((s) => s.signing);
  const busy = useKiosk((s) => s.busy);
  const offer = signing?.offer ?? [];
  const chosen = signing?.chosen ?? [];
  return (
    <ScreenFrame
      name="signChoose"
      title={t('sign.choose.title')}
      voice={`${t('sign.choose.title')} ${t('sign.choose.lead')} ${t('sign.choose.needs')}`}
      lead={t('sign.choose.lead')}
    >
      <div className="grid two" role="group" aria-label={t('sign.choose.forms')}>
        {offer.map((f) => (
          <button
            key={f.formId}
            type="button"
            className="btn choice"
            aria-pressed={chosen.includes(f.formId)}
            onClick={() => a.toggleSignForm(f.formId)}
            data-sign-form={f.formId}
          >
            <span lang="ja">{f.title}</span>
          </button>
        ))}
      </div>
      <div className="card">
        <p className="status">{t('sign.choose.needs')}</p>
        <p>{t('sign.choose.tries')}</p>
        <p className="hint">{t('sign.choose.printed')}</p>
      </div>
      {chosen.length === 0 ? <p className="hint">{t('sign.choose.none')}</p> : null}
      <div className="actions">
        <button type="button" className="btn" onClick={() => void a.back()}>
          {t('common.back')}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn primary"
          onClick={() => void a.checkSigningCard()}
          disabled={chosen.length === 0 || !!busy}
          data-testid="sign-next"
        >
          {t('sign.choose.next')}
        </button>
      </div>
      {busy === 'card' ? <SignBusy text={t('sign.checking')} /> : null}
    </ScreenFrame>
  );
}

function SignBusy(props: { text: string }) {
  const { t } = useTranslation();
  return (
    <div className="overlay" role="status" aria-live="polite">
      <div className="dialog" style={{ textAlign: 'center' }}>
        <div className="spinner" aria-hidden="true" />
        <p className="status">{props.text}</p>
        <p>{t('sign.keepCard')}</p>
      </div>
    </div>
  );
}

export function SignPasswordScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const busy = useKiosk((s) => s.busy);
  const lastTry = useKiosk((s) => s.signing?.lastTryConfirmed ?? false);
  return (
    <ScreenFrame
      name="signPassword"
      title={t('sign.password.title')}
      voice={`${t('sign.password.title')} ${t('sign.password.lead')}`}
      lead={t('sign.password.lead')}
    >
      <SignTriesLeft />
      <LastTryReminder shown={lastTry} />
      <PasswordKeyboard
        busy={!!busy}
        submitLabel={t('sign.password.submit')}
        onSubmit={(password) => void a.submitSignPassword(password)}
        back={
          <button type="button" className="btn" onClick={() => void a.back()}>
            {t('common.back')}
          </button>
        }
      />
      <p className="hint">{t('sign.password.private')}</p>
      {busy === 'card' ? <SignBusy text={t('sign.password.signing')} /> : null}
    </ScreenFrame>
  );
}

export function SignLastTryScreen() {
  const { t } = useTranslation();
  const a = useActions();
  return (
    <ScreenFrame
      name="signLastTry"
      title={t('sign.lastTry.title')}
      voice={`${t('sign.lastTry.title')} ${t('sign.lastTry.body')}`}
    >
      <div className="card danger">
        <p className="status">{t('sign.lastTry.body')}</p>
        <p>{t('sign.lastTry.advice')}</p>
      </div>
      <div className="actions">
        <PrintInstead />
        <span className="spacer" />
        <button
          type="button"
          className="btn danger"
          onClick={a.confirmSignLastTry}
          data-testid="sign-confirm-last-try"
        >
          {t('sign.lastTry.confirm')}
        </button>
      </div>
    </ScreenFrame>
  );
}

/** A card that cannot sign now: said kindly, with the way to paper one press away. */
function SignProblemScreen(props: { name: string; title: string; body: string; lines: string[] }) {
  const { t } = useTranslation();
  return (
    <ScreenFrame
      name={props.name}
      title={t(props.title)}
      voice={`${t(props.title)} ${t(props.body)}`}
      lead={t(props.body)}
    >
      <div className="card">
        {props.lines.map((k, i) => (
          <p key={k} className={i === props.lines.length - 1 ? 'status' : undefined}>
            {t(k)}
          </p>
        ))}
      </div>
      <div className="actions">
        <span className="spacer" />
        <PrintInstead primary />
      </div>
    </ScreenFrame>
  );
}

export function SignBlockedScreen() {
  return (
    <SignProblemScreen
      name="signBlocked"
      title={tk('sign.blocked.title')}
      body={tk('sign.blocked.body')}
      lines={[tk('sign.blocked.notBroken'), tk('sign.blocked.reset')]}
    />
  );
}

export function SignNoCertScreen() {
  return (
    <SignProblemScreen
      name="signNoCert"
      title={tk('sign.noCert.title')}
      body={tk('sign.noCert.body')}
      lines={[tk('sign.noCert.why'), tk('sign.noCert.rest')]}
    />
  );
}

/** The stamp's own words, as printed on the page: Japanese inside any sentence. */
const STAMP = '「電子署名済」';
const MARK = '\u0001';

function SignedLead() {
  const { t } = useTranslation();
  const [before, after] = t('sign.signed.lead', { stamp: MARK }).split(MARK);
  return (
    <>
      {before}
      <span lang="ja">{STAMP}</span>
      {after}
    </>
  );
}

export function SignedScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const signed = useKiosk((s) => s.signing?.signed);
  const busy = useKiosk((s) => s.busy);
  return (
    <ScreenFrame
      name="signed"
      title={t('sign.signed.title')}
      voice={`${t('sign.signed.title')} ${t('sign.signed.lead', { stamp: STAMP })}`}
      lead={<SignedLead />}
    >
      {signed ? (
        <>
          <p className="card ok status" data-testid="signed-by">
            {t('sign.signed.signer')} <span lang="ja">{signed.signerName}</span>
          </p>
          <PdfPages forms={signed.documents} />
        </>
      ) : null}
      <div className="actions">
        <button type="button" className="btn" onClick={() => void a.back()} data-testid="sign-cancel">
          {t('sign.signed.cancel')}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn primary"
          onClick={() => void a.sendSigned()}
          disabled={!signed || !!busy}
          data-testid="sign-send"
        >
          {t('sign.signed.send')}
        </button>
      </div>
    </ScreenFrame>
  );
}

export function SignSentScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const sent = useKiosk((s) => s.signing?.sent);
  const plan = useKiosk((s) => s.plan);
  const busy = useKiosk((s) => s.busy);
  const signing = useKiosk((s) => s.signing);
  const sentIds = sent?.formIds ?? [];
  const paper = formsOnPaper(plan?.forms ?? [], signing) ?? [];
  const headline = sent?.delivered
    ? t('sign.sent.delivered', { count: sentIds.length })
    : t('sign.sent.queued');
  return (
    <ScreenFrame
      name="signSent"
      title={sent?.delivered ? t('sign.sent.title') : t('sign.sent.titleQueued')}
      voice={`${t('sign.sent.title')} ${headline}`}
    >
      <div
        className={`card ${sent?.delivered ? 'ok' : 'warn'}`}
        role="status"
        data-testid="sign-sent"
        data-delivered={sent?.delivered ? 'yes' : 'no'}
      >
        <p className="status">{headline}</p>
        <FormTitles ids={sentIds} />
      </div>
      {paper.length > 0 ? (
        <section className="card" aria-labelledby="paper-title">
          <h2 id="paper-title">{t('sign.sent.paperTitle', { count: paper.length })}</h2>
          <ul>
            {paper.map((f) => (
              <li key={f.id} lang="ja">
                {f.title}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="actions">
        <span className="spacer" />
        {paper.length > 0 ? (
          <button
            type="button"
            className="btn primary"
            onClick={() => void a.print()}
            disabled={!!busy}
            data-testid="print"
          >
            <Icon name="printer" size="1.6rem" /> {t('sign.sent.print')}
          </button>
        ) : (
          <button type="button" className="btn primary" onClick={a.signingDone} data-testid="sign-next">
            {t('sign.sent.next')}
          </button>
        )}
      </div>
    </ScreenFrame>
  );
}

/** On the last screen: what went electronically. */
export function SentNote() {
  const { t } = useTranslation();
  const sent = useKiosk((s) => s.signing?.sent);
  if (!sent) return null;
  return (
    <p className={`card ${sent.delivered ? 'ok' : 'warn'}`} data-testid="done-sent">
      {sent.delivered
        ? t('sign.done.sent', { count: sent.formIds.length })
        : t('sign.done.queued', { count: sent.formIds.length })}
    </p>
  );
}
