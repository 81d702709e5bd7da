import { useTranslation } from 'react-i18next';
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
          <span>{contacts.phoneHours}</span>
        </dd>
      </div>
      <div>
        <dt>{t('contacts.inPerson')}</dt>
        <dd>
          <span className="help-contacts__main">{contacts.inPersonPlace}</span>
          <span>{contacts.inPersonHours}</span>
        </dd>
      </div>
    </dl>
  );
}
