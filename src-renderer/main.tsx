/**
 * Renderer entry: one client (Electron preload or HTTP + WebSocket) for every mode, one i18n
 * instance with every mode's texts, and the app that shows the terminal's mode.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createDefaultClient } from './api/client.ts';
import { createI18n } from './i18n/index.ts';
import { ClientContext } from './kit/client-context.ts';
import { allLocales } from './app/modes.ts';
import { App } from './app/App.tsx';
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

const i18n = createI18n('ja', allLocales());
const client = createDefaultClient();

// Kiosk hygiene: no context menu, no pinch-zoom surprises, no drag of images.
window.addEventListener('contextmenu', (e) => e.preventDefault());
window.addEventListener('dragstart', (e) => e.preventDefault());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>
    </I18nextProvider>
  </StrictMode>,
);
