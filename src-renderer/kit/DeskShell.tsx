/**
 * The root of a staffed desk's screen (the election desk, the shelter entrance): the desk's store
 * provided to its screens, the shell the shared parts follow (the terminal's language, no voice
 * guidance, the store's notice, staff at the screen), the demo banner, the header and the screen.
 */
import { useMemo, type Context, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AppInfo } from '../api/types.ts';
import type { Notice } from './notice.ts';
import { ShellContext, type Shell } from './shell-context.ts';

export function DeskShell<S extends { notice: Notice | null; dismissNotice(): void }>(props: {
  info: AppInfo | null;
  store: StoreApi<S>;
  context: Context<StoreApi<S> | null>;
  bar: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { store, context: StoreContext } = props;
  const notice = useStore(store, (s) => s.notice);
  // Staffed: the terminal's language (set by the app at start), no voice guidance.
  const language = props.info?.defaultLanguage ?? 'ja';
  const shell = useMemo<Shell>(
    () => ({
      language,
      voice: false,
      notice,
      staff: true,
      dismissNotice: () => store.getState().dismissNotice(),
    }),
    [language, notice, store],
  );
  return (
    <StoreContext.Provider value={store}>
      <ShellContext.Provider value={shell}>
        {props.info?.demo.active ? (
          <div className="banner" role="note" data-testid="demo-banner">
            {t('demo.banner')}
          </div>
        ) : null}
        {props.bar}
        {props.children}
      </ShellContext.Provider>
    </StoreContext.Provider>
  );
}
