/**
 * The card: place it, enter the PIN or build 照合番号B, and every way it can go wrong (last try,
 * blocked, removed, not a My Number Card, no reader), then the data read from it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listText } from '../../../i18n/text.ts';
import { useActions, useKiosk } from '../context.ts';
import { ScreenFrame } from '../../../components/ScreenFrame.tsx';
import { NumPad } from '../../../components/NumPad.tsx';
import {
  BNO_PROBLEM_KEY,
  ERA_BUTTONS,
  LastTryReminder,
  PinEntry,
  RetriesLeft,
} from '../../../components/CardEntry.tsx';
import { CardFront, type CardPart } from '../../../components/CardFront.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Mixed } from '../../../components/Mixed.tsx';
import { tk } from '../../../i18n/keys.ts';
import { draftProblems, EMPTY_DRAFT, toParts, type BirthEra, type BnoDraft } from '../../../kit/bno-parts.ts';

function BlankAndEnd(props: { blank?: boolean }) {
  const { t } = useTranslation();
  const a = useActions();
  return (
    <div className="actions">
      <button type="button" className="btn" onClick={() => void a.back()}>
        {t('common.back')}
      </button>
      <span className="spacer" />
      {props.blank !== false ? (
        <button
          type="button"
          className="btn"
          onClick={() => void a.continueBlank()}
          data-testid="blank-forms"
        >
          {t('card.blankForms')}
        </button>
      ) : null}
    </div>
  );
}

function Retries(props: { method: 'pin' | 'bno' }) {
  const left = useKiosk((s) => s.retries?.[props.method]);
  return <RetriesLeft left={left} />;
}

function WhyMethod() {
  const { t } = useTranslation();
  const plan = useKiosk((s) => s.plan);
  const override = useKiosk((s) => s.methodOverride);
  const lang = useKiosk((s) => s.prefs.language);
  if (!plan || plan.cardMethod === 'none') return null;
  const pin = override === 'pin' || plan.cardMethod === 'pin';
  const pinForms = plan.forms.filter((f) => f.requiresMyNumber).map((f) => f.title);
  return (
    <div className="card" data-testid="why-method" data-method={pin ? 'pin' : 'bno'}>
      <h2>{pin ? t('card.why.pinTitle') : t('card.why.bnoTitle')}</h2>
      <p>{pin ? t('card.why.pin', { forms: listText(pinForms, lang) }) : t('card.why.bno')}</p>
    </div>
  );
}

export function PlaceCardScreen() {
  const { t } = useTranslation();
  const demo = useKiosk((s) => s.info?.demo);
  return (
    <ScreenFrame
      name="placeCard"
      title={t('card.place.title')}
      voice={`${t('card.place.title')} ${t('card.place.lead')}`}
      lead={t('card.place.lead')}
    >
      <div className="two-col">
        <WhyMethod />
        <div className="card" style={{ textAlign: 'center' }}>
          <Icon name="card" size="7rem" />
          <p>{t('card.place.hint')}</p>
        </div>
      </div>
      {demo?.active ? <DemoCards /> : null}
      <BlankAndEnd />
      <p className="hint">{t('card.place.noCard')}</p>
    </ScreenFrame>
  );
}

/** Demo only: put a virtual card on the virtual reader. */
function DemoCards() {
  const { t } = useTranslation();
  const demo = useKiosk((s) => s.info?.demo);
  const lang = useKiosk((s) => s.prefs.language);
  const a = useActions();
  if (!demo?.active) return null;
  return (
    <section className="card warn" aria-labelledby="demo-cards">
      <h2 id="demo-cards">{t('demo.cardsTitle')}</h2>
      <div className="grid">
        {demo.personas.map((p) => (
          <button
            key={p.id}
            type="button"
            className="btn small"
            onClick={() => void a.demoInsert(p.id)}
            data-persona={p.id}
          >
            <Mixed text={p.label} lang={lang} />
          </button>
        ))}
        <button
          type="button"
          className="btn small"
          onClick={() => void a.demoRemove()}
          data-testid="demo-remove"
        >
          {t('demo.remove')}
        </button>
      </div>
    </section>
  );
}

const STAGE_KEYS = {
  connecting: tk('card.stage.connecting'),
  verifying: tk('card.stage.verifying'),
  reading: tk('card.stage.reading'),
  done: tk('card.stage.reading'),
} as const;

export function ReadingScreen() {
  const { t } = useTranslation();
  const stage = useKiosk((s) => s.cardStage);
  return (
    <ScreenFrame
      name="reading"
      title={t('card.reading.title')}
      voice={t('card.reading.title')}
      lead={t('card.reading.lead')}
    >
      <div role="status" aria-live="polite">
        <div className="spinner" aria-hidden="true" />
        <p className="status" style={{ textAlign: 'center' }}>
          {t(STAGE_KEYS[stage ?? 'connecting'])}
        </p>
      </div>
    </ScreenFrame>
  );
}

export function PinScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const busy = useKiosk((s) => s.busy);
  const lastTry = useKiosk((s) => s.lastTryConfirmed);
  const left = useKiosk((s) => s.retries?.pin);
  return (
    <ScreenFrame
      name="pin"
      title={t('card.pin.title')}
      voice={`${t('card.pin.title')} ${t('card.pin.lead')}`}
      lead={t('card.pin.lead')}
    >
      <PinEntry
        retriesLeft={left}
        lastTryConfirmed={lastTry}
        busy={!!busy}
        submitLabel={t('card.pin.submit')}
        onSubmit={(pin) => void a.submitPin(pin)}
        notes={
          <>
            <p className="hint">{t('card.pin.hint')}</p>
            <WhyMethod />
          </>
        }
        back={
          <button type="button" className="btn" onClick={() => void a.back()}>
            {t('common.back')}
          </button>
        }
      />
      <p className="hint">{t('card.pin.forgot')}</p>
      {busy === 'card' ? <CardBusy /> : null}
    </ScreenFrame>
  );
}

/** Shown while a card call runs on an entry screen (the typed parts stay for a correction). */
function CardBusy() {
  const { t } = useTranslation();
  const stage = useKiosk((s) => s.cardStage);
  return (
    <div className="overlay" role="status" aria-live="polite">
      <div className="dialog" style={{ textAlign: 'center' }}>
        <div className="spinner" aria-hidden="true" />
        <p className="status">{t(STAGE_KEYS[stage ?? 'verifying'])}</p>
        <p>{t('card.reading.lead')}</p>
      </div>
    </div>
  );
}

const ERA_LABEL: Record<BirthEra, string> = {
  showa: '昭和',
  heisei: '平成',
  reiwa: '令和',
  taisho: '大正',
  gregorian: '',
};

type BnoStep = 'era' | 'year' | 'month' | 'day' | 'expiryYear' | 'securityCode' | 'review';
const STEP_PART: Record<BnoStep, CardPart | null> = {
  era: 'birth',
  year: 'birth',
  month: 'birth',
  day: 'birth',
  expiryYear: 'expiry',
  securityCode: 'code',
  review: null,
};
const STEP_TITLE: Record<BnoStep, string> = {
  era: tk('bno.step.era'),
  year: tk('bno.step.year'),
  month: tk('bno.step.month'),
  day: tk('bno.step.day'),
  expiryYear: tk('bno.step.expiryYear'),
  securityCode: tk('bno.step.securityCode'),
  review: tk('bno.step.review'),
};
const STEP_HINT: Record<BnoStep, string> = {
  era: tk('bno.hint.era'),
  year: tk('bno.hint.year'),
  month: tk('bno.hint.month'),
  day: tk('bno.hint.day'),
  expiryYear: tk('bno.hint.expiryYear'),
  securityCode: tk('bno.hint.securityCode'),
  review: tk('bno.hint.review'),
};
export function birthText(d: BnoDraft): string {
  if (!d.era) return '';
  if (d.era === 'gregorian') return `${d.year}年${d.month}月${d.day}日`;
  return `${ERA_LABEL[d.era]}${d.year === '1' ? '元' : d.year}年${d.month}月${d.day}日`;
}

export function BnoScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const lang = useKiosk((s) => s.prefs.language);
  const busy = useKiosk((s) => s.busy);
  const offerYy = useKiosk((s) => s.offerGregorianYy);
  const lastTry = useKiosk((s) => s.lastTryConfirmed);
  const [draft, setDraft] = useState<BnoDraft>(EMPTY_DRAFT);
  const [step, setStep] = useState<BnoStep>('era');
  const [problem, setProblem] = useState<string | null>(null);

  const order: BnoStep[] = ['era', 'year', 'month', 'day', 'expiryYear', 'securityCode', 'review'];
  const field = step === 'era' || step === 'review' ? null : step;
  const maxLen: Record<string, number> = {
    year: draft.era === 'gregorian' ? 4 : 2,
    month: 2,
    day: 2,
    expiryYear: 4,
    securityCode: 4,
  };

  const next = () => {
    if (!field) return;
    const problems = draftProblems(draft).filter((p) => p === field || (field === 'day' && p === 'date'));
    if (problems.length > 0) {
      setProblem(BNO_PROBLEM_KEY[problems[0]!]!);
      return;
    }
    setProblem(null);
    setStep(order[order.indexOf(step) + 1]!);
  };
  const prev = () => {
    setProblem(null);
    if (step === 'era') void a.back();
    else setStep(order[order.indexOf(step) - 1]!);
  };
  const submit = (variant: 'wareki' | 'gregorian-yy') => {
    const parts = toParts(draft, variant);
    if (!parts || busy) return;
    void a.submitBno(parts);
  };

  const fieldLabel: Record<string, string> = {
    year:
      draft.era === 'gregorian'
        ? t('bno.field.yearGregorian')
        : t('bno.field.year', { era: ERA_LABEL[draft.era ?? 'showa'] }),
    month: t('bno.field.month'),
    day: t('bno.field.day'),
    expiryYear: t('bno.field.expiryYear'),
    securityCode: t('bno.field.securityCode'),
  };

  return (
    <ScreenFrame
      name="bno"
      title={t('bno.title')}
      voice={`${t(STEP_TITLE[step])} ${t(STEP_HINT[step])}`}
      lead={t('bno.lead')}
    >
      <div className="two-col">
        <div>
          <CardFront highlight={STEP_PART[step]} />
          <Retries method="bno" />
          <LastTryReminder shown={lastTry} />
        </div>
        <div>
          <h2 data-testid="bno-step" data-step={step}>
            <Mixed text={t(STEP_TITLE[step])} lang={lang} />
          </h2>
          <p>
            <Mixed text={t(STEP_HINT[step])} lang={lang} />
          </p>
          {problem ? (
            <p className="card danger" role="alert">
              {t(problem)}
            </p>
          ) : null}

          {step === 'era' ? (
            <div className="grid" role="group" aria-label={t(STEP_TITLE.era)}>
              {ERA_BUTTONS.map((e) => (
                <button
                  key={e.era}
                  type="button"
                  className={`btn choice${draft.era === e.era ? ' primary' : ''}`}
                  aria-pressed={draft.era === e.era}
                  data-era={e.era}
                  onClick={() => {
                    setDraft({ ...draft, era: e.era, year: '' });
                    setStep('year');
                  }}
                >
                  <Mixed text={t(e.key)} lang={lang} />
                </button>
              ))}
            </div>
          ) : null}

          {field ? (
            <>
              <label className="field" htmlFor="bno-display">
                <span>
                  <Mixed text={fieldLabel[field] ?? ''} lang={lang} />
                </span>
              </label>
              <output id="bno-display" className="display" aria-live="polite" data-testid="bno-display">
                {draft[field] || '\u00a0'}
              </output>
              <NumPad
                value={draft[field]}
                onChange={(v) => {
                  setProblem(null);
                  setDraft({ ...draft, [field]: v });
                }}
                maxLength={maxLen[field]!}
                onEnter={next}
                label={fieldLabel[field]!}
              />
            </>
          ) : null}

          {step === 'review' ? (
            <>
              <dl className="facts" data-testid="bno-review">
                {(
                  [
                    [tk('bno.review.birth'), birthText(draft), 'era'],
                    [tk('bno.review.expiryYear'), draft.expiryYear, 'expiryYear'],
                    [tk('bno.review.securityCode'), draft.securityCode, 'securityCode'],
                  ] as const
                ).map(([label, value, fixStep]) => (
                  <div key={fixStep} style={{ display: 'contents' }}>
                    <dt>{t(label)}</dt>
                    <dd>
                      <span lang="ja">{value}</span>{' '}
                      <button type="button" className="btn small" onClick={() => setStep(fixStep)}>
                        {t('common.fix')}
                      </button>
                    </dd>
                  </div>
                ))}
              </dl>
              {offerYy && draft.era === 'gregorian' ? (
                <div className="card warn">
                  <p>{t('bno.otherRule')}</p>
                  <button
                    type="button"
                    className="btn"
                    onClick={() => submit('gregorian-yy')}
                    disabled={!!busy}
                  >
                    {t('bno.otherRuleButton')}
                  </button>
                </div>
              ) : null}
            </>
          ) : null}

          <div className="actions">
            <button type="button" className="btn" onClick={prev}>
              {t('common.back')}
            </button>
            <span className="spacer" />
            {field ? (
              <button type="button" className="btn primary" onClick={next} data-testid="bno-next">
                {t('common.next')}
              </button>
            ) : null}
            {step === 'review' ? (
              <button
                type="button"
                className="btn primary"
                onClick={() => submit('wareki')}
                disabled={!!busy}
                data-testid="bno-submit"
              >
                {t('bno.submit')}
              </button>
            ) : null}
          </div>
        </div>
      </div>
      {busy === 'card' ? <CardBusy /> : null}
    </ScreenFrame>
  );
}

export function LastTryScreen(props: { method: 'pin' | 'bno' }) {
  const { t } = useTranslation();
  const a = useActions();
  return (
    <ScreenFrame
      name="lastTry"
      title={t('card.lastTry.title')}
      voice={`${t('card.lastTry.title')} ${t(props.method === 'pin' ? tk('card.lastTry.bodyPin') : tk('card.lastTry.bodyBno'))}`}
    >
      <div className="card danger">
        <p className="status">
          {t(props.method === 'pin' ? tk('card.lastTry.bodyPin') : tk('card.lastTry.bodyBno'))}
        </p>
        <p>{t('card.lastTry.advice')}</p>
      </div>
      <div className="actions">
        <button
          type="button"
          className="btn"
          onClick={() => void a.continueBlank()}
          data-testid="blank-forms"
        >
          {t('card.blankForms')}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn danger"
          onClick={a.confirmLastTry}
          data-testid="confirm-last-try"
        >
          {t('card.lastTry.confirm')}
        </button>
      </div>
    </ScreenFrame>
  );
}

export function BlockedScreen(props: { method: 'pin' | 'bno' }) {
  const { t } = useTranslation();
  const a = useActions();
  const retries = useKiosk((s) => s.retries);
  const pinStillOpen = props.method === 'bno' && (retries?.pin ?? 0) > 0;
  return (
    <ScreenFrame
      name="blocked"
      title={t('card.blocked.title')}
      voice={`${t('card.blocked.title')} ${t('card.blocked.body')}`}
      lead={t('card.blocked.body')}
    >
      <div className="card">
        <p>{t('card.blocked.notBroken')}</p>
        <p>{t('card.blocked.reset')}</p>
        <p>{t('card.blocked.today')}</p>
      </div>
      <div className="actions">
        <button type="button" className="btn" onClick={() => void a.startOver()}>
          {t('common.end')}
        </button>
        <span className="spacer" />
        {pinStillOpen ? (
          <button type="button" className="btn" onClick={() => void a.switchToPin()}>
            {t('card.blocked.usePin')}
          </button>
        ) : null}
        <button
          type="button"
          className="btn primary"
          onClick={() => void a.continueBlank()}
          data-testid="blank-forms"
        >
          {t('card.blankForms')}
        </button>
      </div>
    </ScreenFrame>
  );
}

export function CardRemovedScreen(props: { wiped: boolean }) {
  const { t } = useTranslation();
  const a = useActions();
  if (props.wiped)
    return (
      <ScreenFrame
        name="cardRemoved"
        title={t('card.removed.title')}
        voice={t('card.removed.wiped')}
        lead={t('card.removed.wiped')}
      >
        <div className="actions">
          <button
            type="button"
            className="btn primary"
            onClick={() => void a.finish()}
            data-testid="to-start"
          >
            {t('common.toStart')}
          </button>
        </div>
      </ScreenFrame>
    );
  return (
    <ScreenFrame
      name="cardRemoved"
      title={t('card.removed.title')}
      voice={`${t('card.removed.title')} ${t('card.removed.body')}`}
      lead={t('card.removed.body')}
    >
      <div className="card" style={{ textAlign: 'center' }}>
        <Icon name="card" size="6rem" />
        <p>{t('card.place.hint')}</p>
      </div>
      <DemoCards />
      <BlankAndEnd />
    </ScreenFrame>
  );
}

export function WrongCardScreen() {
  const { t } = useTranslation();
  return (
    <ScreenFrame
      name="wrongCard"
      title={t('card.wrong.title')}
      voice={`${t('card.wrong.title')} ${t('card.wrong.body')}`}
      lead={t('card.wrong.body')}
    >
      <div className="card">
        <p>{t('card.wrong.examples')}</p>
        <p>{t('card.wrong.then')}</p>
      </div>
      <DemoCards />
      <BlankAndEnd />
    </ScreenFrame>
  );
}

export function NoReaderScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const demo = useKiosk((s) => s.info?.demo);
  return (
    <ScreenFrame
      name="noReader"
      title={t('card.noReader.title')}
      voice={`${t('card.noReader.title')} ${t('card.noReader.body')}`}
      lead={t('card.noReader.body')}
    >
      {demo?.offerable && !demo.active ? (
        <div className="card warn">
          <p>{t('attract.noReaderDemo')}</p>
          <button type="button" className="btn" onClick={() => void a.startDemo()} data-testid="start-demo">
            {t('attract.tryDemo')}
          </button>
        </div>
      ) : null}
      <BlankAndEnd />
    </ScreenFrame>
  );
}

export function CardErrorScreen() {
  const { t } = useTranslation();
  const a = useActions();
  return (
    <ScreenFrame
      name="cardError"
      title={t('card.error.title')}
      voice={`${t('card.error.title')} ${t('card.error.body')}`}
      lead={t('card.error.body')}
    >
      <div className="actions">
        <button type="button" className="btn primary" onClick={() => void a.identifyCard()}>
          {t('card.error.retry')}
        </button>
      </div>
      <BlankAndEnd />
    </ScreenFrame>
  );
}

const SEX_KEY = {
  male: tk('resident.sex.male'),
  female: tk('resident.sex.female'),
  other: tk('resident.sex.other'),
};

export function ResidentScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const r = useKiosk((s) => s.resident);
  const wipeOnRemoval = useKiosk((s) => s.info?.wipeOnCardRemoval ?? true);
  if (!r) return null;
  return (
    <ScreenFrame
      name="resident"
      title={t('resident.title')}
      voice={`${t('resident.title')} ${t('resident.lead')}`}
      lead={t('resident.lead')}
    >
      <div className="card" data-testid="resident">
        <dl className="facts">
          <dt>{t('resident.name')}</dt>
          <dd lang="ja" className="resident-data" data-testid="resident-name">
            {r.name}
          </dd>
          <dt>{t('resident.address')}</dt>
          <dd lang="ja" className="resident-data">
            {r.address}
          </dd>
          <dt>{t('resident.birthDate')}</dt>
          <dd lang="ja">
            {r.birthDateWareki}（{r.birthDate.replaceAll('-', '/')}）
          </dd>
          <dt>{t('resident.sex.label')}</dt>
          <dd>{t(SEX_KEY[r.sex])}</dd>
        </dl>
        {r.myNumberRead ? <p className="hint">{t('resident.myNumberRead')}</p> : null}
      </div>
      <p className={wipeOnRemoval ? 'card warn' : 'hint'} data-testid="card-note">
        {wipeOnRemoval ? t('resident.keepCard') : t('resident.removeCard')}
      </p>
      <div className="actions">
        <button type="button" className="btn" onClick={() => void a.rejectResident()}>
          {t('resident.no')}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn primary"
          onClick={() => void a.confirmResident()}
          data-testid="resident-ok"
        >
          {t('resident.yes')}
        </button>
      </div>
    </ScreenFrame>
  );
}
