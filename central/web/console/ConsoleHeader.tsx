import { Logo, LogoSize, logoFiDark, logoSvDark } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { AdvisorPresence } from '../../../protocol/help.ts';

/**
 * The console's top bar on the city's dark blue: the Helsinki logo, the title, and every control
 * an advisor needs all day (presence, alerts, language, log out). Its buttons are drawn white on
 * blue (12:1) and wrap under the title on a narrow screen instead of leaving an empty block.
 */
export function ConsoleHeader(props: {
  connected: boolean;
  presence: AdvisorPresence | null;
  onTogglePresence: () => void;
  presenceBusy: boolean;
  alertsOn: boolean;
  onEnableAlerts: () => void;
  onLogout: () => void;
}) {
  const { t, i18n } = useTranslation();
  const online = props.presence === 'online';
  return (
    <header className="console-header">
      <div className="console-header__brand">
        <Logo src={i18n.language === 'sv' ? logoSvDark : logoFiDark} size={LogoSize.Medium} alt={t('app.cityName')} />
        <h1>{t('app.title')}</h1>
      </div>
      <div className="console-header__tools">
        <p className="console-header__status" role="status" data-testid="console-connection">
          <span className={props.connected ? 'console-dot console-dot--on' : 'console-dot'} aria-hidden="true" />
          {props.connected ? t('app.live') : t('app.reconnecting')}
        </p>
        <p className="console-header__status" data-testid="console-presence">
          {t('presence.youAre')} <strong>{props.presence === null ? '…' : t(`presence.${props.presence}`)}</strong>
        </p>
        <button
          type="button"
          className="console-hbtn"
          disabled={props.presence === null || props.presenceBusy}
          onClick={props.onTogglePresence}
        >
          {online ? t('presence.goAway') : t('presence.goOnline')}
        </button>
        {props.alertsOn ? (
          <p className="console-header__status">{t('alerts.on')}</p>
        ) : (
          <button type="button" className="console-hbtn" onClick={props.onEnableAlerts}>
            {t('app.enableAlerts')}
          </button>
        )}
        <label className="console-select">
          <span>{t('app.language')}</span>
          <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
            <option value="fi" lang="fi">
              Suomi
            </option>
            <option value="sv" lang="sv">
              Svenska
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
        </label>
        <button type="button" className="console-hbtn" onClick={props.onLogout}>
          {t('app.logout')}
        </button>
      </div>
    </header>
  );
}
