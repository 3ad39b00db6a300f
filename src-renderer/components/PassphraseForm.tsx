/**
 * Staff open a desk with the store passphrase: held in this component only and cleared after
 * each try (the election desk and the shelter entrance).
 */
import { useState } from 'react';
import { useFocusOnShow } from '../kit/desk-frame.tsx';

export function PassphraseForm(props: {
  busy: boolean;
  opening: boolean;
  label: string;
  hint: string;
  submit: string;
  openingText: string;
  /** The focus returns to the field when this changes (a notice after a wrong try). */
  focusKey: unknown;
  onOpen(passphrase: string): void;
}) {
  const [value, setValue] = useState('');
  const field = useFocusOnShow<HTMLInputElement>(props.focusKey);
  return (
    <form
      className="card desk-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value || props.busy) return;
        const p = value;
        setValue('');
        props.onOpen(p);
      }}
    >
      <label className="field" htmlFor="passphrase">
        {props.label}
      </label>
      <input
        id="passphrase"
        ref={field}
        type="password"
        className="text-input"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-describedby="passphrase-hint"
        data-testid="passphrase"
      />
      <p id="passphrase-hint" className="hint">
        {props.hint}
      </p>
      <div className="actions">
        <span className="spacer" />
        <button
          type="submit"
          className="btn primary"
          disabled={!value || props.busy}
          data-testid="open-submit"
        >
          {props.opening ? props.openingText : props.submit}
        </button>
      </div>
    </form>
  );
}
