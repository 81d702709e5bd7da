import { Logo, LogoSize, logoFiDark, logoSvDark } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { STAFF_LANGUAGES, type StaffLanguage } from './display-names.ts';

/** Each language named in itself, so a reader finds theirs whatever the page's language. */
const LANGUAGE_NAMES: Record<StaffLanguage, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

/**
 * The city header of the dashboard and the fleet view: bus-blue bar with the Helsinki logo (Swedish
 * logo in Swedish), the app's title, the language buttons and, once someone is logged in, who it is
 * and "log out". Its words are the app's own, under the keys `app.header.title`, `.cityName`,
 * `.language`, `.loggedInAs` (with `{{name}}`) and `.logout`.
 */
export function StaffHeader(props: { userName: string | null; onLogout: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <header className="staff-header">
      <div className="staff-header__brand">
        <Logo
          src={i18n.language === 'sv' ? logoSvDark : logoFiDark}
          size={LogoSize.Medium}
          alt={t('app.header.cityName')}
        />
        <h1>{t('app.header.title')}</h1>
      </div>
      <div className="staff-header__tools">
        <span role="group" aria-label={t('app.header.language')} className="staff-header__langs">
          {STAFF_LANGUAGES.map((lang) => (
            <button
              key={lang}
              type="button"
              className="staff-hbtn"
              lang={lang}
              aria-pressed={i18n.language === lang}
              onClick={() => void i18n.changeLanguage(lang)}
            >
              {LANGUAGE_NAMES[lang]}
            </button>
          ))}
        </span>
        {props.userName !== null ? (
          <>
            <span className="staff-header__user">{t('app.header.loggedInAs', { name: props.userName })}</span>
            <button type="button" className="staff-hbtn" onClick={props.onLogout}>
              {t('app.header.logout')}
            </button>
          </>
        ) : null}
      </div>
    </header>
  );
}
