import { useTranslation } from 'react-i18next';

/** What an advisor sees here: the figures are not for this role, and where their own tool is. */
export function AdvisorPage() {
  const { t } = useTranslation();
  return (
    <section className="db-advisor" aria-labelledby="advisor-title" data-testid="advisor-refused">
      <h2 id="advisor-title">{t('advisor.title')}</h2>
      <p>{t('advisor.text')}</p>
      <p>
        <a href="/console/" className="db-link">
          {t('advisor.link')}
        </a>
      </p>
    </section>
  );
}
