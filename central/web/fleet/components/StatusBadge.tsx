import { useTranslation } from 'react-i18next';
import type { FleetStatus } from '../../../../protocol/fleet.ts';

/** Status in words, with a colour and a shape, so it never relies on colour alone. */
export function StatusBadge(props: { status: FleetStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`fl-status fl-status--${props.status}`}>
      <span className="fl-status__mark" aria-hidden="true" />
      {t(`status.${props.status}`)}
    </span>
  );
}
