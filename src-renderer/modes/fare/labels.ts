/**
 * Translation keys chosen from data (refusals, eligibility reasons, card problems, block reasons),
 * written out so the locale test sees every one of them.
 */
import type { FareCheck } from '../../../src-main/contract/index.ts';
import { tk } from '../../i18n/keys.ts';
import type { CardProblem } from '../../kit/card-secret.ts';
import type { BlockReason } from './fare-store.ts';
import type { RideRefusal } from './screens.ts';

export const REFUSAL_TITLE: Record<RideRefusal, string> = {
  NOT_REGISTERED: tk('fare.refusal.NOT_REGISTERED.title'),
  OTHER_PROGRAM: tk('fare.refusal.OTHER_PROGRAM.title'),
  BLOCKED: tk('fare.refusal.BLOCKED.title'),
  NOT_YET_VALID: tk('fare.refusal.NOT_YET_VALID.title'),
  EXPIRED: tk('fare.refusal.EXPIRED.title'),
  DAILY_CAP: tk('fare.refusal.DAILY_CAP.title'),
  YEARLY_CAP: tk('fare.refusal.YEARLY_CAP.title'),
  REPEAT_NEEDS_CONFIRMATION: tk('fare.refusal.REPEAT_NEEDS_CONFIRMATION.title'),
};

export const REFUSAL_HINT: Record<RideRefusal, string> = {
  NOT_REGISTERED: tk('fare.refusal.NOT_REGISTERED.hint'),
  OTHER_PROGRAM: tk('fare.refusal.OTHER_PROGRAM.hint'),
  BLOCKED: tk('fare.refusal.BLOCKED.hint'),
  NOT_YET_VALID: tk('fare.refusal.NOT_YET_VALID.hint'),
  EXPIRED: tk('fare.refusal.EXPIRED.hint'),
  DAILY_CAP: tk('fare.refusal.DAILY_CAP.hint'),
  YEARLY_CAP: tk('fare.refusal.YEARLY_CAP.hint'),
  REPEAT_NEEDS_CONFIRMATION: tk('fare.refusal.REPEAT_NEEDS_CONFIRMATION.hint'),
};

type NotEligible = Extract<FareCheck['eligibility'], { eligible: false }>['reason'];

export const NOT_ELIGIBLE: Record<NotEligible, string> = {
  NOT_RESIDENT: tk('fare.eligibility.reason.NOT_RESIDENT'),
  TOO_YOUNG: tk('fare.eligibility.reason.TOO_YOUNG'),
  NOT_IN_PERIOD: tk('fare.eligibility.reason.NOT_IN_PERIOD'),
  CERTIFICATE_EXPIRED: tk('fare.eligibility.reason.CERTIFICATE_EXPIRED'),
};

export const BLOCK_REASONS: readonly BlockReason[] = ['lost', 'stolen', 'returned', 'other'];

export const BLOCK_REASON_LABEL: Record<BlockReason, string> = {
  lost: tk('fare.block.reason.lost'),
  stolen: tk('fare.block.reason.stolen'),
  returned: tk('fare.block.reason.returned'),
  other: tk('fare.block.reason.other'),
};

export const CARD_PROBLEM_TITLE: Record<CardProblem, string> = {
  lastTry: tk('fare.card.problem.lastTry.title'),
  blocked: tk('fare.card.problem.blocked.title'),
  wrongCard: tk('fare.card.problem.wrongCard.title'),
  noReader: tk('fare.card.problem.noReader.title'),
  removed: tk('fare.card.problem.removed.title'),
  error: tk('fare.card.problem.error.title'),
};

export const CARD_PROBLEM_BODY: Record<CardProblem, string> = {
  lastTry: tk('fare.card.problem.lastTry.body'),
  blocked: tk('fare.card.problem.blocked.body'),
  wrongCard: tk('fare.card.problem.wrongCard.body'),
  noReader: tk('fare.card.problem.noReader.body'),
  removed: tk('fare.card.problem.removed.body'),
  error: tk('fare.card.problem.error.body'),
};
