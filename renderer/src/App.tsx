import { useEffect } from 'react';
import iconUrl from '../../assets/icon.svg';
import { isLanguage } from './i18n/index.ts';
import { LANGUAGE_NAMES, LANGUAGES } from './i18n/messages.ts';
import { AdaptersScreen } from './screens/AdaptersScreen.tsx';
import { useAppState, useT } from './store/context.tsx';

export function App() {
  const t = useT();
  const language = useAppState((s) => s.language);
  const setLanguage = useAppState((s) => s.setLanguage);
  const appInfo = useAppState((s) => s.appInfo);
  const loadAppInfo = useAppState((s) => s.loadAppInfo);

  useEffect(() => {
    void loadAppInfo();
  }, [loadAppInfo]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);

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
        <span className="tab active" aria-current="page">
          {t('nav.adapters')}
        </span>
      </nav>
      <main>
        <AdaptersScreen />
      </main>
      {appInfo && (
        <footer className="muted">
          v{appInfo.version} · {appInfo.platform} · {t(`shell.${appInfo.shell}`)}
        </footer>
      )}
    </div>
  );
}
