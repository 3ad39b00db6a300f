/**
 * Manual search: the first letters of the ふりがな (typed with the IME, or on the on-screen kana
 * keyboard) and/or the birth date (和暦 or 西暦, e.g. S55.2.17, 昭和55年2月17日, 1980-02-17).
 * Matches show side by side with their status; taking one opens its result.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KanaKeyboard } from '../../../components/KanaKeyboard.tsx';
import { useDesk, useDeskActions } from '../context.ts';
import { DeskFrame, useFocusOnShow } from '../parts.tsx';
import { CandidateList } from './ResultScreen.tsx';

export function SearchScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const busy = useDesk((s) => s.busy);
  const candidates = useDesk((s) => s.candidates);
  const truncated = useDesk((s) => s.truncated);
  const searched = useDesk((s) => s.searched);
  const [kana, setKana] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [keyboard, setKeyboard] = useState(false);
  const first = useFocusOnShow<HTMLInputElement>('search');
  const submit = () => void a.search({ kana, birthDate });

  return (
    <DeskFrame
      name="search"
      title={t('election.search.title')}
      lead={t('election.search.lead')}
      focusHeading={false}
    >
      <form
        className="card desk-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="search-fields">
          <div>
            <label className="field" htmlFor={keyboard ? 'search-kana-kb' : 'search-kana'}>
              {t('election.search.kana')}
            </label>
            {keyboard ? (
              <KanaKeyboard
                id="search-kana-kb"
                value={kana}
                onChange={setKana}
                label={t('election.search.kana')}
                maxLength={40}
                allowSystemKeyboard
              />
            ) : (
              <input
                id="search-kana"
                ref={first}
                className="text-input"
                lang="ja"
                autoComplete="off"
                value={kana}
                onChange={(e) => setKana(e.target.value)}
                aria-describedby="search-kana-hint"
                data-testid="search-kana"
              />
            )}
            <p id="search-kana-hint" className="hint">
              {t('election.search.kanaHint')}
            </p>
          </div>
          <div>
            <label className="field" htmlFor="search-birth">
              {t('election.search.birthDate')}
            </label>
            <input
              id="search-birth"
              className="text-input"
              autoComplete="off"
              value={birthDate}
              onChange={(e) => setBirthDate(e.target.value)}
              aria-describedby="search-birth-hint"
              data-testid="search-birth"
            />
            <p id="search-birth-hint" className="hint">
              {t('election.search.birthDateHint')}
            </p>
          </div>
        </div>
        <div className="actions">
          <button type="button" className="btn" onClick={a.next}>
            {t('common.back')}
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={keyboard}
            onClick={() => setKeyboard(!keyboard)}
          >
            {t('election.search.keyboard')}
          </button>
          <span className="spacer" />
          <button
            type="submit"
            className="btn primary"
            disabled={!!busy || (!kana.trim() && !birthDate.trim())}
            data-testid="search-submit"
          >
            {t('election.search.submit')}
          </button>
        </div>
      </form>
      {searched ? (
        <section aria-labelledby="search-results">
          <h2 id="search-results" role="status">
            {candidates.length === 0
              ? t('election.search.none')
              : t('election.search.found', { count: candidates.length })}
          </h2>
          {truncated ? <p className="hint">{t('election.search.truncated')}</p> : null}
          <CandidateList voters={candidates} onChoose={a.choose} />
        </section>
      ) : null}
    </DeskFrame>
  );
}
