/**
 * Renderer entry: one client (Electron preload or HTTP + WebSocket), one store, one i18n instance.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createDefaultClient } from './api/client.ts';
import { createKioskStore } from './modes/counter/state/kiosk-store.ts';
import { applyDocumentLanguage, createI18n } from './i18n/index.ts';
import { StoreContext } from './modes/counter/context.ts';
import { App } from './modes/counter/CounterKiosk.tsx';
// The screens' own fonts (self-hosted, split by unicode-range: a page loads only what it shows):
// BIZ UDPゴシック for Japanese and Latin, Noto Sans for Vietnamese and the rest of Latin, Noto Sans
// SC and KR for Chinese and Korean. Regular and bold, the two weights the styles use.
import '@fontsource/biz-udpgothic/400.css';
import '@fontsource/biz-udpgothic/700.css';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/700.css';
import './styles/kiosk.css';

const i18n = createI18n('ja');
const client = createDefaultClient();
const store = createKioskStore(client, {
  onLanguage: (lang) => {
    void i18n.changeLanguage(lang);
    applyDocumentLanguage(lang);
  },
});

// Kiosk hygiene: no context menu, no pinch-zoom surprises, no drag of images.
window.addEventListener('contextmenu', (e) => e.preventDefault());
window.addEventListener('dragstart', (e) => e.preventDefault());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>
    </I18nextProvider>
  </StrictMode>,
);
void store.getState().start();
