/**
 * 安否情報照会: someone asks whether a person is here. Name and birth date → here / out / left /
 * "no information we can give" — the last both when the person is not here and when they did not
 * consent, so the answer itself discloses nothing.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeskFrame, useFocusOnShow } from '../../../kit/desk-frame.tsx';
import { useShelter, useShelterActions } from '../context.ts';
import { Says } from '../parts.tsx';

export function SafetyScreen() {
  const { t } = useTranslation();
  const a = useShelterActions();
  const busy = useShelter((s) => s.busy);
  const answer = useShelter((s) => s.safety);
  const [name, setName] = useState('');
  const [birth, setBirth] = useState('');
  const first = useFocusOnShow<HTMLInputElement>('safety');
  const text =
    answer === null
      ? null
      : answer.answer === 'not-here'
        ? t('shelter.safety.notHere')
        : answer.answer === 'left'
          ? t(answer.to ? 'shelter.safety.leftTo' : 'shelter.safety.left', {
              shelter: answer.shelterName,
              to: answer.to ?? '',
            })
          : t(answer.answer === 'out' ? 'shelter.safety.out' : 'shelter.safety.here', {
              shelter: answer.shelterName,
            });
  return (
    <DeskFrame
      name="safety"
      title={t('shelter.safety.title')}
      lead={t('shelter.safety.lead')}
      focusHeading={false}
    >
      <form
        className="card desk-form search-fields"
        onSubmit={(e) => {
          e.preventDefault();
          void a.askSafety(name, birth);
        }}
      >
        <div>
          <label className="field" htmlFor="safety-name">
            {t('shelter.register.name')}
          </label>
          <input
            id="safety-name"
            ref={first}
            className="text-input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="safety-name"
          />
        </div>
        <div>
          <label className="field" htmlFor="safety-birth">
            {t('shelter.register.birth')}
          </label>
          <input
            id="safety-birth"
            className="text-input"
            value={birth}
            onChange={(e) => setBirth(e.target.value)}
            data-testid="safety-birth"
          />
        </div>
        <div className="actions">
          <button type="button" className="btn" onClick={() => a.next()}>
            {t('shelter.common.back')}
          </button>
          <span className="spacer" />
          <button
            type="submit"
            className="btn primary"
            disabled={!name.trim() || !birth.trim() || !!busy}
            data-testid="safety-submit"
          >
            {t('shelter.safety.submit')}
          </button>
        </div>
      </form>
      {text ? (
        <p
          className={`card ${answer?.answer === 'not-here' ? 'info' : 'ok'}`}
          role="status"
          data-testid="safety-answer"
          data-answer={answer?.answer}
        >
          <Says text={text} />
        </p>
      ) : null}
      <p className="hint">{t('shelter.safety.rule')}</p>
    </DeskFrame>
  );
}
