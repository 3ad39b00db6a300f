/**
 * The household at the entrance: every member with where they are; staff tick who moves and press
 * one of 入所 / 外出 / 戻り / 退所 (with where to). From a first card read, the holder may agree to
 * link the card so the next visit is a tap. Needs and consent per person; a family member without a
 * card added by hand; the 避難者カード printed pre-filled.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tk } from '../../../i18n/keys.ts';
import { DeskFrame } from '../../../kit/desk-frame.tsx';
import { useShelter, useShelterActions } from '../context.ts';
import { Flash, PersonFacts, Says, StateBadge } from '../parts.tsx';
import type { Move } from '../shelter-store.ts';

const MOVES: Array<{ move: Move; key: string }> = [
  { move: 'arrive', key: tk('shelter.household.arrive') },
  { move: 'out', key: tk('shelter.household.out') },
  { move: 'back', key: tk('shelter.household.back') },
];

export function HouseholdScreen() {
  const { t } = useTranslation();
  const a = useShelterActions();
  const household = useShelter((s) => s.household);
  const selected = useShelter((s) => s.selected);
  const holderId = useShelter((s) => s.holderId);
  const via = useShelter((s) => s.via);
  const busy = useShelter((s) => s.busy);
  const flash = useShelter((s) => s.flash);
  const job = useShelter((s) => s.job);
  const [leaving, setLeaving] = useState(false);
  const [to, setTo] = useState('');
  if (!household) return null;
  const holder = household.members.find((m) => m.personId === holderId);
  const none = selected.length === 0 || !!busy;
  return (
    <DeskFrame
      name="household"
      title={t('shelter.household.title', { count: household.members.length })}
      lead={t(via === 'tap' ? 'shelter.household.leadTap' : 'shelter.household.lead')}
    >
      <Flash flash={flash} />
      <fieldset className="members">
        <legend className="field">{t('shelter.household.who')}</legend>
        <ul className="member-list" data-testid="members">
          {household.members.map((m) => (
            <li
              key={m.personId}
              className={`member${selected.includes(m.personId) ? ' ticked' : ''}`}
              data-testid="member"
            >
              <label className="member-tick">
                <input
                  type="checkbox"
                  checked={selected.includes(m.personId)}
                  onChange={() => a.toggle(m.personId)}
                  aria-label={t('shelter.household.tick', { name: m.name })}
                  data-testid="member-tick"
                />
                <StateBadge state={m.state} />
              </label>
              <PersonFacts person={m} />
              <button
                type="button"
                className="btn small"
                onClick={() => a.openPerson(m.personId)}
                data-testid="open-person"
              >
                {t('shelter.household.needs')}
              </button>
            </li>
          ))}
        </ul>
        <div className="actions">
          <button
            type="button"
            className="btn small"
            onClick={() => a.selectAll(true)}
            data-testid="tick-all"
          >
            {t('shelter.household.all')}
          </button>
          <button
            type="button"
            className="btn small"
            onClick={() => a.selectAll(false)}
            data-testid="tick-none"
          >
            {t('shelter.household.none')}
          </button>
        </div>
      </fieldset>
      <div className="actions moves">
        {MOVES.map((m) => (
          <button
            key={m.move}
            type="button"
            className={`btn ${m.move === 'arrive' ? 'primary' : ''}`}
            disabled={none}
            onClick={() => void a.move(m.move)}
            data-testid={`move-${m.move}`}
          >
            {t(m.key, { count: selected.length })}
          </button>
        ))}
        <button
          type="button"
          className="btn"
          disabled={none}
          onClick={() => setLeaving(true)}
          data-testid="move-leave"
        >
          {t('shelter.household.leave', { count: selected.length })}
        </button>
      </div>
      {leaving ? (
        <form
          className="card desk-form"
          onSubmit={(e) => {
            e.preventDefault();
            void a.move('leave', to);
            setLeaving(false);
            setTo('');
          }}
        >
          <label className="field" htmlFor="leave-to">
            {t('shelter.household.leaveTo')}
          </label>
          <input
            id="leave-to"
            className="text-input"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            data-testid="leave-to"
          />
          <div className="actions">
            <button type="button" className="btn" onClick={() => setLeaving(false)}>
              {t('shelter.common.cancel')}
            </button>
            <span className="spacer" />
            <button type="submit" className="btn primary" disabled={none} data-testid="leave-confirm">
              {t('shelter.household.leaveConfirm')}
            </button>
          </div>
        </form>
      ) : null}
      {via === 'card' && holder && !holder.cardLinked ? (
        <div className="card info link-card">
          <p>
            <Says text={t('shelter.household.linkAsk', { name: holder.name })} />
          </p>
          <button
            type="button"
            className="btn"
            disabled={!!busy}
            onClick={() => void a.linkCard()}
            data-testid="link-card"
          >
            {t('shelter.household.link')}
          </button>
        </div>
      ) : null}
      {job ? (
        <p
          className="card info"
          role="status"
          data-testid="print-status"
          data-phase={job.phase}
          data-job={job.jobId}
        >
          {t(job.phase === 'completed' ? 'shelter.print.done' : 'shelter.print.printing')}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="btn"
          onClick={() => a.openRegister(true)}
          disabled={!!busy}
          data-testid="add-member"
        >
          {t('shelter.household.addMember')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => void a.printCard()}
          disabled={!!busy}
          data-testid="print-card"
        >
          {t('shelter.household.printCard')}
        </button>
        <span className="spacer" />
        <button type="button" className="btn primary" onClick={() => a.next()} data-testid="next">
          {t('shelter.common.next')}
        </button>
      </div>
    </DeskFrame>
  );
}
