/**
 * A mode as the renderer sees it: its whole screen, and its texts. The app picks the mode by the
 * terminal's app.info and names none of them (src-renderer/app/modes.ts is the list).
 */
import type { ComponentType } from 'react';
import type { AppInfo, Language } from '../api/types.ts';
import type { LocaleTree } from '../i18n/resources.ts';

export interface RendererMode {
  id: AppInfo['mode'];
  /** The mode's screens; `info` is the terminal's app.info (null: it could not be read). */
  Root: ComponentType<{ info: AppInfo | null }>;
  /**
   * The mode's own texts, one tree per language, registered under its namespace key: the election
   * desk's `bar.title` is looked up as t('election.bar.title').
   */
  locales?: { namespace: string; resources: Record<Language, LocaleTree> };
}
