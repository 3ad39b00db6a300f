/** How the person at the screen wants it: language, text size, contrast, voice guidance. */
import type { Language } from '../api/types.ts';

export type TextSize = 'normal' | 'large' | 'xlarge';

export interface Prefs {
  language: Language;
  textSize: TextSize;
  highContrast: boolean;
  voice: boolean;
}

export const DEFAULT_PREFS: Prefs = { language: 'ja', textSize: 'normal', highContrast: false, voice: false };
