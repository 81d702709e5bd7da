import { useTranslation } from 'react-i18next';

/** Staff whose work is in another of central's apps, and where that app is; texts are under the role's key. */
const WHERE = { advisor: '/console/', it: '/fleet/' } as const;

/**
 * What an advisor or IT person sees here: the figures are not for their role, and a link to their
 * own tool (the advisor console, the fleet view), instead of an error about figures they were
 * never meant to see.
 */
export function ElsewherePage({ role }: { role: keyof typeof WHERE }) {
  const { t } = useTranslation();
  return (
    <section className="db-advisor" aria-labelledby="elsewhere-title" data-testid={`${role}-refused`}>
      <h2 id="elsewhere-title">{t(`${role}.title`)}</h2>
      <p>{t(`${role}.text`)}</p>
      <p>
        <a href={WHERE[role]} className="db-link">
          {t(`${role}.link`)}
        </a>
      </p>
    </section>
  );
}
