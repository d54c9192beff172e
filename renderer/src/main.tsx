import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { resolveApi } from './api/index.ts';
import { isLanguage, languageFor } from './i18n/index.ts';
import { StoreProvider } from './store/context.tsx';
import { createAppStore } from './store/store.ts';
import './styles.css';

const api = resolveApi();
const KEY = 'vmnet-doctor.language';
const stored = (() => {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
})();
// The first start follows the browser's (or system's) language; a choice is remembered.
const store = createAppStore(
  api,
  languageFor(navigator.language),
  {},
  {
    remembered: isLanguage(stored) ? stored : null,
    remember: (language) => {
      try {
        localStorage.setItem(KEY, language);
      } catch {
        // Storage refused (private mode): the choice lasts this session.
      }
    },
  },
);
// Probe progress streams in while a diagnosis runs (no frozen window).
api.on('probe.progress', (event) => store.getState().onProgress(event));
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
}
