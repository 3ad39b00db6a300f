/**
 * Without a card: staff search the resident list by ふりがな (or the full name), with the birth
 * date to narrow it; several people with the same name and birth date are shown side by side
 * (also after a card read); a card holder not on the list is registered by hand.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeskFrame, useFocusOnShow } from '../../../kit/desk-frame.tsx';
import { useShelter, useShelterActions } from '../context.ts';
import { PersonFacts, Says, StateBadge } from '../parts.tsx';

function PeopleList() {
  const { t } = useTranslation();
  const a = useShelterActions();
  const people = useShelter((s) => s.candidates);
  const busy = useShelter((s) => s.busy);
  return (
    <ul className="member-list" data-testid="candidates">
      {people.map((p) => (
        <li key={p.personId} className="member" data-testid="candidate">
          <StateBadge state={p.state} />
          <PersonFacts person={p} />
          <p className="hint" lang="ja">
            {p.address}
          </p>
          <button
            type="button"
            className="btn"
            disabled={!!busy}
            onClick={() => void a.choose(p.personId)}
            data-testid="choose"
          >
            {t('shelter.search.choose')}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function SearchScreen() {
  const { t } = useTranslation();
  const a = useShelterActions();
  const busy = useShelter((s) => s.busy);
  const searched = useShelter((s) => s.searched);
  const count = useShelter((s) => s.candidates.length);
  const [kana, setKana] = useState('');
  const [birth, setBirth] = useState('');
  const first = useFocusOnShow<HTMLInputElement>('search');
  return (
    <DeskFrame
      name="search"
      title={t('shelter.search.title')}
      lead={t('shelter.search.lead')}
      focusHeading={false}
    >
      <form
        className="card desk-form search-fields"
        onSubmit={(e) => {
          e.preventDefault();
          const isKana = /^[\p{Script=Hiragana}\p{Script=Katakana}ー\s\u3000]+$/u.test(kana.trim());
          void a.search({ ...(isKana ? { kana } : { name: kana }), birthDate: birth });
        }}
      >
        <div>
          <label className="field" htmlFor="search-kana">
            {t('shelter.search.kana')}
          </label>
          <input
            id="search-kana"
            ref={first}
            className="text-input"
            value={kana}
            onChange={(e) => setKana(e.target.value)}
            data-testid="search-kana"
          />
        </div>
        <div>
          <label className="field" htmlFor="search-birth">
            <Says text={t('shelter.search.birth')} />
          </label>
          <input
            id="search-birth"
            className="text-input"
            value={birth}
            onChange={(e) => setBirth(e.target.value)}
            data-testid="search-birth"
          />
        </div>
        <div className="actions">
          <button type="button" className="btn" onClick={() => a.next()}>
            {t('shelter.common.cancel')}
          </button>
          <span className="spacer" />
          <button
            type="submit"
            className="btn primary"
            disabled={!kana.trim() || !!busy}
            data-testid="search-submit"
          >
            {t('shelter.search.submit')}
          </button>
        </div>
      </form>
      {searched && count === 0 ? (
        <div className="card" role="status">
          <p>{t('shelter.search.none')}</p>
          <button
            type="button"
            className="btn"
            onClick={() => a.openRegister(false)}
            data-testid="none-register"
          >
            {t('shelter.ready.register')}
          </button>
        </div>
      ) : null}
      <PeopleList />
    </DeskFrame>
  );
}

export function CandidatesScreen() {
  const { t } = useTranslation();
  const a = useShelterActions();
  const seen = useShelter((s) => s.cardSeen);
  return (
    <DeskFrame name="candidates" title={t('shelter.candidates.title')} lead={t('shelter.candidates.lead')}>
      {seen ? (
        <p className="card info">
          <Says text={t('shelter.candidates.cardSays', { name: seen.name, address: seen.address })} />
        </p>
      ) : null}
      <PeopleList />
      <div className="actions">
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => a.next()}>
          {t('shelter.common.cancel')}
        </button>
      </div>
    </DeskFrame>
  );
}

export function NotOnListScreen() {
  const { t } = useTranslation();
  const a = useShelterActions();
  const seen = useShelter((s) => s.cardSeen);
  return (
    <DeskFrame name="notOnList" title={t('shelter.notOnList.title')} lead={t('shelter.notOnList.lead')}>
      {seen ? (
        <dl className="facts">
          <dt>{t('shelter.register.name')}</dt>
          <dd lang="ja" className="resident-data">
            {seen.name}
          </dd>
          <dt>{t('shelter.register.birth')}</dt>
          <dd lang="ja">{seen.birthDateWareki}</dd>
          <dt>{t('shelter.register.address')}</dt>
          <dd lang="ja">{seen.address}</dd>
        </dl>
      ) : null}
      <div className="actions">
        <button type="button" className="btn" onClick={() => a.next()}>
          {t('shelter.common.cancel')}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn primary"
          onClick={() => a.openRegister(false)}
          data-testid="register-from-card"
        >
          {t('shelter.notOnList.register')}
        </button>
      </div>
    </DeskFrame>
  );
}
