/**
 * The 署名用パスワード keyboard: exactly the characters the password can have (capital letters
 * A–Z and digits 0–9, 6–16 of them), large keys in alphabetical order (easier to find than QWERTY
 * for someone who does not type), and the physical keyboard too (lower case is taken as upper
 * case). The typed password lives only in this component's state and is cleared the moment it is
 * handed to `onSubmit`; what shows is one dot per character (drawn, not a font's ●), unless the resident asks to see it.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon.tsx';

export const PASSWORD_MIN = 6;
export const PASSWORD_MAX = 16;

const ROWS = ['1234567890', 'ABCDEFGHI', 'JKLMNOPQR', 'STUVWXYZ'];

export function PasswordKeyboard(props: {
  busy: boolean;
  submitLabel: string;
  onSubmit: (password: string) => void;
  /** Left of the submit button (e.g. 戻る). */
  back?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [shown, setShown] = useState(false);
  const ready = value.length >= PASSWORD_MIN && !props.busy;

  const press = (key: string) => {
    if (props.busy) return;
    if (key === 'back') setValue((v) => v.slice(0, -1));
    else if (key === 'clear') setValue('');
    else setValue((v) => (v.length < PASSWORD_MAX ? v + key : v));
  };
  const submit = () => {
    if (!ready) return;
    const password = value;
    setValue('');
    setShown(false);
    props.onSubmit(password);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (/^[A-Za-z0-9]$/.test(e.key)) {
        e.preventDefault();
        press(e.key.toUpperCase());
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        press('back');
      } else if (e.key === 'Enter' && target?.tagName !== 'BUTTON') {
        e.preventDefault();
        submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="password-entry">
      <div className="password-display">
        <div
          className="password-value"
          role="img"
          aria-label={t('sign.password.entered', { count: value.length })}
          data-testid="password-value"
          data-length={value.length}
        >
          {value.length === 0 ? (
            <span className="hint">{t('sign.password.empty')}</span>
          ) : shown ? (
            <span lang="en" translate="no">
              {value}
            </span>
          ) : (
            Array.from({ length: value.length }, (_, i) => <span key={i} className="password-dot" />)
          )}
        </div>
        <p className="hint" aria-live="polite">
          {t('sign.password.length', { count: value.length, min: PASSWORD_MIN, max: PASSWORD_MAX })}
        </p>
        <button
          type="button"
          className="btn small"
          aria-pressed={shown}
          onClick={() => setShown((s) => !s)}
          data-testid="password-show"
        >
          {shown ? t('sign.password.hide') : t('sign.password.show')}
        </button>
      </div>
      <div className="password-keys" role="group" aria-label={t('sign.password.keyboard')}>
        {ROWS.map((row) => (
          <div className="password-row" key={row}>
            {[...row].map((k) => (
              <button
                key={k}
                type="button"
                className="btn"
                onClick={() => press(k)}
                disabled={props.busy}
                data-key={k}
              >
                {k}
              </button>
            ))}
          </div>
        ))}
        <div className="password-row">
          <button
            type="button"
            className="btn small"
            onClick={() => press('clear')}
            disabled={props.busy}
            data-key="clear"
            aria-label={t('pad.clear')}
          >
            {t('pad.clearShort')}
          </button>
          <button
            type="button"
            className="btn small"
            onClick={() => press('back')}
            disabled={props.busy}
            data-key="back"
            aria-label={t('pad.back')}
          >
            <Icon name="backspace" size="1.8rem" />
          </button>
        </div>
      </div>
      <div className="actions">
        {props.back}
        <span className="spacer" />
        <button
          type="button"
          className="btn primary"
          disabled={!ready}
          onClick={submit}
          data-testid="password-ok"
        >
          {props.submitLabel}
        </button>
      </div>
    </div>
  );
}
