/**
 * One person's special needs (持病, 服薬, アレルギー … and a note) and 安否情報 consent — asked in
 * words the person understands: may we tell family or friends who ask that you are here?
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShelterNeed } from '../../../../src-main/contract/index.ts';
import { DeskFrame } from '../../../kit/desk-frame.tsx';
import { useShelter, useShelterActions } from '../context.ts';
import { NEED_LABEL, NEED_ORDER } from '../labels.ts';
import { Flash, PersonFacts } from '../parts.tsx';

export function PersonScreen() {
  const { t } = useTranslation();
  const a = useShelterActions();
  const person = useShelter((s) => s.household?.members.find((m) => m.personId === s.personId) ?? null);
  const busy = useShelter((s) => s.busy);
  const flash = useShelter((s) => s.flash);
  const [needs, setNeeds] = useState<ShelterNeed[]>(person?.needs ?? []);
  const [note, setNote] = useState(person?.note ?? '');
  if (!person) return null;
  const toggle = (n: ShelterNeed) =>
    setNeeds((xs) => (xs.includes(n) ? xs.filter((x) => x !== n) : [...xs, n]));
  return (
    <DeskFrame name="person" title={t('shelter.person.title')}>
      <PersonFacts person={person} />
      <Flash flash={flash} />
      <form
        className="card desk-form"
        onSubmit={(e) => {
          e.preventDefault();
          void a.saveNeeds(needs, note);
        }}
      >
        <fieldset>
          <legend className="field">{t('shelter.person.needs')}</legend>
          <div className="need-grid">
            {NEED_ORDER.map((n) => (
              <label key={n} className="need">
                <input
                  type="checkbox"
                  checked={needs.includes(n)}
                  onChange={() => toggle(n)}
                  data-testid={`need-${n}`}
                />
                {t(NEED_LABEL[n])}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="field" htmlFor="need-note">
          {t('shelter.person.note')}
        </label>
        <input
          id="need-note"
          className="text-input"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="need-note"
        />
        <div className="actions">
          <span className="spacer" />
          <button type="submit" className="btn primary" disabled={!!busy} data-testid="save-needs">
            {t('shelter.person.save')}
          </button>
        </div>
      </form>
      <section className="card" aria-labelledby="consent-title">
        <h2 id="consent-title">{t('shelter.person.consentTitle')}</h2>
        <p>{t('shelter.person.consentAsk')}</p>
        <div className="actions">
          <button
            type="button"
            className="btn"
            aria-pressed={person.consent === 'yes'}
            disabled={!!busy}
            onClick={() => void a.setConsent('yes')}
            data-testid="consent-yes"
          >
            {t('shelter.consent.yes')}
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={person.consent === 'no'}
            disabled={!!busy}
            onClick={() => void a.setConsent('no')}
            data-testid="consent-no"
          >
            {t('shelter.consent.no')}
          </button>
        </div>
      </section>
      <div className="actions">
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => a.back()} data-testid="back-household">
          {t('shelter.person.back')}
        </button>
      </div>
    </DeskFrame>
  );
}
