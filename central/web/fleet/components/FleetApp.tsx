import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffHeader } from '../../shared/StaffHeader.tsx';
import { StaffLoginForm } from '../../shared/StaffLoginForm.tsx';
import { staffLoginTexts } from '../../shared/staff-texts.ts';
import { ApiFailure, type FleetApi, type Me } from '../fleet-api.ts';
import { StationList } from './StationList.tsx';
import { StationPage } from './StationPage.tsx';

/**
 * Why a login failed, as the dashboard says it: wrong name or password (never which), too many
 * tries, central unreachable, or central's own error.
 */
function loginFailureKey(failure: unknown): string {
  const status = failure instanceof ApiFailure ? failure.status : 0;
  if (status === 0) return 'login.failure.unreachable';
  if (status === 429) return 'login.failure.tooMany';
  if (status === 400 || status === 401) return 'login.failure.badLogin';
  return 'login.failure.server';
}

/** `#/station/<id>` opens a station's page; anything else is the list. */
function stationFromHash(hash: string): string | null {
  const match = /^#\/station\/(.+)$/.exec(hash);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/**
 * The city header (logo, title, language, log out), then the login until someone is logged in,
 * the fleet for IT staff and admins, and a pointer elsewhere for every other role.
 */
export function FleetApp(props: { api: FleetApi }) {
  const { t, i18n } = useTranslation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [station, setStation] = useState<string | null>(stationFromHash(window.location.hash));
  useEffect(() => {
    props.api.me().then(setMe, () => setMe(null));
  }, [props.api]);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    window.localStorage.setItem('fleet.language', i18n.language);
  }, [i18n.language]);
  useEffect(() => {
    const follow = () => setStation(stationFromHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const logout = async () => {
    await props.api.logout().catch(() => undefined);
    setMe(null);
  };
  const allowed = me && (me.role === 'it' || me.role === 'admin');
  return (
    <>
      <StaffHeader userName={me ? me.name : null} onLogout={() => void logout()} />
      <main id="main">
        {me === undefined ? null : me === null ? (
          <StaffLoginForm
            texts={staffLoginTexts(t, (key) => i18n.exists(key))}
            login={props.api.login}
            failureLabel={(failure) => t('login.form.failed', { message: t(loginFailureKey(failure)) })}
            onLoggedIn={setMe}
          />
        ) : !allowed ? (
          <p className="fl-note">{t('app.notForYou')}</p>
        ) : station ? (
          <StationPage api={props.api} stationId={station} />
        ) : (
          <StationList api={props.api} />
        )}
      </main>
    </>
  );
}
