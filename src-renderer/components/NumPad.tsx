/**
 * A large numeric keypad (PIN, 照合番号B parts, phone numbers). Touch, mouse and the physical keyboard
 * all work: digits, Backspace and Enter are taken from the keyboard while the pad is shown, unless
 * the focus is in a text field.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function NumPad(props: {
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  /** Adds a "-" key (phone numbers). */
  hyphen?: boolean;
  onEnter?: () => void;
  /** Name of the value for screen readers ("PIN", "security code"). */
  label: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { value, onChange, maxLength, hyphen, onEnter, disabled } = props;

  const press = (key: string) => {
    if (disabled) return;
    if (key === 'back') onChange(value.slice(0, -1));
    else if (key === 'clear') onChange('');
    else if (value.length < maxLength) onChange(value + key);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')
      )
        return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (/^[0-9]$/.test(e.key) || (hyphen && e.key === '-')) {
        e.preventDefault();
        press(e.key);
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        press('back');
      } else if (e.key === 'Enter' && onEnter && target?.tagName !== 'BUTTON') {
        e.preventDefault();
        onEnter();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', hyphen ? '-' : 'clear', '0', 'back'];
  return (
    <div className="pad" role="group" aria-label={t('pad.label', { name: props.label })}>
      {keys.map((k) => (
        <button
          key={k}
          type="button"
          className={`btn${k === 'back' || k === 'clear' ? ' small' : ''}`}
          onClick={() => press(k)}
          disabled={disabled}
          data-key={k}
          aria-label={
            k === 'back' ? t('pad.back') : k === 'clear' ? t('pad.clear') : k === '-' ? t('pad.hyphen') : k
          }
        >
          {k === 'back' ? '⌫' : k === 'clear' ? t('pad.clearShort') : k}
        </button>
      ))}
    </div>
  );
}
