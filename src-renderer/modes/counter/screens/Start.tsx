/**
 * The start: attract screen (touch anywhere), language choice, and the "service unavailable" screen.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useKiosk } from '../context.ts';
import { ScreenFrame } from '../../../components/ScreenFrame.tsx';
import { LANGUAGE_INFO } from '../../../i18n/languages.ts';
import { useSpeak } from '../../../components/voice.ts';

let firstScreenReported = false;

/** "Touch to start" in every language, so a newcomer sees their own at once. */
const START_WORDS: Array<[string, string]> = [
  ['ja', 'はじめる'],
  ['en', 'Start'],
  ['zh-Hans', '开始'],
  ['ko', '시작'],
  ['vi', 'Bắt đầu'],
  ['pt-BR', 'Começar'],
];

export function AttractScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const info = useKiosk((s) => s.info);
  const cardStatus = useKiosk((s) => s.cardStatus);
  useSpeak(t('attract.voice'), 'attract');
  useEffect(() => {
    // Navigation start → first screen on glass, once per page load (not on every return here).
    if (firstScreenReported) return;
    firstScreenReported = true;
    requestAnimationFrame(() => a.markFirstScreen(performance.now()));
  }, [a]);
  const offerDemo = info?.demo.offerable && !info.demo.active && cardStatus?.state === 'no-reader';
  return (
    <main className="screen" aria-labelledby="screen-title" data-screen="attract">
      <div className="attract">
        <h1 id="screen-title" className="title" tabIndex={-1}>
          {t('attract.title')}
        </h1>
        <p className="lead">{t('attract.lead')}</p>
        <button
          type="button"
          className="btn primary start"
          onClick={() => void a.begin()}
          autoFocus
          data-testid="start"
        >
          {t('attract.start')}
        </button>
        <p className="langs">
          {START_WORDS.map(([lang, word], i) => (
            <span key={lang}>
              {i > 0 ? ' ・ ' : ''}
              <span lang={lang}>{word}</span>
            </span>
          ))}
        </p>
        {offerDemo ? (
          <div className="card warn" style={{ maxWidth: '40rem' }}>
            <p>{t('attract.noReaderDemo')}</p>
            <button type="button" className="btn" onClick={() => void a.startDemo()} data-testid="start-demo">
              {t('attract.tryDemo')}
            </button>
          </div>
        ) : null}
      </div>
    </main>
  );
}

export function LanguageScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const info = useKiosk((s) => s.info);
  const current = useKiosk((s) => s.prefs.language);
  const langs = LANGUAGE_INFO.filter((l) => info?.languages.includes(l.id) ?? true);
  return (
    <ScreenFrame name="language" title={t('language.title')} voice={t('language.title')}>
      <div className="grid">
        {langs.map((l) => (
          <button
            key={l.id}
            type="button"
            lang={l.htmlLang}
            className={`btn choice${l.id === current ? ' primary' : ''}`}
            onClick={() => void a.chooseLanguage(l.id)}
            data-lang={l.id}
          >
            {l.native}
          </button>
        ))}
      </div>
      <div className="actions">
        <button type="button" className="btn" onClick={() => void a.back()}>
          {t('common.back')}
        </button>
      </div>
    </ScreenFrame>
  );
}

export function UnavailableScreen() {
  const { t } = useTranslation();
  return (
    <ScreenFrame
      name="unavailable"
      title={t('unavailable.title')}
      voice={t('unavailable.title')}
      lead={t('unavailable.body')}
    >
      <div className="actions">
        <button type="button" className="btn primary" onClick={() => location.reload()}>
          {t('unavailable.retry')}
        </button>
      </div>
    </ScreenFrame>
  );
}
