/**
 * The card path at the desk: place the card, then 照合番号B (the worker or the voter types the three
 * parts printed on the card — birth date, expiry year, security code) or the 4-digit PIN if the
 * voter prefers (typed by the voter on the pad). The 個人番号 is never read. Tries are shown before
 * each attempt; the last try needs a confirmation; a blocked card is explained and the barcode or
 * manual search remain.
 */
import { useTranslation } from 'react-i18next';
import {
  DeskCardBno,
  DeskCardPin,
  DeskCardProblem,
  DeskCardReading,
  DeskPlaceCard,
  deskCardProps,
  type DeskCardProps,
  type DeskCardTexts,
} from '../../../components/DeskCardScreens.tsx';
import { tk } from '../../../i18n/keys.ts';
import { useDesk, useDeskActions } from '../context.ts';
import type { CardProblem } from '../desk-screens.ts';
import { CARD_PROBLEM_BODY, CARD_PROBLEM_TITLE } from '../labels.ts';

const TEXTS: DeskCardTexts = {
  placeTitle: tk('election.card.place.title'),
  placeLead: tk('election.card.place.lead'),
  placeHint: tk('election.card.place.hint'),
  reading: tk('election.card.reading'),
  bnoTitle: tk('election.card.bno.title'),
  bnoLead: tk('election.card.bno.lead'),
  pinTitle: tk('election.card.pin.title'),
  pinLead: tk('election.card.pin.lead'),
  pinPrivate: tk('election.card.pin.private'),
  read: tk('election.card.read'),
  cancel: tk('election.card.cancel'),
  usePin: tk('election.card.usePin'),
  useBno: tk('election.card.useBno'),
  pinName: tk('election.card.pinName'),
  bnoName: tk('election.card.bnoName'),
  retry: tk('election.card.retry'),
  lastTryConfirm: tk('election.card.problem.lastTry.confirm'),
  problemTitle: CARD_PROBLEM_TITLE,
  problemBody: CARD_PROBLEM_BODY,
};

function useCardProps(): DeskCardProps {
  return deskCardProps(
    TEXTS,
    useDesk((s) => s),
  );
}

export const PlaceCardScreen = () => <DeskPlaceCard {...useCardProps()} />;
export const CardReadingScreen = () => <DeskCardReading texts={TEXTS} />;
export const CardBnoScreen = () => <DeskCardBno {...useCardProps()} />;
export const CardPinScreen = () => <DeskCardPin {...useCardProps()} />;

export function CardProblemScreen(props: { problem: CardProblem }) {
  const { t } = useTranslation();
  const a = useDeskActions();
  return (
    <DeskCardProblem
      {...useCardProps()}
      problem={props.problem}
      ways={
        <>
          <button
            type="button"
            className="btn"
            onClick={() => void a.cancelCard()}
            data-testid="card-to-barcode"
          >
            {t('election.card.toBarcode')}
          </button>
          <button type="button" className="btn" onClick={a.openSearch}>
            {t('election.ready.search')}
          </button>
        </>
      }
    />
  );
}
