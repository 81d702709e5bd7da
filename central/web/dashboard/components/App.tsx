import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardApi, Me } from '../dashboard-api.ts';
import { DASHBOARD_LANGUAGES } from '../i18n.ts';
import { Dashboard } from './Dashboard.tsx';
import { LoginForm } from './LoginForm.tsx';

/** Shows the login until a coordinator (or admin) is logged in, then the dashboard. */
export function App(props: { api: DashboardApi }) {
  const { t, i18n } = useTranslation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    props.api.me().then(setMe, () => setMe(null));
  }, [props.api]);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  const logout = async () => {
    if (me) await props.api.logout(me.csrfToken).catch(() => undefined);
    setMe(null);
  };
  return (
    <>
      <header className="db-header">
        <h1>{t('app.header.title')}</h1>
        <div>
          <span role="group" aria-label={t('app.header.language')}>
            {DASHBOARD_LANGUAGES.map((lang) => (
              <button
                key={lang}
                type="button"
                className="db-lang"
                lang={lang}
                aria-pressed={i18n.language === lang}
                onClick={() => void i18n.changeLanguage(lang)}
              >
                {lang.toUpperCase()}
              </button>
            ))}
          </span>
          {me ? (
            <button type="button" className="db-lang" onClick={() => void logout()}>
              {t('app.header.logout')} ({me.name})
            </button>
          ) : null}
        </div>
      </header>
      <main>
        {me === undefined ? null : me ? (
          <Dashboard api={props.api} onLoggedOut={() => setMe(null)} />
        ) : (
          <LoginForm api={props.api} onLoggedIn={setMe} />
        )}
      </main>
    </>
  );
}
