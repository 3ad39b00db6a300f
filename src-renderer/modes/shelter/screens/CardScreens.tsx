/**
 * The card at the entrance when it was never linked (the shared desk card screens with the
 * entrance's wording): place it, then 照合番号B typed by staff or the PIN typed by the person. The
 * 個人番号 is never read. A problem with the card leaves the search and registration by hand.
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
import { useShelter, useShelterActions } from '../context.ts';
import { CARD_PROBLEM_BODY, CARD_PROBLEM_TITLE } from '../labels.ts';
import type { CardProblem } from '../screens.ts';

const TEXTS: DeskCardTexts = {
  placeTitle: tk('shelter.card.place.title'),
  placeLead: tk('shelter.card.place.lead'),
  reading: tk('shelter.card.reading'),
  bnoTitle: tk('shelter.card.bno.title'),
  bnoLead: tk('shelter.card.bno.lead'),
  pinTitle: tk('shelter.card.pin.title'),
  pinLead: tk('shelter.card.pin.lead'),
  pinPrivate: tk('shelter.card.pin.private'),
  read: tk('shelter.card.read'),
  cancel: tk('shelter.card.cancel'),
  usePin: tk('shelter.card.usePin'),
  useBno: tk('shelter.card.useBno'),
  pinName: tk('shelter.card.pinName'),
  bnoName: tk('shelter.card.bnoName'),
  retry: tk('shelter.card.retry'),
  lastTryConfirm: tk('shelter.card.problem.lastTry.confirm'),
  problemTitle: CARD_PROBLEM_TITLE,
  problemBody: CARD_PROBLEM_BODY,
};

function useCardProps(): DeskCardProps {
  return deskCardProps(
    TEXTS,
    useShelter((s) => s),
  );
}

export const PlaceCardScreen = () => <DeskPlaceCard {...useCardProps()} />;
export const CardReadingScreen = () => <DeskCardReading texts={TEXTS} />;
export const CardBnoScreen = () => <DeskCardBno {...useCardProps()} />;
export const CardPinScreen = () => <DeskCardPin {...useCardProps()} />;

export function CardProblemScreen(props: { problem: CardProblem }) {
  const { t } = useTranslation();
  const a = useShelterActions();
  return (
    <DeskCardProblem
      {...useCardProps()}
      problem={props.problem}
      ways={
        <>
          <button type="button" className="btn" onClick={() => a.openSearch()} data-testid="to-search">
            {t('shelter.ready.search')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => a.openRegister(false)}
            data-testid="to-register"
          >
            {t('shelter.ready.register')}
          </button>
        </>
      }
    />
  );
}
