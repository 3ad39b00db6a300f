/**
 * The idle warning: nothing happens behind the resident's back. After a quiet spell the main
 * process starts a countdown; this dialog shows it, counts down every second, speaks it when voice
 * guidance is on, and "I am still here" cancels it. At zero the main process wipes the session.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShell } from '../kit/shell-context.ts';
import { Modal } from './Modal.tsx';
import { speakNow } from './voice.ts';
import { languageInfo } from '../i18n/languages.ts';

export function IdleDialog(props: { secondsLeft: number | null; onKeepGoing: () => void }) {
  const { t } = useTranslation();
  const { secondsLeft, onKeepGoing: keepGoing } = props;
  const { voice, language: lang } = useShell();
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
      onClose={keepGoing}
    >
      <h2 id="idle-title">{t('idle.title')}</h2>
      <p id="idle-desc">{t('idle.body')}</p>
      <div className="countdown" aria-live="off" data-testid="idle-countdown">
        {t('idle.seconds', { count: shown ?? 0 })}
      </div>
      <button type="button" className="btn primary block" autoFocus onClick={keepGoing}>
        {t('idle.keepGoing')}
      </button>
    </Modal>
  );
}
