import { useTranslation } from 'react-i18next';
import type { OpeningStatus } from '../../protocol/help.ts';
import type { StationView } from '../../protocol/ipc.ts';

/** The ways to get help that need no central: the phone line and the nearest in-person desk. */
export function HelpContacts({ contacts }: { contacts: StationView['helpContacts'] }) {
  const { t } = useTranslation('help');
  return (
    <dl className="help-contacts">
      <div>
        <dt>{t('contacts.phone')}</dt>
        <dd>
          <span className="help-contacts__main" dir="ltr">
            {contacts.phone}
          </span>
          <OpeningStatusLine status={contacts.phoneStatus} testId="help-contacts-phone-status" />
          <span>{contacts.phoneHours}</span>
        </dd>
      </div>
      <div>
        <dt>{t('contacts.inPerson')}</dt>
        <dd>
          <span className="help-contacts__main">{contacts.inPersonPlace}</span>
          <OpeningStatusLine status={contacts.inPersonStatus} testId="help-contacts-in-person-status" />
          <span>{contacts.inPersonHours}</span>
        </dd>
      </div>
    </dl>
  );
}

/** "Open now, until 12:00" / "Closed now. Opens on Monday at 9:00." in the visitor's language. */
function OpeningStatusLine({ status, testId }: { status: OpeningStatus | null; testId: string }) {
  const { t, i18n } = useTranslation('help');
  if (!status || status.state === 'unknown') return null;
  const language = i18n.language;
  if (status.state === 'open')
    return (
      <strong className="help-contacts__status help-contacts__status--open" data-testid={testId}>
        {t('contacts.openUntil', { time: clockText(status.closes, language) })}
      </strong>
    );
  const { day, date, time } = status.opens;
  const dayText =
    day === 'date' ? t('contacts.day.date', { date: dateText(date, language) }) : t(`contacts.day.${day}`);
  return (
    <strong className="help-contacts__status" data-testid={testId}>
      {t('contacts.closedOpens', { day: dayText, time: clockText(time, language) })}
    </strong>
  );
}

/** "09:00" as people write it: "9.00" in Finnish and Swedish, "9:00" elsewhere (Latin digits, like the phone number). */
function clockText(clock: string, language: string): string {
  const [hours = '0', minutes = '00'] = clock.split(':');
  const separator = language.startsWith('fi') || language === 'sv' ? '.' : ':';
  return `${Number(hours)}${separator}${minutes}`;
}

function dateText(isoDate: string, language: string): string {
  const locale = language === 'fi-x-plain' ? 'fi' : `${language}-u-nu-latn`;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T12:00:00Z`),
  );
}
