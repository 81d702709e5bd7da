import { useTranslation } from 'react-i18next';

/** Staff whose work is in another of central's apps, and where that app is. */
const WHERE = {
  advisor: { href: '/console/', keys: 'advisor' },
  it: { href: '/fleet/', keys: 'it' },
} as const;

/**
 * What an advisor or IT person sees here: the figures are not for their role, and a link to their
 * own tool (the advisor console, the fleet view), instead of an error about figures they were
 * never meant to see.
 */
export function ElsewherePage({ role }: { role: keyof typeof WHERE }) {
  const { t } = useTranslation();
  const { href, keys } = WHERE[role];
  return (
    <section className="db-advisor" aria-labelledby="elsewhere-title" data-testid={`${role}-refused`}>
      <h2 id="elsewhere-title">{t(`${keys}.title`)}</h2>
      <p>{t(`${keys}.text`)}</p>
      <p>
        <a href={href} className="db-link">
          {t(`${keys}.link`)}
        </a>
      </p>
    </section>
  );
}
