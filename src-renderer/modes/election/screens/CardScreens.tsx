/**
 * The card path at the desk: place the card, then 照合番号B (the worker or the voter types the three
 * parts printed on the card — birth date, expiry year, security code) or the 4-digit PIN if the
 * voter prefers (typed by the voter on the pad). The 個人番号 is never read. Tries are shown before
 * each attempt; the last try needs a confirmation; a blocked card is explained and the barcode or
 * manual search remain.
 */
import { useTranslation } from 'react-i18next';
import { BnoDeskForm } from '../../../components/BnoDeskForm.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { LastTryReminder, PinEntry, RetriesLeft } from '../../../components/CardEntry.tsx';
import { useDesk, useDeskActions } from '../context.ts';
import type { CardProblem } from '../desk-screens.ts';
import { CARD_PROBLEM_BODY, CARD_PROBLEM_TITLE } from '../labels.ts';
import { DeskFrame, useFocusOnShow } from '../parts.tsx';

function Retries(props: { method: 'pin' | 'bno' }) {
  const left = useDesk((s) => s.retries?.[props.method]);
  return <RetriesLeft left={left} />;
}

function CardActions(props: { other?: 'pin' | 'bno' }) {
  const { t } = useTranslation();
  const a = useDeskActions();
  const pinLeft = useDesk((s) => s.retries?.pin);
  const bnoLeft = useDesk((s) => s.retries?.bno);
  const otherLeft = props.other === 'pin' ? pinLeft : bnoLeft;
  return (
    <div className="actions">
      <button type="button" className="btn" onClick={() => void a.cancelCard()} data-testid="card-cancel">
        {t('election.card.cancel')}
      </button>
      <span className="spacer" />
      {props.other && otherLeft !== 0 ? (
        <button
          type="button"
          className="btn"
          onClick={() => void a.switchCardMethod(props.other!)}
          data-testid={`use-${props.other}`}
        >
          {props.other === 'pin' ? t('election.card.usePin') : t('election.card.useBno')}
        </button>
      ) : null}
    </div>
  );
}

export function PlaceCardScreen() {
  const { t } = useTranslation();
  return (
    <DeskFrame name="placeCard" title={t('election.card.place.title')} lead={t('election.card.place.lead')}>
      <div className="card center">
        <Icon name="card" size="6rem" />
        <p>{t('election.card.place.hint')}</p>
      </div>
      <CardActions />
    </DeskFrame>
  );
}

export function CardReadingScreen() {
  const { t } = useTranslation();
  return (
    <DeskFrame name="cardReading" title={t('election.card.reading')}>
      <div role="status" aria-live="polite" className="center">
        <div className="spinner" aria-hidden="true" />
        <p className="status">{t('card.reading.lead')}</p>
      </div>
    </DeskFrame>
  );
}

/** All parts of 照合番号B on one screen (a desk with a keyboard is faster than a wizard). */
export function CardBnoScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const busy = useDesk((s) => s.busy);
  const lastTry = useDesk((s) => s.lastTryConfirmed);
  return (
    <DeskFrame
      name="cardBno"
      title={t('election.card.bno.title')}
      lead={t('election.card.bno.lead')}
      focusHeading={false}
    >
      <BnoDeskForm
        busy={!!busy}
        submitLabel={t('election.card.read')}
        onSubmit={(parts) => void a.submitBno(parts)}
        aside={
          <>
            <Retries method="bno" />
            <LastTryReminder shown={lastTry} />
          </>
        }
      />
      <CardActions other="pin" />
    </DeskFrame>
  );
}

export function CardPinScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const busy = useDesk((s) => s.busy);
  const lastTry = useDesk((s) => s.lastTryConfirmed);
  const left = useDesk((s) => s.retries?.pin);
  return (
    <DeskFrame name="cardPin" title={t('election.card.pin.title')} lead={t('election.card.pin.lead')}>
      <PinEntry
        retriesLeft={left}
        lastTryConfirmed={lastTry}
        busy={!!busy}
        submitLabel={t('election.card.read')}
        onSubmit={(pin) => void a.submitPin(pin)}
        notes={<p className="hint">{t('election.card.pin.private')}</p>}
      />
      <CardActions other="bno" />
    </DeskFrame>
  );
}

export function CardProblemScreen(props: { problem: CardProblem }) {
  const { t } = useTranslation();
  const a = useDeskActions();
  const method = useDesk((s) => s.cardMethod);
  const retries = useDesk((s) => s.retries);
  const other = method === 'pin' ? 'bno' : 'pin';
  const otherOpen = (retries?.[other] ?? 0) > 0;
  const primary = useFocusOnShow<HTMLButtonElement>(props.problem);
  const p = props.problem;
  return (
    <DeskFrame
      name={`cardProblem:${p}`}
      title={t(CARD_PROBLEM_TITLE[p])}
      lead={t(CARD_PROBLEM_BODY[p], {
        method: t(method === 'pin' ? 'election.card.pinName' : 'election.card.bnoName'),
      })}
      focusHeading={false}
      className={p === 'lastTry' || p === 'blocked' ? 'problem danger' : 'problem'}
    >
      <div className="card center">
        <Icon name="card" size="5rem" />
      </div>
      <div className="actions">
        <button
          type="button"
          className="btn"
          onClick={() => void a.cancelCard()}
          ref={p === 'lastTry' ? undefined : primary}
          data-testid="card-to-barcode"
        >
          {t('election.card.toBarcode')}
        </button>
        <button type="button" className="btn" onClick={a.openSearch}>
          {t('election.ready.search')}
        </button>
        <span className="spacer" />
        {p === 'lastTry' ? (
          <button
            type="button"
            className="btn danger"
            ref={primary}
            onClick={a.confirmLastTry}
            data-testid="confirm-last-try"
          >
            {t('election.card.problem.lastTry.confirm')}
          </button>
        ) : null}
        {(p === 'blocked' || p === 'lastTry') && otherOpen ? (
          <button type="button" className="btn" onClick={() => void a.switchCardMethod(other)}>
            {other === 'pin' ? t('election.card.usePin') : t('election.card.useBno')}
          </button>
        ) : null}
        {p === 'error' || p === 'removed' || p === 'wrongCard' ? (
          <button
            type="button"
            className="btn primary"
            onClick={() => void a.beginCard()}
            data-testid="card-retry"
          >
            {t('election.card.retry')}
          </button>
        ) : null}
      </div>
    </DeskFrame>
  );
}
