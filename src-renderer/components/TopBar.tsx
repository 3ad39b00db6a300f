/**
 * Always at the top: who runs this terminal, and the person's own settings — language, text size,
 * contrast, voice guidance. A mode adds its own buttons (start over, staff…) as children. Each is a
 * real button with a visible label (no icon-only controls).
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../api/types.ts';
import { LANGUAGE_INFO } from '../i18n/languages.ts';
import type { Prefs, TextSize } from '../kit/prefs.ts';
import { Mixed } from './Mixed.tsx';
import { Modal } from './Modal.tsx';
import { tk } from '../i18n/keys.ts';
import { Icon } from './Icon.tsx';

const SIZES: TextSize[] = ['normal', 'large', 'xlarge'];
const SIZE_LABEL: Record<TextSize, string> = {
  normal: tk('prefs.size.normal'),
  large: tk('prefs.size.large'),
  xlarge: tk('prefs.size.xlarge'),
};

export function TopBar(props: {
  title: string;
  subtitle: string;
  /** The languages this terminal offers (the button shows when there are two or more). */
  languages: Language[] | undefined;
  prefs: Prefs;
  onLanguage: (lang: Language) => void;
  onTextSize: (size: TextSize) => void;
  onHighContrast: (on: boolean) => void;
  onVoice: (on: boolean) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { prefs } = props;
  const [langOpen, setLangOpen] = useState(false);
  const available = LANGUAGE_INFO.filter((l) => props.languages?.includes(l.id) ?? true);
  const current = LANGUAGE_INFO.find((l) => l.id === prefs.language);
  const nextSize = SIZES[(SIZES.indexOf(prefs.textSize) + 1) % SIZES.length]!;

  return (
    <header className="topbar">
      <div className="brand">
        {props.title}
        {/* The municipality's official name. */}
        <small lang="ja">{props.subtitle}</small>
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
        onClick={() => props.onTextSize(nextSize)}
        data-testid="text-size-button"
      >
        {t('prefs.textSize', { size: t(SIZE_LABEL[prefs.textSize]) })}
      </button>
      <button
        type="button"
        className="btn small"
        aria-pressed={prefs.highContrast}
        onClick={() => props.onHighContrast(!prefs.highContrast)}
      >
        {t('prefs.contrast')}
      </button>
      <button
        type="button"
        className="btn small"
        aria-pressed={prefs.voice}
        onClick={() => props.onVoice(!prefs.voice)}
      >
        {t('prefs.voice')}
      </button>
      {props.children}

      <Modal open={langOpen} labelledBy="lang-title" onClose={() => setLangOpen(false)}>
        <h2 id="lang-title">
          <Mixed text={t('language.title')} lang={prefs.language} />
        </h2>
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
                props.onLanguage(l.id);
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
    </header>
  );
}
