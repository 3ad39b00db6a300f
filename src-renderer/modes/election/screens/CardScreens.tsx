/**
 * The card path at the desk: place the card, then 照合番号B (the worker or the voter types the three
 * parts printed on the card — birth date, expiry year, security code) or the 4-digit PIN if the
 * voter prefers (typed by the voter on the pad). The 個人番号 is never read. Tries are shown before
 * each attempt; the last try needs a confirmation; a blocked card is explained and the barcode or
 * manual search remain.
 */
import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { CardFront, type CardPart } from '../../../components/CardFront.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { NumPad } from '../../../components/NumPad.tsx';
import {
  BNO_PROBLEM_KEY,
  ERA_BUTTONS,
  LastTryReminder,
  PinEntry,
  RetriesLeft,
} from '../../../components/CardEntry.tsx';
import { draftProblems, EMPTY_DRAFT, toParts, type BnoDraft } from '../../../kit/bno-parts.ts';
import { tk } from '../../../i18n/keys.ts';
import { useDesk, useDeskActions } from '../context.ts';
import type { CardProblem } from '../desk-screens.ts';
import { CARD_PROBLEM_BODY, CARD_PROBLEM_TITLE } from '../labels.ts';
import { DeskFrame, useFocusOnShow } from '../parts.tsx';

function Retries(props: { method: 'pin' | 'bno' }) {
  const left = useDesk((s) => s.retries?.[props.method]);
  return <RetriesLeft left={left} />;
}

function CardActions(props: { other?: 'pin' | 'bno' }) {
  const { t } = useTranslation();
  const a = useDeskActions();
  const pinLeft = useDesk((s) => s.retries?.pin);
  const bnoLeft = useDesk((s) => s.retries?.bno);
  const otherLeft = props.other === 'pin' ? pinLeft : bnoLeft;
  return (
    <div className="actions">
      <button type="button" className="btn" onClick={() => void a.cancelCard()} data-testid="card-cancel">
        {t('election.card.cancel')}
      </button>
      <span className="spacer" />
      {props.other && otherLeft !== 0 ? (
        <button
          type="button"
          className="btn"
          onClick={() => void a.switchCardMethod(props.other!)}
          data-testid={`use-${props.other}`}
        >
          {props.other === 'pin' ? t('election.card.usePin') : t('election.card.useBno')}
        </button>
      ) : null}
    </div>
  );
}

export function PlaceCardScreen() {
  const { t } = useTranslation();
  return (
    <DeskFrame name="placeCard" title={t('election.card.place.title')} lead={t('election.card.place.lead')}>
      <div className="card center">
        <Icon name="card" size="6rem" />
        <p>{t('election.card.place.hint')}</p>
      </div>
      <CardActions />
    </DeskFrame>
  );
}

export function CardReadingScreen() {
  const { t } = useTranslation();
  return (
    <DeskFrame name="cardReading" title={t('election.card.reading')}>
      <div role="status" aria-live="polite" className="center">
        <div className="spinner" aria-hidden="true" />
        <p className="status">{t('card.reading.lead')}</p>
      </div>
    </DeskFrame>
  );
}

type BnoField = 'year' | 'month' | 'day' | 'expiryYear' | 'securityCode';
const FIELD_PART: Record<BnoField, CardPart> = {
  year: 'birth',
  month: 'birth',
  day: 'birth',
  expiryYear: 'expiry',
  securityCode: 'code',
};
const FIELD_LABEL: Record<BnoField, string> = {
  year: tk('election.card.bno.year'),
  month: tk('election.card.bno.month'),
  day: tk('election.card.bno.day'),
  expiryYear: tk('election.card.bno.expiryYear'),
  securityCode: tk('election.card.bno.securityCode'),
};
const MAX_LEN: Record<BnoField, number> = { year: 4, month: 2, day: 2, expiryYear: 4, securityCode: 4 };
/** All parts of 照合番号B on one screen (a desk with a keyboard is faster than a wizard). */
export function CardBnoScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const busy = useDesk((s) => s.busy);
  const lastTry = useDesk((s) => s.lastTryConfirmed);
  const [draft, setDraft] = useState<BnoDraft>({ ...EMPTY_DRAFT, era: 'showa' });
  const [active, setActive] = useState<BnoField>('year');
  const [problem, setProblem] = useState<string | null>(null);
  const first = useFocusOnShow<HTMLInputElement>('bno');

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
    if (parts && !busy) void a.submitBno(parts);
  };
  const field = (f: BnoField, ref?: Ref<HTMLInputElement>) => (
    <div className={`bno-field bno-${f}`}>
      <label className="field" htmlFor={`bno-${f}`}>
        {t(FIELD_LABEL[f])}
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
    <DeskFrame
      name="cardBno"
      title={t('election.card.bno.title')}
      lead={t('election.card.bno.lead')}
      focusHeading={false}
    >
      <div className="two-col">
        <div>
          <CardFront highlight={FIELD_PART[active]} />
          <Retries method="bno" />
          <LastTryReminder shown={lastTry} />
        </div>
        <form
          className="desk-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <fieldset className="era-set">
            <legend className="field">{t('election.card.bno.era')}</legend>
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
                  {t(e.key)}
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
            label={t(FIELD_LABEL[active])}
            disabled={!!busy}
          />
          <div className="actions">
            <span className="spacer" />
            <button type="submit" className="btn primary" disabled={!!busy} data-testid="bno-submit">
              {t('election.card.read')}
            </button>
          </div>
        </form>
      </div>
      <CardActions other="pin" />
    </DeskFrame>
  );
}

export function CardPinScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const busy = useDesk((s) => s.busy);
  const lastTry = useDesk((s) => s.lastTryConfirmed);
  const left = useDesk((s) => s.retries?.pin);
  return (
    <DeskFrame name="cardPin" title={t('election.card.pin.title')} lead={t('election.card.pin.lead')}>
      <PinEntry
        retriesLeft={left}
        lastTryConfirmed={lastTry}
        busy={!!busy}
        submitLabel={t('election.card.read')}
        onSubmit={(pin) => void a.submitPin(pin)}
        notes={<p className="hint">{t('election.card.pin.private')}</p>}
      />
      <CardActions other="bno" />
    </DeskFrame>
  );
}

export function CardProblemScreen(props: { problem: CardProblem }) {
  const { t } = useTranslation();
  const a = useDeskActions();
  const method = useDesk((s) => s.cardMethod);
  const retries = useDesk((s) => s.retries);
  const other = method === 'pin' ? 'bno' : 'pin';
  const otherOpen = (retries?.[other] ?? 0) > 0;
  const primary = useFocusOnShow<HTMLButtonElement>(props.problem);
  const p = props.problem;
  return (
    <DeskFrame
      name={`cardProblem:${p}`}
      title={t(CARD_PROBLEM_TITLE[p])}
      lead={t(CARD_PROBLEM_BODY[p], {
        method: t(method === 'pin' ? 'election.card.pinName' : 'election.card.bnoName'),
      })}
      focusHeading={false}
      className={p === 'lastTry' || p === 'blocked' ? 'problem danger' : 'problem'}
    >
      <div className="card center">
        <Icon name="card" size="5rem" />
      </div>
      <div className="actions">
        <button
          type="button"
          className="btn"
          onClick={() => void a.cancelCard()}
          ref={p === 'lastTry' ? undefined : primary}
          data-testid="card-to-barcode"
        >
          {t('election.card.toBarcode')}
        </button>
        <button type="button" className="btn" onClick={a.openSearch}>
          {t('election.ready.search')}
        </button>
        <span className="spacer" />
        {p === 'lastTry' ? (
          <button
            type="button"
            className="btn danger"
            ref={primary}
            onClick={a.confirmLastTry}
            data-testid="confirm-last-try"
          >
            {t('election.card.problem.lastTry.confirm')}
          </button>
        ) : null}
        {(p === 'blocked' || p === 'lastTry') && otherOpen ? (
          <button type="button" className="btn" onClick={() => void a.switchCardMethod(other)}>
            {other === 'pin' ? t('election.card.usePin') : t('election.card.useBno')}
          </button>
        ) : null}
        {p === 'error' || p === 'removed' || p === 'wrongCard' ? (
          <button
            type="button"
            className="btn primary"
            onClick={() => void a.beginCard()}
            data-testid="card-retry"
          >
            {t('election.card.retry')}
          </button>
        ) : null}
      </div>
    </DeskFrame>
  );
}
