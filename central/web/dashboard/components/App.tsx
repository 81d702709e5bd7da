import { Notification } from 'hds-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffHeader } from '../../shared/StaffHeader.tsx';
import { StaffLoginForm } from '../../shared/StaffLoginForm.tsx';
import { staffLoginTexts } from '../../shared/staff-texts.ts';
import type { DashboardApi, Me } from '../dashboard-api.ts';
import { failureText } from '../errors.ts';
import { Dashboard } from './Dashboard.tsx';
import { ElsewherePage } from './ElsewherePage.tsx';
import { ServiceReport } from './ServiceReport.tsx';

/**
 * The city header (logo, title, language, log out), then: the login until someone is logged in,
 * the dashboard for a coordinator or admin (with the service report one tab away), the service
 * report alone for an e-service owner, and a page pointing an advisor to the console and IT to the
 * fleet view.
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
      <StaffHeader userName={me ? me.name : null} onLogout={() => void logout()} />
      <main id="main">
        {me === undefined ? null : me === null ? (
          <>
            {ended ? (
              <Notification type="alert" label={ended} className="db-login-notice">
                {null}
              </Notification>
            ) : null}
            <StaffLoginForm
              texts={staffLoginTexts(t, (key) => i18n.exists(key))}
              login={props.api.login}
              failureLabel={(failure) => t('login.form.failed', { message: failureText(t, failure, 'login') })}
              onLoggedIn={(who) => {
                setEnded(null);
                setMe(who);
              }}
            />
          </>
        ) : me.role === 'advisor' || me.role === 'it' ? (
          <ElsewherePage role={me.role} />
        ) : me.role === 'service-owner' ? (
          <ServiceReport api={props.api} onLoggedOut={loggedOut} />
        ) : (
          <>
            <nav aria-label={t('nav.label')} className="db-views">
              {(['usage', 'service-report'] as const).map((id) => (
                <button
                  key={id}
                  type="button"
                  className="staff-hbtn db-views__tab"
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
