/**
 * The pieces of card entry that the counter and the election desk share: tries left, the last-try
 * reminder, the 4-digit PIN pad, the era buttons and the wording of 照合番号B problems. Each screen
 * wraps them in its own frame and actions; the behaviour (and what a resident sees) stays one.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NumPad } from './NumPad.tsx';
import { tk } from '../i18n/keys.ts';
import type { BirthEra } from '../kit/bno-parts.ts';

/** "残り N 回" before each try; nothing when the card did not say. */
export function RetriesLeft(props: { left: number | null | undefined }) {
  const { t } = useTranslation();
  if (props.left === null || props.left === undefined) return null;
  return (
    <p className="retries" role="status" data-testid="retries">
      {t('card.retriesLeft', { count: props.left })}
    </p>
  );
}

/** Stays on screen after the resident confirmed the last try, so nobody forgets what is at stake. */
export function LastTryReminder(props: { shown: boolean }) {
  const { t } = useTranslation();
  if (!props.shown) return null;
  return (
    <p className="card danger" role="alert">
      {t('card.lastTry.reminder')}
    </p>
  );
}

/** One dot per digit typed (at least four places), never the digits themselves. */
export function PinDots(props: { count: number }) {
  const { t } = useTranslation();
  return (
    <div className="pin-dots" role="img" aria-label={t('card.pin.entered', { count: props.count })}>
      {Array.from({ length: Math.max(4, props.count) }, (_, i) => (
        <span key={i} className={i < props.count ? 'filled' : ''} />
      ))}
    </div>
  );
}

/**
 * A secret typed on the pad: kept only in this component's state and cleared the moment it is
 * handed on, so it never outlives the try.
 */
function usePinField(minLength: number, busy: boolean, onSubmit: (pin: string) => void) {
  const [pin, setPin] = useState('');
  const ready = pin.length >= minLength && !busy;
  const submit = () => {
    if (!ready) return;
    const value = pin;
    setPin('');
    onSubmit(value);
  };
  return { pin, setPin, ready, submit };
}

/** The operator PIN (4–12 digits) for staff screens and undo at the election desk. */
export function OperatorPinPad(props: {
  label: string;
  submitLabel: string;
  submitTestId: string;
  busy: boolean;
  onSubmit: (pin: string) => void;
  /** Beside the dots: what the PIN opens. */
  intro?: ReactNode;
  /** Left of the submit button (e.g. 戻る). */
  back?: ReactNode;
}) {
  const { pin, setPin, ready, submit } = usePinField(4, props.busy, props.onSubmit);
  return (
    <div className="two-col">
      <div>
        {props.intro}
        <PinDots count={pin.length} />
      </div>
      <div>
        <NumPad value={pin} onChange={setPin} maxLength={12} onEnter={submit} label={props.label} />
        <div className="actions">
          {props.back}
          <span className="spacer" />
          <button
            type="button"
            className="btn primary"
            onClick={submit}
            disabled={!ready}
            data-testid={props.submitTestId}
          >
            {props.submitLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * Four dots and a number pad. The PIN lives only in this component's state and is cleared the
 * moment it is handed to `onSubmit`.
 */
export function PinEntry(props: {
  retriesLeft: number | null | undefined;
  lastTryConfirmed: boolean;
  busy: boolean;
  submitLabel: string;
  onSubmit: (pin: string) => void;
  /** Under the dots: why the PIN, where it is written, that it stays private. */
  notes: ReactNode;
  /** Left of the submit button (e.g. 戻る). */
  back?: ReactNode;
}) {
  const { t } = useTranslation();
  const { pin, setPin, ready, submit } = usePinField(4, props.busy, props.onSubmit);
  return (
    <div className="two-col">
      <div>
        <RetriesLeft left={props.retriesLeft} />
        <LastTryReminder shown={props.lastTryConfirmed} />
        <PinDots count={pin.length} />
        {props.notes}
      </div>
      <div>
        <NumPad
          value={pin}
          onChange={setPin}
          maxLength={4}
          onEnter={submit}
          label={t('card.pin.name')}
          disabled={props.busy}
        />
        <div className="actions">
          {props.back}
          <span className="spacer" />
          <button
            type="button"
            className="btn primary"
            disabled={!ready}
            onClick={submit}
            data-testid="pin-ok"
          >
            {props.submitLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The birth-date eras as printed on the card, most common first. */
export const ERA_BUTTONS: Array<{ era: BirthEra; key: string }> = [
  { era: 'showa', key: tk('bno.era.showa') },
  { era: 'heisei', key: tk('bno.era.heisei') },
  { era: 'reiwa', key: tk('bno.era.reiwa') },
  { era: 'taisho', key: tk('bno.era.taisho') },
  { era: 'gregorian', key: tk('bno.era.gregorian') },
];

/** What to say for each problem `draftProblems` finds in the typed 照合番号B parts. */
export const BNO_PROBLEM_KEY: Record<string, string> = {
  year: tk('bno.problem.year'),
  month: tk('bno.problem.month'),
  day: tk('bno.problem.day'),
  date: tk('bno.problem.date'),
  expiryYear: tk('bno.problem.expiryYear'),
  securityCode: tk('bno.problem.securityCode'),
};
