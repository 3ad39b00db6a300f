/**
 * Translation keys chosen from data (needs, states, card problems, age bands), written out so the
 * locale test sees every one of them.
 */
import type { ShelterNeed, ShelterPerson } from '../../../src-main/contract/index.ts';
import { tk } from '../../i18n/keys.ts';
import type { CardProblem } from './screens.ts';

export const NEED_ORDER: readonly ShelterNeed[] = [
  'chronic',
  'medication',
  'allergy',
  'diet',
  'care',
  'disability',
  'pregnant',
  'infant',
  'pet',
];

export const NEED_LABEL: Record<ShelterNeed, string> = {
  chronic: tk('shelter.need.chronic'),
  medication: tk('shelter.need.medication'),
  allergy: tk('shelter.need.allergy'),
  diet: tk('shelter.need.diet'),
  care: tk('shelter.need.care'),
  disability: tk('shelter.need.disability'),
  pregnant: tk('shelter.need.pregnant'),
  infant: tk('shelter.need.infant'),
  pet: tk('shelter.need.pet'),
};

export const STATE_LABEL: Record<ShelterPerson['state'], string> = {
  here: tk('shelter.state.here'),
  out: tk('shelter.state.out'),
  left: tk('shelter.state.left'),
  none: tk('shelter.state.none'),
};

export const CONSENT_LABEL: Record<ShelterPerson['consent'], string> = {
  yes: tk('shelter.consent.yes'),
  no: tk('shelter.consent.no'),
  'not-asked': tk('shelter.consent.notAsked'),
};

export const CARD_PROBLEM_TITLE: Record<CardProblem, string> = {
  lastTry: tk('shelter.card.problem.lastTry.title'),
  blocked: tk('shelter.card.problem.blocked.title'),
  wrongCard: tk('shelter.card.problem.wrongCard.title'),
  noReader: tk('shelter.card.problem.noReader.title'),
  removed: tk('shelter.card.problem.removed.title'),
  error: tk('shelter.card.problem.error.title'),
};

export const CARD_PROBLEM_BODY: Record<CardProblem, string> = {
  lastTry: tk('shelter.card.problem.lastTry.body'),
  blocked: tk('shelter.card.problem.blocked.body'),
  wrongCard: tk('shelter.card.problem.wrongCard.body'),
  noReader: tk('shelter.card.problem.noReader.body'),
  removed: tk('shelter.card.problem.removed.body'),
  error: tk('shelter.card.problem.error.body'),
};

export const AGE_BAND_LABEL: Record<string, string> = {
  '0-5': tk('shelter.dashboard.age.infant'),
  '6-14': tk('shelter.dashboard.age.child'),
  '15-64': tk('shelter.dashboard.age.adult'),
  '65-74': tk('shelter.dashboard.age.senior'),
  '75+': tk('shelter.dashboard.age.elderly'),
};

export const KIND_LABEL: Record<'designated' | 'emergency' | 'welfare', string> = {
  designated: tk('shelter.kind.designated'),
  emergency: tk('shelter.kind.emergency'),
  welfare: tk('shelter.kind.welfare'),
};
