import { Logo, LogoSize, logoFiDark, logoSvDark } from 'hds-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetApi, Me } from '../fleet-api.ts';
import { FLEET_LANGUAGES } from '../i18n.ts';
import { LoginForm } from './LoginForm.tsx';
import { StationList } from './StationList.tsx';
import { StationPage } from './StationPage.tsx';

const LANGUAGE_NAMES = { fi: 'Suomi', sv: 'Svenska', en: 'English' } as const;

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
      <header className="fl-header">
        <div className="fl-header__brand">
          <Logo
            src={i18n.language === 'sv' ? logoSvDark : logoFiDark}
            size={LogoSize.Medium}
            alt={t('app.header.cityName')}
          />
          <h1>{t('app.header.title')}</h1>
        </div>
        <div className="fl-header__tools">
          <span role="group" aria-label={t('app.header.language')} className="fl-header__langs">
            {FLEET_LANGUAGES.map((lang) => (
              <button
                key={lang}
                type="button"
                className="fl-hbtn"
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
              <span className="fl-header__user">{t('app.header.loggedInAs', { name: me.name })}</span>
              <button type="button" className="fl-hbtn" onClick={() => void logout()}>
                {t('app.header.logout')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main">
        {me === undefined ? null : me === null ? (
          <LoginForm api={props.api} onLoggedIn={setMe} />
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
