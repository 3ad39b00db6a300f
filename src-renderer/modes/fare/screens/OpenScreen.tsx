/** Staff open the terminal with the store passphrase; and the screen for a terminal without a store. */
import { useTranslation } from 'react-i18next';
import { DeskOpenScreen, type DeskOpenTexts } from '../../../components/DeskOpenScreen.tsx';
import { tk } from '../../../i18n/keys.ts';
import { DeskFrame } from '../../../kit/desk-frame.tsx';
import { useFare, useFareActions } from '../context.ts';

const OPEN_TEXTS: DeskOpenTexts = {
  title: tk('fare.open.title'),
  lead: tk('fare.open.lead'),
  passphrase: tk('fare.open.passphrase'),
  hint: tk('fare.open.hint'),
  submit: tk('fare.open.submit'),
  opening: tk('fare.open.opening'),
};

export function OpenScreen() {
  const a = useFareActions();
  return (
    <DeskOpenScreen
      texts={OPEN_TEXTS}
      busy={useFare((s) => s.busy)}
      terminalId={useFare((s) => s.status?.terminalId ?? '')}
      notice={useFare((s) => s.notice)}
      onOpen={(p) => void a.open(p)}
    />
  );
}

export function UnavailableScreen() {
  const { t } = useTranslation();
  return (
    <DeskFrame name="unavailable" title={t('fare.unavailable.title')} lead={t('fare.unavailable.lead')}>
      <div className="card">
        <p>{t('fare.unavailable.setup')}</p>
        <pre className="cli" lang="en">
          kakanai fare init --db fare.db --program program.json --terminal … [--vehicle …]{'\n'}kakanai fare
          import-registry --db fare.db --in registry.json --public-key city.pub
        </pre>
      </div>
    </DeskFrame>
  );
}
