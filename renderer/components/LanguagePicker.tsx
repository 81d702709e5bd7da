import { useTranslation } from 'react-i18next';
import type { Language } from '../../protocol/events.ts';
import type { KioskApi } from '../../protocol/ipc.ts';
import { offeredLanguages } from '../i18n/create-i18n.ts';

/**
 * Language buttons, each labelled in its own language (a visitor who cannot read the current
 * one must still find theirs), with `lang` set so screen readers pronounce it right.
 */
export function LanguagePicker({
  kiosk,
  current,
  compact = false,
}: {
  kiosk: KioskApi;
  current: Language;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('welcome.chooseLanguage')} className={compact ? 'language-picker compact' : 'language-picker'}>
      {!compact && <h2 className="section-title">{t('welcome.chooseLanguage')}</h2>}
      <ul role="list">
        {offeredLanguages().map((language) => (
          <li key={language}>
            <button
              type="button"
              className="language-button"
              lang={language === 'fi-x-plain' ? 'fi' : language}
              aria-pressed={language === current}
              onClick={() => void kiosk.invoke('language:set', { language })}
            >
              {t(`languages.${language}`, { lng: language })}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
