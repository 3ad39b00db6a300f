/**
 * The page: asks the terminal which mode it runs (app.info) and shows that mode's screens, in the
 * terminal's language. Follows a mode change made in the settings (config.changed).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../api/types.ts';
import { useClient } from '../kit/client-context.ts';
import { applyDocumentLanguage } from '../i18n/index.ts';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { modeFor } from './modes.ts';

/** What app.info said: not yet, the answer, or no answer (the default mode shows why). */
type Info = { state: 'loading' } | { state: 'ok'; info: AppInfo } | { state: 'failed' };

export function App() {
  const client = useClient();
  const { i18n } = useTranslation();
  const [info, setInfo] = useState<Info>({ state: 'loading' });
  const languageSet = useRef(false);

  useEffect(() => {
    let live = true;
    const load = async () => {
      const r = await client.call('app.info', {});
      if (!live) return;
      setInfo(r.ok ? { state: 'ok', info: r.value } : { state: 'failed' });
      // Once: later a mode's own screens decide (a resident may have chosen another language).
      if (r.ok && !languageSet.current) {
        languageSet.current = true;
        void i18n.changeLanguage(r.value.defaultLanguage);
        applyDocumentLanguage(r.value.defaultLanguage);
      }
    };
    void load();
    const off = client.onEvent((e) => {
      if (e.type === 'config.changed') void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [client, i18n]);

  if (info.state === 'loading') return <LoadingScreen />;
  const current = info.state === 'ok' ? info.info : null;
  const mode = modeFor(current?.mode);
  // A new mode is a new screen tree (key): the old mode's store stops with it.
  return <mode.Root key={mode.id} info={current} />;
}
