/**
 * City hall: the card placed → its numbers → eligibility decided and explained (which rule, from
 * which date, until when), the categories the clerk saw certificates for, the holder's consent
 * and what is stored → registered. A lost card: found by name and birth date, and blocked.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FareCheck } from '../../../../src-main/contract/index.ts';
import { Icon } from '../../../components/Icon.tsx';
import { DeskFrame, useFocusOnShow } from '../../../kit/desk-frame.tsx';
import { useFare, useFareActions } from '../context.ts';
import type { BlockReason } from '../fare-store.ts';
import { BLOCK_REASON_LABEL, BLOCK_REASONS, NOT_ELIGIBLE } from '../labels.ts';

type Rule = Extract<FareCheck['eligibility'], { eligible: true }>['rule'];

function RuleText(props: { rule: Rule; since: string }) {
  const { t } = useTranslation();
  const r = props.rule;
  if (r.kind === 'age') return <>{t('fare.eligibility.ruleAge', { age: r.minAge, since: props.since })}</>;
  return (
    <>
      <span lang="ja">{r.label}</span>
      {r.minAge !== undefined ? ` ${t('fare.eligibility.andAge', { age: r.minAge })}` : ''}
      {' · '}
      {t('fare.eligibility.since', { since: props.since })}
    </>
  );
}

export function ClerkReadyScreen() {
  const { t } = useTranslation();
  const a = useFareActions();
  const busy = useFare((s) => s.busy);
  return (
    <DeskFrame
      name="ready"
      title={t('fare.clerk.ready.title')}
      lead={t('fare.clerk.ready.lead')}
      className="ready"
    >
      <div className="card center card-prompt">
        <Icon name="card" size="5rem" />
        <p>{t('fare.clerk.ready.card')}</p>
      </div>
      <div className="grid two ways">
        <button
          type="button"
          className="btn big choice"
          onClick={() => void a.beginCard()}
          disabled={!!busy}
          data-testid="read-card"
        >
          {t('fare.clerk.ready.read')}
        </button>
        <button
          type="button"
          className="btn big choice"
          onClick={() => a.openBlock()}
          disabled={!!busy}
          data-testid="open-block"
        >
          {t('fare.clerk.ready.block')}
        </button>
      </div>
    </DeskFrame>
  );
}

export function EligibilityScreen() {
  const { t } = useTranslation();
  const a = useFareActions();
  const s = useFare((x) => x);
  const categories = useFare((x) => x.status?.categories ?? []);
  const check = s.check;
  if (!check) return null;
  const e = check.eligibility;
  return (
    <DeskFrame name="eligibility" title={t('fare.eligibility.title')} className="fare-eligibility">
      <div className="card">
        <p className="person-name">
          <span lang="ja" className="resident-data" data-testid="holder-name">
            {check.card.name}
          </span>
        </p>
        <p>
          <span lang="ja">{check.card.birthDateWareki}</span> · <span lang="ja">{check.card.address}</span>
        </p>
      </div>
      {e.eligible ? (
        <div className="card ok" role="status" data-testid="eligibility" data-eligible="yes">
          <p className="fare-verdict-line">✓ {t('fare.eligibility.yes')}</p>
          <p>
            <RuleText rule={e.rule} since={e.since} />
          </p>
          <p>{t('fare.eligibility.validTo', { date: e.validTo })}</p>
        </div>
      ) : (
        <div
          className="card warn"
          role="status"
          data-testid="eligibility"
          data-eligible="no"
          data-reason={e.reason}
        >
          <p className="fare-verdict-line">✕ {t('fare.eligibility.no')}</p>
          <p>{t(NOT_ELIGIBLE[e.reason], { date: e.from ?? '' })}</p>
        </div>
      )}
      {check.earlierCards.length > 0 ? (
        <p className="card" data-testid="earlier-cards">
          {t('fare.eligibility.earlier', { cards: check.earlierCards.join(', ') })}
        </p>
      ) : null}
      {categories.length > 0 ? (
        <fieldset className="card desk-form">
          <legend className="field">{t('fare.eligibility.categories')}</legend>
          {categories.map((c) => (
            <label key={c.id} className="check">
              <input
                type="checkbox"
                checked={s.categories.includes(c.id)}
                onChange={() => void a.toggleCategory(c.id)}
                disabled={!!s.busy}
                data-testid={`category-${c.id}`}
              />{' '}
              <span lang="ja">{c.label}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="card">
        <p>{t('fare.eligibility.stored')}</p>
        <label className="check">
          <input
            type="checkbox"
            checked={s.consent}
            onChange={(ev) => a.setConsent(ev.target.checked)}
            disabled={!e.eligible}
            data-testid="consent"
          />{' '}
          {t('fare.eligibility.consent')}
        </label>
      </div>
      <div className="actions">
        <button type="button" className="btn" onClick={() => a.next()} data-testid="back-ready">
          {t('fare.eligibility.cancel')}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn primary big"
          onClick={() => void a.register()}
          disabled={!e.eligible || !s.consent || !!s.busy}
          data-testid="register"
        >
          {t('fare.eligibility.register')}
        </button>
      </div>
    </DeskFrame>
  );
}

export function RegisteredScreen() {
  const { t } = useTranslation();
  const a = useFareActions();
  const r = useFare((s) => s.registered);
  const primary = useFocusOnShow<HTMLButtonElement>(r?.card);
  if (!r) return null;
  return (
    <DeskFrame name="registered" title={t('fare.registered.title')} focusHeading={false}>
      <div className="card ok" role="status" data-testid="registered">
        <p>{t('fare.registered.card', { card: r.card })}</p>
        <p>
          <RuleText rule={r.rule} since={r.since} />
        </p>
        <p>{t('fare.registered.validity', { from: r.validFrom, to: r.validTo })}</p>
        {r.earlierCards.length > 0 ? (
          <p>{t('fare.registered.carried', { cards: r.earlierCards.join(', '), count: r.ridesThisYear })}</p>
        ) : null}
        <p className="hint">{t('fare.registered.lead')}</p>
      </div>
      <div className="actions">
        <span className="spacer" />
        <button
          type="button"
          className="btn primary big"
          ref={primary}
          onClick={() => a.next()}
          data-testid="next-resident"
        >
          {t('fare.registered.next')}
        </button>
      </div>
    </DeskFrame>
  );
}

export function BlockScreen() {
  const { t } = useTranslation();
  const a = useFareActions();
  const s = useFare((x) => x);
  const [name, setName] = useState('');
  const [birth, setBirth] = useState('');
  const [reason, setReason] = useState<BlockReason>('lost');
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void a.findHolder(name, birth);
  };
  return (
    <DeskFrame name="block" title={t('fare.block.title')} lead={t('fare.block.lead')} focusHeading={false}>
      <form className="card desk-form search-fields" onSubmit={submit}>
        <label>
          {t('fare.block.name')}
          <input
            className="text-input"
            lang="ja"
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="block-name"
            autoFocus
          />
        </label>
        <label>
          {t('fare.block.birth')}
          <input
            className="text-input"
            value={birth}
            onChange={(e) => setBirth(e.target.value)}
            placeholder="1951-04-01 / 昭和26年4月1日"
            data-testid="block-birth"
          />
        </label>
        <div className="actions">
          <button
            type="submit"
            className="btn primary"
            disabled={!!s.busy || !name.trim() || !birth.trim()}
            data-testid="find-holder"
          >
            {t('fare.block.find')}
          </button>
        </div>
      </form>
      {s.holderCards ? (
        <div className="card">
          <fieldset className="desk-form">
            <legend className="field">{t('fare.block.reasonLabel')}</legend>
            {BLOCK_REASONS.map((r) => (
              <label key={r} className="check">
                <input
                  type="radio"
                  name="block-reason"
                  checked={reason === r}
                  onChange={() => setReason(r)}
                />{' '}
                {t(BLOCK_REASON_LABEL[r])}
              </label>
            ))}
          </fieldset>
          <ul className="member-list" data-testid="holder-cards">
            {s.holderCards.map((c) => (
              <li key={c.serial} className="member">
                <span>
                  {t('fare.block.card', {
                    card: c.serial.slice(-4),
                    date: new Date(c.registeredAt).toISOString().slice(0, 10),
                  })}
                </span>
                {c.blockedAt !== undefined ? (
                  <span className="chip chip-left">{t('fare.block.blocked')}</span>
                ) : (
                  <button
                    type="button"
                    className="btn danger"
                    onClick={() => void a.block(c.serial, reason)}
                    disabled={!!s.busy}
                    data-testid="block-card"
                  >
                    {t('fare.block.blockButton')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {s.blocked ? (
            <p className="card ok" role="status" data-testid="block-done">
              {t('fare.block.done', { card: s.blocked.slice(-4) })}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className="btn" onClick={() => a.next()} data-testid="back-ready">
          {t('fare.block.back')}
        </button>
      </div>
    </DeskFrame>
  );
}
