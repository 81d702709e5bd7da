import { useTranslation } from 'react-i18next';
import type { Language } from '../../protocol/events.ts';
import { offeredLanguages } from '../i18n/create-i18n.ts';

/**
 * Language buttons, each labelled in its own language (a visitor who cannot read the current
 * one must still find theirs), with `lang` set so screen readers pronounce it right.
 * The names come from the current language's `languages` block, which holds every language's
 * own name and is the same in every locale (locales.test.ts), so the other languages' texts
 * need not be loaded to show them.
 */
export function LanguagePicker({
  choose,
  current,
  compact = false,
}: {
  /** Switches the station to `language` (once its texts are loaded, see `App`). */
  choose: (language: Language) => void;
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
              onClick={() => choose(language)}
            >
              {t(`languages.${language}`)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
