/**
 * The card at city hall (the shared desk card screens with the clerk's wording): place it, then
 * 照合番号B typed by the clerk or the PIN typed by the resident. The 個人番号 is never read.
 */
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
import type { CardProblem } from '../../../kit/card-secret.ts';
import { useFare } from '../context.ts';
import { CARD_PROBLEM_BODY, CARD_PROBLEM_TITLE } from '../labels.ts';

const TEXTS: DeskCardTexts = {
  placeTitle: tk('fare.card.place.title'),
  placeLead: tk('fare.card.place.lead'),
  reading: tk('fare.card.reading'),
  bnoTitle: tk('fare.card.bno.title'),
  bnoLead: tk('fare.card.bno.lead'),
  pinTitle: tk('fare.card.pin.title'),
  pinLead: tk('fare.card.pin.lead'),
  pinPrivate: tk('fare.card.pin.private'),
  read: tk('fare.card.read'),
  cancel: tk('fare.card.cancel'),
  usePin: tk('fare.card.usePin'),
  useBno: tk('fare.card.useBno'),
  pinName: tk('fare.card.pinName'),
  bnoName: tk('fare.card.bnoName'),
  retry: tk('fare.card.retry'),
  lastTryConfirm: tk('fare.card.problem.lastTry.confirm'),
  problemTitle: CARD_PROBLEM_TITLE,
  problemBody: CARD_PROBLEM_BODY,
};

function useCardProps(): DeskCardProps {
  return deskCardProps(
    TEXTS,
    useFare((s) => s),
  );
}

export const PlaceCardScreen = () => <DeskPlaceCard {...useCardProps()} />;
export const CardReadingScreen = () => <DeskCardReading texts={TEXTS} />;
export const CardBnoScreen = () => <DeskCardBno {...useCardProps()} />;
export const CardPinScreen = () => <DeskCardPin {...useCardProps()} />;
export const CardProblemScreen = (props: { problem: CardProblem }) => (
  <DeskCardProblem {...useCardProps()} problem={props.problem} ways={null} />
);
