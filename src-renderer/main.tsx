/**
 * Renderer entry: one client (Electron preload or HTTP + WebSocket), one store, one i18n instance.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createDefaultClient } from './api/client.ts';
import { createKioskStore } from './state/kiosk-store.ts';
import { applyDocumentLanguage, createI18n } from './i18n/index.ts';
import { StoreContext } from './app/context.ts';
import { App } from './app/App.tsx';
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
