/**
 * The card screens of a staffed desk (the election desk, the shelter entrance): place the card,
 * reading, 照合番号B on one screen, the PIN typed by the person, and each problem (last try,
 * blocked, not a My Number Card, no reader, removed). A desk passes its store's state and actions
 * and its own wording (translation keys); its other ways in (barcode, search, by hand) go on the
 * problem screen.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BnoParts } from '../api/types.ts';
import type { CardProblem, Retries } from '../kit/card-secret.ts';
import { DeskFrame, useFocusOnShow } from '../kit/desk-frame.tsx';
import { BnoDeskForm } from './BnoDeskForm.tsx';
import { LastTryReminder, PinEntry, RetriesLeft } from './CardEntry.tsx';
import { Icon } from './Icon.tsx';

/** A desk's texts for the card (translation keys). */
export interface DeskCardTexts {
  placeTitle: string;
  placeLead: string;
  placeHint?: string;
  reading: string;
  bnoTitle: string;
  bnoLead: string;
  pinTitle: string;
  pinLead: string;
  pinPrivate: string;
  read: string;
  cancel: string;
  usePin: string;
  useBno: string;
  pinName: string;
  bnoName: string;
  retry: string;
  lastTryConfirm: string;
  problemTitle: Record<CardProblem, string>;
  problemBody: Record<CardProblem, string>;
}

export interface DeskCardProps {
  texts: DeskCardTexts;
  busy: boolean;
  method: 'pin' | 'bno';
  retries: Retries | null;
  lastTryConfirmed: boolean;
  cancel(): void;
  switchMethod(method: 'pin' | 'bno'): void;
  submitBno(parts: BnoParts): void;
  submitPin(pin: string): void;
  confirmLastTry(): void;
  retry(): void;
}

/** What a desk's store holds for the card, and its card actions (the same names in every desk). */
export interface DeskCardStore {
  busy: unknown;
  cardMethod: 'pin' | 'bno';
  retries: Retries | null;
  lastTryConfirmed: boolean;
  cancelCard(): unknown;
  switchCardMethod(method: 'pin' | 'bno'): unknown;
  submitBno(parts: BnoParts): unknown;
  submitPin(pin: string): unknown;
  confirmLastTry(): unknown;
  beginCard(): unknown;
}

/** The card screens' props from a desk's state and actions. */
export function deskCardProps(texts: DeskCardTexts, s: DeskCardStore): DeskCardProps {
  return {
    texts,
    busy: !!s.busy,
    method: s.cardMethod,
    retries: s.retries,
    lastTryConfirmed: s.lastTryConfirmed,
    cancel: () => void s.cancelCard(),
    switchMethod: (m) => void s.switchCardMethod(m),
    submitBno: (parts) => void s.submitBno(parts),
    submitPin: (pin) => void s.submitPin(pin),
    confirmLastTry: () => void s.confirmLastTry(),
    retry: () => void s.beginCard(),
  };
}

function CardActions(props: { p: DeskCardProps; other?: 'pin' | 'bno' }) {
  const { t } = useTranslation();
  const { p, other } = props;
  return (
    <div className="actions">
      <button type="button" className="btn" onClick={p.cancel} data-testid="card-cancel">
        {t(p.texts.cancel)}
      </button>
      <span className="spacer" />
      {other && p.retries?.[other] !== 0 ? (
        <button
          type="button"
          className="btn"
          onClick={() => p.switchMethod(other)}
          data-testid={`use-${other}`}
        >
          {t(other === 'pin' ? p.texts.usePin : p.texts.useBno)}
        </button>
      ) : null}
    </div>
  );
}

export function DeskPlaceCard(props: DeskCardProps) {
  const { t } = useTranslation();
  const x = props.texts;
  return (
    <DeskFrame name="placeCard" title={t(x.placeTitle)} lead={t(x.placeLead)}>
      <div className="card center">
        <Icon name="card" size="6rem" />
        {x.placeHint ? <p>{t(x.placeHint)}</p> : null}
      </div>
      <CardActions p={props} />
    </DeskFrame>
  );
}

export function DeskCardReading(props: { texts: DeskCardTexts }) {
  const { t } = useTranslation();
  return (
    <DeskFrame name="cardReading" title={t(props.texts.reading)}>
      <div role="status" aria-live="polite" className="center">
        <div className="spinner" aria-hidden="true" />
        <p className="status">{t('card.reading.lead')}</p>
      </div>
    </DeskFrame>
  );
}

export function DeskCardBno(props: DeskCardProps) {
  const { t } = useTranslation();
  const x = props.texts;
  return (
    <DeskFrame name="cardBno" title={t(x.bnoTitle)} lead={t(x.bnoLead)} focusHeading={false}>
      <BnoDeskForm
        busy={props.busy}
        submitLabel={t(x.read)}
        onSubmit={props.submitBno}
        aside={
          <>
            <RetriesLeft left={props.retries?.bno} />
            <LastTryReminder shown={props.lastTryConfirmed} />
          </>
        }
      />
      <CardActions p={props} other="pin" />
    </DeskFrame>
  );
}

export function DeskCardPin(props: DeskCardProps) {
  const { t } = useTranslation();
  const x = props.texts;
  return (
    <DeskFrame name="cardPin" title={t(x.pinTitle)} lead={t(x.pinLead)}>
      <PinEntry
        retriesLeft={props.retries?.pin}
        lastTryConfirmed={props.lastTryConfirmed}
        busy={props.busy}
        submitLabel={t(x.read)}
        onSubmit={props.submitPin}
        notes={<p className="hint">{t(x.pinPrivate)}</p>}
      />
      <CardActions p={props} other="bno" />
    </DeskFrame>
  );
}

/** A problem with the card; `ways` are the desk's other ways in (barcode, search, by hand). */
export function DeskCardProblem(props: DeskCardProps & { problem: CardProblem; ways: ReactNode }) {
  const { t } = useTranslation();
  const x = props.texts;
  const p = props.problem;
  const other = props.method === 'pin' ? 'bno' : 'pin';
  const otherOpen = (props.retries?.[other] ?? 0) > 0;
  const primary = useFocusOnShow<HTMLButtonElement>(p);
  const actions = useRef<HTMLDivElement>(null);
  const hasPrimary = p === 'lastTry' || p === 'error' || p === 'removed' || p === 'wrongCard';
  useEffect(() => {
    // No action of its own (blocked, no reader): the first other way in has the focus.
    if (!hasPrimary) actions.current?.querySelector('button')?.focus();
  }, [p, hasPrimary]);
  return (
    <DeskFrame
      name={`cardProblem:${p}`}
      title={t(x.problemTitle[p])}
      lead={t(x.problemBody[p], { method: t(props.method === 'pin' ? x.pinName : x.bnoName) })}
      focusHeading={false}
      className={p === 'lastTry' || p === 'blocked' ? 'problem danger' : 'problem'}
    >
      <div className="card center">
        <Icon name="card" size="5rem" />
      </div>
      <div className="actions" ref={actions}>
        {props.ways}
        <span className="spacer" />
        {p === 'lastTry' ? (
          <button
            type="button"
            className="btn danger"
            ref={primary}
            onClick={props.confirmLastTry}
            data-testid="confirm-last-try"
          >
            {t(x.lastTryConfirm)}
          </button>
        ) : null}
        {(p === 'blocked' || p === 'lastTry') && otherOpen ? (
          <button type="button" className="btn" onClick={() => props.switchMethod(other)}>
            {t(other === 'pin' ? x.usePin : x.useBno)}
          </button>
        ) : null}
        {p === 'error' || p === 'removed' || p === 'wrongCard' ? (
          <button
            type="button"
            className="btn primary"
            ref={primary}
            onClick={props.retry}
            data-testid="card-retry"
          >
            {t(x.retry)}
          </button>
        ) : null}
      </div>
    </DeskFrame>
  );
}
