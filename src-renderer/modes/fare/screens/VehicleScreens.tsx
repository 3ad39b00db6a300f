/**
 * In the vehicle: large, glanceable, one thing at a time. Tap → green (rides left) with the pad for
 * the metered fare, the subsidy and what the passenger pays shown as it is typed → recorded; or
 * red with the reason in a few words. A card placed on the reader starts the next passenger.
 */
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon.tsx';
import { NumPad } from '../../../components/NumPad.tsx';
import { DeskFrame, useFocusOnShow } from '../../../kit/desk-frame.tsx';
import { useFare, useFareActions } from '../context.ts';
import { MAX_FARE_DIGITS } from '../fare-store.ts';
import { REFUSAL_HINT, REFUSAL_TITLE } from '../labels.ts';
import type { RideRefusal } from '../screens.ts';

/** "¥2,530" / "2,530円": the amount with separators, the currency as the language writes it. */
export function useYen(): (n: number) => string {
  const { t } = useTranslation();
  return (n) => t('fare.yen', { amount: n.toLocaleString('en-US') });
}

function Left(props: { today: number | null; year: number | null }) {
  const { t } = useTranslation();
  const n = (x: number | null) => (x === null ? t('fare.vehicle.unlimited') : String(x));
  return (
    <p className="fare-left" data-testid="rides-left">
      {t('fare.vehicle.left', { today: n(props.today), year: n(props.year) })}
    </p>
  );
}

export function VehicleReadyScreen() {
  const { t } = useTranslation();
  const status = useFare((s) => s.status);
  const yen = useYen();
  const today = status?.today;
  return (
    <DeskFrame
      name="ready"
      title={t('fare.vehicle.ready.title')}
      lead={t('fare.vehicle.ready.lead')}
      className="fare-ready"
    >
      <div className="card center card-prompt fare-tap">
        <Icon name="card" size="7rem" />
        <p>{t('fare.vehicle.ready.card')}</p>
      </div>
      {today ? (
        <p className="hint center" data-testid="today">
          {t('fare.vehicle.today', { rides: today.rides, subsidy: yen(today.subsidyYen) })}
        </p>
      ) : null}
    </DeskFrame>
  );
}

export function TappingScreen() {
  const { t } = useTranslation();
  return (
    <DeskFrame name="tapping" title={t('fare.vehicle.tapping')}>
      <div className="card center card-prompt" aria-busy="true">
        <Icon name="card" size="7rem" />
      </div>
    </DeskFrame>
  );
}

export function GreenScreen() {
  const { t } = useTranslation();
  const a = useFareActions();
  const s = useFare((x) => x);
  const yen = useYen();
  const d = s.tapped?.decision;
  if (!d?.ok) return null;
  return (
    <DeskFrame name="green" title={t('fare.vehicle.green.title')} className="fare-green" focusHeading={false}>
      <div className="fare-verdict ok" role="status" data-testid="verdict" data-verdict="green">
        <span aria-hidden="true">✓</span> {t('fare.vehicle.green.title')}
        <Left today={d.leftToday} year={d.leftThisYear} />
      </div>
      <div className="fare-pay">
        <div className="fare-amounts">
          <p className="fare-line">
            <span>{t('fare.vehicle.fare')}</span>
            <strong data-testid="fare">{s.fare ? yen(Number(s.fare)) : '—'}</strong>
          </p>
          <p className="fare-line">
            <span>{t('fare.vehicle.subsidy')}</span>
            <strong data-testid="subsidy">{s.quote ? yen(s.quote.subsidyYen) : '—'}</strong>
          </p>
          <p className="fare-line pay">
            <span>{t('fare.vehicle.pay')}</span>
            <strong data-testid="pay">{s.quote ? yen(s.quote.payYen) : '—'}</strong>
          </p>
          <label className="check">
            <input
              type="checkbox"
              checked={s.receipt}
              onChange={() => a.toggleReceipt()}
              data-testid="receipt"
            />{' '}
            {t('fare.vehicle.receipt')}
          </label>
        </div>
        <NumPad
          value={s.fare}
          onChange={(v) => void a.setFare(v)}
          maxLength={MAX_FARE_DIGITS}
          label={t('fare.vehicle.fare')}
          onEnter={() => void a.recordRide()}
          disabled={!!s.busy}
        />
      </div>
      <div className="actions">
        <button
          type="button"
          className="btn"
          onClick={() => a.next()}
          disabled={!!s.busy}
          data-testid="cancel-ride"
        >
          {t('fare.vehicle.cancel')}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn primary big"
          onClick={() => void a.recordRide()}
          disabled={!!s.busy || !s.fare || !s.quote}
          data-testid="record-ride"
        >
          {t('fare.vehicle.record')}
        </button>
      </div>
    </DeskFrame>
  );
}

export function RepeatScreen() {
  const { t } = useTranslation();
  const a = useFareActions();
  const primary = useFocusOnShow<HTMLButtonElement>('repeat');
  return (
    <DeskFrame
      name="repeat"
      title={t('fare.refusal.REPEAT_NEEDS_CONFIRMATION.title')}
      lead={t('fare.refusal.REPEAT_NEEDS_CONFIRMATION.hint')}
      className="fare-repeat"
      focusHeading={false}
    >
      <div className="actions">
        <button
          type="button"
          className="btn big"
          ref={primary}
          onClick={() => a.next()}
          data-testid="repeat-no"
        >
          {t('fare.vehicle.repeat.no')}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn primary big"
          onClick={() => a.confirmRepeat()}
          data-testid="repeat-yes"
        >
          {t('fare.vehicle.repeat.yes')}
        </button>
      </div>
    </DeskFrame>
  );
}

export function RedScreen(props: { reason: RideRefusal }) {
  const { t } = useTranslation();
  const a = useFareActions();
  const detail = useFare((s) => (s.tapped?.decision.ok === false ? s.tapped.decision.detail : undefined));
  const primary = useFocusOnShow<HTMLButtonElement>(props.reason);
  return (
    <DeskFrame
      name={`red:${props.reason}`}
      title={t('fare.vehicle.red.title')}
      className="fare-red"
      focusHeading={false}
    >
      <div
        className="fare-verdict no"
        role="alert"
        data-testid="verdict"
        data-verdict="red"
        data-reason={props.reason}
      >
        <span aria-hidden="true">✕</span> {t(REFUSAL_TITLE[props.reason])}
        <p className="fare-reason">{t(REFUSAL_HINT[props.reason], { detail: detail ?? '' })}</p>
      </div>
      <div className="actions">
        <span className="spacer" />
        <button
          type="button"
          className="btn primary big"
          ref={primary}
          onClick={() => a.next()}
          data-testid="red-ok"
        >
          {t('fare.vehicle.red.ok')}
        </button>
      </div>
    </DeskFrame>
  );
}

export function DoneScreen() {
  const { t } = useTranslation();
  const a = useFareActions();
  const ride = useFare((s) => s.ride);
  const yen = useYen();
  const primary = useFocusOnShow<HTMLButtonElement>(ride?.ride.rideId);
  if (!ride) return null;
  return (
    <DeskFrame name="done" title={t('fare.vehicle.done.title')} className="fare-done" focusHeading={false}>
      <div className="fare-verdict ok" role="status" data-testid="ride-done">
        <span aria-hidden="true">✓</span> {t('fare.vehicle.done.title')}
        <p className="fare-big-pay">
          {t('fare.vehicle.pay')} <strong data-testid="done-pay">{yen(ride.ride.payYen)}</strong>
        </p>
        <p>
          {t('fare.vehicle.fare')} {yen(ride.ride.fareYen)} · {t('fare.vehicle.subsidy')}{' '}
          {yen(ride.ride.subsidyYen)}
        </p>
        <Left today={ride.leftToday} year={ride.leftThisYear} />
        {ride.receipt ? (
          <p className="hint" data-testid="receipt-job" data-job={ride.receipt.jobId}>
            {t('fare.vehicle.done.receipt')}
          </p>
        ) : null}
      </div>
      <div className="actions">
        <span className="spacer" />
        <button
          type="button"
          className="btn primary big"
          ref={primary}
          onClick={() => a.next()}
          data-testid="next-passenger"
        >
          {t('fare.vehicle.done.next')}
        </button>
      </div>
    </DeskFrame>
  );
}
