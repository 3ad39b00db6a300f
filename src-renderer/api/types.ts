/**
 * The contract's types as the renderer uses them (type-only: nothing of zod reaches the bundle).
 */
import type { CallInput, CallOutput } from '../../src-main/contract/index.ts';

export type {
  CallInput,
  CallOutput,
  ApiError,
  AppInfo,
  Answers,
  CardStatus,
  Counter,
  FormInputView,
  InputValues,
  KioskEvent,
  Language,
  LifeEvent,
  LocalizedText,
  Plan,
  PostalPlace,
  PrintJobStatus,
  Procedure,
  Question,
  RenderedForm,
  ResidentView,
  Result,
  SettingsPatch,
  Statistics,
  TerminalSettings,
  Translations,
} from '../../src-main/contract/index.ts';

import type { Answers, InputValues } from '../../src-main/contract/index.ts';

export type AnswerValue = Answers[string];
export type InputValue = InputValues[string];
/** The three parts of 照合番号B as the resident reads them off the card. */
export type BnoParts = Extract<CallInput<'card.read'>, { method: 'bno' }>['bno'];
export type BnoBirth = BnoParts['birth'];
export type Diagnostics = CallOutput<'diagnostics.get'>;
