/**
 * The idle warning: nothing happens behind the resident's back. After a quiet spell the main
 * process starts a countdown; this dialog shows it, counts down every second, speaks it when voice
 * guidance is on, and "I am still here" cancels it. At zero the main process wipes the session.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useKiosk } from '../modes/counter/context.ts';
import { Modal } from './Modal.tsx';
import { speakNow } from './voice.ts';
import { languageInfo } from '../i18n/languages.ts';

export function IdleDialog() {
  const { t } = useTranslation();
  const secondsLeft = useKiosk((s) => s.idleSecondsLeft);
  const voice = useKiosk((s) => s.prefs.voice);
  const lang = useKiosk((s) => s.prefs.language);
  const { keepGoing } = useActions();
  const [shown, setShown] = useState<number | null>(secondsLeft);

  // Count down locally between the main process's warnings.
  useEffect(() => {
    setShown(secondsLeft);
    if (secondsLeft === null) return;
    const started = Date.now();
    const timer = setInterval(() => {
      setShown(Math.max(0, secondsLeft - Math.floor((Date.now() - started) / 1000)));
    }, 250);
    return () => clearInterval(timer);
  }, [secondsLeft]);

  useEffect(() => {
    if (secondsLeft !== null && voice)
      speakNow(t('idle.voice', { count: secondsLeft }), languageInfo(lang).htmlLang);
  }, [secondsLeft === null, voice]);

  return (
    <Modal
      open={secondsLeft !== null}
      labelledBy="idle-title"
      describedBy="idle-desc"
      role="alertdialog"
      onClose={() => void keepGoing()}
    >
      <h2 id="idle-title">{t('idle.title')}</h2>
      <p id="idle-desc">{t('idle.body')}</p>
      <div className="countdown" aria-live="off" data-testid="idle-countdown">
        {t('idle.seconds', { count: shown ?? 0 })}
      </div>
      <button type="button" className="btn primary block" autoFocus onClick={() => void keepGoing()}>
        {t('idle.keepGoing')}
      </button>
    </Modal>
  );
}
