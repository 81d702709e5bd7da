import { Logo, LogoSize, Notification, logoFiDark, logoSvDark } from 'hds-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardApi, Me } from '../dashboard-api.ts';
import { DASHBOARD_LANGUAGES } from '../i18n.ts';
import { AdvisorPage } from './AdvisorPage.tsx';
import { Dashboard } from './Dashboard.tsx';
import { LoginForm } from './LoginForm.tsx';
import { ServiceReport } from './ServiceReport.tsx';

const LANGUAGE_NAMES = { fi: 'Suomi', sv: 'Svenska', en: 'English' } as const;

/**
 * The city header (logo, title, language, log out), then: the login until someone is logged in,
 * the dashboard for a coordinator or admin (with the service report one tab away), the service
 * report alone for an e-service owner, and a page pointing an advisor to the console.
 */
export function App(props: { api: DashboardApi }) {
  const { t, i18n } = useTranslation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [ended, setEnded] = useState<string | null>(null);
  const [view, setView] = useState<'usage' | 'service-report'>('usage');
  useEffect(() => {
    props.api.me().then(setMe, () => setMe(null));
  }, [props.api]);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  const loggedOut = (why: string) => {
    setEnded(why);
    setMe(null);
  };
  const logout = async () => {
    if (me) await props.api.logout(me.csrfToken).catch(() => undefined);
    setEnded(null);
    setMe(null);
  };
  return (
    <>
      <header className="db-header">
        <div className="db-header__brand">
          <Logo
            src={i18n.language === 'sv' ? logoSvDark : logoFiDark}
            size={LogoSize.Medium}
            alt={t('app.header.cityName')}
          />
          <h1>{t('app.header.title')}</h1>
        </div>
        <div className="db-header__tools">
          <span role="group" aria-label={t('app.header.language')} className="db-header__langs">
            {DASHBOARD_LANGUAGES.map((lang) => (
              <button
                key={lang}
                type="button"
                className="db-hbtn"
                lang={lang}
                aria-pressed={i18n.language === lang}
                onClick={() => void i18n.changeLanguage(lang)}
              >
                {LANGUAGE_NAMES[lang]}
              </button>
            ))}
          </span>
          {me ? (
            <>
              <span className="db-header__user">{t('app.header.loggedInAs', { name: me.name })}</span>
              <button type="button" className="db-hbtn" onClick={() => void logout()}>
                {t('app.header.logout')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main">
        {me === undefined ? null : me === null ? (
          <>
            {ended ? (
              <Notification type="alert" label={ended} className="db-login-notice">
                {null}
              </Notification>
            ) : null}
            <LoginForm
              api={props.api}
              onLoggedIn={(who) => {
                setEnded(null);
                setMe(who);
              }}
            />
          </>
        ) : me.role === 'advisor' ? (
          <AdvisorPage />
        ) : me.role === 'service-owner' ? (
          <ServiceReport api={props.api} onLoggedOut={loggedOut} />
        ) : (
          <>
            <nav aria-label={t('nav.label')} className="db-views">
              {(['usage', 'service-report'] as const).map((id) => (
                <button
                  key={id}
                  type="button"
                  className="db-hbtn db-views__tab"
                  aria-pressed={view === id}
                  onClick={() => setView(id)}
                >
                  {t(id === 'usage' ? 'nav.usage' : 'nav.serviceReport')}
                </button>
              ))}
            </nav>
            {view === 'usage' ? (
              <Dashboard api={props.api} onLoggedOut={loggedOut} />
            ) : (
              <ServiceReport api={props.api} onLoggedOut={loggedOut} />
            )}
          </>
        )}
      </main>
    </>
  );
}
