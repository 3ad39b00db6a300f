/**
 * What the shared screen parts (screen frame, notices, voice guidance, idle dialog) need from the
 * mode that shows them: the language and voice preference of the person at the screen and the
 * current notice. Each mode provides it from its own store, so the parts depend on no mode.
 */
import { createContext, useContext } from 'react';
import type { Language } from '../api/types.ts';
import type { Notice } from './notice.ts';

export interface Shell {
  language: Language;
  voice: boolean;
  notice: Notice | null;
  dismissNotice(): void;
  /**
   * Staff are at the screen (the election desk, or a clerk logged in at the counter): notices may
   * show error codes and the service's own text. A resident sees only sentences in their language.
   */
  staff: boolean;
}

const NO_SHELL: Shell = { language: 'ja', voice: false, notice: null, dismissNotice: () => {}, staff: false };

export const ShellContext = createContext<Shell>(NO_SHELL);

export function useShell(): Shell {
  return useContext(ShellContext);
}
