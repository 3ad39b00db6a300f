/**
 * A person without a card, not on the list, or from another town, typed in by staff. After a card
 * read that found nobody on the list, the card's name, birth date and address are filled in.
 * Birth dates may be typed as printed (昭和55年2月17日, S55.2.17) or as 1980-02-17.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KanaKeyboard } from '../../../components/KanaKeyboard.tsx';
import { DeskFrame, useFocusOnShow } from '../../../kit/desk-frame.tsx';
import { useShelter, useShelterActions } from '../context.ts';
import { Says } from '../parts.tsx';

export function RegisterScreen() {
  const { t } = useTranslation();
  const a = useShelterActions();
  const busy = useShelter((s) => s.busy);
  const seen = useShelter((s) => s.cardSeen);
  const joining = useShelter((s) => s.household !== null);
  const [name, setName] = useState(seen?.name ?? '');
  const [kana, setKana] = useState('');
  const [birth, setBirth] = useState(seen?.birthDateWareki ?? '');
  const [sex, setSex] = useState<'' | 'M' | 'F'>('');
  const [address, setAddress] = useState(seen?.address ?? '');
  const [relation, setRelation] = useState('');
  const [kanaPad, setKanaPad] = useState(false);
  const first = useFocusOnShow<HTMLInputElement>('register');
  const text = (id: string, label: string, value: string, set: (v: string) => void, hint?: string) => (
    <div>
      <label className="field" htmlFor={`reg-${id}`}>
        {label}
      </label>
      <input
        id={`reg-${id}`}
        ref={id === 'name' ? first : undefined}
        className="text-input"
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-describedby={hint ? `reg-${id}-hint` : undefined}
        data-testid={`reg-${id}`}
      />
      {hint ? (
        <p id={`reg-${id}-hint`} className="hint">
          <Says text={hint} />
        </p>
      ) : null}
    </div>
  );
  return (
    <DeskFrame
      name="register"
      title={t(joining ? 'shelter.register.titleMember' : 'shelter.register.title')}
      lead={t('shelter.register.lead')}
      focusHeading={false}
    >
      <form
        className="card desk-form register-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim() || !birth.trim()) return;
          void a.register({ name, kana, birthDate: birth, ...(sex ? { sex } : {}), address, relation });
        }}
      >
        {text('name', t('shelter.register.name'), name, setName)}
        {kanaPad ? (
          <div>
            <label className="field" htmlFor="reg-kana">
              {t('shelter.register.kana')}
            </label>
            <KanaKeyboard
              id="reg-kana"
              value={kana}
              onChange={setKana}
              label={t('shelter.register.kana')}
              allowSystemKeyboard
            />
          </div>
        ) : (
          text('kana', t('shelter.register.kana'), kana, setKana, t('shelter.register.kanaHint'))
        )}
        <div className="actions">
          <button
            type="button"
            className="btn small"
            aria-pressed={kanaPad}
            onClick={() => setKanaPad((v) => !v)}
            data-testid="reg-kana-pad"
          >
            {t('shelter.register.kanaPad')}
          </button>
        </div>
        {text('birth', t('shelter.register.birth'), birth, setBirth, t('shelter.register.birthHint'))}
        <fieldset>
          <legend className="field">{t('shelter.register.sex')}</legend>
          <div className="actions">
            {(['M', 'F', ''] as const).map((s) => (
              <button
                key={s || 'none'}
                type="button"
                className="btn small"
                aria-pressed={sex === s}
                onClick={() => setSex(s)}
                data-testid={`reg-sex-${s || 'none'}`}
              >
                {t(
                  s === 'M'
                    ? 'shelter.register.male'
                    : s === 'F'
                      ? 'shelter.register.female'
                      : 'shelter.register.noSex',
                )}
              </button>
            ))}
          </div>
        </fieldset>
        {text('address', t('shelter.register.address'), address, setAddress)}
        {joining ? text('relation', t('shelter.register.relation'), relation, setRelation) : null}
        <div className="actions">
          <button type="button" className="btn" onClick={() => a.back()}>
            {t('shelter.common.cancel')}
          </button>
          <span className="spacer" />
          <button
            type="submit"
            className="btn primary"
            disabled={!name.trim() || !birth.trim() || !!busy}
            data-testid="reg-submit"
          >
            {t('shelter.register.submit')}
          </button>
        </div>
      </form>
    </DeskFrame>
  );
}
