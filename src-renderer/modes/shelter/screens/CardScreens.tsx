/**
 * The card at the entrance when it was never linked: place it, then 照合番号B (staff type the three
 * parts printed on the card) or the 4-digit PIN typed by the person. The 個人番号 is never read.
 * Tries are shown before each attempt; the last try needs a confirmation; a blocked card is
 * explained and the search or registration by hand remain.
 */
import { useTranslation } from 'react-i18next';
import { BnoDeskForm } from '../../../components/BnoDeskForm.tsx';
import { LastTryReminder, PinEntry, RetriesLeft } from '../../../components/CardEntry.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { DeskFrame, useFocusOnShow } from '../../../kit/desk-frame.tsx';
import { useShelter, useShelterActions } from '../context.ts';
import { CARD_PROBLEM_BODY, CARD_PROBLEM_TITLE } from '../labels.ts';
import type { CardProblem } from '../screens.ts';

function CardActions(props: { other?: 'pin' | 'bno' }) {
  const { t } = useTranslation();
  const a = useShelterActions();
  const otherLeft = useShelter((s) => (props.other ? s.retries?.[props.other] : undefined));
  return (
    <div className="actions">
      <button type="button" className="btn" onClick={() => a.cancelCard()} data-testid="card-cancel">
        {t('shelter.card.cancel')}
      </button>
      <span className="spacer" />
      {props.other && otherLeft !== 0 ? (
        <button
          type="button"
          className="btn"
          onClick={() => void a.switchCardMethod(props.other!)}
          data-testid={`use-${props.other}`}
        >
          {props.other === 'pin' ? t('shelter.card.usePin') : t('shelter.card.useBno')}
        </button>
      ) : null}
    </div>
  );
}

export function PlaceCardScreen() {
  const { t } = useTranslation();
  return (
    <DeskFrame name="placeCard" title={t('shelter.card.place.title')} lead={t('shelter.card.place.lead')}>
      <div className="card center">
        <Icon name="card" size="6rem" />
      </div>
      <CardActions />
    </DeskFrame>
  );
}

export function CardReadingScreen() {
  const { t } = useTranslation();
  return (
    <DeskFrame name="cardReading" title={t('shelter.card.reading')}>
      <div role="status" aria-live="polite" className="center">
        <div className="spinner" aria-hidden="true" />
      </div>
    </DeskFrame>
  );
}

export function CardBnoScreen() {
  const { t } = useTranslation();
  const a = useShelterActions();
  const busy = useShelter((s) => s.busy);
  const lastTry = useShelter((s) => s.lastTryConfirmed);
  const left = useShelter((s) => s.retries?.bno);
  return (
    <DeskFrame
      name="cardBno"
      title={t('shelter.card.bno.title')}
      lead={t('shelter.card.bno.lead')}
      focusHeading={false}
    >
      <BnoDeskForm
        busy={!!busy}
        submitLabel={t('shelter.card.read')}
        onSubmit={(parts) => void a.submitBno(parts)}
        aside={
          <>
            <RetriesLeft left={left} />
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
  const a = useShelterActions();
  const busy = useShelter((s) => s.busy);
  const lastTry = useShelter((s) => s.lastTryConfirmed);
  const left = useShelter((s) => s.retries?.pin);
  return (
    <DeskFrame name="cardPin" title={t('shelter.card.pin.title')} lead={t('shelter.card.pin.lead')}>
      <PinEntry
        retriesLeft={left}
        lastTryConfirmed={lastTry}
        busy={!!busy}
        submitLabel={t('shelter.card.read')}
        onSubmit={(pin) => void a.submitPin(pin)}
        notes={<p className="hint">{t('shelter.card.pin.private')}</p>}
      />
      <CardActions other="bno" />
    </DeskFrame>
  );
}

export function CardProblemScreen(props: { problem: CardProblem }) {
  const { t } = useTranslation();
  const a = useShelterActions();
  const method = useShelter((s) => s.cardMethod);
  const primary = useFocusOnShow<HTMLButtonElement>(props.problem);
  const p = props.problem;
  return (
    <DeskFrame
      name={`cardProblem:${p}`}
      title={t(CARD_PROBLEM_TITLE[p])}
      lead={t(CARD_PROBLEM_BODY[p], {
        method: t(method === 'pin' ? 'shelter.card.pinName' : 'shelter.card.bnoName'),
      })}
      focusHeading={false}
      className={p === 'lastTry' || p === 'blocked' ? 'problem danger' : 'problem'}
    >
      <div className="actions">
        {p === 'lastTry' ? (
          <button
            type="button"
            ref={primary}
            className="btn danger"
            onClick={() => a.confirmLastTry()}
            data-testid="confirm-last-try"
          >
            {t('shelter.card.problem.lastTry.confirm')}
          </button>
        ) : (
          <button
            type="button"
            ref={primary}
            className="btn primary"
            onClick={() => void a.beginCard()}
            data-testid="card-retry"
          >
            {t('shelter.card.retry')}
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => a.openSearch()} data-testid="to-search">
          {t('shelter.ready.search')}
        </button>
        <button type="button" className="btn" onClick={() => a.openRegister(false)} data-testid="to-register">
          {t('shelter.ready.register')}
        </button>
      </div>
    </DeskFrame>
  );
}
