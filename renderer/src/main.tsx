import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { resolveApi } from './api/index.ts';
import { languageFor } from './i18n/index.ts';
import { StoreProvider } from './store/context.tsx';
import { createAppStore } from './store/store.ts';
import './styles.css';

const api = resolveApi();
const store = createAppStore(api, languageFor(navigator.language));
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
