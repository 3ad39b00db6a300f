/**
 * The counter's top bar: the shared one (terminal, language, text size, contrast, voice) with the
 * counter's own buttons — start over during a visit, and the staff entrance.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TopBar } from '../../components/TopBar.tsx';
import { Modal } from '../../components/Modal.tsx';
import { useActions, useKiosk } from './context.ts';
import { RESTING_SCREENS, STAFF_SCREENS } from './state/screens.ts';

export function CounterTopBar() {
  const { t } = useTranslation();
  const info = useKiosk((s) => s.info);
  const prefs = useKiosk((s) => s.prefs);
  const screen = useKiosk((s) => s.screen.id);
  const a = useActions();
  const [restartOpen, setRestartOpen] = useState(false);
  const inJourney = !RESTING_SCREENS.has(screen) && !STAFF_SCREENS.has(screen);

  return (
    <TopBar
      title={t('app.title')}
      subtitle={info?.municipality.name ?? ''}
      languages={info?.languages}
      prefs={prefs}
      onLanguage={(lang) => void a.chooseLanguage(lang, { navigate: false })}
      onTextSize={a.setTextSize}
      onHighContrast={a.setHighContrast}
      onVoice={a.setVoice}
    >
      {inJourney ? (
        <button
          type="button"
          className="btn small danger"
          onClick={() => setRestartOpen(true)}
          aria-haspopup="dialog"
        >
          {t('common.startOver')}
        </button>
      ) : null}
      {!STAFF_SCREENS.has(screen) ? (
        <button type="button" className="btn small" onClick={a.openStaff} data-testid="staff-button">
          {t('staff.button')}
        </button>
      ) : null}

      <Modal
        open={restartOpen}
        labelledBy="restart-title"
        describedBy="restart-desc"
        onClose={() => setRestartOpen(false)}
      >
        <h2 id="restart-title">{t('restart.title')}</h2>
        <p id="restart-desc">{t('restart.body')}</p>
        <div className="actions">
          <button type="button" className="btn" onClick={() => setRestartOpen(false)}>
            {t('restart.no')}
          </button>
          <span className="spacer" />
          <button
            type="button"
            className="btn danger"
            onClick={() => {
              setRestartOpen(false);
              void a.startOver();
            }}
          >
            {t('restart.yes')}
          </button>
        </div>
      </Modal>
    </TopBar>
  );
}
