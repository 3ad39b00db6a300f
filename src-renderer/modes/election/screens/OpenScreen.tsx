/**
 * The operator opens the terminal: the store passphrase (held in this component only, cleared
 * after each try). And the screen for a terminal without an election store.
 */
import { useTranslation } from 'react-i18next';
import { useDesk, useDeskActions } from '../context.ts';
import { PassphraseForm } from '../../../components/PassphraseForm.tsx';
import { DeskFrame } from '../parts.tsx';

export function OpenScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const busy = useDesk((s) => s.busy);
  const terminalId = useDesk((s) => s.status?.terminalId ?? '');
  const notice = useDesk((s) => s.notice);
  return (
    <DeskFrame
      name="open"
      title={t('election.open.title')}
      lead={t('election.open.lead')}
      focusHeading={false}
    >
      <PassphraseForm
        busy={!!busy}
        opening={busy === 'open'}
        label={t('election.open.passphrase')}
        hint={t('election.open.hint', { terminal: terminalId })}
        submit={t('election.open.submit')}
        openingText={t('election.open.opening')}
        focusKey={notice}
        onOpen={(p) => void a.open(p)}
      />
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
