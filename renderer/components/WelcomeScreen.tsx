import { Button, ButtonVariant, IconArrowRight, IconLocation, IconTextTool } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../protocol/events.ts';
import type { StationView } from '../../protocol/ipc.ts';
import { LanguagePicker } from './LanguagePicker.tsx';
import { WelcomeMessage } from './WelcomeMessage.tsx';

/** The first screen: language, settings, help and a big start button. */
export function WelcomeScreen({
  view,
  onStart,
  onAccessibility,
  chooseLanguage,
  helpButton,
}: {
  view: StationView;
  /** Starts a session (the shell first makes sure the launcher's code is loaded). */
  onStart: () => void;
  onAccessibility: () => void;
  chooseLanguage: (language: Language) => void;
  helpButton: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <main className="welcome" id="main">
      <div className="welcome-top">
        <p className="location">
          <IconLocation aria-hidden="true" /> {t('welcome.location', { location: view.locationName })}
        </p>
        <div className="welcome-help">{helpButton}</div>
      </div>
      <h1 className="welcome-title">{t('welcome.heading')}</h1>
      <WelcomeMessage message={view.welcomeMessage} />
      <p className="lead">{t('welcome.intro')}</p>
      <LanguagePicker choose={chooseLanguage} current={view.language} />
      <div className="button-row welcome-actions">
        <Button
          className="start-button"
          variant={ButtonVariant.Primary}
          iconEnd={<IconArrowRight aria-hidden="true" className="flip-rtl" />}
          onClick={onStart}
        >
          {t('welcome.start')}
        </Button>
        <Button
          variant={ButtonVariant.Secondary}
          iconStart={<IconTextTool aria-hidden="true" />}
          onClick={onAccessibility}
        >
          {t('welcome.accessibility')}
        </Button>
      </div>
    </main>
  );
}
