/**
 * The operator opens the terminal: the store passphrase (held in this component only, cleared
 * after each try). And the screen for a terminal without an election store.
 */
import { useTranslation } from 'react-i18next';
import { useDesk, useDeskActions } from '../context.ts';
import { DeskOpenScreen, type DeskOpenTexts } from '../../../components/DeskOpenScreen.tsx';
import { tk } from '../../../i18n/keys.ts';
import { DeskFrame } from '../parts.tsx';

const OPEN_TEXTS: DeskOpenTexts = {
  title: tk('election.open.title'),
  lead: tk('election.open.lead'),
  passphrase: tk('election.open.passphrase'),
  hint: tk('election.open.hint'),
  submit: tk('election.open.submit'),
  opening: tk('election.open.opening'),
};

export function OpenScreen() {
  const a = useDeskActions();
  return (
    <DeskOpenScreen
      texts={OPEN_TEXTS}
      busy={useDesk((s) => s.busy)}
      terminalId={useDesk((s) => s.status?.terminalId ?? '')}
      notice={useDesk((s) => s.notice)}
      onOpen={(p) => void a.open(p)}
    />
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
