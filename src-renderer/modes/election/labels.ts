/**
 * Translation keys chosen from data (reason codes, result kinds, card problems), written out so
 * the locale test sees every one of them.
 */
import type { ElectionReasonCode } from '../../../src-main/contract/index.ts';
import { tk } from '../../i18n/keys.ts';
import type { CardProblem, ResultKind } from './desk-screens.ts';

export const REASON_CODES: readonly ElectionReasonCode[] = ['1', '2', '3', '4', '5'];

/** The five legal categories as printed on the 宣誓書 (Japanese in every locale's ja text). */
export const REASON_LABEL: Record<ElectionReasonCode, string> = {
  '1': tk('election.reason.long.r1'),
  '2': tk('election.reason.long.r2'),
  '3': tk('election.reason.long.r3'),
  '4': tk('election.reason.long.r4'),
  '5': tk('election.reason.long.r5'),
};

export const REASON_SHORT: Record<ElectionReasonCode, string> = {
  '1': tk('election.reason.short.r1'),
  '2': tk('election.reason.short.r2'),
  '3': tk('election.reason.short.r3'),
  '4': tk('election.reason.short.r4'),
  '5': tk('election.reason.short.r5'),
};

/** What each reason covers, in the worker's words (the reason screen). */
export const REASON_EXAMPLE: Record<ElectionReasonCode, string> = {
  '1': tk('election.reason.example.r1'),
  '2': tk('election.reason.example.r2'),
  '3': tk('election.reason.example.r3'),
  '4': tk('election.reason.example.r4'),
  '5': tk('election.reason.example.r5'),
};

export const RESULT_TITLE: Record<ResultKind, string> = {
  ok: tk('election.result.ok.title'),
  voted: tk('election.result.voted.title'),
  wrongStation: tk('election.result.wrongStation.title'),
  none: tk('election.result.none.title'),
};

export const RESULT_LEAD: Record<ResultKind, string> = {
  ok: tk('election.result.ok.lead'),
  voted: tk('election.result.voted.lead'),
  wrongStation: tk('election.result.wrongStation.lead'),
  none: tk('election.result.none.lead'),
};

export const CARD_PROBLEM_TITLE: Record<CardProblem, string> = {
  lastTry: tk('election.card.problem.lastTry.title'),
  blocked: tk('election.card.problem.blocked.title'),
  wrongCard: tk('election.card.problem.wrongCard.title'),
  noReader: tk('election.card.problem.noReader.title'),
  removed: tk('election.card.problem.removed.title'),
  error: tk('election.card.problem.error.title'),
};

export const CARD_PROBLEM_BODY: Record<CardProblem, string> = {
  lastTry: tk('election.card.problem.lastTry.body'),
  blocked: tk('election.card.problem.blocked.body'),
  wrongCard: tk('election.card.problem.wrongCard.body'),
  noReader: tk('election.card.problem.noReader.body'),
  removed: tk('election.card.problem.removed.body'),
  error: tk('election.card.problem.error.body'),
};

export const PEER_STATE: Record<string, string> = {
  unknown: tk('election.sync.state.unknown'),
  ok: tk('election.sync.state.ok'),
  unreachable: tk('election.sync.state.unreachable'),
  refused: tk('election.sync.state.refused'),
  tampered: tk('election.sync.state.tampered'),
  'wrong-group': tk('election.sync.state.wrongGroup'),
};
