/** Staff open the laptop with the store passphrase; and the screen for a laptop without a store. */
import { useTranslation } from 'react-i18next';
import { DeskOpenScreen, type DeskOpenTexts } from '../../../components/DeskOpenScreen.tsx';
import { tk } from '../../../i18n/keys.ts';
import { DeskFrame } from '../../../kit/desk-frame.tsx';
import { useShelter, useShelterActions } from '../context.ts';

const OPEN_TEXTS: DeskOpenTexts = {
  title: tk('shelter.open.title'),
  lead: tk('shelter.open.lead'),
  passphrase: tk('shelter.open.passphrase'),
  hint: tk('shelter.open.hint'),
  submit: tk('shelter.open.submit'),
  opening: tk('shelter.open.opening'),
};

export function OpenScreen() {
  const a = useShelterActions();
  return (
    <DeskOpenScreen
      texts={OPEN_TEXTS}
      busy={useShelter((s) => s.busy)}
      terminalId={useShelter((s) => s.status?.terminalId ?? '')}
      notice={useShelter((s) => s.notice)}
      onOpen={(p) => void a.open(p)}
    />
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
