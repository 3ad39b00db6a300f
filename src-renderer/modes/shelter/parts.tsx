/** Pieces several entrance screens share: a person's line (state, age, needs, consent). */
import { useTranslation } from 'react-i18next';
import type { ShelterPerson } from '../../../src-main/contract/index.ts';
import { CONSENT_LABEL, NEED_LABEL, STATE_LABEL } from './labels.ts';

export function StateBadge(props: { state: ShelterPerson['state'] }) {
  const { t } = useTranslation();
  return (
    <span className={`chip chip-${props.state}`} data-testid="person-state" data-state={props.state}>
      {t(STATE_LABEL[props.state])}
    </span>
  );
}

/** Name, reading, birth date and age, relation; needs and consent as small tags. */
export function PersonFacts(props: { person: ShelterPerson }) {
  const { t } = useTranslation();
  const p = props.person;
  const elsewhere = p.stays.filter((s) => !s.current && s.state !== 'left');
  return (
    <div className="person-facts">
      <p className="person-name">
        <span lang="ja" className="resident-data" data-testid="person-name">
          {p.name}
        </span>{' '}
        {p.kana ? (
          <small lang="ja" className="kana">
            {p.kana}
          </small>
        ) : null}
      </p>
      <p className="person-meta">
        <span lang="ja">{p.birthDateWareki}</span> · {t('shelter.person.age', { count: p.age })}
        {p.relation ? (
          <>
            {' · '}
            <span lang="ja">{p.relation}</span>
          </>
        ) : null}
      </p>
      <p className="tags">
        {p.needs.map((n) => (
          <span key={n} className="tag">
            {t(NEED_LABEL[n])}
          </span>
        ))}
        <span className={`tag consent-${p.consent}`}>
          {t('shelter.person.consent', { consent: t(CONSENT_LABEL[p.consent]) })}
        </span>
        {p.cardLinked ? <span className="tag">{t('shelter.person.cardLinked')}</span> : null}
      </p>
      {elsewhere.map((s) => (
        <p key={s.shelterId} className="card warn" data-testid="elsewhere">
          {t('shelter.person.elsewhere', { shelter: s.shelterName, state: t(STATE_LABEL[s.state]) })}
        </p>
      ))}
    </div>
  );
}
