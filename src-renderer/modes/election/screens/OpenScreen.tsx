/**
 * The operator opens the terminal: the store passphrase (held in this component only, cleared
 * after each try). And the screen for a terminal without an election store.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk, useDeskActions } from '../context.ts';
import { DeskFrame, useFocusOnShow } from '../parts.tsx';

export function OpenScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const busy = useDesk((s) => s.busy);
  const terminalId = useDesk((s) => s.status?.terminalId ?? '');
  const notice = useDesk((s) => s.notice);
  const [value, setValue] = useState('');
  const field = useFocusOnShow<HTMLInputElement>(notice);
  return (
    <DeskFrame
      name="open"
      title={t('election.open.title')}
      lead={t('election.open.lead')}
      focusHeading={false}
    >
      <form
        className="card desk-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!value || busy) return;
          const p = value;
          setValue('');
          void a.open(p);
        }}
      >
        <label className="field" htmlFor="passphrase">
          {t('election.open.passphrase')}
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
          {t('election.open.hint', { terminal: terminalId })}
        </p>
        <div className="actions">
          <span className="spacer" />
          <button type="submit" className="btn primary" disabled={!value || !!busy} data-testid="open-submit">
            {busy === 'open' ? t('election.open.opening') : t('election.open.submit')}
          </button>
        </div>
      </form>
    </DeskFrame>
  );
}

export function UnavailableScreen() {
  const { t } = useTranslation();
  return (
    <DeskFrame
      name="unavailable"
      title={t('election.unavailable.title')}
      lead={t('election.unavailable.lead')}
    >
      <div className="card">
        <p>{t('election.unavailable.setup')}</p>
        <pre className="cli" lang="en">
          kakanai election init --db election.db …{'\n'}kakanai election import-roll --db election.db --csv
          roll.csv
        </pre>
      </div>
    </DeskFrame>
  );
}
