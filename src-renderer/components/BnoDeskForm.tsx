/**
 * 照合番号B on one screen for a staffed desk (the election desk, the shelter entrance): the era,
 * the birth date, the expiry year and the security code side by side with the card's picture
 * lighting up the part being typed — a desk with a keyboard is faster than the resident's wizard.
 * The parts stay in this component until they are handed to `onSubmit`.
 */
import { useState, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { BnoParts } from '../api/types.ts';
import { tk } from '../i18n/keys.ts';
import { useFocusOnShow } from '../kit/desk-frame.tsx';
import { draftProblems, EMPTY_DRAFT, toParts, type BnoDraft } from '../kit/bno-parts.ts';
import { useShell } from '../kit/shell-context.ts';
import { BNO_PROBLEM_KEY, ERA_BUTTONS } from './CardEntry.tsx';
import { Mixed } from './Mixed.tsx';
import { CardFront, type CardPart } from './CardFront.tsx';
import { NumPad } from './NumPad.tsx';

type BnoField = 'year' | 'month' | 'day' | 'expiryYear' | 'securityCode';
const FIELD_PART: Record<BnoField, CardPart> = {
  year: 'birth',
  month: 'birth',
  day: 'birth',
  expiryYear: 'expiry',
  securityCode: 'code',
};
const FIELD_LABEL: Record<Exclude<BnoField, 'year'>, string> = {
  month: tk('bno.field.month'),
  day: tk('bno.field.day'),
  expiryYear: tk('bno.field.expiryYear'),
  securityCode: tk('bno.field.securityCode'),
};
const MAX_LEN: Record<BnoField, number> = { year: 4, month: 2, day: 2, expiryYear: 4, securityCode: 4 };

export function BnoDeskForm(props: {
  busy: boolean;
  submitLabel: string;
  onSubmit(parts: BnoParts): void;
  /** Under the card's picture: tries left, the last-try reminder. */
  aside?: ReactNode;
}) {
  const { t } = useTranslation();
  // Era names are Japanese words inside another language's sentence: marked so (screen readers).
  const { language } = useShell();
  const [draft, setDraft] = useState<BnoDraft>({ ...EMPTY_DRAFT, era: 'showa' });
  const [active, setActive] = useState<BnoField>('year');
  const [problem, setProblem] = useState<string | null>(null);
  const first = useFocusOnShow<HTMLInputElement>('bno');
  const eraLabel = ERA_BUTTONS.find((e) => e.era === draft.era)?.key ?? tk('bno.era.showa');
  const label = (f: BnoField) =>
    f !== 'year'
      ? t(FIELD_LABEL[f])
      : draft.era === 'gregorian'
        ? t('bno.field.yearGregorian')
        : t('bno.field.year', { era: t(eraLabel) });

  const set = (f: BnoField, v: string) => {
    setProblem(null);
    setDraft((d) => ({ ...d, [f]: v.replace(/\D/g, '').slice(0, MAX_LEN[f]) }));
  };
  const submit = () => {
    const problems = draftProblems(draft);
    if (problems.length > 0) {
      setProblem(BNO_PROBLEM_KEY[problems[0]!]!);
      return;
    }
    const parts = toParts(draft);
    if (parts && !props.busy) props.onSubmit(parts);
  };
  const field = (f: BnoField, ref?: Ref<HTMLInputElement>) => (
    <div className={`bno-field bno-${f}`}>
      <label className="field" htmlFor={`bno-${f}`}>
        <Mixed text={label(f)} lang={language} />
      </label>
      <input
        id={`bno-${f}`}
        ref={ref}
        className="text-input digits"
        inputMode="numeric"
        autoComplete="off"
        maxLength={MAX_LEN[f]}
        value={draft[f]}
        onFocus={() => setActive(f)}
        onChange={(e) => set(f, e.target.value)}
        data-testid={`bno-${f}`}
      />
    </div>
  );

  return (
    <div className="two-col">
      <div>
        <CardFront highlight={FIELD_PART[active]} />
        {props.aside}
      </div>
      <form
        className="desk-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <fieldset className="era-set">
          <legend className="field">{t('bno.step.era')}</legend>
          <div className="era-buttons">
            {ERA_BUTTONS.map((e) => (
              <button
                key={e.era}
                type="button"
                className="btn small"
                aria-pressed={draft.era === e.era}
                data-era={e.era}
                onClick={() => setDraft({ ...draft, era: e.era })}
              >
                <Mixed text={t(e.key)} lang={language} />
              </button>
            ))}
          </div>
        </fieldset>
        <div className="bno-date">
          {field('year', first)}
          {field('month')}
          {field('day')}
        </div>
        <div className="bno-date">
          {field('expiryYear')}
          {field('securityCode')}
        </div>
        {problem ? (
          <p className="card danger" role="alert">
            {t(problem)}
          </p>
        ) : null}
        <NumPad
          value={draft[active]}
          onChange={(v) => set(active, v)}
          maxLength={MAX_LEN[active]}
          onEnter={submit}
          label={label(active)}
          disabled={props.busy}
        />
        <div className="actions">
          <span className="spacer" />
          <button type="submit" className="btn primary" disabled={props.busy} data-testid="bno-submit">
            {props.submitLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
