/** Staff open the laptop with the store passphrase; and the screen for a laptop without a store. */
import { useTranslation } from 'react-i18next';
import { PassphraseForm } from '../../../components/PassphraseForm.tsx';
import { DeskFrame } from '../../../kit/desk-frame.tsx';
import { useShelter, useShelterActions } from '../context.ts';

export function OpenScreen() {
  const { t } = useTranslation();
  const a = useShelterActions();
  const busy = useShelter((s) => s.busy);
  const terminalId = useShelter((s) => s.status?.terminalId ?? '');
  const notice = useShelter((s) => s.notice);
  return (
    <DeskFrame name="open" title={t('shelter.open.title')} lead={t('shelter.open.lead')} focusHeading={false}>
      <PassphraseForm
        busy={!!busy}
        opening={busy === 'open'}
        label={t('shelter.open.passphrase')}
        hint={t('shelter.open.hint', { terminal: terminalId })}
        submit={t('shelter.open.submit')}
        openingText={t('shelter.open.opening')}
        focusKey={notice}
        onOpen={(p) => void a.open(p)}
      />
    </DeskFrame>
  );
}

export function UnavailableScreen() {
  const { t } = useTranslation();
  return (
    <DeskFrame name="unavailable" title={t('shelter.unavailable.title')} lead={t('shelter.unavailable.lead')}>
      <div className="card">
        <p>{t('shelter.unavailable.setup')}</p>
        <pre className="cli" lang="en">
          kakanai shelter init --db shelter.db --shelter-name … --capacity … --terminal …{'\n'}kakanai shelter
          import-residents --db shelter.db --csv residents.csv
        </pre>
      </div>
    </DeskFrame>
  );
}
