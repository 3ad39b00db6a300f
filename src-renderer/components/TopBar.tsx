/**
 * Always at the top: who runs this terminal, language, text size, contrast, voice guidance, start
 * over and the staff entrance. Each is a real button with a visible label (no icon-only controls).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useKiosk } from '../modes/counter/context.ts';
import { LANGUAGE_INFO } from '../i18n/languages.ts';
import { RESTING_SCREENS, STAFF_SCREENS } from '../modes/counter/state/screens.ts';
import type { TextSize } from '../modes/counter/state/kiosk-store.ts';
import { Modal } from './Modal.tsx';
import { tk } from '../i18n/keys.ts';
import { Icon } from './Icon.tsx';

const SIZES: TextSize[] = ['normal', 'large', 'xlarge'];
const SIZE_LABEL: Record<TextSize, string> = {
  normal: tk('prefs.size.normal'),
  large: tk('prefs.size.large'),
  xlarge: tk('prefs.size.xlarge'),
};

export function TopBar() {
  const { t } = useTranslation();
  const info = useKiosk((s) => s.info);
  const prefs = useKiosk((s) => s.prefs);
  const screen = useKiosk((s) => s.screen.id);
  const a = useActions();
  const [langOpen, setLangOpen] = useState(false);
  const [restartOpen, setRestartOpen] = useState(false);
  const available = LANGUAGE_INFO.filter((l) => info?.languages.includes(l.id) ?? true);
  const current = LANGUAGE_INFO.find((l) => l.id === prefs.language);
  const nextSize = SIZES[(SIZES.indexOf(prefs.textSize) + 1) % SIZES.length]!;
  const inJourney = !RESTING_SCREENS.has(screen) && !STAFF_SCREENS.has(screen);

  return (
    <header className="topbar">
      <div className="brand">
        {t('app.title')}
        <small>{info?.municipality.name ?? ''}</small>
      </div>
      {available.length > 1 ? (
        <button
          type="button"
          className="btn small"
          onClick={() => setLangOpen(true)}
          aria-haspopup="dialog"
          data-testid="language-button"
        >
          <Icon name="globe" size="1.4rem" /> {current?.native ?? 'Language'}
        </button>
      ) : null}
      <button
        type="button"
        className="btn small"
        onClick={() => a.setTextSize(nextSize)}
        data-testid="text-size-button"
      >
        {t('prefs.textSize', { size: t(SIZE_LABEL[prefs.textSize]) })}
      </button>
      <button
        type="button"
        className="btn small"
        aria-pressed={prefs.highContrast}
        onClick={() => a.setHighContrast(!prefs.highContrast)}
      >
        {t('prefs.contrast')}
      </button>
      <button
        type="button"
        className="btn small"
        aria-pressed={prefs.voice}
        onClick={() => a.setVoice(!prefs.voice)}
      >
        {t('prefs.voice')}
      </button>
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

      <Modal open={langOpen} labelledBy="lang-title" onClose={() => setLangOpen(false)}>
        <h2 id="lang-title">{t('language.title')}</h2>
        <div className="grid">
          {available.map((l) => (
            <button
              key={l.id}
              type="button"
              className="btn"
              lang={l.htmlLang}
              data-lang-option={l.id}
              aria-pressed={l.id === prefs.language}
              onClick={() => {
                setLangOpen(false);
                void a.chooseLanguage(l.id, { navigate: false });
              }}
            >
              {l.native}
            </button>
          ))}
        </div>
        <button type="button" className="btn" onClick={() => setLangOpen(false)}>
          {t('common.close')}
        </button>
      </Modal>

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
    </header>
  );
}
