import { Logo, LogoSize, logoFiDark, logoSvDark } from 'hds-react';
import { STAFF_LANGUAGES, type StaffLanguage } from './display-names.ts';

/** Each language named in itself, so a reader finds theirs whatever the page's language. */
const LANGUAGE_NAMES: Record<StaffLanguage, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

/** The header's words, in the app's language. */
export interface StaffHeaderTexts {
  title: string;
  cityName: string;
  /** Label of the language buttons' group. */
  language: string;
}

/**
 * The city header of the dashboard and the fleet view: bus-blue bar with the Helsinki logo (Swedish
 * logo in Swedish), the app's title, the language buttons and, once someone is logged in, who it is
 * and "log out".
 */
export function StaffHeader(props: {
  texts: StaffHeaderTexts;
  language: string;
  onLanguage: (language: StaffLanguage) => void;
  user: { loggedInAs: string; logout: string; onLogout: () => void } | null;
}) {
  return (
    <header className="staff-header">
      <div className="staff-header__brand">
        <Logo
          src={props.language === 'sv' ? logoSvDark : logoFiDark}
          size={LogoSize.Medium}
          alt={props.texts.cityName}
        />
        <h1>{props.texts.title}</h1>
      </div>
      <div className="staff-header__tools">
        <span role="group" aria-label={props.texts.language} className="staff-header__langs">
          {STAFF_LANGUAGES.map((lang) => (
            <button
              key={lang}
              type="button"
              className="staff-hbtn"
              lang={lang}
              aria-pressed={props.language === lang}
              onClick={() => props.onLanguage(lang)}
            >
              {LANGUAGE_NAMES[lang]}
            </button>
          ))}
        </span>
        {props.user ? (
          <>
            <span className="staff-header__user">{props.user.loggedInAs}</span>
            <button type="button" className="staff-hbtn" onClick={props.user.onLogout}>
              {props.user.logout}
            </button>
          </>
        ) : null}
      </div>
    </header>
  );
}
