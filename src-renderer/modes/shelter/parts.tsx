/** Pieces several entrance screens share: a person's line (state, age, needs, consent), messages. */
import { useTranslation } from 'react-i18next';
import type { ShelterPerson } from '../../../src-main/contract/index.ts';
import { Mixed } from '../../components/Mixed.tsx';
import { useShell } from '../../kit/shell-context.ts';
import type { Notice } from '../../kit/notice.ts';
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
          <Says
            text={t('shelter.person.elsewhere', { shelter: s.shelterName, state: t(STATE_LABEL[s.state]) })}
          />
        </p>
      ))}
    </div>
  );
}

/**
 * A translated sentence that may quote Japanese (a person's or a shelter's name, a date as printed):
 * the Japanese runs are marked lang="ja"; a list of names reads "A, B" outside Japanese.
 */
export function Says(props: { text: string }) {
  const { language } = useShell();
  const text = language.startsWith('ja') ? props.text : props.text.replaceAll('、', ', ');
  return <Mixed text={text} lang={language} />;
}

/** The confirmation after an action ("入所を記録しました：…"). */
export function Flash(props: { flash: Notice | null }) {
  const { t } = useTranslation();
  if (!props.flash) return null;
  return (
    <p className="card ok flash" role="status" data-testid="flash">
      <Says text={t(props.flash.key, props.flash.params ?? {})} />
    </p>
  );
}
