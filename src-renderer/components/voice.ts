import { useEffect, useMemo } from 'react';
import { createSpeaker } from '../a11y/speech.ts';
import { languageInfo } from '../i18n/languages.ts';
import { useShell } from '../kit/shell-context.ts';

let speaker: ReturnType<typeof createSpeaker> | null = null;
function getSpeaker() {
  speaker ??= createSpeaker();
  return speaker;
}

/** Speaks `text` when voice guidance is on and `trigger` (the screen) changes or voice is switched on. */
export function useSpeak(text: string, trigger: string): void {
  const { voice, language } = useShell();
  const htmlLang = useMemo(() => languageInfo(language).htmlLang, [language]);
  useEffect(() => {
    if (!voice) return;
    getSpeaker().speak(text, htmlLang);
    // Once per screen (trigger), not on every re-render with the same text.
  }, [voice, trigger, htmlLang]);
  useEffect(() => () => getSpeaker().cancel(), []);
}

export function speakNow(text: string, lang: string): void {
  getSpeaker().speak(text, lang);
}
