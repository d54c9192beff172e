import { useEffect } from 'react';
import iconUrl from '../../assets/icon.svg';
import { isLanguage } from './i18n/index.ts';
import { LANGUAGE_NAMES, LANGUAGES } from './i18n/messages.ts';
import { AdaptersScreen } from './screens/AdaptersScreen.tsx';
import { DiagnoseScreen } from './screens/DiagnoseScreen.tsx';
import { ExplainScreen } from './screens/ExplainScreen.tsx';
import { useAppState, useT } from './store/context.tsx';
import type { Screen } from './store/store.ts';

export function App() {
  const t = useT();
  const language = useAppState((s) => s.language);
  const setLanguage = useAppState((s) => s.setLanguage);
  const appInfo = useAppState((s) => s.appInfo);
  const loadAppInfo = useAppState((s) => s.loadAppInfo);
  const screen = useAppState((s) => s.screen);
  const setScreen = useAppState((s) => s.setScreen);
  const tabs: Array<[Screen, string]> = [
    ['diagnose', t('nav.diagnose')],
    ['adapters', t('nav.adapters')],
    ['explain', t('nav.explain')],
  ];

  useEffect(() => {
    void loadAppInfo();
  }, [loadAppInfo]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);
  useEffect(() => {
    // The app's icon in the tab (the harness) and the window list.
    const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]') ?? document.createElement('link');
    link.rel = 'icon';
    link.type = 'image/svg+xml';
    link.href = iconUrl;
    document.head.appendChild(link);
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <div>
          <h1>
            <img src={iconUrl} alt="" width="28" height="28" /> {t('app.title')}
          </h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <label className="lang">
          {t('lang.label')}{' '}
          <select
            data-testid="language-select"
            value={language}
            onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value)}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <nav className="tabs" aria-label="Main">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            className={`tab${screen === id ? ' active' : ''}`}
            aria-current={screen === id ? 'page' : undefined}
            onClick={() => setScreen(id)}
          >
            {label}
          </button>
        ))}
      </nav>
      <main>{screen === 'diagnose' ? <DiagnoseScreen /> : screen === 'adapters' ? <AdaptersScreen /> : <ExplainScreen />}</main>
      {appInfo && (
        <footer className="muted">
          v{appInfo.version} · {t(`platform.${appInfo.bundle?.platform ?? appInfo.platform}`)}
          {appInfo.bundle ? ` · ${t('footer.bundle', { name: appInfo.bundle.name })}` : ''} · {t(`shell.${appInfo.shell}`)}
        </footer>
      )}
    </div>
  );
}
